"""Which addresses a capture may reach, and how much it may take.

A capture follows links an adversary wrote: a page (or a redirect) that points at
127.0.0.1, the router or a cloud metadata address would make gavah fetch from inside the
investigator's network. Every host is resolved and every address it resolves to checked,
for the page, each of its requests and each redirect; loopback, private and link-local
addresses are refused unless the run or the workspace allows them."""

from __future__ import annotations

import fnmatch
import socket
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from gavah.core import urls
from gavah.core.errors import BadInput

DEFAULT_TIMEOUT = 60  # seconds for one capture, from the first request to the last byte
DEFAULT_MAX_BYTES = 250 << 20  # bytes recorded for one capture (page, resources, media)
MAX_TIMEOUT = 3600
# Hosts the browser asks on its own, never as part of a page (the captive-portal probe
# it makes after a certificate error): refused before their name is even resolved.
BROWSER_OWN = ("connectivitycheck.gstatic.com",)


class Refused(BadInput):
    """The policy forbids the address; the message says why."""


@dataclass(frozen=True)
class Policy:
    allow_private: bool = False
    allow_hosts: tuple[str, ...] = ()  # patterns (fnmatch): only these hosts, when given
    deny_hosts: tuple[str, ...] = ()  # patterns never reached
    timeout: int = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    resolved: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_settings(cls, settings: dict[str, Any], allow_private: bool = False,
                      timeout: int | None = None) -> Policy:
        """The workspace's `capture` settings (config.json), with the run's own choices."""
        def patterns(name: str) -> tuple[str, ...]:
            value = settings.get(name) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise BadInput(f"the workspace setting capture.{name} must be a list of "
                               "host patterns")
            return tuple(v.lower() for v in value)

        chosen = timeout if timeout is not None else int(settings.get("timeout",
                                                                      DEFAULT_TIMEOUT))
        if not 1 <= chosen <= MAX_TIMEOUT:
            raise BadInput(f"the time budget of a capture must be 1 to {MAX_TIMEOUT} seconds",
                           field="timeout")
        return cls(allow_private=allow_private or bool(settings.get("allow_private")),
                   allow_hosts=patterns("allow_hosts"), deny_hosts=patterns("deny_hosts"),
                   timeout=chosen,
                   max_bytes=int(settings.get("max_bytes", DEFAULT_MAX_BYTES)))

    def check(self, url: str) -> None:
        """Raise Refused unless `url` may be fetched: http(s), a host not denied (and
        allowed, when a list is given), and every address it resolves to public unless
        private addresses are allowed."""
        try:
            urls.check(url)
        except BadInput as exc:
            raise Refused(str(exc)) from None
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        if host in BROWSER_OWN or any(fnmatch.fnmatchcase(host, p) for p in self.deny_hosts):
            raise Refused(f"the capture policy denies the host {host}")
        if self.allow_hosts and not any(fnmatch.fnmatchcase(host, p) for p in self.allow_hosts):
            raise Refused(f"the capture policy allows only {', '.join(self.allow_hosts)}, "
                          f"not {host}")
        if self.allow_private:
            return
        for address in self.addresses(host):
            if not urls.is_public(address):
                raise Refused(f"{host} resolves to {address}, a loopback, private or "
                              "link-local address; captures may reach those only when "
                              "the workspace allows private addresses")

    def addresses(self, host: str) -> tuple[str, ...]:
        """Every address `host` resolves to (remembered for the run: a page asks for the
        same hosts many times)."""
        known = self.resolved.get(host)
        if known is not None:
            return known
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as exc:
            # Not refused: the browser will fail the same way, and that failure is evidence.
            self.resolved[host] = ()
            del exc
            return ()
        found = tuple(dict.fromkeys(str(info[4][0]) for info in infos))
        self.resolved[host] = found
        return found

    def permits(self, url: str) -> str | None:
        """None when `url` may be fetched, else the reason it may not."""
        try:
            self.check(url)
        except Refused as exc:
            return str(exc)
        return None
