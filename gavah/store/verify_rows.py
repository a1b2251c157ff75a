"""What verification compares with the custody log and the blob store, as either read
path (the ORM's gavah.store.verification, the DB-API's gavah.store.fastread) gives it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Records:
    items: list[tuple[int, str, str, int]]  # (id, sha256, original name, custody seq)
    blob_sizes: dict[str, int]  # sha256 -> recorded size
    derivatives: list[tuple[int, str, int]]  # (id, sha256, custody seq)
    member_shas: set[str]  # the bytes of every member of a container
