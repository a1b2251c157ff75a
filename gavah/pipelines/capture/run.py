"""`gavah capture`: each URL loaded in one browser (several pages at once when asked),
each capture assembled in a staging folder, packaged as a WACZ and recorded in one
transaction: the WACZ as the item's original, its screenshot, PDF, main text and
capture metadata as derivatives, its media as child items. Claims are then read from
the main text as from any page."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from gavah.core import search_query, urls
from gavah.core.custody import utc_now
from gavah.core.errors import BadInput
from gavah.core.levels import LEVELS
from gavah.pipelines import claims as claim_pipeline
from gavah.pipelines.access import Viewer
from gavah.pipelines.capture import page as pages
from gavah.pipelines.capture import staging, wacz
from gavah.pipelines.capture.browser import VIEWPORT, Browser, launch
from gavah.pipelines.capture.gate import Gate
from gavah.pipelines.capture.policy import Policy, Refused
from gavah.pipelines.capture.recorder import Recorder
from gavah.pipelines.capture.warc import WARC_NAME, WarcFile
from gavah.pipelines.sniff import media_type
from gavah.store import captures as capture_store
from gavah.store import items as item_store
from gavah.store.workspace import Workspace

STAGING = "captures"  # under the workspace scratch folder (a local store: its incoming)
MAX_CONCURRENCY = 8


@dataclass
class Options:
    source: str | None = None
    collected_by: str | None = None
    note: str | None = None
    tags: list[str] = field(default_factory=list)
    classification: str = "public"
    depth: int = 0
    timeout: int | None = None  # seconds; None: the workspace's setting or the default
    allow_private: bool = False
    concurrency: int = 1  # pages loaded at once
    claims: bool = True

    def check(self) -> None:
        if self.classification not in LEVELS:
            raise BadInput(f"unknown classification {self.classification!r}; expected one "
                           f"of {', '.join(LEVELS)}", field="classification")
        if self.depth not in (0, 1):
            raise BadInput("the capture depth must be 0 (the page) or 1 (and the pages it "
                           "links to on its site)", field="depth")
        if not 1 <= self.concurrency <= MAX_CONCURRENCY:
            raise BadInput(f"pages captured at once must be 1 to {MAX_CONCURRENCY}",
                           field="concurrency")


@dataclass
class Outcome:
    url: str
    status: str  # captured | failed | refused (not fetched: the policy forbids it)
    item: int | None = None
    http_status: int | None = None
    final_url: str | None = None
    reason: str | None = None
    derivatives: list[dict[str, Any]] = field(default_factory=list)
    media: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "id": self.item, "status": self.status,
                "http_status": self.http_status, "final_url": self.final_url,
                "reason": self.reason, "derivatives": self.derivatives,
                "media": self.media, "warnings": self.warnings}


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    claims: claim_pipeline.Report | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"captures": [o.to_dict() for o in self.outcomes],
                "claims": self.claims.to_dict() if self.claims else None}


Progress = Callable[[Outcome], None]


def software() -> str:
    return " ".join(f"{p}/{version(p)}" for p in ("gavah", "playwright", "warcio"))


def policy_for(ws: Workspace, options: Options) -> Policy:
    settings = ws.config.get("capture") or {}
    if not isinstance(settings, dict):
        raise BadInput("the workspace setting capture must be an object")
    return Policy.from_settings(settings, options.allow_private, options.timeout)


def capture_urls(ws: Workspace, targets: list[str], options: Options, actor: str,
                 progress: Progress | None = None) -> Report:
    options.check()
    if not targets:
        raise BadInput("no address to capture", field="urls")
    policy = policy_for(ws, options)
    report = Report()
    allowed: list[str] = []
    for url in targets:
        try:
            policy.check(url)
        except Refused as exc:
            outcome = Outcome(url=url.strip(), status="refused", reason=str(exc))
            report.outcomes.append(outcome)
            if progress:
                progress(outcome)
            continue
        allowed.append(url.strip())
    root = ws.scratch / STAGING
    staging.sweep(root)
    if allowed:
        asyncio.run(_capture_all(ws, allowed, options, policy, actor, root, report, progress))
    ids = [o.item for o in report.outcomes if o.item is not None]
    if ids and options.claims:
        report.claims = claim_pipeline.extract_claims(ws, ids, actor)
    return report


async def _capture_all(ws: Workspace, targets: list[str], options: Options, policy: Policy,
                       actor: str, root: Path, report: Report,
                       progress: Progress | None) -> None:
    # The browser's own default route is a gate that refuses everything: only the
    # contexts, each with its capture's gate, reach the network.
    closed = Gate(Policy(deny_hosts=("*",)))
    await closed.start()
    try:
        async with launch(closed.url) as browser:
            limit = asyncio.Semaphore(options.concurrency)

            async def one(url: str) -> None:
                async with limit:
                    outcome = await _capture_one(ws, browser, url, options, policy, actor,
                                                 root)
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome)

            await asyncio.gather(*(one(url) for url in targets))
    finally:
        await closed.close()
    order = {url: n for n, url in enumerate(targets)}
    report.outcomes.sort(key=lambda o: (o.status == "refused", order.get(o.url, -1)))


async def _capture_one(ws: Workspace, browser: Browser, url: str, options: Options,
                       policy: Policy, actor: str, root: Path) -> Outcome:
    loop = asyncio.get_running_loop()
    with staging.folder(root) as workdir:
        gate = Gate(policy)
        await gate.start()
        deadline = loop.time() + policy.timeout
        warc_path = workdir / WARC_NAME
        with open(warc_path, "wb") as out:
            warc = WarcFile(out, software())
            recorder = Recorder(warc, policy.max_bytes)
            try:
                loaded = await pages.load(browser, gate, recorder, url, options.depth,
                                          deadline, workdir)
            finally:
                await gate.close()
            metadata = _metadata(loaded, browser, gate, recorder, policy)
            raw_metadata = pages.metadata_bytes(metadata)
            warc.resource(f"urn:pageinfo:{url}", "application/json", raw_metadata)
            shown = loaded.final_url or url
            if loaded.dom is not None:
                warc.resource(f"urn:dom:{shown}", "text/html; charset=utf-8",
                              loaded.dom.encode())
            if loaded.screenshot:
                warc.resource(f"urn:screenshot:{shown}", "image/png", loaded.screenshot)
            if loaded.pdf:
                warc.resource(f"urn:pdf:{shown}", "application/pdf", loaded.pdf)
            cdxj = warc.cdxj()
        package = workdir / "capture.wacz"
        wacz.package(package, warc_path, cdxj,
                     loaded.pages or [wacz.Page(url=url, ts=loaded.started_at, id="main")],
                     created=loaded.started_at, software=software(),
                     title=loaded.title or url,
                     description=f"Capture of {url} by gavah ({loaded.status}).")
        return await asyncio.to_thread(_store, ws, package, loaded, metadata, raw_metadata,
                                       options, actor)


def _metadata(loaded: pages.Loaded, browser: Browser, gate: Gate, recorder: Recorder,
              policy: Policy) -> dict[str, Any]:
    return loaded.metadata | {
        "requested_url": loaded.url, "final_url": loaded.final_url,
        "http_status": loaded.http_status, "status": loaded.status, "reason": loaded.reason,
        "captured_at": loaded.started_at, "finished_at": utc_now(),
        "browser": browser.name, "viewport": dict(VIEWPORT), "title": loaded.title,
        "pages": [p.to_dict() for p in loaded.pages], "warnings": loaded.warnings,
        "failed_requests": recorder.failed[:200],
        "not_reached": [{"host": h, "reason": r} for h, r in sorted(gate.failures.items())],
        "responses": len(recorder.seen), "bytes_recorded": recorder.warc.bytes_recorded,
        "budget": {"seconds": policy.timeout, "bytes": policy.max_bytes,
                   "private_addresses": policy.allow_private},
        "software": software(),
    }


def _text(ws: Workspace, dom: str) -> capture_store.Derived | None:
    from gavah.pipelines.extract import html
    from gavah.pipelines.extract.base import Limits

    extraction = html.extract(io.BytesIO(dom.encode()), Limits())
    if not extraction.texts or not extraction.texts[0].text.strip():
        return None
    text = extraction.texts[0].text
    blob = ws.blobs.put_bytes(text.encode())
    return capture_store.Derived(blob.sha256, blob.size, "text", "text",
                                 "text/plain; charset=utf-8", extraction.tool,
                                 search_query.index_form(text))


def _tls_summary(tls: Any) -> str:
    if isinstance(tls, str):
        return tls
    if not isinstance(tls, dict):
        return "unknown"
    parts = [str(tls.get(k)) for k in ("protocol", "subjectName", "issuer") if tls.get(k)]
    chain = tls.get("chain_pem") or []
    return "; ".join([*parts, f"{len(chain)} certificate(s) in the chain"])


def _store(ws: Workspace, package: Path, loaded: pages.Loaded, metadata: dict[str, Any],
           raw_metadata: bytes, options: Options, actor: str) -> Outcome:
    tool = f"gavah-capture/1 {software()} chromium/{metadata['browser'].split(' ')[-1]}"
    with open(package, "rb") as stream:
        original = ws.blobs.put(stream)
    derived: list[capture_store.Derived] = []
    for kind, label, data, mime in (("screenshot", "full page", loaded.screenshot,
                                     "image/png"),
                                    ("pdf", "printed page", loaded.pdf, "application/pdf")):
        if data:
            blob = ws.blobs.put_bytes(data)
            derived.append(capture_store.Derived(blob.sha256, blob.size, kind, label, mime,
                                                 tool))
    text = _text(ws, loaded.dom) if loaded.dom else None
    if text is not None:
        derived.append(text)
    meta_blob = ws.blobs.put_bytes(raw_metadata)
    derived.append(capture_store.Derived(meta_blob.sha256, meta_blob.size, "metadata",
                                         "capture", "application/json", tool))
    media = []
    for fetched in loaded.media:
        with open(fetched.path, "rb") as stream:
            blob = ws.blobs.put(stream)
        kind = media_type(blob.head)
        from gavah.pipelines.derive import initial_state

        media.append(capture_store.Media(blob.sha256, blob.size, kind, fetched.name,
                                         fetched.url, initial_state(kind), fetched.tool))
    facts = {
        "url": loaded.url, "final_url": loaded.final_url, "status": loaded.status,
        "http_status": loaded.http_status, "reason": loaded.reason,
        "captured_at": loaded.started_at, "finished_at": str(metadata["finished_at"]),
        "browser": metadata["browser"], "user_agent": metadata.get("user_agent"),
        "viewport": f"{VIEWPORT['width']}x{VIEWPORT['height']}",
        "redirects": [str(r["url"]) for r in metadata.get("redirects", [])],
        "tls": _tls_summary(metadata.get("tls")), "pages": len(loaded.pages),
        "responses": int(metadata["responses"]), "warnings": loaded.warnings,
    }
    shown = {k: v for k, v in metadata.items() if k in (
        "requested_url", "final_url", "http_status", "status", "reason", "captured_at",
        "browser", "user_agent", "title")}
    rec = capture_store.Record(
        acquisition=item_store.Acquisition(
            original_name=_name(loaded.final_url or loaded.url), original_path=loaded.url,
            source=options.source, collected_by=options.collected_by, method="web-capture",
            note=options.note, classification=options.classification, tags=options.tags),
        wacz_sha256=original.sha256, wacz_size=original.size, url=loaded.url,
        url_key=urls.key(loaded.url), final_url=loaded.final_url, status=loaded.status,
        http_status=loaded.http_status, reason=loaded.reason, captured_at=loaded.started_at,
        facts=facts, metadata={k: v for k, v in shown.items() if v is not None},
        derivatives=derived, media=media)
    with ws.db.write() as session:
        done = capture_store.record(session, ws.custody, actor, rec)
    return Outcome(
        url=loaded.url, status=loaded.status, item=done.item_id,
        http_status=loaded.http_status, final_url=loaded.final_url, reason=loaded.reason,
        derivatives=[{"id": i, "kind": d.kind, "label": d.label, "sha256": d.sha256,
                      "media_type": d.media_type}
                     for i, d in zip(done.derivative_ids, derived, strict=True)],
        media=[{"id": i, "url": m.url, "sha256": m.sha256, "media_type": m.media_type}
               for i, m in zip(done.media_ids, media, strict=True)],
        warnings=loaded.warnings)


def _name(url: str) -> str:
    """A name for the item: host and path, as a person would say it, then .wacz."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    name = (parts.hostname or "page") + (parts.path.rstrip("/") or "")
    return f"{name.replace('/', '_')[:180]}.wacz"


MAX_FORM_URLS = 20  # addresses one request of the web form may capture


def split_urls(text: str) -> list[str]:
    """One address per line (or separated by spaces), blank lines ignored."""
    return [part for part in text.split() if part.strip()]


def for_viewer(ws: Workspace, viewer: Viewer, targets: list[str], options: Options,
               progress: Progress | None = None) -> Report:
    """A capture asked for through the web app or the API: never above the asker's own
    clearance, at most MAX_FORM_URLS addresses, and private addresses only when the
    workspace itself allows them (the server never reaches into its own network because
    a user asked)."""
    from gavah.core.levels import allowed
    from gavah.pipelines.accounts import NotPermitted

    if not allowed(options.classification, viewer.clearance):
        raise NotPermitted(f"you may not file evidence as {options.classification}: your "
                           f"clearance is {viewer.clearance}")
    if len(targets) > MAX_FORM_URLS:
        raise BadInput(f"at most {MAX_FORM_URLS} addresses at once", field="urls")
    options.allow_private = False
    return capture_urls(ws, targets, options, viewer.actor, progress)
