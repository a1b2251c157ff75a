"""Numbers as written in English, Persian and Arabic text: digits with thousands
separators ("30,000", "4.200", "۳۰٬۰۰۰"), scale words ("30 thousand", "۳۰ هزار",
"30 ألفاً"), number words ("thirty thousand", "سی هزار", "ثلاثين ألف") and vague
quantities ("thousands", "هزاران", "آلاف", "tens of thousands") with the least they can
mean. Works on `fold`ed text (ASCII digits, one spelling per letter)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from gavah.core.extract import lexicon as lx
from gavah.core.text import digit_runs, fold, letter_runs, matches_at, run_starts


@dataclass(frozen=True)
class Number:
    start: int  # [start, end) in the folded text
    end: int
    value: float | None  # None for a vague quantity
    vague_min: float | None  # least value a vague quantity can mean ("thousands" -> 2000)
    words: bool  # written in words, not digits


def _table(spec: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in spec.split():
        words, value = item.rsplit("=", 1)
        for word in words.split("|"):
            out[fold(word)] = int(value)
    return out


_SMALL = _table(
    "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 "
    "twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 "
    "twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90 "
    "یک=1 دو=2 سه=3 چهار=4 پنج=5 شش=6 هفت=7 هشت=8 نه=9 ده=10 یازده=11 دوازده=12 سیزده=13 "
    "چهارده=14 پانزده=15 شانزده=16 هفده=17 هجده|هیجده=18 نوزده=19 بیست=20 سی=30 چهل=40 پنجاه=50 "
    "شصت=60 هفتاد=70 هشتاد=80 نود=90 صد|یکصد=100 دویست=200 سیصد=300 چهارصد=400 پانصد=500 "
    "ششصد=600 هفتصد=700 هشتصد=800 نهصد=900 پنجصد=500 "
    # thousands written as one word, as in Dari ("یکهزار و سه صد", "دوهزار و پنجصد")
    "یکهزار=1000 دوهزار=2000 سههزار=3000 چهارهزار=4000 پنجهزار=5000 ششهزار=6000 "
    "هفتهزار=7000 هشتهزار=8000 نههزار=9000 دههزار=10000 "
    "واحد=1 اثنان|اثنين|اثنتان=2 ثلاث|ثلاثة=3 أربع|أربعة=4 خمس|خمسة=5 ست|ستة=6 سبع|سبعة=7 "
    "ثمان|ثماني|ثمانية=8 تسع|تسعة=9 عشر|عشرة=10 عشرون|عشرين=20 ثلاثون|ثلاثين=30 أربعون|أربعين=40 "
    "خمسون|خمسين=50 ستون|ستين=60 سبعون|سبعين=70 ثمانون|ثمانين=80 تسعون|تسعين=90 "
    "مئة|مائة=100 مئتان|مئتين|مائتان|مائتين=200"
)
_HUNDRED = {fold(w) for w in ("hundred", "صد")}
_SAD = fold("صد")
_PER = {fold(w) for w in ("در", "فی")}  # "در صد", "فی صد": per hundred
_SCALE = _table(
    "thousand|thousands|هزار|ألف|ألفا|ألفاً|آلاف|الف=1000 million|millions|میلیون|مليون|"
    "ملايين=1000000 billion|billions|میلیارد|مليار=1000000000"
)
_JOINERS = {fold(w) for w in ("and", "و", "-")}
_AZ = fold("از")
# a small Persian number typed onto the noun it counts, as older Dari pages write them
_GLUED_NUMBERS = "|".join(fold(w) for w in ("دو", "سه", "چهار", "پنج", "شش", "هفت", "هشت", "ده"))
_GLUED_COUNT = re.compile(
    "(?P<n>{})(?:(?:{})(?:{})?|(?:{})[^\\W\\d_]*)".format(
        _GLUED_NUMBERS,
        "|".join(fold(w) for w in ("نفر", "تن", "سرباز", "عسکر", "شهروند", "داکتر", "پولیس",
                                   "پلیس", "پليس", "کودک", "زن", "مرد", "کاروان", "غیرنظامی",
                                   "ملکی", "کارمند", "زندانی", "خبرنگار", "روزنامه")),
        "|".join(fold(w) for w in ("دیگر", "ديگر", "را", "ها", "های", "ی", "آمریکائی",
                                   "آمريکائی", "آمریکایی", "افغان", "دوتابعیتی")),
        # a longer noun may run on into the next word too: "چهارسربازناتو", "چهارمامورپليس"
        "|".join(fold(w) for w in ("سرباز", "عسکر", "مامور", "مأمور", "پولیس", "پلیس",
                                   "پليس", "شهروند", "کارمند", "زندانی", "خبرنگار")),
    )
)
_FA_SCALES = tuple(w for w in _SCALE if not w.isascii() and w not in ("الف", "الفا"))
_AND_BETWEEN = re.compile(r"\s+(?:and|و)\s*$")
# Arabic number words that are other Persian words once folded: "مایه" (مائة), "واحد"
# (a unit), "ست", "خمس" (a fifth), "سبع", "عشر" (a tenth)
_ARABIC_ONLY = frozenset(
    fold(w)
    for w in ("مائة", "مئة", "مائتان", "مئتان", "واحد", "ست", "خمس", "سبع", "عشر", "تسع", "ثمان")
)
_ALEF = fold("الف")
# Latin letters spelled in Persian: "سی" is thirty, or the C of "یو ان اچ سی آر" (UNHCR),
# "سی ان ان" (CNN), "بی بی سی" (BBC) between other letters' names
_SI = fold("سی")
_LETTER_NAMES = frozenset(fold(w) for w in (
    "ای", "بی", "سی", "دی", "اف", "جی", "اچ", "آی", "کی", "ال", "ام", "ان", "او", "پی", "کیو",
    "آر", "اس", "تی", "یو", "وی", "دبلیو", "ایکس", "وای", "زد"))
_NOT_COUNTED = {fold(w) for w in lx.NOUN_PHRASE_STOP.split()} | set(lx.ALL_VERBS)
# Written as the text reads once folded (gavah.core.text.fold): Arabic مئات (hundreds)
# folds to میات, and a pattern with the unfolded word never matched.
_VAGUE = [  # (the words may run over a line break: "tens of\nthousands")
    (re.compile(p.replace(" ?", r"\s*").replace(" ", r"\s+")), v)
    for p, v in [
        # "hundreds of millions", "صد ها میلیون": the least they mean, not "hundreds" and
        # "millions" apart
        (r"(?:hundreds of millions|صد ?ها م(?:ی)?لیون)", 200_000_000),
        (r"(?:tens of millions|ده ?ها م(?:ی)?لیون)", 20_000_000),
        (
            r"(?:(?:a few |several )?tens of thousands|چند(?:ین)? ده هزار|ده ?ها هزار|"
            r"عشرات (?:ال)?الاف)",
            20_000,
        ),
        (r"(?:hundreds of thousands|صد ?ها هزار|میات (?:ال)?الاف)", 200_000),
        # Dari writes "millions" apart, and may type it onto its preposition: "بمليون ها"
        (r"(?:millions|ب?م(?:ی)?لیون ?ها|ملایین)(?! of dollars)", 2_000_000),
        (r"(?:(?:a few|several|some) thousand|چند(?:ین)? هزار|بضع(?:ة)? الاف|عدة الاف)", 2_000),
        (r"(?:(?:a few|several|some) hundred|چند(?:ین)? صد|بضع(?:ة)? میات|عدة میات)", 200),
        (r"(?:thousands|هزاران|الاف)", 2_000),
        (r"(?:hundreds|صدها|صد ها|میات)", 200),
        (r"(?:(?:a few|several|some) dozen|dozens|دهها|ده ها|عشرات)", 24),
        (r"(?:(?:a few|several) tens|چند(?:ین)? ده)", 20),  # "a few tens": at least two tens
    ]
]
# "half a million", "نیم میلیون", "one-quarter of a million", "three quarters of a million": a
# part of the scale
_NIM = fold("نیم")
# (also "a quarter-million", "a quarter million", "a half-million", "half-a-million")
_HALF = re.compile(rf"(?<![^\W\d_])(?P<part>(?:an?\s+)?half(?:[\s-]+an?)?|{_NIM}|"
                   r"(?:an?\s+|one[- ])?quarter(?:\s+of\s+an?)?|"
                   r"three[- ]quarters(?:\s+of\s+an?)?)[\s-]+(?P<scale>million|billion|thousand|"
                   rf"{fold('میلیون')}|{fold('مليون')}|{fold('هزار')}|{fold('میلیارد')})"
                   r"(?![^\W\d_])")
# "over a dozen officials": a dozen is twelve ("dozens" above is vague)
_DOZEN = re.compile(r"(?<![^\W\d_])(half a|a|one|two|three|four|five|six|seven|eight|nine|ten)"
                    r" dozen(?![^\W\d_])")
_DOZENS = {"half a": 6.0, "a": 12.0, "one": 12.0, "two": 24.0, "three": 36.0, "four": 48.0,
           "five": 60.0, "six": 72.0, "seven": 84.0, "eight": 96.0, "nine": 108.0, "ten": 120.0}
_DIGITS = re.compile(  # not after a sign: "+0430" is a time zone, "-5" not a count;
    # after a hyphen only in a range ("2,000-3,000"), not in "T-017"
    r"(?<![\d.,٫٬/+−])(?<!(?<!\d)-)(?:\d{1,3}(?:(?:,|٬|\u00a0|\u202f|'|’)\d{3})+|\d{1,3}(?:\.\d{3})+(?![\d.,])|\d+)"
    # a Persian noun may be glued to its number ("۳۳۰نفر"); a Latin letter makes a code
    r"(?:[.٫]\d+)?(?![0-9A-Za-z_/]|[.,]\d|[^\W\d_]{1,2}(?![^\W\d_])(?<!تن))"
)
_AND_DIGITS = re.compile(  # "۱۰ هزار و ۶۰۰": the hundreds after a scale, not another scale
    r"\s+(?:and|و)\s*(\d{1,3})(?![\d.,٫٬]|\s*(?:هزار|thousand|million|میلیون))"
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LETTER_BOUND = r"(?<![^\W\d_])", r"(?![^\W\d_])"
_VAGUE_WORDS = [(re.compile(_LETTER_BOUND[0] + p.pattern + _LETTER_BOUND[1]), v) for p, v in _VAGUE]
# Each of them tried only where a run of letters that opens it starts (its first words,
# whole: the bounds), in a text holding a run it cannot do without: not scanned for at
# every character. (first words, runs one of which every match holds), in step with _VAGUE.
_VAGUE_RUNS = [
    (frozenset(first.split()), frozenset(held.split()))
    for first, held in (
        ("hundreds صدها صد", "millions میلیون ملیون"),
        ("tens دهها ده", "millions میلیون ملیون"),
        ("a several tens چند چندین دهها ده عشرات", "tens هزار عشرات"),
        ("hundreds صدها صد میات", "hundreds هزار میات"),
        ("millions میلیونها ملایین میلیون ملیون بمیلیون بملیون",
         "millions میلیونها ملایین میلیون ملیون بمیلیون بملیون"),
        ("a several some چند چندین بضع بضعة عدة", "thousand هزار الاف"),
        ("a several some چند چندین بضع بضعة عدة", "hundred صد میات"),
        ("thousands هزاران الاف", "thousands هزاران الاف"),
        ("hundreds صدها صد میات", "hundreds صدها صد میات"),
        ("a several some dozens دهها ده عشرات", "dozen dozens دهها ده عشرات"),
        ("a several چند چندین", "tens ده"),
    )
]
_SMALL_OR_SCALE = frozenset(_SMALL) | frozenset(_SCALE)
_NUMBER_PARTS = frozenset(_SMALL) | _HUNDRED | frozenset(_SCALE) | _JOINERS


def is_number_word(word: str) -> bool:
    """A folded word that is a number by itself ("five", "پنج", "hundred", "وشش"), not a
    joiner."""
    bare = word[1:] if word.startswith("و") and len(word) > 2 else word
    return bare in _SMALL_OR_SCALE or bare in _HUNDRED


_VAGUE_ALONE = frozenset(fold(w) for w in (
    "hundreds", "thousands", "dozens", "millions", "scores", "tens", "صدها", "هزاران", "دهها",
    "میلیونها", "ملیونها", "عشرات", "آلاف", "مئات"))


def is_vague_word(word: str) -> bool:
    """A folded word that is a vague amount by itself ("hundreds", "هزاران")."""
    return word in _VAGUE_ALONE


def is_glued_count(word: str) -> bool:
    """A folded word that is a small number typed onto the noun it counts ("دونفر",
    "چهارسربازناتو")."""
    return _GLUED_COUNT.fullmatch(word) is not None


@functools.lru_cache(maxsize=65536)
def _number_word(word: str) -> bool:
    """Every hyphenated part of the word is a number word, a joiner, or و + a number word
    (or از + one, as old Dari pages type "بیش ازیک میلیون")."""
    return all(p in _NUMBER_PARTS or (p.startswith("و") and p[1:] in _SMALL_OR_SCALE)
               or (p.startswith(_AZ) and p[2:] in _SMALL_OR_SCALE) for p in word.split("-"))


_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_SEPARATORS = re.compile(r"[,٬\u00a0\u202f'’]")
_MOMAYYEZ_THOUSANDS = re.compile(r"\d{1,3}٫\d{3}")


def _parse_digits(raw: str, scaled: bool = False) -> float:
    if "." in raw and _DOT_THOUSANDS.fullmatch(raw):
        return float(raw.replace(".", ""))  # "4.200": thousands separated by dots
    if not scaled and _MOMAYYEZ_THOUSANDS.fullmatch(raw):
        # "۸٫۰۰۰ مسلمان": Dari writes the decimal mark for thousands; a count with three
        # decimals is no count ("۱٫۲۵۰ میلیون", with its scale, stays 1.25 million)
        return float(raw.replace("٫", ""))
    raw = _SEPARATORS.sub("", raw).replace("٫", ".")
    return float(raw)


def _words_value(tokens: list[str]) -> float | None:
    total = current = last = 0.0
    seen = False
    for token in tokens:
        if token in _JOINERS:
            continue
        bare = token[1:] if token.startswith("و") and token[1:] in _SMALL_OR_SCALE else token
        bare = bare[2:] if bare.startswith(_AZ) and bare[2:] in _SMALL_OR_SCALE else bare
        if bare in _HUNDRED and 0 < last < 10 and bare in _SMALL:
            current += last * 99  # "سه صد": three hundred, written apart (صد is also 100)
            last = 0
        elif bare in _SMALL:
            last = _SMALL[bare]
            current += last
        elif bare in _HUNDRED:
            # "سه صد": the hundred multiplies the word before it, not "یکهزار و" before that
            unit = last if 0 < last < 100 else 0
            current = current - unit + max(unit, 1) * 100 if unit or current < 100 else current
            last = 0
        elif bare in _SCALE:
            total += max(current, 1) * _SCALE[bare]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


_WORD_AFTER = re.compile(r"\s*(?:-\s*)?([^\W\d_]+)")


_FA_AND = re.compile(r"\s+و\s*")


def _and_smaller(folded: str, end: int, scale: int) -> tuple[float, int] | None:
    """(value, end) of a smaller scaled number after "و" that a scaled number in digits
    runs on with: "۲ میلیون و ۵۰۰ هزار", "۲ میلیون و پانصد هزار" (2,500,000)."""
    joined = _FA_AND.match(folded, end)
    if joined is None:
        return None
    digits = _DIGITS.match(folded, joined.end())
    if digits is not None:
        inner, inner_end = _scale_after(folded, digits.end())
        value = _parse_digits(digits.group()) * inner
        return (value, inner_end) if 1 < inner < scale and value < scale else None
    words: list[re.Match[str]] = []
    for word in _WORD.finditer(folded, joined.end()):
        at = words[-1].end() if words else joined.end()
        if folded[at : word.start()].strip() or not _number_word(word.group()):
            break
        words.append(word)
    while words and words[-1].group() in _JOINERS:
        words.pop()
    tokens = [w.group() for w in words]
    said = _words_value(tokens) if tokens and tokens[-1] in _SCALE else None
    if said is None or not 1000 <= said < scale:
        return None
    return said, words[-1].end()


def _scale_after(folded: str, end: int) -> tuple[int, int]:
    """(multiplier, new end) for a scale word right after a number."""
    m = _WORD_AFTER.match(folded, end)
    if m and m.group(1) in _SCALE:
        return _SCALE[m.group(1)], m.end()
    if m and m.group(1) == _SAD and "-" not in folded[end : m.start(1)]:
        return 100, m.end()  # "۱۴ صد نفر": fourteen hundred, as Dari writes it
    if m and not m.group(1).isascii():
        # "50 هزارنفر": a Persian scale run together with the word after it
        for scale in _FA_SCALES:
            if m.group(1).startswith(scale) and len(m.group(1)) > len(scale) + 1:
                return _SCALE[scale], m.start(1) + len(scale)
    return 1, end


_QUALIFIER_ENDS = ("کم", "اقل")


def _glued(folded: str, start: int) -> bool:
    """A letter right before a digit ("T017", "in1988"), except an attached و ("و5000") or
    از as old Dari pages type them ("بیش از٢٠٠ هزار")."""
    if start == 0 or not folded[start - 1].isalpha():
        return False
    if folded[start - 1] == "و" and (start < 2 or not folded[start - 2].isalpha()):
        return False
    for word in _QUALIFIER_ENDS:  # "کم از کم۳۰", "حد اقل۲۰": a qualifier typed onto its number
        before = start - len(word) - 1
        if folded.endswith(word, 0, start) and (before < 0 or not folded[before].isalpha()):
            return False
    return not (folded.endswith("از", 0, start) and (start < 3 or not folded[start - 3].isalpha()))


def _after_number(folded: str, start: int) -> bool:
    m = re.search(r"([^\W_]+)\s*$", folded[max(0, start - 20) : start])
    return bool(m and (m.group(1).isdigit() or m.group(1) in _SMALL))


def _counted_after(folded: str, end: int) -> bool:
    """A word follows that can be what is counted: not punctuation, a verb or a small word
    ("ألف سجين", "a thousand prisoners"; not "شاهد الف گفت", Witness Alef said)."""
    m = re.compile(r"[ \t\u200c]*([^\W\d_][\w\u200c]*)").match(folded, end)
    return m is not None and m.group(1) not in _NOT_COUNTED


def _may_hold_number_words(runs: dict[str, list[int]]) -> bool:
    """A run of letters that can open a run of number words other than joiners: without
    one, every number word is "and"/"و" and the words say no number."""
    return any((r in _NUMBER_PARTS and r not in _JOINERS)
               or (r.startswith("و") and r[1:] in _SMALL_OR_SCALE) for r in runs)


def find_numbers(folded: str, language: str | None = None,
                 runs: dict[str, list[int]] | None = None,
                 digits: list[int] | None = None) -> list[Number]:
    """`language`: the document's ("fa", "ar", "en"); in Persian الف is the letter alef,
    written for a pseudonym or a list item, and a thousand is هزار. `runs` and `digits`:
    `letter_runs` and `digit_runs` of `folded`, when the caller has them."""
    found: list[Number] = []
    taken = bytearray(len(folded) + 1)  # characters already read as part of a number

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    runs = letter_runs(folded) if runs is None else runs
    for (pattern, least), (first, held) in zip(_VAGUE_WORDS, _VAGUE_RUNS, strict=True):
        if held.isdisjoint(runs):
            continue
        for m in matches_at(pattern, folded, run_starts(runs, first)):
            if " " not in m.group() and _after_number(folded, m.start()):
                continue  # "ثلاثة آلاف" is three thousand, not "thousands"
            if free(m.start(), m.end()):
                found.append(Number(m.start(), m.end(), None, float(least), True))
                take(m.start(), m.end())
    for m in _DOZEN.finditer(folded) if "dozen" in folded else ():
        if free(m.start(), m.end()):
            found.append(Number(m.start(), m.end(), _DOZENS[m.group(1)], None, True))
            take(m.start(), m.end())
    for m in _HALF.finditer(folded) if "half" in folded or "quarter" in folded or (
            _NIM in folded) else ():
        if free(m.start(), m.end()):  # "half a million", "نیم میلیون": 500,000
            part = m.group("part")
            share = 0.75 if part.startswith("three") else 0.25 if "quarter" in part else 0.5
            found.append(Number(m.start(), m.end(), _SCALE[m.group("scale")] * share, None, True))
            take(m.start(), m.end())
    # a number opens where a run of digits does: the pattern opens with look-behinds
    for m in matches_at(_DIGITS, folded, digit_runs(folded) if digits is None else digits):
        if not free(m.start(), m.end()) or _glued(folded, m.start()):
            continue
        scale, end = _scale_after(folded, m.end())
        amount = _parse_digits(m.group(), scale > 1) * scale
        rest = _AND_DIGITS.match(folded, end) if scale > 1 else None
        if rest and float(rest.group(1)) < scale:  # "۱۰ هزار و ۶۰۰": 10,600
            amount, end = amount + float(rest.group(1)), rest.end()
        elif scale > 1 and (smaller := _and_smaller(folded, end, scale)):
            amount, end = amount + smaller[0], smaller[1]  # "۲ میلیون و پانصد هزار"
        found.append(Number(m.start(), end, amount, None, False))
        take(m.start(), end)
    if not _may_hold_number_words(runs) and not (
            language == "fa" and any(_GLUED_COUNT.fullmatch(r) for r in runs)):
        return sorted(found, key=lambda n: n.start)
    words = list(_WORD.finditer(folded))
    # Where a run of number words can start: any other word is passed over one at a time.
    fa = language == "fa"
    starts = [k for k, w in enumerate(words) if _number_word(g := w.group())
              and g not in _JOINERS and not (fa and g in _ARABIC_ONLY)]
    i = 0
    for i_start in starts:
        if i_start < i:
            continue  # inside the run read before
        i = i_start
        j = i
        while j < len(words) and _number_word(words[j].group()) and not (
            fa and words[j].group() in _ARABIC_ONLY
        ) and (j == i or not folded[words[j - 1].end() : words[j].start()].strip(" -")):
            j += 1  # (a digit between two words ends the run: "هشت مليون و ۴۰۰ هزار")
        while j > i and words[j - 1].group() in _JOINERS:
            j -= 1
        if j > i:
            tokens = [p for w in words[i:j] for p in w.group().split("-")]
            value = _words_value(tokens)
            span = (words[i].start(), words[j - 1].end())
            if tokens[0].startswith(_AZ) and tokens[0] not in _NUMBER_PARTS:
                span = (span[0] + 2, span[1])  # "ازیک میلیون": the number after از
            gap_ok = all(
                not folded[words[k].end() : words[k + 1].start()].strip(" -")
                for k in range(i, j - 1)
            )
            # A scale word alone needs what it counts after it ("ألف سجين"); الف is a
            # letter in Persian text.
            lone = len(tokens) == 1 and tokens[0] in _SCALE
            if lone and (
                (language == "fa" and tokens[0] == _ALEF) or not _counted_after(folded, span[1])
            ):
                value = None
            if fa and tokens == [_SI] and (
                    (i > 0 and words[i - 1].group() in _LETTER_NAMES)
                    or (j < len(words) and words[j].group() in _LETTER_NAMES)):
                value = None  # a letter's name among others': "اچ سی آر"
            if fa and tokens == [_SAD] and i > 0 and words[i - 1].group() in _PER:
                value = None  # "۷۳ در صد", "فی صد": a percentage written in two words
            if value is not None and gap_ok and free(*span):
                found.append(Number(span[0], span[1], value, None, True))
            i = j
    if fa:
        for w in words:  # "دوداکتر", "دونفرديگر": a small number typed onto its noun
            glued = _GLUED_COUNT.fullmatch(w.group())
            if glued and free(w.start(), w.start() + len(glued.group("n"))):
                end = w.start() + len(glued.group("n"))
                found.append(Number(w.start(), end, float(_SMALL[glued.group("n")]), None, True))
                take(w.start(), end)
    return _joined(folded, sorted(found, key=lambda n: n.start))


def _joined(folded: str, numbers: list[Number]) -> list[Number]:
    """A number written in words to a scale and one in digits after "and" are one
    ("هشت مليون و ۴۰۰ هزار" is 8,400,000; "ده هزار و ۶۰۰" 10,600)."""
    out: list[Number] = []
    for n in numbers:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.words and not n.words
            and prev.value is not None and n.value is not None and prev.value >= 1000
            and _AND_BETWEEN.match(folded[prev.end : n.start])
        ):
            unit = 1000.0
            while prev.value % (unit * 1000) == 0:
                unit *= 1000
            if n.value < unit:
                out[-1] = Number(prev.start, n.end, prev.value + n.value, None, True)
                continue
        out.append(n)
    return out
