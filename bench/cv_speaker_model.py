"""The speaker model (gavah/core/extract/speaker_model.py), cross-validated on the corpus's
development documents, against the rules alone on the same folds.

    python bench/cv_speaker_model.py [--folds 5] [--no-write]

Folds group documents by a hash of the file name (all of a document's quotations in one
fold; the same hash as bench/cv_claims_model.py). For each fold a model is trained on the
other folds' quotations only (`scripts/train_speaker_model.py`, same features and
settings as the shipped weights) and the fold's documents are scored with the
evaluation's own scoring (bench/corpus_scoring.score_document): by the rules alone, by the
plain ranker (the top candidate), and by the ranker that keeps the rules' choice unless
another candidate is `--margin` more probable. Only development documents are read
(`claims_corpus.load(split="dev")`): never the blind split. Caveat written beside the
numbers: the rules were written from errors on these documents, so the rules' column is
optimistic and the room left to a ranker small. Writes the section "speaker model,
cross-validated on dev" of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts"))

from corpus_scoring import prf, score_document  # noqa: E402
from cv_claims_model import cost, fold_of  # noqa: E402
from results import write_section  # noqa: E402
from train_speaker_model import L2, Document, Group, corpus_documents, fit, groups  # noqa: E402

CATEGORIES = ("quotations", "chain")
SCOPES = ("all", "en", "fa")
MARGIN = 0.5  # "the rules' choice unless the model is very confident otherwise"
Totals = dict[str, dict[str, dict[str, list[int]]]]


def arms(margin: float) -> tuple[str, ...]:
    return ("rules", "ranker", f"margin {margin:g}")


def cross_validate(docs: list[Document], golds: dict[str, dict[str, Any]], folds: int = 5,
                   margin: float = MARGIN, held: set[str] | None = None,
                   data: dict[str, list[Group]] | None = None, l2: float = L2) -> Totals:
    """{arm: {scope: {category: [tp, predicted, gold]}}} over all folds. With `held`: one
    fold only, those documents, the model trained on all the others."""
    data = data if data is not None else {d.name: groups(d) for d in docs}
    names = arms(margin)
    totals: Totals = {arm: {} for arm in names}

    def fold(name: str) -> int:
        return (0 if name in held else 1) if held is not None else fold_of(name, folds)

    for k in range(1 if held is not None else folds):
        model = fit((g for d in docs if fold(d.name) != k for g in data[d.name]), l2=l2)
        options: dict[str, Any] = {names[0]: False, names[1]: model.with_margin(0.0),
                                   names[2]: model.with_margin(margin)}
        for d in docs:
            if fold(d.name) != k:
                continue
            for arm in names:
                scores = score_document(d.text, golds[d.name], d.site or "",
                                        speaker_model=options[arm])
                for cat in CATEGORIES:
                    tp, pred, n, _ = scores[cat]
                    for scope in ("all", d.language):
                        c = totals[arm].setdefault(scope, {}).setdefault(cat, [0, 0, 0])
                        c[0] += tp
                        c[1] += pred
                        c[2] += n
    return totals


def table(totals: Totals, margin: float) -> str:
    names = arms(margin)
    head = ("| scope | category | gold | " + " | ".join(
        f"{a} P / R / F1 (tp/claims)" for a in names) + " |\n|---|---|---|---|---|---|\n")
    lines = []
    for scope in SCOPES:
        for cat in CATEGORIES:
            cells = []
            for arm in names:
                c = totals[arm].get(scope, {}).get(cat)
                if c is None:
                    break
                a = prf(*c)
                cells.append(f"{a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} "
                             f"({a['tp']}/{a['predicted']})")
            else:
                lines.append(f"| {scope} | {cat} | {c[2]} | " + " | ".join(cells) + " |")
    return head + "\n".join(lines) + "\n"


def oracle(data: dict[str, list[Group]], docs: list[Document]) -> str:
    """How many matched quotations the rules get right, and how many any candidate does."""
    lang = {d.name: d.language for d in docs}
    rows = []
    for scope in SCOPES:
        gs = [g for n, gl in data.items() for g in gl if scope in ("all", lang[n])]
        both = [any(s and c for s, c in zip(g.speaker_ok, g.chain_ok, strict=True)) for g in gs]
        rows.append(
            f"| {scope} | {len(gs)} | {sum(g.speaker_ok[0] for g in gs)} | "
            f"{sum(any(g.speaker_ok) for g in gs)} | "
            f"{sum(g.speaker_ok[0] and g.chain_ok[0] for g in gs)} | {sum(both)} | "
            f"{sum(len(g.features) for g in gs) / max(1, len(gs)):.1f} |"
        )
    return ("| scope | quotations matched | rules: right speaker | any candidate: right "
            "speaker | rules: right chain | any candidate: right chain | candidates per "
            "quotation |\n|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--margin", type=float, default=MARGIN)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    from claims_corpus import load

    docs = corpus_documents()
    golds = {g["document"]: g for _, g in load(split="dev")}
    load_before = os.getloadavg()[0]
    data = {d.name: groups(d) for d in docs}
    totals = cross_validate(docs, golds, args.folds, args.margin, data=data)
    blind5 = {g["document"] for _, g in load(split="blind5")}
    held = cross_validate(docs, golds, margin=args.margin, held=blind5, data=data)
    rules_s, model_s = cost(docs, model="speaker_model")
    load_after = os.getloadavg()[0]
    body = (
        f"{len(docs)} development documents (every round's but the blind split's), "
        f"{args.folds} folds grouped by document (a hash of the file name); each fold scored "
        f"by a model trained on the other folds only, and by the rules alone "
        f"(`extract(..., speaker_model=False)`), with the evaluation's own scoring "
        f"(bench/corpus_scoring.py). Load average {load_before:.1f} before, "
        f"{load_after:.1f} after (quality numbers do not depend on it).\n\n"
        "**What a ranker can reach** (every matched quotation, all documents):\n\n"
        + oracle(data, docs)
        + "\n**Five folds**:\n\n"
        + table(totals, args.margin)
        + "\nThe rules were written from errors on every one of these documents, so the "
        "rules' column is optimistic and little is left for a ranker to win; read the "
        "difference between the columns, not the level.\n\n"
        f"**blind5 held out** ({len(blind5)} documents): the fifth round's blind split, "
        "which no rule has been written from since its single run; models trained on the "
        "other development documents only.\n\n"
        + table(held, args.margin)
        + f"\n**Cost** (CPU time per development document, best of 3 alternating passes): "
        f"rules {rules_s * 1000:.2f} ms, with the shipped model {model_s * 1000:.2f} ms "
        f"({model_s / rules_s:.3f}x). Off by default since the blind37 run (on from blind6 "
        "until then: bench/RESULTS.md, \"blind37: the single held-out run\"), the model "
        "costs this only where `speaker_model=True` asks for it.\n"
    )
    print(body)
    if not args.no_write:
        write_section("speaker model, cross-validated on dev", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
