"""The scale bench's generator (bench/scale_data.py) at a tiny size, on SQLite and
PostgreSQL, so that it cannot rot: what it writes is a workspace that `gavah verify`
passes and whose pages read as the pages of an ingested one. FICTIONAL data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import scale_data

from gavah.pipelines import dossiers
from gavah.pipelines.access import Viewer
from gavah.pipelines.items import show
from gavah.pipelines.verify import verify

ITEMS, CLAIMS = 2000, 20000


@pytest.mark.slow
def test_generated_workspace_verifies_and_reads(tmp_path: Path,
                                                database_url: str | None) -> None:
    ws, made = scale_data.build(tmp_path / "ws", database_url, ITEMS, CLAIMS, processes=1,
                                log=lambda _: None)
    try:
        assert made["items"] == ITEMS and made["claims"] == CLAIMS
        report = verify(ws)
        assert report.ok, report.problems[:3]
        assert report.items_checked == ITEMS and report.entries_checked == 2 * ITEMS
        with ws.db.read() as session:
            # Foreign keys were not checked during the COPY: every reference must hold.
            for sql in ("SELECT count(*) FROM claims c LEFT JOIN items i ON i.id = c.item_id "
                        "WHERE i.id IS NULL",
                        "SELECT count(*) FROM claims c LEFT JOIN derivatives d "
                        "ON d.id = c.derivative_id WHERE d.id IS NULL OR d.sha256 <> "
                        "c.text_sha256",
                        "SELECT count(*) FROM claim_about a LEFT JOIN entities e "
                        "ON e.id = a.entity_id WHERE e.id IS NULL",
                        "SELECT count(*) FROM items i LEFT JOIN custody c "
                        "ON c.seq = i.custody_seq AND c.action = 'acquired' "
                        "WHERE c.seq IS NULL"):
                assert session.execute(text(sql)).scalar() == 0, sql
            assert session.execute(text("SELECT count(*) FROM claims")).scalar() == CLAIMS
        # An item page's record: its text's quote spans are in the original's bytes.
        viewer = Viewer("test", "confidential")
        item = show(ws, "7", viewer.levels, custody_limit=20)
        assert item["sha256"] and [e["action"] for e in item["custody"]][:2] == [
            "acquired", "derived"]
        with ws.blobs.open(item["sha256"]) as stream:
            body = stream.read().decode()
        assert body.startswith("FICTIONAL bench document 7.")
        # The claims list about a person, filtered by the viewer's clearance.
        rows = dossiers.claims(ws, viewer, about="1", limit=50)
        assert rows and all(r["quote"] in scale_data.item_text(r["item_id"])[0] for r in rows)
        hidden = scale_data.level_of  # strictly-confidential items never reach this viewer
        assert all(hidden(r["item_id"]) != "strictly-confidential" for r in rows)
    finally:
        ws.close()
