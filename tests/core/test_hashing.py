"""Hashing a staged file of one's own: mapped when large, the same answer as reading it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from gavah.core.hashing import MAP_FROM, hash_copy, hash_own_file


@pytest.mark.parametrize("size", [0, 5, MAP_FROM - 1, MAP_FROM, MAP_FROM + 12345])
def test_own_file_hashes_as_read_from_its_start(tmp_path: Path, size: int) -> None:
    data = os.urandom(size)
    path = tmp_path / "staged"
    path.write_bytes(data)
    with open(path, "rb", buffering=0) as stream:
        stream.seek(size)  # as left by the copy: hashed from the start all the same
        sha, length, head = hash_own_file(stream, keep=65536)
        stream.seek(0)
        assert (sha, length, head) == hash_copy(stream, keep=65536)
    assert sha == hashlib.sha256(data).hexdigest()
    assert length == size and head == data[:65536]


def test_a_head_longer_than_the_file_is_the_file(tmp_path: Path) -> None:
    data = os.urandom(MAP_FROM + 7)
    path = tmp_path / "staged"
    path.write_bytes(data)
    with open(path, "rb", buffering=0) as stream:
        assert hash_own_file(stream, keep=len(data) + 100)[2] == data
