"""Masking spans of a text keeps its length and every offset; bad spans and regions are
refused with the flag they came from (FICTIONAL text)."""

from __future__ import annotations

import pytest

from gavah.core.errors import BadInput
from gavah.core.redaction import (
    MARK,
    extension,
    mask,
    merged,
    parse_region,
    parse_span,
    stored_offset,
)


def test_mask_keeps_length_line_breaks_and_other_offsets() -> None:
    text = "FICTIONAL: Nila Varesh\nlives at 12 Orchard Lane; fictional."
    masked = mask(text, [(11, 26), (20, 22)])  # overlapping spans are one
    assert len(masked) == len(text)
    assert masked[11:22] == MARK * 11 and masked[22] == "\n" and masked[23:26] == MARK * 3
    assert masked[:11] == text[:11] and masked[26:] == text[26:]
    assert merged([(5, 9), (0, 2), (2, 4), (8, 12)]) == [(0, 4), (5, 12)]
    with pytest.raises(BadInput):
        mask(text, [(0, len(text) + 1)])


@pytest.mark.parametrize("value", ["", "5", "5:5", "7:3", "-1:4", "a:b", "1:2:3"])
def test_bad_spans(value: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_span(value)
    assert caught.value.field == "span"


def test_regions() -> None:
    assert parse_region("1,2,30,40") == (1, 2, 30, 40)
    for value in ("1,2,3", "1,2,0,4", "-1,0,2,2", "a,b,c,d"):
        with pytest.raises(BadInput):
            parse_region(value)
    assert parse_span("3:9") == (3, 9)


def test_offsets_as_shown_map_to_the_stored_text() -> None:
    # A browser reads CR LF (and a lone CR) as one line feed: a span selected on the page
    # counts them once; the stored text has both characters.
    text = "FICTIONAL\r\nNila Varesh\rwas here"
    shown = text.replace("\r\n", "\n").replace("\r", "\n")
    start, end = shown.index("Nila"), shown.index("was") + 3
    assert text[stored_offset(text, start):stored_offset(text, end)] == "Nila Varesh\rwas"
    assert [stored_offset("no CR here", i) for i in (0, 3, 10)] == [0, 3, 10]
    assert stored_offset(text, len(shown)) == len(text)


def test_copies_keep_their_format_extension() -> None:
    assert [extension(t) for t in ("image/jpeg", "image/png", "image/webp",
                                   "text/plain; charset=utf-8", "image/x-unknown")] == [
        "jpg", "png", "webp", "txt", "bin"]
