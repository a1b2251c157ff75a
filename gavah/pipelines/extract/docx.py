"""Word documents (.docx): paragraphs and table cells in order, and core properties."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

import docx
from docx.opc.exceptions import PackageNotFoundError

from gavah.pipelines.extract.base import (
    Extraction,
    ExtractionFailed,
    Limits,
    Text,
    cap_text,
    tool_name,
)

TOOL = tool_name("gavah-docx/1", "python-docx")


def extract(stream: BinaryIO, limits: Limits) -> Extraction:
    try:
        document = docx.Document(stream)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ExtractionFailed(f"not a readable DOCX document: {exc}") from None
    result = Extraction(TOOL)
    props = document.core_properties
    for key in ("title", "author", "created", "modified", "last_modified_by", "subject"):
        value = getattr(props, key, None)
        if value:
            result.metadata[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    result.texts.append(Text("text", cap_text("\n".join(lines), limits, result.warnings)))
    return result
