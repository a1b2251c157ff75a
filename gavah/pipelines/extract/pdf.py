"""PDF: text per page with pdfium."""

from __future__ import annotations

from typing import BinaryIO

import pypdfium2 as pdfium

from gavah.pipelines.extract.base import (
    Extraction,
    ExtractionFailed,
    Limits,
    Text,
    cap_text,
    tool_name,
)

TOOL = tool_name("gavah-pdf/1", "pypdfium2")


def extract(stream: BinaryIO, limits: Limits) -> Extraction:
    try:
        pdf = pdfium.PdfDocument(stream)
    except pdfium.PdfiumError as exc:
        raise ExtractionFailed(f"not a readable PDF: {exc}") from None
    result = Extraction(TOOL)
    try:
        meta = {k.lower(): v for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        result.metadata.update(meta)
        result.metadata["pages"] = len(pdf)
        total = 0
        empty = 0
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded().replace("\r\n", "\n")
            textpage.close()
            page.close()
            if not text.strip():
                empty += 1
            total += len(text)
            if total > limits.max_text_chars:
                result.warnings.append(f"text limit reached at page {index + 1}; "
                                       "later pages not extracted")
                break
            result.texts.append(Text(f"page {index + 1}", cap_text(text, limits, []),
                                     position=index + 1))
        if empty:
            result.warnings.append(f"{empty} page(s) have no text layer (scanned? OCR not run)")
    except pdfium.PdfiumError as exc:
        raise ExtractionFailed(f"PDF text could not be read: {exc}") from None
    finally:
        pdf.close()
    return result
