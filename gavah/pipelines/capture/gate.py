"""The one door between the capturing browser and the network: a small HTTP proxy on
127.0.0.1 that the browser must use for everything (pages, redirects, scripts' requests,
media, websockets). For each connection it resolves the host itself, checks every
address against the policy and connects to the address it checked, so a redirect or a
host that changes its DNS answer cannot lead the browser anywhere the policy refuses.
HTTPS goes through as a tunnel (CONNECT): the browser still checks the certificate.
It also counts the bytes that cross it, and stops a capture that goes over its budget."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from gavah.pipelines.capture.policy import Policy, Refused

HEAD_LIMIT = 64 << 10  # bytes of a request line and headers
CONNECT_TIMEOUT = 20  # seconds to open a connection to a server


@dataclass
class Gate:
    policy: Policy
    failures: dict[str, str] = field(default_factory=dict)  # host -> why it was not reached
    wire_bytes: int = 0
    over_budget: bool = False
    port: int = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0,
                                                  limit=HEAD_LIMIT)
        self.port = self._server.sockets[0].getsockname()[1]
        self._tasks: set[asyncio.Task[None]] = set()

    async def close(self) -> None:
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self._server.wait_closed(), 2)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def count(self, size: int) -> None:
        self.wire_bytes += size
        if self.wire_bytes > self.policy.max_bytes:
            self.over_budget = True

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        upstream: asyncio.StreamWriter | None = None
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            first, _, rest = head.partition(b"\r\n")
            method, target, _version = first.decode("latin-1").split(" ", 2)
            if method.upper() == "CONNECT":
                host, _, port_text = target.rpartition(":")
                host, port, url = host.strip("[]"), int(port_text), f"https://{target}/"
            else:
                parts = urlsplit(target)
                host, port, url = parts.hostname or "", parts.port or 80, target
            address = await self._admit(host, url)
            if address is None:
                return
            try:
                up_reader, up_writer = await asyncio.wait_for(
                    asyncio.open_connection(address, port), CONNECT_TIMEOUT)
                upstream = up_writer
            except (TimeoutError, OSError) as exc:
                self.failures[host] = f"could not connect to {host} ({address}:{port}): " \
                                      f"{exc or type(exc).__name__}"
                return
            if method.upper() == "CONNECT":
                writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
            else:
                up_writer.write(_origin_form(method, target, rest))
            # Either side closing ends the exchange: a plain request is one per connection,
            # and a tunnel is over when one end hangs up.
            pipes = {asyncio.ensure_future(self._pipe(reader, up_writer)),
                     asyncio.ensure_future(self._pipe(up_reader, writer))}
            try:
                await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for pipe in pipes:
                    pipe.cancel()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
                ConnectionError):
            return
        finally:
            for stream in (writer, upstream):
                if stream is not None:
                    stream.close()
            self._tasks.discard(task)

    async def _admit(self, host: str, url: str) -> str | None:
        """The checked address to connect to, or None (the reason kept in failures)."""
        if self.over_budget:
            self.failures[host] = "the capture's size budget was used up"
            return None
        try:
            await asyncio.to_thread(self.policy.check, url)
        except Refused as exc:
            self.failures[host] = f"refused by the capture policy: {exc}"
            return None
        addresses = self.policy.addresses(host.lower().rstrip("."))
        if not addresses:
            self.failures[host] = f"the name {host} could not be resolved (DNS)"
            return None
        return addresses[0]

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while chunk := await source.read(1 << 16):
                self.count(len(chunk))
                if self.over_budget:
                    break
                sink.write(chunk)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                if sink.can_write_eof():
                    sink.write_eof()


def _origin_form(method: str, target: str, rest: bytes) -> bytes:
    """A proxied request as the server expects it: the path only, no proxy headers, and
    one request per connection (the next may be for another host)."""
    parts = urlsplit(target)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = [line for line in rest.split(b"\r\n") if line]
    kept = [line for line in lines if not line.lower().startswith(
        (b"proxy-connection:", b"proxy-authorization:", b"connection:", b"keep-alive:"))]
    return b"\r\n".join([f"{method} {path} HTTP/1.1".encode(), *kept, b"Connection: close",
                         b"", b""])
