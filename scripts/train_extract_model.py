"""Train the figure model (gavah/core/extract/learned.py) and write its JSON weights.

    python scripts/train_extract_model.py                  # corpus dev split -> figure_model.json
    python scripts/train_extract_model.py --fixtures DIR --out model.json

Examples are the figure claims the rules suggest (`extract(..., figure_model=False)`) on
each annotated document, and the figure claims the extractors of the earlier blind runs
made on their blind splits (`BLIND_RUNS`: the rules' errors on text they had not seen; the
current rules make few on dev, which they were written from). A claim is right (label 1)
when its span overlaps an annotated figure with the same value (or range) and a `counts`
that shares a content word with the annotation's (the evaluation's test); else 0. The
model is an L2-regularised logistic regression fitted by Newton's method in numpy: no
randomness, so the same annotations and code give the same weights. Features seen in
fewer than `MIN_COUNT` training examples get no weight.

`--fixtures DIR` reads NAME.txt with NAME.json beside it ({"publisher": ..., "figures":
[{"text": ..., "value": ..., "min": ..., "max": ..., "counts": ...}, ...]}, each figure's
text found in document order), for small sets; no blind runs then.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gavah.core.extract import extract  # noqa: E402
from gavah.core.extract.learned import WEIGHTS, FigureModel, figure_features  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from corpus_scoring import counts_ok  # noqa: E402

L2 = 1.0  # the penalty on the squared weights (the bias is not penalised)
MIN_COUNT = 2
THRESHOLD = 0.5
EXACT = True  # label 1: the annotated value and what it counts (False: any overlap)


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    language: str
    site: str | None
    figures: list[dict[str, Any]]  # annotated figures: start, end, value, min, max, counts


@dataclass(frozen=True)
class Example:
    document: str
    features: list[str]
    label: int


def _label(claim: Any, figures: list[dict[str, Any]], exact: bool) -> int:
    for g in figures:
        if min(g["end"], claim.end) <= max(g["start"], claim.start):
            continue
        if not exact:
            return 1
        f = claim.figure
        if (f.value, f.min, f.max) == (g.get("value"), g.get("min"), g.get("max")) and counts_ok(
            g.get("counts", ""), f.counts
        ):
            return 1
    return 0


def examples(doc: Document, exact: bool = False) -> list[Example]:
    """The rules' figure claims on `doc`, with their features and labels (with `exact`,
    1 only for a claim with the annotated value and what it counts)."""
    result = extract(
        doc.text, metadata={"site_name": doc.site} if doc.site else None, figure_model=False
    )
    speech = [(q.start, q.end) for q in result.quotations if q.speech]
    out = []
    for c in result.claims:
        if c.kind != "figure":
            continue
        label = _label(c, doc.figures, exact)
        feats = figure_features(doc.text, c, result.language.code, speech)
        out.append(Example(doc.name, feats, label))
    return out


# Where each earlier round's blind split was run once: the extractor of that commit had
# never seen those documents, so its figure claims on them show the errors the rules make
# on new text (the current rules were written from them since, and make few on dev).
BLIND_RUNS = {"blind3": "31ef756", "blind4": "7f9a3bb", "blind5": "b5c35f9", "blind6": "ad1cd87"}

_OLD_EXTRACT = r"""
import json, sys
from gavah.core.extract import extract
out = []
for name, text, site in json.load(sys.stdin):
    try:
        r = extract(text, metadata={"site_name": site})
    except TypeError:  # before metadata named the publisher
        r = extract(text, publisher=site)
    speech = [(q.start, q.end) for q in r.quotations if q.speech]
    for c in r.claims:
        if c.kind == "figure":
            f = c.figure
            out.append({"document": name, "start": c.start, "end": c.end,
                        "speaker": c.speaker is not None, "flags": list(c.flags),
                        "language": r.language.code, "speech": speech,
                        "figure": {"start": f.start, "end": f.end, "text": f.text,
                                   "value": f.value, "min": f.min, "max": f.max,
                                   "qualifier": f.qualifier, "counts": f.counts,
                                   "period": f.period is not None}})
json.dump(out, sys.stdout)
"""


def blind_run_examples(docs: list[Document], split: str, exact: bool = False) -> list[Example]:
    """Examples from the figure claims the extractor of `BLIND_RUNS[split]` made on that
    split's documents (run from an export of that commit, in a subprocess)."""
    from types import SimpleNamespace

    from baseline import code_of

    names = {g["document"] for _, g in _load(split)}
    chosen = {d.name: d for d in docs if d.name in names}
    if not chosen:
        return []
    run = subprocess.run(
        [sys.executable, "-P", "-c", _OLD_EXTRACT],
        input=json.dumps([(d.name, d.text, d.site) for d in chosen.values()]),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(code_of(BLIND_RUNS[split]))},
    )
    out = []
    for row in json.loads(run.stdout):
        d = chosen[row["document"]]
        f = SimpleNamespace(
            **{**row["figure"], "period": True if row["figure"]["period"] else None}
        )
        c = SimpleNamespace(
            kind="figure",
            start=row["start"],
            end=row["end"],
            figure=f,
            speaker=True if row["speaker"] else None,
            flags=tuple(row["flags"]),
        )
        speech = [tuple(s) for s in row["speech"]]
        feats = figure_features(d.text, c, row["language"], speech)  # type: ignore[arg-type]
        out.append(Example(d.name, feats, _label(c, d.figures, exact)))
    return out


