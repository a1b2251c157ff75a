"""Filters for templates: numbers, sizes and times in the reader's language (Persian
digits and Jalali dates in Persian), text direction, and search-hit highlighting."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from itertools import pairwise
from typing import Any

import jdatetime
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from gavah.core.text import direction

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def number(value: int | float | None, lang: str) -> str:
    return "" if value is None else _number(value, lang)


@lru_cache(maxsize=4096)  # counts repeat from page to page, and Babel is slow to format
def _number(value: int | float, lang: str) -> str:
    if lang == "fa":  # Babel keeps Latin digits; Persian readers expect ۰–۹ and ٬
        return str(format_decimal(value, locale="fa", numbering_system="arabext")
                   ).translate(_PERSIAN_DIGITS)
    return str(format_decimal(value, locale=lang))


def size(value: int | None, lang: str) -> str:
    if value is None:
        return ""
    amount = float(value)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if amount < 1024 or unit == "TB":
            shown = f"{amount:.0f}" if unit == "B" else f"{amount:.1f}"
            break
        amount /= 1024
    return (shown.translate(_PERSIAN_DIGITS) if lang == "fa" else shown) + f" {unit}"


def when(value: str | None, lang: str) -> str:
    """'2026-11-27 19:26 UTC', or in Persian the Jalali date '۱۴۰۵/۰۹/۰۶ ۱۹:۲۶ UTC'."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if lang == "fa":
        jalali = jdatetime.datetime.fromgregorian(datetime=moment)
        return jalali.strftime("%Y/%m/%d %H:%M").translate(_PERSIAN_DIGITS) + " UTC"
    return moment.strftime("%Y-%m-%d %H:%M") + " UTC"


def textdir(value: str | None) -> str:
    return direction(value or "")


def highlight(text: str, spans: list[tuple[int, int]] | list[list[int]]) -> Markup:
    """The snippet, escaped, with each [start, end) span (offsets into the original
    text, as the search pipeline gives them) wrapped in <mark>."""
    out = []
    position = 0
    for start, end in sorted((int(a), int(b)) for a, b in spans):
        start = max(start, position)
        if end <= start:
            continue
        # escaped pieces joined as plain strings (adding Markup objects is slower)
        out.append(f"{escape(text[position:start])}<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


_CUT = {"year": 4, "decade": 4, "season": 7, "month": 7, "day": 10}


def period(start: str | None, end: str | None, precision: str | None, lang: str) -> str:
    """A date or range at its precision: '1988', '1988-07 – 1988-09', '1988-07-19'; in
    Persian, days as Jalali dates and every digit Persian."""
    if not start and not end:
        return ""

    def one(iso: str) -> str:
        iso = iso[:_CUT.get(precision or "day", 10)]
        if lang == "fa" and len(iso) == 10:
            try:
                day = jdatetime.date.fromgregorian(date=datetime.fromisoformat(iso).date())
                return day.strftime("%Y/%m/%d")
            except ValueError:
                return iso
        return iso

    first = one(start) if start else "…"
    last = one(end) if end else None
    text = first if not last or last == first else f"{first} – {last}"
    return text.translate(_PERSIAN_DIGITS) if lang == "fa" else text


def claim_spans(text: str, spans: list[dict[str, Any]]) -> Markup:
    """The text, escaped piece by piece, with each claim's [start, end) a link to the
    claim's page. A span inside another (a quotation inside a quotation) links the
    innermost claim; its depth is a class so that nesting shows."""
    length = len(text)
    spans = [s for s in spans if 0 <= int(s["start"]) < int(s["end"])
             and int(s["start"]) < length]
    bounds = sorted({0, length, *(int(s["start"]) for s in spans),
                     *(min(int(s["end"]), length) for s in spans)})
    out: list[Markup] = []
    run: tuple[Any, int] | None = None
    pieces: list[str] = []
    anchored: set[str] = set()

    def flush() -> None:
        if not pieces:
            return
        body = escape("".join(pieces))
        if run is None:
            out.append(body)
        else:
            span, depth = run
            claim = escape(span["id"])
            anchor = f' id="claim-{claim}"' if span["id"] not in anchored else ""
            anchored.add(span["id"])
            # Every value escaped, then an f-string: Markup.format() formats in Python,
            # which cost more than the rest of an item page's template.
            out.append(Markup(
                f'<a class="claim-span depth-{min(depth, 3)} '
                f'kind-{escape(span.get("kind") or "")} '
                f'status-{escape(span.get("status") or "")}"{anchor} href="/claims/{claim}" '
                f'title="{escape(span.get("title") or span.get("kind") or "")}">{body}</a>'))
        pieces.clear()

    for a, b in pairwise(bounds):
        covering = [s for s in spans if int(s["start"]) <= a and b <= int(s["end"])]
        chosen = (min(covering, key=lambda s: (int(s["end"]) - int(s["start"]), s["id"])),
                  len(covering)) if covering else None
        if chosen != run:
            flush()
            run = chosen
        pieces.append(text[a:b])
    flush()
    return Markup("").join(out)
