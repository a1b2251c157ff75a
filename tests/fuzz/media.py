"""The media types the extractor target chooses from by an input's first byte (kept apart
from the target, which instruments gavah's modules as it imports them)."""

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TYPES = ("text/html", "application/pdf", DOCX, "message/rfc822", "application/zip",
         "application/x-tar", "application/gzip", "image/png", "image/jpeg", "text/plain",
         "application/json")
