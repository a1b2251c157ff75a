"""Video and audio of a captured page, fetched whole. A browser asks for media in ranges
(and may stop after the first), so each media URL the page embeds or links, or that it
answered with a video or audio response, is fetched once more in full, through the same
gate, recorded into the WARC like any response and kept as a file for its child item."""

from __future__ import annotations

import asyncio
import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gavah.pipelines.capture.gate import Gate
from gavah.pipelines.capture.recorder import MEDIA_PREFIXES, Recorder
from gavah.pipelines.capture.warc import Exchange

MEDIA_MAX = 20  # media files fetched for one capture
_MEDIA_NAME = re.compile(r"\.(mp4|m4v|webm|ogv|ogg|oga|opus|mov|mp3|m4a|wav|flac|aac)$", re.I)
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) gavah-capture"


@dataclass
class Fetched:
    url: str
    path: Path
    media_type: str
    size: int
    sha256: str
    tool: str | None = None  # what fetched it, when not the capture itself (yt-dlp)

    @property
    def name(self) -> str:
        name = posixpath.basename(unquote(urlsplit(self.url).path)) or "media"
        return name[:200]


def looks_like_media(url: str) -> bool:
    return bool(_MEDIA_NAME.search(urlsplit(url).path))


def _get(url: str, gate_url: str, limit: int, timeout: float) -> tuple[int, str, list[
        tuple[str, str]], bytes, bool]:
    import urllib.error
    import urllib.request

    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": gate_url, "https": gate_url}))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            body = response.read(limit + 1)
            return (response.status, response.reason or "", list(response.headers.items()),
                    body[:limit], len(body) > limit)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.reason or "", list(exc.headers.items()), b"", False


async def fetch_all(urls: list[str], gate: Gate, recorder: Recorder, left: Callable[[], float],
                    workdir: Path) -> list[Fetched]:
    out: list[Fetched] = []
    for number, url in enumerate(urls[:MEDIA_MAX]):
        room = gate.policy.max_bytes - recorder.warc.bytes_recorded
        if left() < 2 or room <= 0:
            break
        try:
            status, reason, headers, body, cut = await asyncio.to_thread(
                _get, url, gate.url, room, max(left() - 1, 1))
        except (OSError, ValueError) as exc:
            recorder.failed.append({"url": url, "error": f"media not fetched: {exc}"})
            continue
        recorder.add(Exchange(url=url, method="GET", request_headers=[("User-Agent",
                                                                        USER_AGENT)],
                              request_body=None, status=status, reason=reason,
                              response_headers=headers, body=body, truncated=cut))
        mime = next((v.split(";")[0].strip().lower() for k, v in headers
                     if k.lower() == "content-type"), "")
        if status != 200 or not body or cut or not (mime.startswith(MEDIA_PREFIXES)
                                                    or looks_like_media(url)):
            continue
        path = workdir / f"media-{number}"
        path.write_bytes(body)
        out.append(Fetched(url, path, mime or "application/octet-stream", len(body),
                           hashlib.sha256(body).hexdigest()))
    return out


async def from_ytdlp(url: str, gate: Gate, recorder: Recorder, left: Callable[[], float],
                     workdir: Path, warnings: list[str]) -> list[Fetched]:
    """The page's video as yt-dlp downloads it, for the sites it knows (nothing when it
    is not installed or does not know the site). Each file is also kept in the WARC, as
    a resource record of the page's address."""
    from gavah.pipelines.capture import ytdlp

    room = gate.policy.max_bytes - recorder.warc.bytes_recorded
    if left() < 5 or room <= 0 or not await asyncio.to_thread(ytdlp.known, url):
        return []
    try:
        files = await asyncio.wait_for(
            asyncio.to_thread(ytdlp.download, url, gate.url, workdir, room, left() - 2),
            max(left() - 1, 1))
    except Exception as exc:  # yt-dlp's own errors are many; each is a warning to keep
        warnings.append(f"yt-dlp did not download the page's video: {exc}")
        return []
    out = []
    for path, tool in files:
        data = path.read_bytes()
        recorder.warc.resource(f"urn:media:{url}#{path.name}", "application/octet-stream",
                               data)
        recorder.warc.bytes_recorded += len(data)
        out.append(Fetched(url, path, "application/octet-stream", len(data),
                           hashlib.sha256(data).hexdigest(), tool))
    return out
