"""Filters for templates: numbers, sizes and times in the reader's language (Persian
digits and Jalali dates in Persian), text direction, and search-hit highlighting."""

from __future__ import annotations

from datetime import datetime

import jdatetime
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from gavah.core.text import direction

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def number(value: int | float | None, lang: str) -> str:
    if value is None:
        return ""
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
        out.append(escape(text[position:start]))
        out.append(Markup("<mark>") + escape(text[start:end]) + Markup("</mark>"))
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)
