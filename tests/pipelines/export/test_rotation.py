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

from gavah.pipelines.export import package
from gavah.pipelines.keys import rotate
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
