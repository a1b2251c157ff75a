"""Stored time-stamps as a verifier reads them, and how people name a TSA: shared by
the ORM's store and the fast read path."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

STAMPED = "timestamped"  # the custody action that records a stamp


@dataclass(frozen=True)
class StampRecord:
    """A stored stamp with the entry it stamps and the anchor to check it with: what a
    verifier (gavah verify, a court package's own verifier) needs, and nothing else."""

    id: int
    tsa_url: str
    ca_pem: bytes
    stamped_seq: int
    stamped_hash: str  # the entry's hash as the stamp was asked for
    entry_hash: str | None  # the entry's hash as the log holds it now (None: no such entry)
    response: bytes  # DER TimeStampResp, as the TSA sent it
    response_sha256: str
    gen_time: str
    serial: str
    tsa_name: str
    custody_seq: int  # the entry that recorded the stamp

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "tsa": self.tsa_url, "stamped_seq": self.stamped_seq,
                "stamped_hash": self.stamped_hash, "gen_time": self.gen_time,
                "serial": self.serial, "tsa_name": self.tsa_name,
                "response_sha256": self.response_sha256, "custody_seq": self.custody_seq}


def label(tsa_name: str, url: str) -> str:
    """A TSA as people name it: its certificate's common name, else its URL's host."""
    for part in tsa_name.split(","):
        key, _, value = part.partition("=")
        if key.strip().upper() == "CN" and value.strip():
            return value.strip()
    return urlsplit(url).hostname or url
