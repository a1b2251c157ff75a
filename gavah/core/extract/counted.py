"""What a figure counts when the text names it before the number ("the death toll rose
to 300", "شمار جانباختگان به ۴۴۰ نفر رسید") or refers back to it after ("60 of them")."""

from __future__ import annotations

import re

from gavah.core.extract.lexicon import alternation
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
