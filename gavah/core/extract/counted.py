"""What a figure counts: the noun phrase after the number and the event later in its clause
("300 protesters were arrested", "۱۸ نفرکشته"), or, when the text names it before the
number, that ("the death toll rose to 300", "شمار جانباختگان به ۴۴۰ نفر رسید"), or what a
number refers back to after it ("60 of them")."""

from __future__ import annotations

import itertools
import re

from gavah.core.extract import lexicon as lx
from gavah.core.extract.lexicon import alternation
from gavah.core.extract.numbers import Number, is_glued_count, is_number_word, is_vague_word
from gavah.core.text import fold


def _words(spec: str) -> str:
    return alternation(sorted({fold(w) for w in spec.split("|")}, key=len, reverse=True))


_NUMBER_WORDS = (
    "number|toll|death toll|figure|total|tally|count|عدد|العدد|حصيلة|الحصيلة|رقم|الرقم|"
    "تعداد|شمار|آمار"
)
_NUMBER_OF = re.compile(
    rf"(?P<np>{_words(_NUMBER_WORDS)})"
    r"(?:\s+(?:of|from|من)\s+(?P<what>[^\W\d_]+(?:\s+[^\W\d_]+){0,2}?))?"
    rf"(?:\s+(?:{_words('in|for|during|في|در')})\s+[^\s]+(?:\s+[^\s]+)?)?"
    r"[\s\"“«]+(?:[^\W\d_]+[\s\"“«]+){0,3}?$"
)
_FA_NUMBER_OF = re.compile(  # "شمار جانباختگان اعتراضات به", "تعداد بازداشت شدگان را"
    r"(?P<np>تعداد|شمار|آمار)\s+(?P<what>[^\W\d_]+(?:\s+[^\W\d_]+){0,3}?)"
    r"\s+(?:به|را)\s+(?:هم\s+)?(?:[^\W\d_]+\s+){0,5}?$"
)
_OF_THEM = re.compile(
    rf"\s+(?P<of>{_words('of them|of those|of whom|از آنها|از آنان|منهم|منهن')})(?![^\W\d_])"
)


# "put the number executed on government orders at around 5,000": what is counted sits
# between the number word and the figure
_NUMBER_WHAT_AT = re.compile(
    r"(?:number|toll|figure|total)\s+(?P<what>[a-z]+ed(?:\s+[^\W\d_]+){0,4}?)\s+at\s+$"
)
# "2,890 people ..., of whom at least 767 were initially taken into custody": the
# antecedent's people, counted by what the number's own clause says happened to them
_WHOM_BEFORE = re.compile(r"(?:of|among)\s+(?:whom|which)\s*$")
_PASSIVE_AFTER = re.compile(
    r"\s+(?:(?:had|have|has|were|was|been|are|is|reportedly|allegedly|initially|later|also|"
    r"subsequently|then)\s+)+(?P<what>[a-z]+(?:ed|en)(?:\s+(?:into|in|to|from)\s+[a-z]+)?)"
)


def counted_before(
    text: str, folded: str, origin: list[int], clause: int, q_start: int, num_end: int
) -> str | None:
    """What a number counts when it is named before it ("the real number was between 250
    and 280", "عدد المحكومين ... كان أقل من ٣٠٠") or referred back to after it ("nearly
    60 of them")."""
    of = _OF_THEM.match(folded, num_end)
    if of:
        return text[origin[of.start("of")] : origin[of.end("of") - 1] + 1]
    window = folded[max(clause, q_start - 80) : q_start]
    base = max(clause, q_start - 80)
    tail = window.rstrip()  # both patterns below end at a word before spaces
    if tail.endswith(("whom", "which")) and _WHOM_BEFORE.search(window):
        done = _PASSIVE_AFTER.match(folded, num_end)
        if done:
            return text[origin[done.start("what")] : origin[done.end("what") - 1] + 1]
    put = _NUMBER_WHAT_AT.search(window) if tail.endswith("at") else None
    if put:
        return text[origin[base + put.start("what")] : origin[base + put.end("what") - 1] + 1]
    m = _NUMBER_OF.search(window) or _FA_NUMBER_OF.search(window)
    if m is None:
        return None
    g = "what" if m.group("what") else "np"
    return text[origin[base + m.start(g)] : origin[base + m.end(g) - 1] + 1]


