"""A FICTIONAL case at scale for bench_export.py: N files of mixed sizes (a tenth of them
text documents of fictional statements, the rest random bytes standing in for photographs
and video) ingested with one `gavah ingest --no-claims`, claims recorded on the texts
through the path claim extraction records with (gavah.pipelines.claim_runs.Recorder: one
custody entry per text; the readings are made up here, so the extractor's own speed is
not part of it), and every claim and every other item linked to the elements of one
charge in one transaction (gavah.pipelines.cases.link_many). Every name is fictional."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from gavah.core.extract.model import Claim, Extraction, Figure, Language, Party
from gavah.pipelines import cases, entities
from gavah.pipelines.access import Viewer
from gavah.pipelines.claim_runs import Reading, Recorder
from gavah.store import claims as claim_store
from gavah.store.workspace import Workspace

GAVAH = str(Path(sys.executable).parent / "gavah")
ANALYST = Viewer("bench", "strictly-confidential")
SPEAKERS = [f"FICTIONAL witness {n:02d}" for n in range(30)] + [
    "FICTIONAL Northgate Monitor", "FICTIONAL Unity Front", "FICTIONAL State Herald"]
SUSPECT = "FICTIONAL Kian Sohrabi"
CHUNK = 1 << 20
FIGURES = 500  # one statement in FIGURES states a figure


@dataclass
class Built:
    case_id: int
    items: int
    claims: int
    ingest_seconds: float


def _sizes(count: int, total: int, seed: int) -> list[int]:
    """Mixed sizes (log-normal, from a few KiB to a few MiB) adding up to `total`."""
    draw = random.Random(seed)
    raw = [draw.lognormvariate(0, 1.2) for _ in range(count)]
    scale = total / sum(raw)
    sizes = [max(1024, int(r * scale)) for r in raw]
    sizes[-1] = max(1024, sizes[-1] + total - sum(sizes))
    return sizes


def _document(number: int, statements: int) -> str:
    lines = [f"FICTIONAL BENCH DOCUMENT {number:05d}. Nothing in it happened."]
    for n in range(statements):
        lines.append(f"Statement {n:03d}: {SPEAKERS[(number + n) % len(SPEAKERS)]} said "
                     f"that detainee {number:05d}-{n:03d} was taken from ward "
                     f"{n % 12} on day {n % 28 + 1} and not seen again.")
    return "\n".join(lines) + "\n"


def make_files(folder: Path, count: int, total: int, claims: int) -> None:
    """A tenth of the files (at least one) are text documents carrying `claims`
    statements between them; the rest are random bytes making up the size."""
    folder.mkdir(parents=True)
    docs = max(1, count // 10)
    per_doc = -(-claims // docs)
    written = 0
    for number in range(docs):
        text = _document(number, min(per_doc, claims - number * per_doc)).encode()
        (folder / f"statement-{number:05d}.txt").write_bytes(text)
        written += len(text)
    rest = count - docs
    for number, size in enumerate(_sizes(rest, max(total - written, rest * 1024), 12)):
        with (folder / f"exhibit-{number:05d}.bin").open("wb") as out:
            while size > 0:
                out.write(os.urandom(min(size, CHUNK)))
                size -= CHUNK


def _reading(text: claim_store.Text, body: str, seen: list[int]) -> Reading:
    """What extraction would read from one bench document: each statement a claim by
    its speaker, published by the item's source; one in FIGURES states a figure.
    `seen`: how many statements were read before this text."""
    claims, offset = [], 0
    for n, line in enumerate(body.split("\n")):
        start, offset = offset, offset + len(line) + 1
        if not line.startswith("Statement "):
            continue
        seen[0] += 1
        speaker = next(s for s in SPEAKERS if s in line)
        figure = None
        if seen[0] % FIGURES == 1:
            # Every figure is a range that meets the others, except the first one (a
            # contradicting figure: a gap, and exculpatory material for every other).
            low, high = (150, 200) if seen[0] == 1 else (2000 + n, 5000 + n)
            figure = Figure(start, start + len(line), line, None, low, high, "range",
                            "political prisoners executed", None, 0.9)
        publisher = Party(text.source or "FICTIONAL Northgate Monitor", role="publisher")
        said = Party(speaker, role="speaker", start=start + 15, end=start + 15 + len(speaker))
        claims.append(Claim(f"bench{text.derivative_id}-{n}", "figure" if figure else
                            "allegation", start, start + len(line), line, said, publisher,
                            (publisher, said), figure, (), None, 0.9))
    return Reading(text, Extraction(Language("en", 1.0), tuple(claims), (), (), (), (), (),
                                    (), len(body), len(body)), first=True)


def _ingest(ws_home: Path, files: Path) -> float:
    import time

    start = time.perf_counter()
    subprocess.run([GAVAH, "--home", str(ws_home), "ingest", str(files), "--no-claims",
                    "--no-ocr", "--source", "FICTIONAL Northgate Monitor", "--json"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def build(root: Path, count: int, total: int, claims: int) -> Built:
    make_files(root / "files", count, total, claims)
    ws, _ = Workspace.init(root / "ws")
    ws.close()
    seconds = _ingest(root / "ws", root / "files")
    ws = Workspace.open(root / "ws")
    try:
        with ws.db.read() as session:
            texts = claim_store.texts_to_read(session, None)
            recorder = Recorder.load(session)
            items = claim_store_items(session)
        seen = [0]
        for start in range(0, len(texts), 200):
            readings = []
            for text in texts[start:start + 200]:
                with ws.blobs.open(text.sha256) as source:
                    readings.append(_reading(text, source.read().decode(), seen))
            with ws.db.write() as session:
                recorder.record(session, ws, "bench", readings)
        entities.add(ws, ANALYST, "Person", SUSPECT)
        case = cases.create(ws, ANALYST, "FICTIONAL bench case")
        charged = cases.charge(ws, ANALYST, case["id"], SUSPECT, "cah-murder", "commission")
        elements = [e["id"] for e in charged["elements"]]
        with ws.db.read() as session:
            claim_ids = sorted(c.id for c in claim_store.find(session, None))
        with_claims = {t.item_id for t in texts}
        links = [{"element": elements[n % len(elements)], "target": "claim",
                  "target_id": cid, "stance": "supports"} for n, cid in enumerate(claim_ids)]
        links += [{"element": elements[n % len(elements)], "target": "item",
                   "target_id": str(i), "stance": "supports"}
                  for n, i in enumerate(sorted(set(items) - with_claims))]
        cases.link_many(ws, ANALYST, case["id"], links)
        return Built(case["id"], len(items), len(claim_ids), seconds)
    finally:
        ws.close()


def claim_store_items(session: object) -> list[int]:
    from gavah.store import items as item_store

    return [int(i["id"]) for i in item_store.list_items(session)]  # type: ignore[arg-type]
