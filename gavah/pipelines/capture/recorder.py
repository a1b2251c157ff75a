"""Recording every response the browser receives while a page loads (and the request
it answered) into the capture's WARC, as the responses arrive."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from gavah.pipelines.capture.warc import Exchange, Indexed, WarcFile

MEDIA_PREFIXES = ("video/", "audio/")


@dataclass
class Seen:
    """A recorded response, for what the capture does next (media, redirects)."""

    url: str
    status: int
    mime: str
    size: int
    entry: Indexed


@dataclass
class Recorder:
    warc: WarcFile
    max_bytes: int
    seen: list[Seen] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    truncated: int = 0  # responses cut short by the size budget
    _tasks: set[asyncio.Future[None]] = field(default_factory=set)

    def attach(self, context: Any) -> None:
        context.on("response", self._on_response)
        context.on("requestfailed", self._on_failed)

    def _on_response(self, response: Any) -> None:
        task = asyncio.ensure_future(self._record(response))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _on_failed(self, request: Any) -> None:
        self.failed.append({"url": request.url, "error": str(request.failure or "failed")})

    async def _record(self, response: Any) -> None:
        from playwright.async_api import Error

        request = response.request
        try:
            body = await response.body()
        except Error:
            body = b""  # a redirect, or a response the page dropped before it was read
        try:
            request_headers = [(h["name"], h["value"]) for h in await request.headers_array()
                               if not h["name"].startswith(":")]
            response_headers = [(h["name"], h["value"]) for h in await response.headers_array()]
            server = await response.server_addr()
        except Error:
            return  # the page (and its objects) went away before this response was read
        self.add(Exchange(
            url=response.url, method=request.method, request_headers=request_headers,
            request_body=request.post_data_buffer, status=response.status,
            reason=response.status_text, response_headers=response_headers, body=body,
            remote=f"{server['ipAddress']}:{server['port']}" if server else None))

    def add(self, exchange: Exchange) -> Indexed:
        room = max(0, self.max_bytes - self.warc.bytes_recorded)
        if len(exchange.body) > room:
            exchange.body = exchange.body[:room]
            exchange.truncated = True
            self.truncated += 1
        entry = self.warc.exchange(exchange)
        mime = entry.mime
        self.seen.append(Seen(exchange.url, exchange.status, mime, len(exchange.body), entry))
        return entry

    async def drain(self, timeout: float) -> None:
        """Wait for the responses still being read (at most `timeout` seconds)."""
        if self._tasks:
            done, pending = await asyncio.wait(set(self._tasks), timeout=max(timeout, 0.1))
            for task in pending:
                task.cancel()
            for task in done:
                with contextlib.suppress(Exception):
                    task.result()

    def media(self) -> list[Seen]:
        return [s for s in self.seen if s.mime.startswith(MEDIA_PREFIXES)]
