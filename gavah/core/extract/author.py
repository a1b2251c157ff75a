"""Who issues a statement: the author its header names.

A government statement or press release opens with a header before its first paragraph
("Press Statement / Mark C. Toner / Acting Deputy Spokesman", "Antony J. Blinken,
Secretary of State", "Spokesperson for the UN High Commissioner for Human Rights: X",
"بیانیه ند پرایس، سخنگوی وزارت خارجه", "بیانیه سخنگوی کاخ سفید در مورد ..."). What
the statement says in its own voice, outside quotations and reported speech, is asserted
by that author, not by the site that carries it: a figure in it is the author's figure.
News items name no author in a header and keep the publisher.
"""

from __future__ import annotations

import re

from gavah.core.extract.model import Party

_HEADER_LINES = 12  # a header is short: the lines before the first paragraph
_PARAGRAPH = 120  # characters: a line this long is prose, the header has ended
_PROSE = re.compile(r"[.!?؟:»\"”]\s*$|[«“]")  # a line ending a sentence, or quoting
_EN_TITLE = re.compile(
    r"^(?:(?:acting|principal|deputy|under|assistant|senior|national)\s+)*"
    r"(?:secretary|spokespersons?|spokesman|spokeswoman|ambassador|president|"
    r"press secretary|security advisor|security adviser|representative|envoy|"
    r"administrator|director)\b",
    re.IGNORECASE,
)
_FA_TITLE = re.compile(r"^(?:معاون\s+)?(?:وزیر|سخنگو|سفیر|مشاور|رئیس|نماینده|دبیر)")
_KIND_PREFIX = re.compile(r"^(?:بیانیه\s+مطبوعاتی|press statement|media note)\s*:\s*", re.I)
_EN_NAME = re.compile(r"^[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4}$")
_EN_BY = re.compile(r"^(?:statement|remarks|press statement|as prepared for delivery|"
                    r"as delivered)\s+(?:by|of)\s+(?P<who>.+?)(?:\s+to\s+the\s+.*)?$", re.I)
# "The following statement was issued today by the Spokesman for UN Secretary-General X:",
# "The following Security Council press statement was issued today by Council President X":
# the body's, whoever presides
_FOLLOWING_ISSUED = re.compile(
    r"The following (?P<body>(?:[A-Z][\w-]*\s+){1,4})?(?:press )?statement was issued "
    r"[^:\n]{0,40}?\bby (?:the )?(?P<by>[^:\n]{3,120}):\s*$"
)
_FOR_HOLDER = re.compile(
    r"(?:Spokesman|Spokeswoman|Spokesperson) for (?:the )?(?:UN |United Nations )?"
    r"Secretary.General (?P<who>[A-Z][\w.'’-]*(?:[\s-]+[A-Z]?[\w.'’-]+){1,3})$"
)
# "The following is a near-verbatim transcript of today’s noon briefing by X, Spokesman ..."
_TRANSCRIPT_BY = re.compile(
    r"The following is a (?:near-)?verbatim transcript of [^.\n]{0,80}?\bby\s+"
    r"(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4}),"
)
_FA_STATEMENT = re.compile(
    r"^(?:بیانیه|اظهارات|سخنان)\s+(?!(?:مطبوعاتی|درباره|دربارهٔ|در|به|از|پیرامون)(?:\s|$))"
    r"(?P<who>.+?)"
    r"(?:\s+(?:در\s+مورد|درباره|دربارهٔ|به\s+مناسبت|پیرامون|در\s+پی)\s.*)?$"
)


def statement_author(text: str) -> Party | None:
    """The author a statement's header names, with its span, or None."""
    pos = 0
    lines: list[tuple[int, str]] = []
    for raw in text.split("\n"):
        start = pos
        pos += len(raw) + 1
        line = raw.strip()
        if not line:
            continue
        if (issued := _issued_by(line)) is not None:
            # "The following statement was issued today by the Spokesman for UN
            # Secretary-General X:": the statement is X's; a Council's press statement
            # the Council's, whoever presides (the party spans the whole line)
            return Party(issued, None, "speaker", start + raw.find(line),
                         start + raw.find(line) + len(line), ("statement_author", "issued_by"))
        if (by := _TRANSCRIPT_BY.match(line)) is not None:
            # the transcript's own first lines say whose briefing it is
            at = start + raw.find(by.group("who"))
            return Party(by.group("who"), None, "speaker", at, at + len(by.group("who")),
                         ("statement_author",))
        if len(line) >= _PARAGRAPH or len(lines) >= _HEADER_LINES or _PROSE.search(line):
            break  # a sentence: the header has ended
        lines.append((start + raw.find(line), line))
    for i, (start, line) in enumerate(lines):
        found = _author_in(line, lines[i + 1][1] if i + 1 < len(lines) else "")
        if found is not None:
            at = start + line.find(found)
            return Party(found, None, "speaker", at, at + len(found), ("statement_author",))
    return None


def _issued_by(line: str) -> str | None:
    m = _FOLLOWING_ISSUED.match(line)
    if m is None:
        return None
    if m.group("body"):  # "The following Security Council press statement ..."
        return m.group("body").strip()
    office = _FOR_HOLDER.match(m.group("by"))
    return office.group("who") if office else None


def _author_in(line: str, following: str) -> str | None:
    line = _KIND_PREFIX.sub("", line)  # "بیانیه مطبوعاتی: اظهارات ..."
    m = _FA_STATEMENT.match(line)
    if m:
        who = m.group("who").strip(" ،:")
        return who.split("،")[0].strip() if "،" in who else who
    m = _EN_BY.match(line)
    if m:
        return m.group("who").split(",")[0].strip()
    if "،" in line:  # "آنتونی جی. بلینکن، وزیر امور خارجه ایالات متحده"
        name, title = (s.strip() for s in line.split("،", 1))
        if _FA_TITLE.match(title) and 1 < len(name.split()) <= 5:
            return name
    title, colon, name = line.rpartition(":")
    if colon and _EN_TITLE.match(title.strip()) and _EN_NAME.match(name.strip()):
        return name.strip()  # "Spokesperson for the UN High Commissioner ...: Rupert Colville"
    if "," in line:  # "Antony J. Blinken, Secretary of State"
        name, title = (s.strip() for s in line.split(",", 1))
        if _EN_NAME.match(name) and _EN_TITLE.match(title):
            return name
    if _EN_NAME.match(line) and _EN_TITLE.match(following):  # "Mark C. Toner\nActing ..."
        # ("BY HUA JIANG\nDEPUTY SPOKESMAN ...": a byline's "by" is no part of the name)
        return _BYLINE.sub("", line)
    return None


_BYLINE = re.compile(r"^(?:BY|By)\s+")