STOP = frozenset(fold(w) for w in lx.NOUN_PHRASE_STOP.split())


_EVENTS = {fold(w): w for w in lx.EVENT_WORDS.split()}


def is_event(folded_word: str) -> bool:
    """What happened to those counted ("killed", "اعدام"), a folded word."""
    return folded_word in _EVENTS


_EVENT_NOUNS_OF = frozenset(fold(w) for w in lx.EVENT_NOUNS_OF.split())
# "of", then only qualifiers, up to the number ("of more than", "of some", "of over")
_OF_QUALIFIED = re.compile(r"\s+of\s+(?:(?:more|than|over|at|least|some|about|nearly|almost|"
                           r"an|estimated|up|to)\s+)*")


TOKEN = re.compile(r"[^\W\d_][\w\u200c'’-]*")


def counts_after(
    text: str, folded: str, origin: list[int], num: Number, limit: int, floor: int = 0
) -> tuple[str | None, int]:
    """The noun phrase after the number, plus an event word later in the clause, and the
    original offset where the noun phrase ends; `floor`: where the number's sentence opens
    (an event word before it is another sentence's)."""
    more = OR_MORE.match(folded, num.end)  # "40 or more towns": the towns are counted
    more = more or OF_THE.match(folded, num.end) or OF_WHOM.match(folded, num.end)
    tokens = list(itertools.islice(TOKEN.finditer(folded, more.end() if more else num.end,
                                                    limit), 16))
    noun: list[re.Match[str]] = []
    i = 0
    while i < len(tokens) and tokens[i].group() in _SKIP_AFTER and not noun:
        i += 1  # "3 of the ...", "600 more individuals": the noun after them
    for m in tokens[i : i + 4]:
        gap = folded[(noun[-1].end() if noun else num.end) : m.start()]
        if not noun and not gap.strip() and glued_classifier(m.group()):
            noun.append(m)  # "۱۸ نفرکشته شدند": not the participle it ends with
            break
        persian_verb = (
            (m.group().startswith(("نمی", "می")) and not m.group().startswith("میلی"))
            or m.group() in _FA_FINITE
            or _participle(folded, m)
        )
        if (
            m.group() in STOP
            or persian_verb
            or _NP_BREAK.search(gap)
            or (m.group() in _EVENTS and noun)
            # another number's phrase starts: "دو مارکيت بغداد تقريباً ۱۰۰ نفر" counts markets
            or (noun and (_DIGIT.search(gap) or _opens_number(m.group())))
        ):
            if (persian_verb and len(noun) > 1 and _light_verb(m.group())
                    and (noun[-2].group() not in CLASSIFIERS  # not '۳۲۱۲ تن مشخص شده'
                         or noun[-1].group() == _BOLAND)):  # "به ۹۹ نفر بلند برده": rose to
                # "۲۰۰ زندانی نگهداری می‌شدند", "۳۰ زندانی اعدام شدند": the word before
                # شدن/کردن is the verb's own (a compound verb), not what is counted
                noun.pop()
            break
        noun.append(m)
    rest = [m for m in tokens if noun and m.start() >= noun[-1].end()][:2]
    if (
        len(rest) == 2
        and rest[0].group() in _AND
        and rest[1].group() not in STOP
        and rest[1].group() not in _EVENTS
        and rest[1].group() not in _QUALIFIER_WORDS  # "۱۸۰ کشته و بیشتر از ۱۳۰۰ زخمی"
        and not is_number_word(rest[1].group())
        and not is_vague_word(rest[1].group())  # "37 dead and hundreds injured": two counts
        and not is_glued_count(rest[1].group())  # "چهارسربازناتو و چهارمامورپليس": two counts
        and not _participle(folded, rest[1])
        # "26 people and wounding 60", "15 people and torched": a verb after "and", not a
        # second noun counted
        and not (rest[1].group().isascii() and rest[1].group().endswith(("ed", "ing")))
        and not re.search(r"[,.;:،؛()«»\"“”\d]", folded[noun[-1].end() : rest[1].start()])
    ):
        noun += rest  # "۲۹ فرد و نهاد", "40 towns and cities": both nouns are counted
    if noun and noun[-1].group() in CLASSIFIERS:
        # "هزاران تن از شهروندان ایرانی", "dozens of people from the villages": who they are
        rest = [m for m in tokens if m.start() > noun[-1].end()]
        if (
            rest
            and rest[0].group() in ("از", "of")
            and not re.search(r"[,.;:،؛()«»]", folded[noun[-1].end() : rest[0].start()])
            # "۱۳ نفر از جمله يک کودک": "including" names some of them, not who they are
            and not (len(rest) > 1 and rest[1].group() == _JOMLE)
        ):
            for m in rest[1:4]:
                if m.group() in STOP or re.search(
                    r"[,.;:،؛()«»\"“”]", folded[noun[-1].end() : m.start()]
                ):
                    break
                noun.append(m)
        elif (rest and rest[0].group() in ("from", "in")
              and not re.search(r"[^\s]", folded[noun[-1].end() : rest[0].start()])):
            # "82 people from Darfur", "70,000 people in Turkey": where they are from or
            # are, when the text names the place (a capitalised name right after)
            place = list(itertools.takewhile(
                lambda m: text[origin[m.start()]].isupper(), rest[1:4]))
            joined = all(not re.search(r"[^\s]", folded[a.end() : b.start()])
                         for a, b in itertools.pairwise([rest[0], *place]))
            if place and joined:
                noun += [rest[0], *place]
    words = [text[origin[m.start()] : origin[m.end() - 1] + 1] for m in noun]
    glued = glued_classifier(noun[0].group()) if len(noun) == 1 else None
    if glued is not None:
        # "۳۰ نفررا", "۱۸ نفرکشته": the classifier run together with the next word (both
        # written as the text has them)
        cut = noun[0].start() + len(glued[0])
        words = [text[origin[noun[0].start()] : origin[cut - 1] + 1]]
        if glued[1]:
            words.append(text[origin[cut] : origin[noun[0].end() - 1] + 1])
            return " ".join(words), origin[noun[-1].end() - 1] + 1
    # "... are now displaced by violence.\nAt least 2,680 people were killed": no event of
    # the sentence before
    before = [
        m
        for m in TOKEN.finditer(folded, max(floor, num.start - 45), num.start)
        if m.group() not in _QUALIFIER_WORDS
    ][-3:]
    event = next(
        (m for k, m in enumerate(reversed(before)) if m.group() in _EVENTS
         # "24 killed and 43 others wounded": an event before "and" is the figure's before
         and not any(b.group() in _AND for b in before[len(before) - k:])),
        None,
    )  # "killing hundreds of"
    if (event is None and before and before[-1].group() in _EVENT_NOUNS_OF
            and _OF_QUALIFIED.fullmatch(folded, before[-1].end(), num.start)):
        event = before[-1]  # "the displacement of more than 22,000 people"
    if event is None:
        event = next(
            (
                m
                for m in tokens
                if m.group() in _EVENTS
                and m.start() >= (noun[-1].end() if noun else 0)
                and m not in noun
            ),
            None,
        )
    if event is None and noun and noun[-1].group() in CLASSIFIERS:
        # "300,000 people had arrived", "people were reportedly displaced": the verb says
        # what happened to them
        after = [m for m in tokens if m.start() >= noun[-1].end()][:4]
        for m in after:
            if m.group() in _AUX or m.group() in _RELATIVE:
                continue
            if m.group().isascii() and (m.group().endswith("ed") or m.group() in _IRREGULAR):
                event = m
            break
    if event is None and noun and (glued or all(m.group() in CLASSIFIERS for m in noun)):
        # "۴۴۰ نفر ... کشته شده‌اند", "242 people ... in corporal punishment": a bare
        # "people"/"نفر" counts what the rest of its clause says happened to them
        event = next(
            (m for m in TOKEN.finditer(folded, noun[-1].end(), limit) if m.group() in _EVENTS),
            None,
        )
    np_end = origin[noun[-1].end() - 1] + 1 if noun else origin[num.end - 1] + 1
    if event is not None:
        words.append(text[origin[event.start()] : origin[event.end() - 1] + 1])
    return " ".join(words) or None, np_end


