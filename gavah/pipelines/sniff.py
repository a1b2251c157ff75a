"""Media type from the bytes themselves, never from the file name.

libmagic decides for everything binary, where it is fast (tens of microseconds). On text
it runs hundreds of regular expressions and costs a millisecond or more per file, which
dominated ingest of many small files; prose, CSV, HTML and e-mail are recognised here
first, and only other text goes to libmagic, with a short buffer."""

from __future__ import annotations

import re

import magic

_magic = magic.Magic(mime=True)
_HEADER = re.compile(rb"^(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\n(?:[ \t][^\n]*\n)*){3,}")
_MAIL_FIELDS = {b"from:", b"to:", b"subject:", b"date:", b"message-id:", b"mime-version:",
                b"received:", b"return-path:"}
_HTML = re.compile(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])")
TEXT_PROBE = 4096  # bytes of the start looked at by the text rules
MAGIC_TEXT_PROBE = 1024  # bytes libmagic sees of text the rules did not place


def _is_mail(head: bytes) -> bool:
    match = _HEADER.match(head.replace(b"\r\n", b"\n"))
    if not match:
        return False
    fields = {line.split(b":", 1)[0].lower() + b":"
              for line in match.group(0).splitlines() if b":" in line and line[:1].isalpha()}
    return len(fields & _MAIL_FIELDS) >= 3


def _is_csv(head: bytes) -> bool:
    lines = head.split(b"\n", 3)[:3]
    if len(lines) < 3:
        return False
    for sep in (b",", b"\t", b";"):
        counts = {line.count(sep) for line in lines[:2]}
        if len(counts) == 1 and counts.pop() >= 1 and lines[2].count(sep) >= 1:
            return True
    return False


def _textual(probe: bytes) -> bool:
    if b"\x00" in probe:
        return False
    try:
        probe.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(probe) - 4:  # not just a character cut at the probe's end
            # Legacy 8-bit encodings: text if control bytes are rare.
            controls = sum(1 for b in probe if b < 0x20 and b not in b"\t\n\r\f")
            return controls <= len(probe) // 100
    return True


def media_type(head: bytes) -> str:
    if not head:
        return "application/x-empty"
    probe = head[:TEXT_PROBE]
    if _textual(probe):
        text = probe.lstrip(b"\xef\xbb\xbf \t\r\n")
        lowered = text[:1024].lower()
        if _HTML.search(lowered):
            return "text/html"
        if _is_mail(text):
            return "message/rfc822"
        first = text[:1].decode("utf-8", errors="replace")
        if first.isalnum() or first in "\"'«(" or text[:1] >= b"\x80":
            return "text/csv" if _is_csv(text) else "text/plain"
        return str(_magic.from_buffer(head[:MAGIC_TEXT_PROBE]))
    kind = str(_magic.from_buffer(head))
    if kind == "application/octet-stream" and head[:5] == b"%PDF-":
        return "application/pdf"
    return kind
