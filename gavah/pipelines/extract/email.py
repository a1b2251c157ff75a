"""E-mail (.eml): headers, the body as text, attachments as child items."""

from __future__ import annotations

import io
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from typing import BinaryIO

from gavah.pipelines.extract import html
from gavah.pipelines.extract.base import Child, Extraction, Limits, Text, cap_text, tool_name

TOOL = tool_name("gavah-email/1", "trafilatura")
HEADERS = ("From", "To", "Cc", "Date", "Subject", "Message-ID", "In-Reply-To")


def _body(message: EmailMessage, limits: Limits) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # unknown charset: keep the raw bytes' best reading
        raw = part.get_payload(decode=True) or b""
        content = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else str(raw)
    if part.get_content_type() == "text/html":
        extracted = html.extract(io.BytesIO(str(content).encode()), limits)
        return extracted.texts[0].text if extracted.texts else ""
    return str(content)


def _opener(payload: bytes):  # type: ignore[no-untyped-def]
    return lambda: io.BytesIO(payload)


def extract(stream: BinaryIO, limits: Limits) -> Extraction:
    message = BytesParser(policy=policy.default).parse(stream)
    assert isinstance(message, EmailMessage)
    result = Extraction(TOOL)
    header_lines = []
    for name in HEADERS:
        value = message.get(name)
        if value is not None:
            text = str(value)
            result.metadata[name.lower().replace("-", "_")] = text
            header_lines.append(f"{name}: {text}")
    date = message.get("Date")
    if date:
        try:
            result.metadata["date_utc"] = parsedate_to_datetime(str(date)).isoformat()
        except (TypeError, ValueError):
            result.warnings.append(f"unreadable Date header: {date!r}")
    for defect in message.defects:
        result.warnings.append(f"message defect: {type(defect).__name__}")
    body = _body(message, limits)
    text = "\n".join(header_lines) + "\n\n" + body
    result.texts.append(Text("message", cap_text(text, limits, result.warnings)))
    for index, part in enumerate(message.iter_attachments()):
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            result.warnings.append(f"attachment {index + 1} has no decodable content")
            continue
        name = part.get_filename() or f"attachment-{index + 1}"
        result.children.append(Child(name=name, relation="attachment", open=_opener(payload),
                                     declared_size=len(payload)))
    result.metadata["attachments"] = len(result.children)
    return result
