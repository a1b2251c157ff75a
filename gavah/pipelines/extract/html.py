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


# trafilatura drops every non-printable character, including the zero-width non-joiner
# and joiner that Persian spelling needs (می‌خواهم would become میخواهم). They cross it
# disguised as rare printable characters that the page does not use.
_JOINERS = ("\u200c", "\u200d")
_DISGUISES = ("\u2e3a", "\u2e3b", "\u2e4e", "\u2e4f", "\u2e50", "\u2e51", "\u2e52")


def _disguise(markup: str) -> tuple[str, dict[str, str]]:
    free = [d for d in _DISGUISES if d not in markup]
    mapping = {}
    for joiner, disguise in zip(_JOINERS, free, strict=False):
        if joiner in markup:
            markup = markup.replace(joiner, disguise)
            mapping[disguise] = joiner
    return markup, mapping


def _reveal(text: str, mapping: dict[str, str]) -> str:
    for disguise, joiner in mapping.items():
        text = text.replace(disguise, joiner)
    return text


def extract(stream: BinaryIO, limits: Limits) -> Extraction:
    data = stream.read(limits.max_text_chars * 4)
    markup, encoding = decode(data)
    markup, joiners = _disguise(markup)
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
                result.metadata["canonical_url" if key == "url" else key] = _reveal(
                    str(value), joiners)
    if not body:
        body = _fallback_text(markup)
        result.warnings.append("no main content found; kept all visible text")
    body = _reveal(body, joiners)
    title = result.metadata.get("title")
    text = f"{title}\n\n{body}" if title and not body.startswith(title) else body
    result.texts.append(Text("text", cap_text(text, limits, result.warnings)))
    return result
