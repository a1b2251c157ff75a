"""Media type from the bytes themselves (libmagic), never from the file name."""

from __future__ import annotations

import re

import magic

_magic = magic.Magic(mime=True)
_HEADER = re.compile(rb"^(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\n(?:[ \t][^\n]*\n)*){3,}", re.M)
_MAIL_FIELDS = (b"from:", b"to:", b"subject:", b"date:", b"message-id:", b"mime-version:")


def media_type(head: bytes) -> str:
    if not head:
        return "application/x-empty"
    kind = _magic.from_buffer(head)
    if kind in ("text/plain", "message/news", "text/x-mail"):
        normalized = head.replace(b"\r\n", b"\n")
        match = _HEADER.match(normalized)
        if match:
            fields = {line.split(b":", 1)[0].lower() + b":"
                      for line in match.group(0).splitlines() if b":" in line}
            if len(fields & set(_MAIL_FIELDS)) >= 3:
                return "message/rfc822"
    if kind == "application/octet-stream" and head[:5] == b"%PDF-":
        return "application/pdf"
    return kind
