"""URLs of captured pages: checked syntax, one normal form (so the captures of one page
are found together), the SURT key web archive indexes sort by, and which addresses a
capture may reach."""

from __future__ import annotations

import hashlib
import ipaddress
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from gavah.core.errors import BadInput

SCHEMES = ("http", "https")
MAX_URL = 8192  # characters; longer "URLs" are data, not addresses


def check(url: str) -> str:
    """The URL, stripped, if it is an absolute http(s) URL with a host; BadInput otherwise."""
    url = url.strip()
    if not url or len(url) > MAX_URL or any(c in url for c in "\x00\r\n\t "):
        raise BadInput(f"not a web address: {url[:200]!r}")
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise BadInput(f"only http and https addresses can be captured, not {url[:200]!r}")
    if not parts.hostname:
        raise BadInput(f"the address {url[:200]!r} names no host")
    try:
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        raise BadInput(f"the address {url[:200]!r} has a bad port") from None
    return url


def normalize(url: str) -> str:
    """One spelling per page: lowercase scheme and host, no default port, no fragment,
    an empty path as '/'. The query is kept as written (its order can matter)."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is not None and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, parts.path or "/", parts.query, ""))


def key(url: str) -> str:
    """An index key for the captures of one page: sha256 of its normal form."""
    return hashlib.sha256(normalize(url).encode()).hexdigest()


def surt(url: str) -> str:
    """The Sort-friendly URI Reordering Transform key of CDXJ indexes:
    'https://www.Example.com:8080/a?b=2&a=1' -> 'com,example:8080)/a?a=1&b=2'."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in SCHEMES:  # urn:..., data:...: kept as they are
        return url.strip().lower()
    host = (parts.hostname or "").lower().strip(".")
    labels = host.split(".")
    try:
        ipaddress.ip_address(host)
        reversed_host = host
    except ValueError:
        if labels and labels[0] == "www":
            labels = labels[1:]
        reversed_host = ",".join(reversed(labels))
    port = parts.port
    if port is not None and (parts.scheme.lower(), port) not in (("http", 80), ("https", 443)):
        reversed_host += f":{port}"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    path = (parts.path or "/").lower()
    return f"{reversed_host}){path}" + (f"?{query.lower()}" if query else "")


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified
    addresses (and IPv6 forms that embed one), which a capture may reach only when the
    workspace allows it: they name machines inside the investigator's own network."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return is_public(str(embedded))
    return not (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)
