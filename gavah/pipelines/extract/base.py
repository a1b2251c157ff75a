"""What an extractor returns, and the limits it works within."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import IO, Any


class ExtractionFailed(Exception):
    """The bytes could not be read as their media type; the message says why."""


@dataclass(frozen=True)
class Limits:
    max_text_chars: int = 50_000_000  # per document; longer text is truncated and flagged
    max_members: int = 10_000  # files in one archive
    max_unpacked: int = 2 << 30  # bytes unpacked from one archive (2 GiB)
    max_ratio: int = 200  # unpacked / packed size, for the archive and for each member
    ratio_floor: int = 1 << 20  # members smaller than this are not held to max_ratio
    max_depth: int = 4  # archives inside archives inside ...
    ocr: bool = True  # read text from images and from PDF pages without a text layer
    max_ocr_pages: int = 200  # per PDF; OCR takes seconds a page


@dataclass
class Text:
    label: str  # "text", "page 3", "message"
    text: str
    position: int = 0


@dataclass
class Child:
    """A file inside the blob: archive member or e-mail attachment."""

    name: str
    relation: str  # archive-member | attachment
    open: Callable[[], IO[bytes]]
    modified: str | None = None
    declared_size: int | None = None
    limit: int | None = None  # refuse the member if it unpacks to more bytes than this


@dataclass
class Provenance:
    """What a file says about where it came from, checked: a C2PA manifest, a PDF's
    digital signatures, a WACZ package's hashes and signature. `result` is JSON: `kind`,
    `status` (valid | invalid | unreadable), `signer`, `signed_at`,
    `edited_after_signing`, `trusted`, `problems`, and what the kind adds."""

    kind: str  # c2pa | pdf-signature | wacz
    tool: str
    result: dict[str, Any]


@dataclass
class Extraction:
    tool: str
    texts: list[Text] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    children: list[Child] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    provenance: list[Provenance] = field(default_factory=list)


def tool_name(name: str, *packages: str) -> str:
    """'gavah-html/1 trafilatura/2.3.1': the extractor and the libraries that did the work."""
    return " ".join([name, *(f"{p}/{version(p)}" for p in packages)])


def cap_text(text: str, limits: Limits, warnings: list[str]) -> str:
    if len(text) > limits.max_text_chars:
        warnings.append(f"text truncated to the first {limits.max_text_chars} characters "
                        f"of {len(text)}")
        return text[: limits.max_text_chars]
    return text
