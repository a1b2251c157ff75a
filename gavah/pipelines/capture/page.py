"""Loading one page in a fresh browser context and recording it: every response into
the WARC, then (once the page has settled and been scrolled for lazy content) the
rendered page, a full-page screenshot, the page printed to PDF, the media it embeds or
links, and the facts of the capture. A failure (DNS, TLS, time-out, an HTTP error)
is kept with whatever was received."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gavah.core.custody import utc_now
from gavah.pipelines.capture import media as media_fetch
from gavah.pipelines.capture.browser import VIEWPORT, Browser
from gavah.pipelines.capture.gate import Gate
from gavah.pipelines.capture.recorder import Recorder
from gavah.pipelines.capture.wacz import Page

DWELL = 2.0  # seconds a loaded page is watched at least (content loaded by script later)
SETTLE = 10.0  # seconds at most to wait for the network to go quiet, each time
SCROLL_STEPS = 30  # screens scrolled at most to load lazy content
LINKS_MAX = 20  # pages linked from the page captured with it at depth 1
PDF_MAX_PAGES_TIME = 30.0  # seconds at most for printing to PDF

_SCROLL = """async (steps) => {
  for (let i = 0; i < steps; i++) {
    window.scrollBy(0, window.innerHeight);
    await new Promise(r => setTimeout(r, 120));
    const end = document.scrollingElement || document.body;
    if (!end || window.scrollY + window.innerHeight >= end.scrollHeight) break;
  }
  window.scrollTo(0, 0);
}"""
_MEDIA = r"""() => {
  const out = new Set();
  for (const el of document.querySelectorAll('video, audio, video source, audio source')) {
    const src = el.currentSrc || el.src;
    if (src && /^https?:/.test(src)) out.add(src);
  }
  for (const a of document.querySelectorAll('a[href]')) {
    if (/\.(mp4|m4v|webm|ogv|ogg|oga|opus|mov|mp3|m4a|wav|flac|aac)([?#]|$)/i.test(a.href))
      out.add(a.href.split('#')[0]);
  }
  return [...out];
}"""
_LINKS = """() => [...new Set([...document.querySelectorAll('a[href]')]
  .map(a => a.href.split('#')[0]).filter(h => /^https?:/.test(h)))]"""


@dataclass
class Loaded:
    url: str
    started_at: str
    final_url: str | None = None
    http_status: int | None = None
    status: str = "failed"
    reason: str | None = None
    title: str | None = None
    dom: str | None = None
    screenshot: bytes | None = None
    pdf: bytes | None = None
    pages: list[Page] = field(default_factory=list)
    media: list[media_fetch.Fetched] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def _reason(message: str, url: str, gate: Gate) -> str:
    """Why a page did not load, in words: the browser's own error for TLS and DNS, else
    what the gate knows about the host (or a host a redirect named)."""
    first = message.splitlines()[0] if message else "failed"
    if "ERR_CERT" in first or "ERR_SSL" in first:
        return f"TLS: {first}"
    host = urlsplit(url).hostname or ""
    known = gate.failures.get(host)
    if known is None and any(code in first for code in (
            "ERR_TUNNEL_CONNECTION_FAILED", "ERR_EMPTY_RESPONSE", "ERR_CONNECTION_CLOSED",
            "ERR_PROXY_CONNECTION_FAILED")):
        known = "; ".join(sorted(set(gate.failures.values()))) or None
    if known:
        return f"{known} ({first})"
    if "ERR_NAME_NOT_RESOLVED" in first:
        return f"DNS: {first}"
    return f"network: {first}"


async def load(browser: Browser, gate: Gate, recorder: Recorder, url: str, depth: int,
               deadline: float, workdir: Path) -> Loaded:
    """Capture `url` into `recorder` and return what was made. `deadline` is the event
    loop time by which everything must be done."""
    from playwright.async_api import Error
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    loop = asyncio.get_running_loop()
    left = lambda: deadline - loop.time()  # noqa: E731
    result = Loaded(url=url, started_at=utc_now())
    context = await browser.browser.new_context(
        viewport=VIEWPORT, service_workers="block", accept_downloads=False,
        proxy={"server": gate.url, "bypass": "<-loopback>"})
    recorder.attach(context)
    try:
        page = await context.new_page()
        user_agent = await page.evaluate("navigator.userAgent")
        found: list[str] = []
        try:
            response = await page.goto(url, wait_until="load", timeout=max(left(), 1) * 1000)
        except PlaywrightTimeout:
            response = None
            result.reason = ("time-out: the page did not finish loading within the "
                             "capture's time budget")
        except Error as exc:
            response = None
            result.reason = _reason(str(exc), url, gate)
        if response is not None:
            await _settle(page, left, result)
            result.final_url = page.url
            result.http_status = response.status
            result.title = (await page.title()) or None
            result.dom = await page.content()
            redirects = await _redirects(response)
            result.metadata.update(await _response_facts(context, page, response, redirects))
            result.screenshot = await _screenshot(page, result)
            result.pdf = await _pdf(page, left, result)
            if response.status >= 400:
                result.reason = f"HTTP {response.status} {response.status_text}".strip()
            else:
                result.status = "captured"
            result.pages.append(Page(url=page.url, ts=result.started_at, title=result.title,
                                     id="main"))
            found = await page.evaluate(_MEDIA)
            if depth > 0 and left() > 5:
                await _linked(context, page, left, result)
        await recorder.drain(min(left(), SETTLE))
        if response is not None:
            wanted = list(dict.fromkeys([*found, *(s.url for s in recorder.media())]))
            result.media = await media_fetch.fetch_all(wanted, gate, recorder, left, workdir)
            result.media += await media_fetch.from_ytdlp(url, gate, recorder, left, workdir,
                                                         result.warnings)
        result.metadata.update({"user_agent": user_agent})
    finally:
        await context.close()
    if gate.over_budget or recorder.truncated:
        result.warnings.append("the capture's size budget was used up: later responses were "
                               "cut short or not fetched")
    return result


async def _settle(page: Any, left: Any, result: Loaded) -> None:
    """Wait for the network to go quiet, scroll to the end and back (lazy content),
    watch the page at least DWELL seconds, and wait for quiet again."""
    from playwright.async_api import Error

    started = time.monotonic()
    quiet = True
    for step in range(2):
        try:
            await page.wait_for_load_state("networkidle", timeout=max(min(left(), SETTLE), 0.1)
                                           * 1000)
        except Error:
            quiet = False
        if step == 0:
            with contextlib.suppress(Error):
                await page.evaluate(_SCROLL, SCROLL_STEPS)
            rest = DWELL - (time.monotonic() - started)
            if rest > 0 and left() > rest:
                await asyncio.sleep(rest)
    if not quiet:
        result.warnings.append("the network did not go quiet within the time allowed; "
                               "recorded what had arrived")


async def _redirects(response: Any) -> list[dict[str, Any]]:
    chain = []
    request = response.request.redirected_from
    while request is not None:
        hop = await request.response()
        chain.append({"url": request.url, "status": hop.status if hop else None})
        request = request.redirected_from
    return chain[::-1]


async def _response_facts(context: Any, page: Any, response: Any,
                          redirects: list[dict[str, Any]]) -> dict[str, Any]:
    headers = [[h["name"], h["value"]] for h in await response.headers_array()]
    facts: dict[str, Any] = {"redirects": redirects, "response_headers": headers,
                             "status_text": response.status_text}
    if urlsplit(page.url).scheme != "https":
        facts["tls"] = "none: the page was not fetched over https"
        return facts
    details = await response.security_details() or {}
    tls: dict[str, Any] = {k: details.get(k) for k in
                           ("protocol", "subjectName", "issuer", "validFrom", "validTo")
                           if details.get(k) is not None}
    try:
        cdp = await context.new_cdp_session(page)
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        chain = await cdp.send("Network.getCertificate", {"origin": origin})
        tls["chain_pem"] = [_pem(der) for der in chain.get("tableNames", [])]
    except Exception as exc:  # the chain is a fact to record when it can be had, not a must
        tls["chain_error"] = f"{type(exc).__name__}: {exc}"
    facts["tls"] = tls
    return facts


def _pem(der_base64: str) -> str:
    lines = [der_base64[i:i + 64] for i in range(0, len(der_base64), 64)]
    return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"


async def _screenshot(page: Any, result: Loaded) -> bytes | None:
    from playwright.async_api import Error

    try:
        return bytes(await page.screenshot(full_page=True, type="png", timeout=30_000))
    except Error as exc:
        result.warnings.append(f"no screenshot: {str(exc).splitlines()[0]}")
        return None


async def _pdf(page: Any, left: Any, result: Loaded) -> bytes | None:
    from playwright.async_api import Error

    try:
        await page.emulate_media(media="screen")
        return bytes(await asyncio.wait_for(page.pdf(print_background=True, format="A4"),
                                            max(min(left(), PDF_MAX_PAGES_TIME), 1)))
    except (TimeoutError, Error) as exc:
        result.warnings.append(f"no PDF: {str(exc).splitlines()[0] if str(exc) else 'time-out'}")
        return None


async def _linked(context: Any, page: Any, left: Any, result: Loaded) -> None:
    """Depth 1: the pages the page links to on its own site, each loaded and recorded
    into the same archive (as long as the time budget lasts)."""
    from playwright.async_api import Error

    origin = urlsplit(page.url)[:2]
    links = [link for link in await page.evaluate(_LINKS)
             if urlsplit(link)[:2] == origin and link != page.url
             and not media_fetch.looks_like_media(link)][:LINKS_MAX]
    for link in links:
        if left() < 5:
            result.warnings.append("the time budget ran out before every linked page was "
                                   "captured")
            break
        child = await context.new_page()
        try:
            await child.goto(link, wait_until="load", timeout=min(left() - 2, SETTLE) * 1000)
            with contextlib.suppress(Error):
                await child.wait_for_load_state("networkidle",
                                                timeout=max(min(left() - 2, 3), 0.1) * 1000)
            result.pages.append(Page(url=child.url, ts=utc_now(),
                                     title=(await child.title()) or None))
        except Error as exc:
            result.warnings.append(f"linked page {link} not captured: "
                                   f"{str(exc).splitlines()[0]}")
        finally:
            await child.close()


def metadata_bytes(metadata: dict[str, Any]) -> bytes:
    return json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True).encode()
