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
    r"\s+(?:به|را)\s+(?:[^\W\d_]+\s+){0,2}?$"
)
_OF_THEM = re.compile(
    rf"\s+(?P<of>{_words('of them|of those|of whom|از آنها|از آنان|منهم|منهن')})(?![^\W\d_])"
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
    m = _NUMBER_OF.search(window) or _FA_NUMBER_OF.search(window)
    if m is None:
        return None
    base = max(clause, q_start - 80)
    g = "what" if m.group("what") else "np"
    return text[origin[base + m.start(g)] : origin[base + m.end(g) - 1] + 1]
