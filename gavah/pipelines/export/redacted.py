"""Redacted copies in a package. Policy: a package for the defence or the public carries
an item's latest redacted copy (made with `gavah redact`) in place of what it was made
from; the court receives the originals. The pseudonyms of protected persons apply to
every recipient, and the copy they make is stored as a derivative too, so the same
bytes are re-used and can be proven later."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gavah.core.redaction import MARK, mask
from gavah.pipelines.export.pseudonyms import Pseudonyms
from gavah.store import redactions
from gavah.store.db import Session
from gavah.store.redaction_rows import Copy
from gavah.store.workspace import Workspace

SWAPPED = ("defence", "public")  # recipients who get redacted copies in place
BY_EXPORT = "export"  # `via` of the copies an export makes with pseudonyms


@dataclass(frozen=True)
class Made:
    """A copy with pseudonyms an export made, to be recorded with the export."""

    item_id: int
    source_sha256: str
    sha256: str
    size: int
    hidden: int


def latest(session: Session, item_ids: Iterable[int], recipient: str
           ) -> dict[int, dict[str, Copy]]:
    """For a recipient who gets redacted copies: per item, the SHA-256 of what a copy
    was made from -> its latest copy made by an analyst."""
    if recipient not in SWAPPED:
        return {}
    out: dict[int, dict[str, Copy]] = {}
    for item_id, copies in redactions.of_items(session, item_ids).items():
        for copy in copies:  # oldest first: a later copy of the same bytes wins
            if copy.details.get("via") != BY_EXPORT:
                out.setdefault(item_id, {})[copy.source_sha256] = copy
    return out


def note(used: Sequence[Copy], pseudonymised: int, exporter: str) -> dict[str, Any]:
    """The case file's `redaction` of an item: what was hidden and by whom."""
    hidden = [f"{c.details.get('hidden')} ({c.label}; reason: {c.details.get('reason')})"
              for c in used]
    by = list(dict.fromkeys(c.by for c in used))
    if pseudonymised:
        hidden.append(f"{pseudonymised} mention(s) of protected persons, replaced by their "
                      "pseudonyms")
        by.append(exporter)
    hidden.append("the original stays in the workspace, unchanged")
    return {"hidden": "; ".join(hidden), "by": ", ".join(dict.fromkeys(by)),
            "copies": [{"sha256": c.sha256, "made_from": c.source_sha256, "by": c.by,
                        "hidden": c.details.get("hidden"), "spans": c.details.get("spans"),
                        "regions": c.details.get("regions"),
                        "reason": c.details.get("reason"), "custody_seq": c.custody_seq}
                       for c in used]}


def record(session: Session, ws: Workspace, exporter: str, made: Sequence[Made]) -> None:
    """Record the copies with pseudonyms the export made, each once per item: the same
    copy made again by a later export is the one already recorded."""
    if not made:
        return
    seen = {(c.item_id, c.source_sha256, c.sha256) for copies in redactions.of_items(
        session, {m.item_id for m in made}).values() for c in copies}
    for one in made:
        key = (one.item_id, one.source_sha256, one.sha256)
        if key in seen:
            continue
        seen.add(key)
        redactions.add(
            session, ws.custody, exporter, one.item_id, one.source_sha256, one.sha256,
            one.size, "text/plain; charset=utf-8", "pseudonyms", "gavah-pseudonyms/1",
            {"count": one.hidden, "hidden": f"{one.hidden} mention(s) of protected persons, "
             "replaced by their pseudonyms", "reason": "protected persons appear under "
             "pseudonyms in every package", "via": BY_EXPORT})


@dataclass
class Masked(Pseudonyms):
    """Pseudonyms that also mask, wherever the case file quotes them, the quotes of
    claims whose span an analyst hid in a copy the package carries: a claim must not
    give back what the copy hides. Only `apply` (case file, FollowTheMoney, metadata)
    masks them; the texts and the chain are masked by names alone."""

    quotes: list[tuple[str, str]] = field(default_factory=list)  # (quote, masked)

    def apply(self, value: Any) -> Any:
        if isinstance(value, str):
            for quote, masked in self.quotes:
                if quote in value:
                    value = value.replace(quote, masked)
            return super().apply(value)
        if isinstance(value, dict):
            return {self.apply(k): self.apply(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.apply(v) for v in value]
        return value


def _masked_quote(quote: str, start: int, end: int, spans: Sequence[list[int]]) -> str | None:
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans
              if s < end and e > start]
    if not inside:
        return None
    if len(quote) != end - start:  # not the span as it is in the text: hide it all
        return "".join(c if c in "\r\n" else MARK for c in quote)
    return mask(quote, inside)


def with_quotes_masked(session: Session, names: Pseudonyms, item_ids: Iterable[int],
                       recipient: str) -> Pseudonyms:
    """`names`, or Masked when a claim quotes a span hidden in a copy sent in place."""
    swaps = latest(session, item_ids, recipient)
    hidden = {sha: copy.details["spans"] for copies in swaps.values()
              for sha, copy in copies.items() if copy.details.get("spans")}
    if not hidden:
        return names
    quotes = {}
    for sha, start, end, quote in redactions.quotes_in(session, swaps):
        if sha in hidden and quote and \
                (masked := _masked_quote(quote, start, end, hidden[sha])) is not None:
            quotes[quote] = masked
    if not quotes:
        return names
    return Masked(names.names, names.ftm_ids,
                  sorted(quotes.items(), key=lambda pair: -len(pair[0])))
