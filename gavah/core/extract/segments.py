"""Document layout: sentences (which may run across a line break), headings, boilerplate
lines that are set aside (reported, never silently dropped), "Label: text" lines and
testimony transcripts (a "Witness: NAME" header makes NAME the default speaker).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gavah.core.extract.model import Segment
from gavah.core.text import CASE_EXTRA, fold, matches_at

_LINE = re.compile(r"[^\n]+")
_TERMINAL = '.!?؟…:"”»’)'
_SENTENCE_END = re.compile(  # `Iran.”Amnesty said`: a lost space still ends the sentence
    r"[.!?؟…]+[\"”»’')\]]*(?=\s)|[.!?؟…][\"”»’')\]]*$|[.!?؟…]+[\"”»]+(?=[^\W\d_])"
)
_END_MARK = re.compile(r"[.!?؟…]")
_ABBREV = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Prof|St|No|Gen|Col|Lt|Sgt|Jr|Sr|Inc|Co|vs|etc|e\.g|i\.e|"
    r"U\.S|U\.N|Art|para|Vol|p)|\b[A-Z]|^\s*\d{1,3})$"
)
_CONTINUES = re.compile(
    r"(?:\b(?:that|who|which|whom|as|and|the|of)|[,،:\-–]|\bکه|\bأن|\bإن|\bبأن)\s*$", re.I
)
_BOILERPLATE = [
    (
        "copyright",
        re.compile(
            r"©|\bcopyright\b|all rights reserved|حقوق.{0,30}محفوظ|کلیه حقوق|"
            r"تمامی حقوق|الحقوق محفوظة",
            re.I,
        ),
    ),
    (
        "tags",
        re.compile(r"^\s*(?:tags|keywords|برچسب\w*|کلیدواژه\w*|الوسوم|كلمات مفتاحية)\s*:", re.I),
    ),
    (
        "related",
        re.compile(
            r"^\s*(?:related(?: news| articles| posts)?|read more|see also|more news|"
            r"مطالب مرتبط|اخبار مرتبط|بیشتر بخوانید|اقرأ أيضا|ذات صلة)\s*:?\s*$",
            re.I,
        ),
    ),
    (
        "widget",
        re.compile(
            r"\b(?:powered by|sitemap|cookies?|subscribe|sign up|follow us|newsletter|"
            r"log ?in)\b",
            re.I,
        ),
    ),
]
_SHARE_WORDS = frozenset(
    fold(w)
    for w in [
        "share",
        "shared",
        "sharing",
        "this",
        "on",
        "tweet",
        "facebook",
        "twitter",
        "x",
        "whatsapp",
        "telegram",
        "email",
        "e-mail",
        "print",
        "linkedin",
        "pinterest",
        "reddit",
        "copy",
        "link",
        "اشتراک",
        "اشتراک\u200cگذاری",
        "گذاری",
        "تلگرام",
        "واتس\u200cاپ",
        "واتساپ",
        "فیسبوک",
        "توییتر",
        "ایمیل",
        "چاپ",
        "شارك",
        "شارك",
        "مشاركة",
        "هذا",
        "المقال",
        "فيسبوك",
        "تويتر",
        "واتساب",
        "البريد",
        "طباعة",
    ]
)
_WITNESS = re.compile(
    r"^\s*(?:witness|deponent|شاهد|الشاهد|الشاهدة)\s*:\s*(?P<name>[^\n:]{2,60}?)\s*$", re.I | re.M
)
_QUESTION = re.compile(r"\s*(?:Q|Question|Interviewer|س|سؤال|پرسش)\s*[:.]", re.I)
_LABEL = re.compile(r"\s*(?P<label>[^\n:.!?«»“”‘\"]{2,70}?)\s*:\s+(?=\S)")
_LIST_ITEM = re.compile(r"^\s*(?:[-•*▪·]|\d{1,3}[.)])\s+")
# Message headers (an e-mail, a forwarded message): metadata, not statements. Two or more
# such lines in a row make a header block.
_HEADER_LINE = re.compile(
    r"^[ \t]*(?:from|to|cc|bcc|date|sent|subject|reply-to|message-id|in-reply-to|references|"
    r"return-path|received|content-type|content-transfer-encoding|mime-version|x-[\w-]+|"
    r"از|به|تاریخ|موضوع|فرستنده|گیرنده|من|إلى|التاريخ|الموضوع|المرسل)[ \t]*:[^\n]*",
    re.I | re.M,
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    heading: bool  # a short line without final punctuation: a title, not a statement


@dataclass(frozen=True)
class Layout:
    sentences: tuple[Sentence, ...]
    skipped: tuple[Segment, ...]
    labels: tuple[tuple[int, int], ...]  # "Label:" spans at line starts (without the colon)
    witness: tuple[int, int] | None  # name span from a "Witness:" header
    questions: tuple[tuple[int, int], ...]  # interviewer lines in a transcript
    headers: tuple[tuple[int, int], ...] = ()  # message header lines (From:, Date:, Subject:)

    _starts: list[int] = field(init=False, repr=False, compare=False)
    _skip_starts: list[int] = field(init=False, repr=False, compare=False)
    _header_starts: list[int] = field(init=False, repr=False, compare=False)
    _label_ends: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:  # bisect indexes: lookups stay logarithmic on long texts
        object.__setattr__(self, "_starts", [s.start for s in self.sentences])
        object.__setattr__(self, "_skip_starts", [s.start for s in self.skipped])
        object.__setattr__(self, "_header_starts", [s for s, _ in self.headers])
        object.__setattr__(self, "_label_ends", [e for _, e in self.labels])

    def labels_from(self, pos: int) -> Iterator[tuple[int, int]]:
        """The labels, in text order, from the first whose end is at `pos` or after (labels
        are lines: their ends grow with their starts)."""
        for i in range(bisect.bisect_left(self._label_ends, pos), len(self.labels)):
            yield self.labels[i]

    def in_header(self, pos: int) -> bool:
        i = bisect.bisect_right(self._header_starts, pos) - 1
        return i >= 0 and self.headers[i][0] <= pos < self.headers[i][1]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and self.sentences[i].start <= pos < self.sentences[i].end:
            return self.sentences[i]
        return None

    def is_skipped(self, pos: int) -> bool:
        i = bisect.bisect_right(self._skip_starts, pos) - 1
        return i >= 0 and self.skipped[i].start <= pos < self.skipped[i].end


# What every match of a _BOILERPLATE pattern holds, lower-cased: a line without it is not
# scanned (the pattern is tried at every character). Keep in step. Beyond ASCII, only the
# letters of CASE_EXTRA (ı, İ, K, ſ) match the words' letters without case: a line that
# holds one is scanned.
_HOLDS = {
    "copyright": ("©", "copyright", "all rights reserved", "حقوق"),
    "widget": ("powered by", "sitemap", "cookie", "subscribe", "sign up", "follow us",
               "newsletter", "login", "log in"),
}
_SHARE_WORD = re.compile(r"[^\W\d_][\w\u200c\-]*")
_ASCII_SHARE_WORD = re.compile(r"[a-z][a-z0-9_\-]*")  # the same words in lower-case ASCII
_NAV_SEPARATOR = re.compile(r"\s*[|•·]\s*")
_LEAD_LABEL = re.compile(r"^\s*[^:]{1,20}:")
_EMPTY = re.compile(r"[\s,،;|]*")


def _boilerplate(line: str, in_related: bool) -> str | None:
    ascii_line, lower = line.isascii(), line.lower()
    cased = ascii_line or not any(c in line for c in CASE_EXTRA)
    for reason, pattern in _BOILERPLATE:
        # a widget's line has at most 15 words: split no further than the 16th
        if reason == "widget" and len(line.split(None, 15)) > 15:
            continue
        holds = _HOLDS.get(reason)
        if cased and holds is not None and not any(w in lower for w in holds):
            continue
        if pattern.search(line):
            return f"boilerplate:{reason}"
    words = (_ASCII_SHARE_WORD if ascii_line else _SHARE_WORD).findall(fold(line))
    if words and sum(map(_SHARE_WORDS.__contains__, words)) / len(words) >= 0.6:
        return "boilerplate:share"
    if "|" in line or "•" in line or "·" in line:  # without one, one item at most
        items = [p.strip() for p in _NAV_SEPARATOR.split(line) if p.strip()]
        if len(items) >= 3 and all(len(p.split()) <= 3 for p in items):
            return "boilerplate:navigation"
    if in_related and _LIST_ITEM.match(line):
        return "boilerplate:related"
    if _EMPTY.fullmatch(_LEAD_LABEL.sub("", line)):
        return "boilerplate:empty"
    return None


def _split_sentences(text: str, start: int, end: int, heading: bool, out: list[Sentence]) -> None:
    pos = start
    # every end opens with a mark: tried only there, not at every character
    marks = [m.start() for m in _END_MARK.finditer(text, start, end)]
    for m in matches_at(_SENTENCE_END, text, marks, start, end):
        if text[m.start()] == "." and _ABBREV.search(text, max(start, m.start() - 6), m.start()):
            continue
        out.append(Sentence(pos, m.end(), heading))
        pos = m.end()
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        out.append(Sentence(pos, end, heading))


def _headers(text: str) -> list[tuple[int, int]]:
    """Runs of two or more consecutive message header lines."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    if ":" not in text:  # every header line holds one: no scan of the text for them
        return out
    for m in _HEADER_LINE.finditer(text):  # header lines only: most texts have none
        if run and text[run[-1][1] : m.start()] != "\n":
            out.extend(run if len(run) >= 2 else [])
            run = []
        run.append(m.span())
    return out + (run if len(run) >= 2 else [])


