"""The speaker a label names before the words: a shot list's "SOUNDBITE (English) Name,
Title, Org (ABBR):", a headline's "...؛ X: «...»", a bulletin's "Here's UN Spokesperson
X." or "X is spokesperson for Y:" on the line before the quotation.
"""

from __future__ import annotations

import re

from gavah.core.extract.model import Party
from gavah.core.extract.speakers import CAP, ORG, PERSON_TAIL, ROLE_WORDS, is_name, org_party

_SOUNDBITE = re.compile(  # the label on the line before the words, or opening their line
    # or after a headline's semicolon: "... از نوروز؛ جان کربی: «...»"
    r"(?:^|\n|[;؛])[ \t]*(?:SOUNDBITE\s*\([^)\n]*\)\s*[–—-]?\s*)?(?P<who>[^\n:;؛]{3,160}):"
    r"[ \t]*(?:\n[ \t]*){0,2}$"  # (a blank line may come between)
)


# a label line that introduces the speaker in a sentence: "X is spokesperson for Y:"
_IS_TITLE_LABEL = re.compile(
    rf"(?P<name>{CAP}(?:\s+{CAP}){{1,2}})\s+(?:is|was)\s+(?:the\s+|an?\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?(?i:{ROLE_WORDS})"
    r"(?:\s+(?:for|of|at|with)\s+(?:the\s+)?(?P<org>[A-Z][^:\n,;]{1,80}?))?\s*$"
)


_HERE = r"(?:Here[’']s|Here\s+is)\s+"  # a bulletin presenting the next voice
# "Here's UN Spokesperson Stéphane Dujarric." on its own line before the words
_HERES = re.compile(rf"(?:^|\n)[ \t]*{_HERE}(?P<who>[^\n.]{{3,120}}?)\.?[ \t]*\n\s*$")
# the same words opening a label line ("Here's the agency's X:")
_HERE_IS = re.compile(rf"\s*{_HERE}")
_TITLE_FIRST = re.compile(r"(?:the|a|an)\s|.*[’']s\s", re.I)  # "the ... Commissioner", "X's Y"


# a dateline opening a label: "Washington, DC - ", "GENEVA – "
DATELINE_LEAD = re.compile(
    r"[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2}(?:,[ \t]*[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*){0,2})?"
    r"[ \t]+[-–—][ \t]+")


def shot_list_speaker(text: str, open_at: int) -> tuple[Party, Party | None] | None:
    """ "SOUNDBITE (English) Name, Title, Org (ABBR):" on the line before a quotation; a
    radio bulletin's "Here's UN Spokesperson Name." introducing the clip after it."""
    m = _SOUNDBITE.search(text, max(0, open_at - 240), open_at)
    if m is None:
        here = _HERES.search(text, max(0, open_at - 240), open_at)
        tail = PERSON_TAIL.search(here.group("who")) if here else None
        if here is None or tail is None:
            return None
        start = here.start("who") + tail.start("name")
        name = tail.group("name")
        return Party(name, None, "speaker", start, start + len(name), ("shot_list",)), None
    introduced = _IS_TITLE_LABEL.match(m.group("who"))
    if introduced:  # "Rupert Colville is spokesperson for the UN High Commissioner ...:"
        start = m.start("who")
        name = introduced.group("name")
        org_name = introduced.group("org")
        return (Party(name, None, "speaker", start, start + len(name), ("shot_list",)),
                org_party(org_name) if org_name else None)
    label, start = m.group("who"), m.start("who")
    if (here := _HERE_IS.match(label)) is not None:  # "Here's X, spokesperson for Y:"
        label, start = label[here.end():], start + here.end()
    if (dateline := DATELINE_LEAD.match(label)) is not None:
        # "Washington, DC - Michael R. Pompeo, Secretary of State:": a place and a dash
        # before the name
        label, start = label[dateline.end():], start + dateline.end()
    parts = [p.strip() for p in label.split(",")]
    who = parts[0]
    if here is not None and (tail := PERSON_TAIL.search(label)) is not None and (
            not is_name(who) or _TITLE_FIRST.match(who)):
        # "Here's the UN High Commissioner for Refugees, Filippo Grandi:", "Here's the UN
        # agency's William Spindler:": the name ends the label, the office before it
        name = tail.group("name")
        return Party(name, None, "speaker", start + tail.start(), start + tail.end(),
                     ("shot_list",)), None
    if not is_name(who) or len(who.split()) > 6:
        return None
    person = Party(who, None, "speaker", start, start + len(who), ("shot_list",))
    org = None
    body = re.match(rf"[^\n]*?\b(?:for|of)\s+(?:the\s+)?(?P<org>{ORG})", parts[-1])
    if len(parts) >= 3:
        org = org_party(re.sub(r"\s*\([^)]*\)\s*$", "", parts[-1]))
    elif len(parts) == 2 and body:  # "Name, Spokesperson for the Office of ... (OHCHR)"
        org = org_party(body.group("org"))
    return person, org
