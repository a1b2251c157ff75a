"""PDF: text per page with pdfium; pages without a text layer (scans) read by OCR."""

from __future__ import annotations

from typing import BinaryIO

import pypdfium2 as pdfium

from gavah.pipelines.extract import ocr
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
        scanned = Scanned(limits)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded().replace("\r\n", "\n")
            textpage.close()
            label = f"page {index + 1}"
            if not text.strip():
                text = scanned.read(page, result)
                label += " (OCR)" if text else ""
            page.close()
            total += len(text)
            if total > limits.max_text_chars:
                result.warnings.append(f"text limit reached at page {index + 1}; "
                                       "later pages not extracted")
                break
            result.texts.append(Text(label, cap_text(text, limits, []), position=index + 1))
        scanned.report(result)
    except pdfium.PdfiumError as exc:
        raise ExtractionFailed(f"PDF text could not be read: {exc}") from None
    finally:
        pdf.close()
    return result


class Scanned:
    """Pages without a text layer: rendered and read by OCR, up to limits.max_ocr_pages."""

    SCALE = 300 / 72  # 300 dpi: what Tesseract reads best

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.pages = 0  # without a text layer
        self.read_pages = 0
        self.failures: list[str] = []

    def read(self, page: pdfium.PdfPage, result: Extraction) -> str:
        self.pages += 1
        if not self.limits.ocr or ocr.engine() is None or self.pages > self.limits.max_ocr_pages:
            return ""
        width, height = page.get_size()  # points; a hostile page may claim any size
        scale = min(self.SCALE, (ocr.MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
        try:
            reading = ocr.read(page.render(scale=scale, grayscale=True).to_pil())
        except (RuntimeError, pdfium.PdfiumError) as exc:
            self.failures.append(str(exc))
            return ""
        if ocr.tool() not in result.tool:
            result.tool = f"{result.tool} {ocr.tool()}"
        self.read_pages += 1
        return reading.text if reading else ""

    def report(self, result: Extraction) -> None:
        if not self.pages:
            return
        if not self.limits.ocr:
            result.warnings.append(f"{self.pages} page(s) have no text layer (OCR not asked for)")
        elif ocr.engine() is None:
            result.warnings.append(f"{self.pages} page(s) have no text layer; OCR not run: "
                                   "Tesseract is not installed")
        elif self.pages > self.limits.max_ocr_pages:
            result.warnings.append(f"{self.pages} page(s) have no text layer; OCR read the "
                                   f"first {self.limits.max_ocr_pages}")
        if self.failures:
            result.warnings.append(f"OCR failed on {len(self.failures)} page(s): "
                                   f"{self.failures[0]}")
        result.metadata["pages_without_text_layer"] = self.pages