def _load(split: str) -> list[tuple[str, dict[str, Any]]]:
    from claims_corpus import load

    return load(split=split)


def fit(
    data: Iterable[Example],
    l2: float = L2,
    min_count: int = MIN_COUNT,
    meta: dict[str, Any] | None = None,
) -> FigureModel:
    import numpy as np

    rows = list(data)
    seen = Counter(f for r in rows for f in set(r.features))
    names = sorted(f for f, n in seen.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0  # the bias
    for i, r in enumerate(rows):
        for f in set(r.features):
            if f in index:
                x[i, index[f]] = 1.0
    y = np.array([r.label for r in rows], dtype=float)
    penalty = np.full(len(names) + 1, l2)
    penalty[-1] = 1e-6
    w = np.zeros(len(names) + 1)
    for _ in range(100):  # Newton's method on a convex loss: converges in a few steps
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60, 60)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x.T * (p * (1 - p))) @ x + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    weights = {f: float(w[i]) for f, i in index.items() if abs(w[i]) >= 1e-6}
    info = {
        **(meta or {}),
        "examples": len(rows),
        "positives": int(y.sum()),
        "l2": l2,
        "min_count": min_count,
    }
    return FigureModel(weights, float(w[-1]), THRESHOLD, info)


def training_examples(
    docs: list[Document], exact: bool = EXACT, blind_runs: bool = True
) -> list[Example]:
    """The current rules' figure claims on every document, and (`blind_runs`) the earlier
    extractors' on the blind splits they were run on once (`BLIND_RUNS`)."""
    rows = [e for d in docs for e in examples(d, exact)]
    for split in BLIND_RUNS if blind_runs else ():
        rows += blind_run_examples(docs, split, exact)
    return rows


def train(
    docs: list[Document], meta: dict[str, Any] | None = None, blind_runs: bool = True
) -> FigureModel:
    rows = training_examples(docs, blind_runs=blind_runs)
    return fit(
        rows,
        meta={
            **(meta or {}),
            "documents": len(docs),
            "label_exact": EXACT,
            "blind_runs": BLIND_RUNS if blind_runs else {},
        },
    )


def corpus_documents(split: str = "dev") -> list[Document]:
    from claims_corpus import load

    out = []
    for text, gold in load(split=split):
        out.append(
            Document(
                gold["document"], text, gold["language"], gold["publisher"]["name"], gold["figures"]
            )
        )
    return out


def fixture_annotations(folder: Path, key: str
                        ) -> list[tuple[Path, str, dict[str, Any], list[dict[str, Any]]]]:
    """NAME.txt with NAME.json beside it, for small sets: each file's path, text,
    annotation and the annotation's `key` entries with their spans, each entry's `text`
    found in document order."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        ann = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        spans, cursor = [], 0
        for entry in ann[key]:
            at = text.find(entry["text"], cursor)
            if at < 0:
                raise SystemExit(f"{path.name}: {key[:-1]} not found: {entry['text']!r}")
            spans.append({**entry, "start": at, "end": at + len(entry["text"])})
            cursor = at + len(entry["text"])
        out.append((path, text, ann, spans))
    return out


def fixture_documents(folder: Path) -> list[Document]:
    return [Document(path.stem, text, ann.get("language", ""), ann.get("publisher"), spans)
            for path, text, ann, spans in fixture_annotations(folder, "figures")]


def corpus_commit() -> str | None:
    run = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%H", "--", "bench/data/claims_corpus"],
        capture_output=True,
        text=True,
        check=False,
    )
    return run.stdout.strip() or None


FEATURES = (
    "language; qualifier; magnitude (digits of the value, or a year); digits or "
    "words; length in words; words of what it counts (first five letters, with the "
    "language); the two words before and the word after; a period; an attributed "
    "speaker; inside a quotation; a percentage; at a line's start; some rule flags"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, help="a folder of NAME.txt + NAME.json")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--date", help="training date to record (default: today, UTC)")
    args = parser.parse_args(argv)
    if args.fixtures:
        docs, source, commit = fixture_documents(args.fixtures), str(args.fixtures), None
    else:
        docs, source, commit = corpus_documents(), "bench/data/claims_corpus (dev)", corpus_commit()
    meta = {
        "decision": "a figure claim reads an annotated figure: its span overlaps one, with "
        "the same value (or range) and what it counts",
        "trained": args.date or datetime.now(UTC).strftime("%Y-%m-%d"),
        "corpus": source,
        "corpus_commit": commit,
        "features": FEATURES,
        "retrain": "python scripts/train_extract_model.py",
    }
    model = train(docs, meta, blind_runs=not args.fixtures)
    args.out.write_text(
        json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    info = model.meta or {}
    print(
        f"{args.out}: {len(model.weights)} weights from {info['examples']} figure claims "
        f"({info['positives']} figures of something) in {len(docs)} documents"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
