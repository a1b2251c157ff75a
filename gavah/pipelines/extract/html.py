"""HTML: the main content without navigation, share buttons or copyright lines, and the
page's title, author, date and canonical URL. Nothing in the page is ever executed."""

from __future__ import annotations

from typing import BinaryIO

import lxml.html
import trafilatura

from gavah.pipelines.extract.base import Extraction, Limits, Text, cap_text, tool_name
from gavah.pipelines.extract.text import decode

TOOL = tool_name("gavah-html/1", "trafilatura", "lxml")


def _fallback_text(markup: str) -> str:
    """All visible text, for pages trafilatura finds no main content in."""
    try:
        root = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def extract(stream: BinaryIO, limits: Limits) -> Extraction:
    data = stream.read(limits.max_text_chars * 4)
    markup, encoding = decode(data)
    result = Extraction(TOOL, metadata={"encoding": encoding})
    doc = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                      include_tables=True, favor_precision=True)
    if isinstance(doc, dict):  # older trafilatura returns a dict
        doc = None
    body = doc.text if doc is not None and doc.text else ""
    if doc is not None:
        for key in ("title", "author", "date", "url", "sitename", "description"):
            value = getattr(doc, key, None)
            if value:
                result.metadata["canonical_url" if key == "url" else key] = str(value)
    if not body:
        body = _fallback_text(markup)
        result.warnings.append("no main content found; kept all visible text")
    title = result.metadata.get("title")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    result.texts.append(Text("text", cap_text(text, limits, result.warnings)))
    return result