_DIGIT = re.compile(r"\d")
# a qualifier that opens the next number's phrase ("approximately", "at least", "more than")
_NEXT_QUALIFIER = frozenset(fold(w) for w in (
    "تقریبا", "حدود", "حداقل", "دستکم", "بیش", "بالغ", "نزدیک", "کمتر", "nearly", "almost",
    "approximately", "about", "some", "least"))


def _opens_number(word: str) -> bool:
    """A folded word that starts another number's phrase: a number word (not یک, "a" as
    much as "one": "شش عضو يک دستۀ گزمه") or a qualifier before one."""
    return (is_number_word(word) and word != _YEK) or word in _NEXT_QUALIFIER


_YEK = fold("یک")
_JOMLE = fold("جمله")


# words between a number and its noun: "3 of the ...", "600 more individuals"
_SKIP_AFTER = frozenset(("of", "از", "من", "more", "other", "additional", "further"))


def predicate_after(text: str, folded: str, origin: list[int], num: Number, limit: int
                    ) -> str | None:
    """What the clause says of a number with no noun and nothing named before it: up to
    three words after an auxiliary right after it ("over 70,000 have left the country" ->
    "left the country"), as the text writes them; None when there is none."""
    tokens = list(itertools.islice(TOKEN.finditer(folded, num.end, limit), 4))
    if not tokens or tokens[0].group() not in _AUX or not tokens[0].group().isascii():
        return None
    out: list[str] = []
    last = tokens[0]
    for m in tokens[1:4]:
        if m.group() in _AUX and not out:
            last = m
            continue  # "have been displaced"
        if m.group() in STOP or _NP_BREAK.search(folded[last.end() : m.start()]):
            break
        out.append(text[origin[m.start()] : origin[m.end() - 1] + 1])
        last = m
    return " ".join(out) or None