def layout(text: str) -> Layout:
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
    headers = _headers(text)
    header_starts = {s for s, _ in headers}
    skipped: list[Segment] = []
    kept: list[tuple[int, int]] = []
    in_related = False
    for s, e in lines:
        reason = _boilerplate(text[s:e], in_related)
        in_related = reason in ("boilerplate:related",) or (in_related and reason is not None)
        if reason:
            skipped.append(Segment(s, e, reason))
        else:
            kept.append((s, e))
    sentences: list[Sentence] = []
    run_start: int | None = None
    for i, (s, e) in enumerate(kept):
        line = text[s:e].rstrip()
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        following = text[nxt[0] : nxt[1]].lstrip() if nxt else ""
        # A line the next one continues in lower case was wrapped (PDF text): not a heading.
        lower_next = following[:1].islower()
        if s in header_starts:  # metadata: a sentence of its own that states nothing
            _split_sentences(text, s, e, True, sentences)
            continue
        # more than 12 words or not: split no further than the 13th
        words = len(line.split(None, 12))
        heading = (
            words <= 12
            and not line.endswith(tuple(_TERMINAL))
            and not _LABEL.match(line)
            and run_start is None
            and not _CONTINUES.search(line)
            and not lower_next
        )
        unended = not heading and not line.endswith(tuple('.!?؟…"”»'))
        # Wrapped lines: a long line without a sentence end (a heading is short) runs on,
        # unless a blank line follows it and the next does not go on in lower case (a long
        # headline over its story's first paragraph); a line ending in a colon introduces
        # what follows it ("The following statement was issued ... by X:")
        blank = (nxt is not None and text.count("\n", e, nxt[0]) >= 2
                 and not line.endswith((":", "：")))
        wrapped = unended and (lower_next or (words > 12 and not blank))
        joined = (
            nxt is not None
            and unended
            and not _LABEL.match(following)
            and not _LIST_ITEM.match(following)
            and (wrapped or (bool(_CONTINUES.search(line)) and not following[:1].isupper()))
        )
        if joined:
            run_start = s if run_start is None else run_start
            continue
        _split_sentences(text, s if run_start is None else run_start, e, heading, sentences)
        run_start = None
    labels = tuple(
        m.span("label")
        for s, e in kept
        if (m := _LABEL.match(text, s, e)) and not _QUESTION.match(text, s, e)
    )
    witness_match = _WITNESS.search(text) if ":" in text else None  # each match holds ":"
    witness = witness_match.span("name") if witness_match else None
    questions = tuple((s, e) for s, e in kept if _QUESTION.match(text, s, e))
    return Layout(tuple(sentences), tuple(skipped), labels, witness, questions, tuple(headers))
