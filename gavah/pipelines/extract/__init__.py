"""Text and metadata extraction, chosen by the media type sniffed from content."""

from __future__ import annotations

from typing import BinaryIO

from gavah.pipelines.extract import provenance
from gavah.pipelines.extract.base import Extraction, ExtractionFailed, Limits, tool_name

HTML = {"text/html", "application/xhtml+xml"}
TEXT = {"application/json", "application/xml", "application/csv", "application/x-subrip"}
COMPRESSED = {"application/gzip", "application/x-gzip", "application/x-bzip2",
              "application/x-xz"}
ARCHIVES = {"application/zip", "application/wacz", "application/x-tar", *COMPRESSED}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def extractable(media_type: str) -> bool:
    return (media_type in HTML or media_type in TEXT or media_type in ARCHIVES
            or media_type in {"application/pdf", DOCX, "message/rfc822"}
            or media_type.startswith(("text/", "image/"))
            or media_type in provenance.ONLY_PROVENANCE)


def run(stream: BinaryIO, media_type: str, limits: Limits) -> Extraction:
    """Extract from `stream`, and check the provenance it carries. Raises
    ExtractionFailed with a reason a person can act on."""
    warnings: list[str] = []
    try:
        found = provenance.check(stream, media_type)
    except Exception as exc:  # a library's bug on hostile input must not lose the text
        found = []
        warnings.append(f"provenance not checked: {type(exc).__name__}: {exc}")
    stream.seek(0)
    if media_type in provenance.ONLY_PROVENANCE:
        result = Extraction(tool_name("gavah-provenance/1"))
    else:
        result = _content(stream, media_type, limits)
    result.provenance = found
    result.warnings += warnings
    return result


def _content(stream: BinaryIO, media_type: str, limits: Limits) -> Extraction:
    # Imported here: the parsers are slow to import and most commands never extract.
    from gavah.pipelines.extract import archive, docx, email, html, image, pdf, text

    try:
        if media_type in HTML:
            return html.extract(stream, limits)
        if media_type == "application/pdf":
            return pdf.extract(stream, limits)
        if media_type == DOCX:
            return docx.extract(stream, limits)
        if media_type == "message/rfc822":
            return email.extract(stream, limits)
        if media_type in ARCHIVES:
            return archive.extract(stream, media_type, limits)
        if media_type.startswith("image/"):
            return image.extract(stream, limits)
        if media_type.startswith("text/") or media_type in TEXT:
            return text.extract(stream, limits)
    except ExtractionFailed:
        raise
    except MemoryError:
        raise ExtractionFailed("ran out of memory extracting this file") from None
    except RecursionError:
        raise ExtractionFailed("the file is nested too deeply to parse") from None
    except Exception as exc:  # a parser bug on hostile input must not stop the batch
        raise ExtractionFailed(f"{type(exc).__name__} while extracting {media_type}: "
                               f"{exc}") from exc
    raise ExtractionFailed(f"no extractor for {media_type}")


__all__ = ["Extraction", "ExtractionFailed", "Limits", "extractable", "run"]
