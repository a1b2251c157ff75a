"""The figure model (gavah/core/extract/learned.py), cross-validated on the corpus's dev
split, against the rules alone on the same folds.

    python bench/cv_claims_model.py [--folds 5] [--no-write]

Folds group documents by a hash of the file name (all of a document's claims in one
fold). For each fold a model is trained on the other folds' annotations only
(`scripts/train_extract_model.py`, same features and settings as the shipped weights) and
the fold's documents are scored with the evaluation's own scoring
(bench/corpus_scoring.score_document), with that model and with the rules alone.
Caveat written beside the numbers: the rules themselves were written from errors on every
dev document, so both columns are optimistic; only the difference between them is read.
Writes the section "claims model, cross-validated on dev" of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from corpus_scoring import prf, score_document  # noqa: E402
from results import write_section  # noqa: E402
from train_extract_model import Document, Example, fit, training_examples  # noqa: E402

CATEGORIES = ("figures", "figures+party")
SCOPES = ("all", "en", "fa")


def fold_of(name: str, folds: int) -> int:
    return int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big") % folds


ARMS = ("rules", "overlap", "exact")  # the rules alone; a model per way of labelling


def cross_validate(
    docs: list[Document],
    golds: dict[str, dict[str, Any]],
    folds: int = 5,
    held: set[str] | None = None,
) -> dict[str, dict[str, dict[str, list[int]]]]:
    """{arm: {scope: {category: [tp, predicted, gold]}}} over all folds, for the rules
    alone and for models trained with each label ("overlap": the claim's span overlaps an
    annotated figure; "exact", the shipped one: with its value and what it counts too).
    A training fold holds its documents' examples from the earlier blind runs too.
    With `held`: one fold only, those documents, the model trained on all the others."""
    rows: dict[tuple[str, bool], list[Example]] = {}
    for exact in (False, True):
        for e in training_examples(docs, exact):
            rows.setdefault((e.document, exact), []).append(e)
    totals: dict[str, dict[str, dict[str, list[int]]]] = {arm: {} for arm in ARMS}

    def fold(name: str) -> int:
        return (0 if name in held else 1) if held is not None else fold_of(name, folds)

    for k in range(1 if held is not None else folds):
        models: dict[str, Any] = {"rules": False}
        for arm, exact in (("overlap", False), ("exact", True)):
            models[arm] = fit(
                [e for d in docs if fold(d.name) != k for e in rows.get((d.name, exact), [])]
            )
        for d in docs:
            if fold(d.name) != k:
                continue
            for arm in ARMS:
                scores = score_document(
                    d.text, golds[d.name], d.site or "", figure_model=models[arm]
                )
                for cat in CATEGORIES:
                    tp, pred, n, _ = scores[cat]
                    for scope in ("all", d.language):
                        c = totals[arm].setdefault(scope, {}).setdefault(cat, [0, 0, 0])
                        c[0] += tp
                        c[1] += pred
                        c[2] += n
    return totals


def table(totals: dict[str, dict[str, dict[str, list[int]]]]) -> str:
    head = (
        "| scope | category | gold | rules P / R / F1 (claims) | model, overlap label | "
        "model, exact label (shipped) |\n|---|---|---|---|---|---|\n"
    )
    lines = []
    for scope in SCOPES:
        for cat in CATEGORIES:
            cells = []
            for arm in ARMS:
                c = totals[arm].get(scope, {}).get(cat)
                if c is None:
                    break
                a = prf(*c)
                cells.append(
                    f"{a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} ({a['predicted']})"
                )
            else:
                lines.append(f"| {scope} | {cat} | {c[2]} | " + " | ".join(cells) + " |")
    return head + "\n".join(lines) + "\n"




def cost(docs: Sequence[Any], rounds: int = 3, model: str = "figure_model"
         ) -> tuple[float, float]:
    """CPU seconds per document of `extract` with the rules alone and with the shipped
    model (`model`: the option of `extract` that turns it on), best of `rounds`
    alternating passes over `docs` (each with `text` and `site`)."""
    from gavah.core.extract import extract

    best = {False: float("inf"), True: float("inf")}
    for _ in range(rounds):
        for option in (False, True):
            t = time.process_time()
            for d in docs:
                extract(d.text, metadata={"site_name": d.site}, **{model: option})
            best[option] = min(best[option], (time.process_time() - t) / len(docs))
    return best[False], best[True]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    from claims_corpus import load

    loaded = load(split="dev")
    golds = {g["document"]: g for _, g in loaded}
    docs = [
        Document(g["document"], text, g["language"], g["publisher"]["name"], g["figures"])
        for text, g in loaded
    ]
    load_before = os.getloadavg()[0]
    totals = cross_validate(docs, golds, args.folds)
    blind5 = {g["document"] for _, g in load(split="blind5")}
    held = cross_validate(docs, golds, held=blind5)
    rules_s, model_s = cost(docs)
    load_after = os.getloadavg()[0]
    body = (
        f"{len(docs)} dev documents, {args.folds} folds grouped by document (a hash of the "
        f"file name); each fold scored by a model trained on the other folds only, and by "
        f"the rules alone (`extract(..., figure_model=False)`), with the evaluation's own "
        f"scoring (bench/corpus_scoring.py). Load average {load_before:.1f} before, "
        f"{load_after:.1f} after (quality numbers do not depend on it).\n\n"
        + table(totals)
        + "\nThe rules were written from errors on every one of these documents, so the "
        "rules' column is optimistic; read the difference between the columns, not the "
        "level.\n\n"
        f"**blind5 held out** ({len(blind5)} documents): the fifth round's blind split, "
        "which no rule has been written from since its single run (the rules score on it "
        "what they scored then); models trained on the other dev documents only.\n\n"
        + table(held)
        + f"\n**Cost** (CPU time per dev document, best of 3 alternating passes): rules "
        f"{rules_s * 1000:.2f} ms, with the model {model_s * 1000:.2f} ms "
        f"({model_s / rules_s:.3f}x). Off by default, the model costs nothing.\n"
    )
    print(body)
    if not args.no_write:
        write_section("claims model, cross-validated on dev", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
