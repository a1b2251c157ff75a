"""Quotation spans: straight and curly double quotes, «guillemets» (also »reversed«),
„low-high“ and curly single quotes, across paragraphs when a quotation runs on.

Real pages break the rules, so every mark is read from its context (what is before and
after it) rather than from its shape alone: an unclosed quotation ends at the end of its
paragraph (flagged "unclosed_quote"); a closing mark with no opening one that is followed
by an attribution ("... humanity. “ Callamard noted.") starts at its paragraph, or a
little before, and is flagged "unopened_quote". Short quotations without a reporting
verb nearby are scare quotes or terms: returned with speech=False.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from gavah.core.extract.lexicon import ALL_VERBS, alternation
from gavah.core.extract.model import Quotation
from gavah.core.extract.textmap import Folded
from gavah.core.text import fold, matches_at

MAX_PARAGRAPHS = 4  # a quotation running over more paragraphs than this is taken as unclosed
MAX_CHARS = 4_000
_DOUBLE_OPEN = {"“": "”", "„": "“", "«": "»", "»": "«", '"': '"', "”": "”"}
_CLOSERS = {"“": '”“"', "„": '“”"', "«": "»", "»": "«", '"': '"”“', "”": "”"}  # typos included
_MARKS = '"“”„«»‘’'
_MARK = re.compile("[" + re.escape(_MARKS) + "]")
_OPEN_SPACE = " \t\n([{—–-:،,;"
_CLOSE_SPACE = " \t\n)]}.,;:!?؟،؛…—–-"
_ATTRIBUTION_AFTER = re.compile(
    rf"\s*[,.]?\s*(?:[^\W\d_][\w'’.-]*\s+){{1,4}}?(?:{alternation(ALL_VERBS)})(?![^\W\d_])"
)
# A name given, not words said: 'the "so-called" commission', 'it is listed as "X"'.
_SO_CALLED = ("so-called|so called|listed as|known as|spelled|nicknamed|dubbed|titled|"
              "به اصطلاح|به‌اصطلاح|موسوم به|ما يسمى|ما تسمى|ما يسمّى|المزعوم")
_SO_CALLED_BEFORE = re.compile(rf"(?:{_SO_CALLED})\s*$")
_SO_CALLED_AT = re.compile(rf"(?:{_SO_CALLED})(?![^\W\d_])")
_DETERMINER_BEFORE = re.compile(  # not "that", which is also "said that"
    r"(?<![^\W\d_])(?:the|a|an|this|these|those|its|their|his|her|our|my|your)\s*$"
)
# Persian verbs of calling after a quoted word: "X را «Y» دانست / خواند / توصیف کرد"
_CALLED_AFTER = re.compile(
    r"\s*(?:دانست|دانسته|دانستند|خواند|خوانده|خواندند|نامید|نامیده|توصیف\s*کرد|توصیف\s*کرده|"
    r"توصیف\s*شده|معرفی\s*کرد|معرفی\s*کرده|معرفی\s*شده|قلمداد\s*کرد|قلمداد\s*کرده)"
    r"(?![^\W\d_])"
)
# a Persian verb of saying and its colon, the last before a closing mark in its paragraph,
# within _SAID_REACH characters (folded text; the window bounds the lookahead's scans)
_SAID_REACH = 600
_FA_SAID_COLON = re.compile(
    rf"(?<![^\W\d_])(?:{alternation(ALL_VERBS)})\s*:\s*(?=[^:«»\"“”]*$)")
_SHOT_LABEL = re.compile(r"[ \t]*SOUNDBITE\b[^\n:“”\"]{3,200}:[ \t]*(?=\S)")
_VERB_BEFORE = re.compile(rf"(?<![^\W\d_])(?:{alternation(ALL_VERBS)})(?![^\W\d_])")


@dataclass
class _Open:
    pos: int
    char: str
    paragraph: int


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]


def _paragraph_of(starts: list[int], pos: int) -> int:
    lo, hi = 0, len(starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if starts[mid] <= pos else (lo, mid)
    return lo


def _paragraph_end(text: str, starts: list[int], index: int) -> int:
    end = starts[index + 1] if index + 1 < len(starts) else len(text)
    return len(text[:end].rstrip())


_WORD_RUN = re.compile(r"[^\W_]+")


def _holds_words(text: str, least: int) -> bool:
    """`text` holds at least `least` words: counted up to there, not to its end."""
    return len(list(islice(_WORD_RUN.finditer(text), least))) >= least


def _is_speech(doc: Folded, content: tuple[int, int], close_mark: int | None) -> bool:
    text = doc.text
    inner = text[content[0] : content[1]]
    if _holds_words(inner, 5) or re.search(r"[.!?؟]\s*\S", inner):
        return True
    line_start = text.rfind("\n", 0, content[0]) + 1
    before = doc.folded[doc.at(max(line_start, content[0] - 80)) : doc.at(content[0])]
    tail = " ".join(re.sub(r"[\"“”«»„]", " ", before).split()[-10:])
    if _VERB_BEFORE.search(tail) and _holds_words(inner, 1):
        return True
    if close_mark is not None and _CALLED_AFTER.match(
        doc.folded, doc.at(close_mark + 1), doc.at(min(len(text), close_mark + 40))
    ):
        return True  # "این آمار را «ناقص» دانست": what a speaker calls it is their word
    # '"They never came back," a former guard, identified as C, told reporters.': the
    # comma that ends a quoted sentence, then its attribution before the sentence ends.
    if close_mark is None or not re.search(
        r"[,،!?؟]\s*$", inner + text[close_mark + 1 : close_mark + 2]
    ):
        return False
    after = doc.folded[doc.at(close_mark + 1) : doc.at(close_mark + 120)]
    after = re.split(r"[.!?؟\n\"“”«»]", after, maxsplit=1)[0]
    return bool(_VERB_BEFORE.search(after))


def _scare_quote(doc: Folded, start: int, open_mark: int | None) -> bool:
    """the so-called "commission", the "so-called commission": a term held at a distance."""
    at = doc.at(open_mark if open_mark is not None else start)
    before = doc.folded[max(0, at - 24) : at]
    inner = doc.folded[doc.at(start) : doc.at(start) + 24]
    return bool(_SO_CALLED_BEFORE.search(before) or _SO_CALLED_AT.match(inner))


def _quoted_term(doc: Folded, start: int, end: int, open_mark: int | None) -> bool:
    """'the "death commission"', 'a "trial"': a short noun phrase after a determiner is a
    term the writer quotes, not words someone said."""
    if (
        open_mark is None
        or _holds_words(doc.text[start:end], 5)
        or re.search(r"[,.!?؟]", doc.text[start:end])
    ):
        return False
    if _NAMED_AFTER.match(doc.text, end):
        return True  # "«شب یلدا» نامیده می‌شود": a name the text gives, no one's words
    at = doc.at(open_mark)
    return bool(_DETERMINER_BEFORE.search(doc.folded[max(0, at - 12) : at]))


_NAMED_AFTER = re.compile(  # passive or impersonal: "is called", "they call it", "is named"
    "[»\"”’]?\\s*(?:(?:نامیده|خوانده)\\s*(?:می\u200c?\\s*شود|می\u200c?\\s*شوند|شده)|"
    "می\u200c?\\s*نامند|می\u200c?\\s*خوانند|نام\\s*دارد|نام\\s*گرفته)(?![^\\W\\d_])")


# Terms of law and of the charges brought in these cases, quoted as terms ("the death penalty
# only for the "most serious crimes""): nobody's words, whoever the sentence names.
_LEGAL_TERMS = frozenset(fold(t) for t in (
    "most serious crimes", "the most serious crimes", "waging war against god",
    "enmity against god", "corruption on earth", "spreading corruption on earth",
    "moharebeh", "efsad-e fel-arz", "baghy", "armed rebellion",
    # the charges most often brought against activists in Iran, quoted as their names
    "propaganda against the state", "propaganda against the system",
    "propaganda against the regime", "propaganda against the islamic republic",
    "assembly and collusion against national security", "acting against national security",
    "insulting the supreme leader", "تبلیغ علیه نظام", "تبلیغ علیه نظام جمهوری اسلامی",
    "اجتماع و تبانی علیه امنیت ملی", "اجتماع و تبانی", "اقدام علیه امنیت ملی", "محاربه",
    "افساد فی الارض", "بغی", "توهین به رهبری",
))


# An offence's name after its charge: 'five years for "crimes against national security"',
# 'convicted of "waging war against God"', «به اتهام «قتل و قاچاق مواد مخدر»».
_CHARGE_BEFORE = re.compile(
    r"(?:(?:charged|convicted|accused|guilty|indicted|prosecuted|sentenced|jailed)"
    r"(?:\s+[\w’'-]+){0,4}?\s+(?:of|with|for)|charges?\s+(?:of|including|such\s+as)|"
    r"crimes?\s+of|offen[cs]es?\s+of|(?:years?|months?)(?:\s+in\s+(?:prison|jail))?\s+for|"
    # "sentenced ... by the People's Court, in Nghe An province, for “subversion"
    r"(?:sentenced|convicted|jailed|imprisoned|tried)\b[^.;:!?\"“”«»]{0,80}?\bfor|"
    r"(?:به\s+)?(?:اتهام|جرم)[^\s\"“«]*(?:\s+(?:مرتبط|در\s+ارتباط|در\s+پیوند))?(?:\s+(?:با|به))?|"
    r"بتهمة|بتهم)\s*[\"“«]?\s*$"
)

# every match of _CHARGE_BEFORE holds one of these (keep in step): a text before a
# quotation holding none is not searched (the search tries every character)
_CHARGE_HOLDS = ("charge", "convicted", "accused", "guilty", "indicted", "prosecuted",
                 "sentenced", "jailed", "crime", "offen", "year", "month", "imprisoned", "tried",
                 "اتهام", "جرم", "بتهم")


def _named_charge(
    doc: Folded, start: int, end: int, open_mark: int | None, close_mark: int | None
) -> bool:
    """A short quotation naming an offence after its charge is the charge's name, not words
    said, unless a reporting verb follows it in its sentence ("charged with «fabricated»
    espionage, the ministry wrote")."""
    text = doc.text
    inner = text[start:end]
    if open_mark is None or _holds_words(inner, 13) or re.search(r"[.!?؟]\s*\S", inner):
        return False
    at = doc.at(open_mark)
    window = doc.folded[max(0, at - 110) : at]
    if not any(w in window for w in _CHARGE_HOLDS) or not _CHARGE_BEFORE.search(window):
        return False
    if close_mark is None or _holds_words(text[start:end], 2):
        return True  # "armed rebellion": an offence's name, whoever is said to report it
    if re.match(r"\s+[^\W\d_]", text[close_mark + 1 : close_mark + 3]):
        return False  # 'charged with "fabricated" espionage': a word said of the charge
    after = doc.folded[doc.at(close_mark + 1) : doc.at(min(len(text), close_mark + 120))]
    after = re.split(r"[.!?؟\n]", after, maxsplit=1)[0]
    return not _VERB_BEFORE.search(after)


_PERSIAN = re.compile(r"[\u0600-\u06FF]")
_COPULA_AFTER = re.compile(
    r"\s*(?:است|بود|هست|نیست|نبود|شد|شده|باشد|بوده|می\s*شود|میشود|را|و\s+«)(?![^\W\d_])"
)


_PREDICATE_AFTER = re.compile(
    r"\s*(?:محسوب|تلقی|به\s+شمار|قلمداد|خوانده|نامیده)(?![^\W\d_])"
)


def _name_in_passing(
    doc: Folded, start: int, end: int, open_mark: int | None, close_mark: int | None
) -> bool:
    """'نیروهای هنگ مرزی «ههنگهژال» به سوی ...', 'آیا «کیمیا علیزاده» ورزشکار ...': a
    Persian name or place in guillemets, in the middle of a clause with no verb of saying or
    calling next to it, is the writer's marking of a name, not words said."""
    text = doc.text
    inner = text[start:end]
    if (
        open_mark is None
        or close_mark is None
        or text[open_mark] != "«"
        or not _PERSIAN.search(inner)
        or _holds_words(inner, 4)
        or re.search(r"[,.!?؟،؛:]", inner)
        or _VERB_BEFORE.search(doc.folded[doc.at(start) : doc.at(end)])
    ):
        return False
    before = doc.folded[doc.at(max(0, open_mark - 40)) : doc.at(open_mark)]
    if re.search(r"[:：]\s*$", before) or _VERB_BEFORE.search(" ".join(before.split()[-2:])):
        return False  # 'گفت «...»', 'نوشت: «...»': words given right after their verb
    after = doc.folded[doc.at(close_mark + 1) : doc.at(min(len(text), close_mark + 40))]
    if not re.match(r"\s+[^\W\d_]", after):
        return False  # the quotation ends its clause: said, or called, by someone
    if _CALLED_AFTER.match(after) or _COPULA_AFTER.match(after):
        return False
    # '«جنایت جنگی» محسوب می‌شود': a predicate the speaker gives, its verb a word or two on
    next_two = " ".join(after.split()[:2])
    return not (_VERB_BEFORE.search(next_two) or _PREDICATE_AFTER.match(after))


def _listed_names(inner: str) -> bool:
    """ "جواد عالی، رحمان جوان، و مرتضی زیچی": names a report lists, not words said."""
    items = [i.strip() for i in re.split(r"[،,]\s*(?:و\s+|and\s+)?", inner.strip(" .،,"))]
    return (
        len(items) >= 3
        and all(0 < len(i.split()) <= 3 for i in items)
        and not _VERB_BEFORE.search(inner)
    )


def _unopened_start(text: str, starts: list[int], paragraph: int, close: int) -> int:
    """Where a quotation that lost its opening mark most likely began: its paragraph,
    or the prose paragraph before it (a quotation run on from there); in a text whose
    paragraphs are single lines, its own line (the line before ends a sentence)."""
    start = starts[paragraph]
    line = text.rfind("\n", start, close)
    if line > start and text[:line].rstrip()[-1:] in ".!?؟":
        start = line + 1
        return start + len(text[start:]) - len(text[start:].lstrip())
    if paragraph > 0:
        prev = text[starts[paragraph - 1] : start].strip()
        if (
            _holds_words(prev, 12)
            and prev[-1:] in ".!?؟"
            and not any(m in prev for m in '"“”„«»')
            and not re.match(r"[^:\n]{1,60}:\s", prev)
        ):
            start = starts[paragraph - 1]
    return start + len(text[start:]) - len(text[start:].lstrip())


def _after_colon(text: str, i: int) -> bool:
    """Whether only spaces stand between a colon and position `i` (read back from `i`, no
    copy of the text before it: marks can be many)."""
    j = i - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    return j >= 0 and text[j] == ":"


def find_quotations(doc: Folded, max_quotes: int = 5_000) -> list[Quotation]:
    text = doc.text
    starts = _paragraph_starts(text)
    found: list[Quotation] = []
    open_double: _Open | None = None
    open_single: _Open | None = None

    def add(
        start: int,
        end: int,
        open_mark: int | None,
        close_mark: int | None,
        flags: tuple[str, ...],
        confidence: float,
    ) -> None:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and len(found) < max_quotes:
            speech = _is_speech(doc, (start, end), close_mark)
            if _scare_quote(doc, start, open_mark):
                speech, flags = False, (*flags, "scare_quote")
            elif fold(text[start:end].strip(" .,;:")) in _LEGAL_TERMS:
                speech, flags = False, (*flags, "legal_term")
            elif _quoted_term(doc, start, end, open_mark):
                speech, flags = False, (*flags, "quoted_term")
            elif _named_charge(doc, start, end, open_mark, close_mark):
                speech, flags = False, (*flags, "charge_name")
            elif _listed_names(text[start:end]):
                speech, flags = False, (*flags, "listed_names")
            elif _name_in_passing(doc, start, end, open_mark, close_mark):
                speech, flags = False, (*flags, "name_in_passing")
            found.append(
                Quotation(
                    start, end, text[start:end], speech, open_mark, close_mark, confidence, flags
                )
            )

    doubled = -1  # where two single marks opening a paragraph stand for "“"
    for mark in _MARK.finditer(text):  # the marks only, not every character in Python
        i, char = mark.start(), mark.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        # ('گفت: " تصاویری ...": a mark after a colon opens even with a space after it)
        opens = prev in _OPEN_SPACE and (nxt not in " \t\n" or (
            nxt in " \t" and char in _DOUBLE_OPEN and _after_colon(text, i)))
        closes = (prev not in " \t\n" and nxt in _CLOSE_SPACE) or (
            nxt in '"”»’' and prev not in " \t\n"
        )
        paragraph = _paragraph_of(starts, i)
        if char == "‘" and nxt == "’" and not text[starts[paragraph] : i].strip():
            doubled = i + 1  # "‘’Nigeria has endorsed ...": typed for an opening "“"
            continue
        if i == doubled:
            char, opens, closes = "“", True, False
        if (char == "’" and nxt == "’" and open_double is not None and open_double.char == "“"
                and open_double.paragraph == paragraph
                and (open_single is None or open_single.pos < open_double.pos)):
            # "“... in the region,’’ said X": two single marks typed for the closing double one
            # (the second is the closing mark: what follows it is read for the speaker)
            add(open_double.pos + 1, i, open_double.pos, i + 1, (), 0.9)
            open_double = None
            continue
        if char in "‘’":
            if char == "‘" and opens:
                open_single = _Open(i, char, paragraph)
            elif (
                char == "’"
                and closes
                and open_single
                and open_single.paragraph == paragraph
                and i - open_single.pos < 300
            ):
                add(open_single.pos + 1, i, open_single.pos, i, (), 0.8)
                open_single = None
            continue
        if open_double is not None:
            expected = _DOUBLE_OPEN[open_double.char]
            far = (
                paragraph - open_double.paragraph >= MAX_PARAGRAPHS
                or i - open_double.pos > MAX_CHARS
            )
            at_paragraph_start = paragraph > open_double.paragraph and not text[
                starts[paragraph] : i - 1 if i == doubled else i].strip()
            later = paragraph > open_double.paragraph and opens and not closes
            if (
                far
                or (later and char not in _CLOSERS[open_double.char])
                # a straight mark opening a paragraph after an unclosed one reopens it (a
                # closing mark never opens a paragraph): '"...them.\n\n"Such acts ...'
                or (at_paragraph_start and char == '"' == open_double.char and opens
                    and not closes)
                or (
                    at_paragraph_start
                    and opens
                    and not closes
                    and char != expected
                    and char not in "”»"
                )
            ):
                if at_paragraph_start and not far and char == open_double.char:
                    # run-on quotation: each paragraph reopens, only the last closes; each
                    # paragraph is a quotation of its own, as a reader sees it marked
                    end = _paragraph_end(text, starts, paragraph - 1)
                    add(open_double.pos + 1, end, open_double.pos, None, ("run_on",), 0.8)
                    open_double = _Open(i, char, paragraph)
                    continue
                end = _paragraph_end(text, starts, open_double.paragraph)
                add(open_double.pos + 1, end, open_double.pos, None, ("unclosed_quote",), 0.4)
                open_double = None
            elif char == expected or (char in _CLOSERS[open_double.char] and (closes or not opens)):
                add(open_double.pos + 1, i, open_double.pos, i, (), 0.9)
                open_double = None
                continue
            elif opens and paragraph == open_double.paragraph and char in "“«„":
                end = len(text[:i].rstrip())  # an opening mark inside an open quotation
                add(open_double.pos + 1, end, open_double.pos, None, ("unclosed_quote",), 0.4)
                open_double = None
        if open_double is None:
            if opens and char in _DOUBLE_OPEN and not (
                    char in "”»" and closes and not _after_colon(text, i)):
                # ('گفت:” امریکا ...': a closing mark typed for the opening one after a colon)
                open_double = _Open(i, char, paragraph)
            elif _ATTRIBUTION_AFTER.match(doc.folded, doc.at(i + 1), doc.at(i + 120)):
                add(_unopened_start(text, starts, paragraph, i), i, None, i, ("unopened_quote",),
                    0.4)
            elif char == "»" and closes and (said := _FA_SAID_COLON.search(
                    doc.folded, doc.at(max(starts[paragraph], i - _SAID_REACH)), doc.at(i))):
                # 'او افزود: میدانیم که ... شلیک کنند.»': the opening mark left out after the
                # verb and its colon
                add(doc.original(said.end(), said.end())[0], i, None, i, ("unopened_quote",),
                    0.5)
            elif closes and (label := _SHOT_LABEL.match(text, starts[paragraph], i)):
                # "SOUNDBITE (English) – Name, Title (ABBR): words.”": the words after the label
                add(label.end(), i, None, i, ("unopened_quote",), 0.5)
    if open_double is not None:
        end = _paragraph_end(text, starts, open_double.paragraph)
        add(open_double.pos + 1, end, open_double.pos, None, ("unclosed_quote",), 0.4)
    if "'" in text:
        taken = [(q.start, q.end) for q in found]
        # every match opens with "'": tried there only (the pattern opens with a
        # look-behind, which makes the engine try every character)
        marks, at = [], text.find("'")
        while at >= 0:
            marks.append(at)
            at = text.find("'", at + 1)
        for pattern in (_ASCII_SINGLE, _FA_SINGLE):
            for m in matches_at(pattern, text, marks):
                s, e = m.span("words")
                if _holds_words(m.group("words"), 4) and not any(
                        a < e and s < b for a, b in taken):
                    add(s, e, s - 1, e, ("single_marks",), 0.7)
                    taken.append((s, e))
    return sorted(found, key=lambda q: (q.start, -q.end))


# words between ASCII single marks, as some pages write a quotation: "'Alarming as they are,
# numbers cannot express ...,' said Türk." A capital opens it, a stop ends it, and a mark
# inside is an apostrophe between letters ("Haiti's"), never a mark of its own.
# Persian words between ASCII single marks ("'شهرک دارفور کاملاً طعمۀ حريق شده است'"): the
# script has no apostrophe, so a pair of marks on one line around its words is a quotation
_FA_SINGLE = re.compile(
    r"(?:^|(?<=[\s(:—–]))'(?P<words>[\u0600-\u06FF][^'\n]{8,1200}?)'(?=[\s).,،:؛]|$)")
_ASCII_SINGLE = re.compile(
    r"(?:^|(?<=[\s(:—–]))'(?P<words>[A-Z](?:[^'\n]|(?<=\w)'(?=\w)){8,1200}?[.,!?])'"
    r"(?=[\s)]|$)"
)