_AND = frozenset(("and", "و"))
_BOLAND = fold("بلند")


# words right before a number that do not say what happened to those counted
_BEFORE_SKIP = frozenset(fold(w) for w in (
    "with", "for", "about", "among", "including", "all", "total", "another", "only", "just",
    "some", "them", "those", "these", "nearly", "almost", "than", "least", "more", "over",
    "است", "بود", "شامل", "جمعا", "حدود", "تعداد", "رقم", "دیگر", "همه", "فقط", "تنها",
    *lx.NOT_COUNT_AFTER.split("|")))  # a month's name ("تا تاریخ دوم قوس ۱۸۰۵۹ نفر")


def hangs_on(folded: str, clause_start: int, start: int) -> re.Match[str] | None:
    """The lower-case word right before a number's phrase, with nothing between them."""
    words = list(TOKEN.finditer(folded, max(clause_start, start - 40), start))
    if not words:
        return None
    word = words[-1]
    if (word.group() in STOP or word.group() in _BEFORE_SKIP or len(word.group()) < 3
            or re.search(r"[^\s]", folded[word.end() : start])):
        return None
    return word


_RELATIVE = frozenset(("who", "that", "which"))


# what ends a noun phrase between two of its words: punctuation, or a dash between words
_NP_BREAK = re.compile(r"[,.;:،؛()«»\"“”–—]|\s-|-\s")


# the light verbs of Persian compound verbs (اعدام شدند، نگهداری می‌شدند، بازداشت کردند)
_LIGHT_VERBS = frozenset(
    fold(w) for w in ("شد", "شدند", "شده", "شود", "شوند", "کرد", "کردند", "کرده", "کند",
                      "کنند", "گردید", "گردیدند", "گردیده", "یافت", "یافتند", "یافته", "نمود",
                      "نمودند", "ساخت", "ساختند", "ساخته",
                      # "به ۹۹ نفر بلند برده", "به ۴۵۳ نفر بلند رفت": Dari's "rose to"
                      "برده", "برد", "بردند", "رفت", "رفته", "رفتند")
)


