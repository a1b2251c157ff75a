"""A package whose custody chain crosses a key rotation verifies with verify.py alone,
following the handover to the packaged key; a forged handover is found. The case is
the FICTIONAL one of tests/pipelines/case_world.py."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gavah.core.custody import canonical
from gavah.pipelines import cases
from gavah.pipelines.export import package
from gavah.pipelines.keys import rotate
from gavah.store.custody import iter_entries
from gavah.store.workspace import Workspace
from tests.pipelines.case_world import ANALYST, CaseWorld
from tests.pipelines.export.test_package import bare_python, case_world, run_verify

__all__ = ["bare_python", "case_world"]  # fixtures shared with the package tests


def test_package_verifies_across_a_key_rotation(ws: Workspace, case_world: CaseWorld,
                                               bare_python: Path, tmp_path: Path) -> None:
    done = rotate(ws, "fictional-operator", "FICTIONAL rotation")
    exported = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "court")
    assert exported.key_id == done.new_key_id
    ran = run_verify(bare_python, tmp_path / "pkg")
    assert ran.returncode == 0, ran.stdout
    assert f"signing key rotated {done.old_key_id} -> {done.new_key_id}" in ran.stdout

    # A handover to a key of the forger's choosing, without that key's own signature.
    forged = tmp_path / "forged" / "pkg"
    shutil.copytree(tmp_path / "pkg", forged)
    chain = forged / "data" / "custody" / "chain.jsonl"
    lines = [json.loads(line) for line in chain.read_text().splitlines()]
    rotation = next(e for e in lines if e.get("action") == "key-rotated")
    other = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw,
                                                                   PublicFormat.Raw)
    rotation["details"]["new_public_key"] = base64.b64encode(other).decode()
    chain.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines))
    ran = run_verify(bare_python, forged)
    assert ran.returncode == 1
    problems = [line for line in ran.stdout.splitlines() if "PROBLEM" in line]
    assert any(f"seq {rotation['seq']}" in line and "edited" in line
               for line in problems), ran.stdout


def test_chain_lines_are_the_entries_canonical_form(ws: Workspace, case_world: CaseWorld,
                                                   tmp_path: Path) -> None:
    # The chain is written from the stored canonical details, not re-encoded: each line
    # must still be byte for byte the canonical JSON of the entry (in full, or its seq,
    # hash, previous hash and signature), across a key rotation's nested details.
    rotate(ws, "fictional-operator", "FICTIONAL rotation")
    cases.link(ws, ANALYST, case_world.case["id"], "cah-murder.1", "claim",
               case_world.claims["Northgate Monitor"]["id"], "supports",
               note="FICTIONAL: «شمارش» the Monitor's count \"quoted\"")
    done = package.export(ws, ANALYST, case_world.case["id"], tmp_path / "pkg", "court")
    lines = (tmp_path / "pkg" / "data" / "custody" / "chain.jsonl").read_bytes().split(b"\n")
    assert lines.pop() == b""
    with ws.db.read() as session:
        entries = [e for e in iter_entries(session) if e.seq <= len(lines)]
    assert len(entries) == len(lines)
    full = 0
    for entry, line in zip(entries, lines, strict=True):
        if b'"time"' in line:
            full += 1
            assert line == canonical(entry.to_dict()), entry.seq
        else:
            assert line == canonical({"seq": entry.seq, "hash": entry.entry_hash,
                                      "prev": entry.prev_hash,
                                      "signature": entry.signature}), entry.seq
    sent = set(done.items)
    assert full == sum(1 for e in entries if e.item in sent or e.action == "key-rotated")
    assert any(e.action == "key-rotated" for e in entries)
    assert any(not line.isascii() for line in lines)  # FICTIONAL Persian text, unescaped