def _light_verb(word: str) -> bool:
    stem = word.removeprefix("نمی").removeprefix("می").lstrip("\u200c ")
    return stem in _LIGHT_VERBS


# finite verbs that end a Persian noun phrase ("۴۴۰ نفر رسید": reached 440 people)
_FA_FINITE = frozenset(
    fold(w) for w in ("رسید", "رسیده", "رسیدند", "است", "بود", "بودند", "شد", "شدند", "کرد",
                      "کردند", "دارد", "دارند", "کشت", "کشتند",
                      # Dari's "گردید" (became), "یافت" (found), "نمود", "ساخت" (made)
                      "گردید", "گردیدند", "گردیده", "یافت", "یافتند", "یافته", "نمود",
                      "نمودند", "ساخت", "ساختند", "ساخته", "برده", "بردند", "رفت", "رفته",
                      "رفتند")
)


ARTICLE_END = re.compile(r"(?<![^\W\d_])(?:a|an)\s*$")


CLASSIFIERS = frozenset(
    fold(w) for w in ("people", "persons", "individuals", "others", "تن", "نفر")
)


_FA_CLASSIFIERS = tuple(fold(w) for w in ("نفر", "تن"))


_FA_HAPPENED = tuple(fold(w) for w in ("کشته", "مجروح", "زخمی", "هلاک", "زندانی", "بازداشت"))


def glued_classifier(word: str) -> tuple[str, str] | None:
    """A Persian classifier written together with the word after it, as older Dari and
    Persian pages do ("نفررا", "نفرکشته"): the classifier and what happened, if said."""
    for classifier in _FA_CLASSIFIERS:
        rest = word[len(classifier):]
        if not word.startswith(classifier) or not rest:
            continue
        if rest == fold("را"):
            return classifier, ""
        if rest.startswith(_FA_HAPPENED):
            return classifier, rest
    return None


# participles not in -ed that say what happened to people ("241 people had been taken to
# hospital", "people had made the journey")
_IRREGULAR = frozenset(("taken", "held", "seen", "made", "left", "shot", "struck", "caught",
                        "brought", "kept", "beaten", "slain", "thrown", "driven", "hit"))


_AUX = frozenset(
    ["had", "have", "has", "been", "were", "was", "are", "is", "reportedly", "allegedly", "also"]
)


_QUALIFIER_WORDS = frozenset(
    ["of", "at", "least", "more", "than", "over", "some", "about", "nearly", "almost"]
    + [fold(w) for w in ("حداقل", "حد", "اقل", "دستکم", "دست", "کم", "بیش", "از", "حدود",
                         "نزدیک", "کمتر", "بیشتر")]
)


_AUXILIARY = re.compile(r"\s+(?:است|اند|بود|بودند|باشد|شد|شده|شدند)(?![^\W\d_])")


def _participle(folded: str, m: re.Match[str]) -> bool:
    """A Persian past participle: ends in ه and an auxiliary follows ("رسیده است")."""
    return m.group().endswith("ه") and bool(_AUXILIARY.match(folded, m.end()))


# "40 or more towns": the towns are counted
OR_MORE = re.compile(
    rf"\s*(?:or\s+(?:more|so|fewer|less)|{_words('یا بیشتر|و بیشتر|أو أكثر')})(?![^\W\d_])"
)


# "three of the activists were tortured", "four of whom were Kurds", "Two of them are
# women": a number before "of" and its antecedent counts what the rest names
OF_THE = re.compile(r"\s+of\s+(?:the|those|these|our|its|their|his|her)\s+(?=[^\W\d_])")


OF_WHOM = re.compile(
    r"\s+of\s+(?:whom|them)\s+(?:(?:were|are|was|is|have|has|had|been|being|also|now|"
    r"reportedly|already)\s+)*(?=[^\W\d_])"
)
