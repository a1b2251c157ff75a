"""Train the speaker model (gavah/core/extract/speaker_model.py) and write its JSON weights.

    python scripts/train_speaker_model.py            # corpus dev split -> speaker_model.json
    python scripts/train_speaker_model.py --fixtures DIR --out model.json [--date D]

Examples are the quotations the rules find on each annotated document (every development
document: `claims_corpus.load(split="dev")`, never the blind split), each with its
candidate speakers and their features as `extract(..., speaker_model=<recorder>)` sees
them. A quotation matched to an annotated one (half its span, the evaluation's test)
gives one training group; its target is the rules' candidate when it has the annotated
speaker and chain, else the first candidate that has both, else the first with the right
speaker; a quotation no candidate gets right teaches nothing and is left out. The model is
a conditional logit (softmax over a quotation's candidates) with an L2 penalty, fitted by
Newton's method in numpy: no randomness, the same annotations and code give the same
weights. Features seen in fewer than `MIN_COUNT` groups get no weight. `--fixtures DIR`
reads NAME.txt with NAME.json beside it (see `fixture_documents`), for small sets.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus_scoring import party_ok, same_name  # noqa: E402
from train_extract_model import fixture_annotations  # noqa: E402

from gavah.core.extract import Quotation, extract  # noqa: E402
from gavah.core.extract.speaker_model import WEIGHTS, Candidate, SpeakerModel  # noqa: E402

L2 = 1.0  # the penalty on the squared weights
MIN_COUNT = 2
MARGIN = 0.5  # chosen by cross-validation (bench/cv_speaker_model.py), so slightly optimistic


@dataclass(frozen=True)
class Document:
    name: str
    text: str
    language: str
    site: str | None
    quotations: list[dict[str, Any]]  # annotated: start, end, speaker, chain


@dataclass(frozen=True)
class Group:
    """One quotation: its candidates' features, and which are right."""

    document: str
    features: list[list[str]]
    speaker_ok: list[bool]
    chain_ok: list[bool]

    def target(self) -> int | None:
        """The candidate to learn: see the module's docstring."""
        if self.speaker_ok[0] and self.chain_ok[0]:
            return 0
        both = [i for i, (s, c) in enumerate(zip(self.speaker_ok, self.chain_ok, strict=True))
                if s and c]
        if both:
            return both[0]
        if self.speaker_ok[0]:
            return 0
        return next((i for i, s in enumerate(self.speaker_ok) if s), None)


class Recorder:
    """A chooser that keeps the rules' choice and records what it was shown."""

    def __init__(self) -> None:
        self.seen: list[tuple[Quotation, list[Any], list[list[str]]]] = []

    def choose(self, text: str, quote: Quotation, candidates: Sequence[Candidate],
               features: Sequence[list[str]]) -> int:
        self.seen.append((quote, list(candidates), [list(f) for f in features]))
        return 0


def chain_names(publisher: str | None, c: Candidate) -> list[str]:
    """The chain a claim with this candidate carries (as `claims._Claims.add` builds it)."""
    a = c.attribution
    out: list[str] = []
    for name in (publisher, *(r.name for r in a.reporters), a.speaker.name if a.speaker else None):
        if name and not (out and out[-1].casefold() == name.casefold()):
            out.append(name)
    return out


def groups(doc: Document) -> list[Group]:
    recorder = Recorder()
    extract(doc.text, metadata={"site_name": doc.site} if doc.site else None,
            speaker_model=recorder)
    used: set[int] = set()
    out = []
    for g in doc.quotations:
        hit = next((i for i, (q, _, _) in enumerate(recorder.seen)
                    if i not in used and _half((g["start"], g["end"]), (q.start, q.end))), None)
        if hit is None:
            continue
        used.add(hit)
        _, candidates, features = recorder.seen[hit]
        s_ok = [party_ok(g["speaker"], c.attribution.speaker) for c in candidates]
        c_ok = [
            len(ch := chain_names(doc.site, c)) == len(g["chain"])
            and all(same_name(w, n) for w, n in zip(g["chain"], ch, strict=True))
            for c in candidates
        ]
        out.append(Group(doc.name, features, s_ok, c_ok))
    return out


def _half(a: tuple[int, int], b: tuple[int, int]) -> bool:
    overlap = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    return overlap * 2 >= min(a[1] - a[0], b[1] - b[0])


def fit(data: Iterable[Group], l2: float = L2, min_count: int = MIN_COUNT,
        margin: float = MARGIN, meta: dict[str, Any] | None = None) -> SpeakerModel:
    """A conditional logit over each group's candidates, by Newton's method."""
    import numpy as np

    rows = [(g, t) for g in data if (t := g.target()) is not None and len(g.features) > 1]
    seen = Counter(f for g, _ in rows for f in {x for fs in g.features for x in fs})
    names = sorted(f for f, n in seen.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    mats = []
    for g, t in rows:
        x = np.zeros((len(g.features), len(names)))
        for i, fs in enumerate(g.features):
            for f in set(fs):
                if f in index:
                    x[i, index[f]] = 1.0
        mats.append((x, t))
    w = np.zeros(len(names))
    for _ in range(100):  # a convex loss: Newton converges in a few steps
        grad = l2 * w
        hess = l2 * np.eye(len(names))
        for x, t in mats:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            mean = p @ x
            grad += mean - x[t]
            centred = x - mean
            hess += (centred.T * p) @ centred
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-9:
            break
    weights = {f: float(v) for f, v in zip(names, w, strict=True) if abs(v) > 1e-9}
    return SpeakerModel(weights, margin, meta)


def corpus_documents() -> list[Document]:
    """Every development document of the corpus (the blind split is never read)."""
    from claims_corpus import load

    return [
        Document(g["document"], text, g["language"], g["publisher"]["name"], g["quotations"])
        for text, g in load(split="dev")
    ]


def fixture_documents(folder: Path) -> list[Document]:
    """NAME.txt with NAME.json beside it ({"publisher": ..., "language": ..., "quotations":
    [{"text": ..., "speaker": {"name": ...}, "chain": [...]}, ...]}, each quotation's text
    found in document order), for small sets."""
    return [Document(path.stem, text, ann.get("language", ""), ann.get("publisher"), spans)
            for path, text, ann, spans in fixture_annotations(folder, "quotations")]


def corpus_commit() -> str | None:
    run = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%H", "--", "bench/data/claims_corpus"],
        capture_output=True, text=True, check=False,
    )
    return run.stdout.strip() or None


FEATURES = (
    "where the candidate came from (a reporting verb's subject, a name written near, the "
    "previous quotation's speaker, the publisher, nobody; not whether the rules chose it); "
    "the rules' flags on its reading; words in its name, a fragment, an acronym, a short "
    "form of another candidate's name; reporting levels in its chain; the mention's kind; "
    "named twice or more; the publisher; its verb's kind, whether the verb reports the "
    "quotation, and how far the verb is; where its name is written: before or after the "
    "quotation, sentences and characters away, same paragraph, a verb of saying between "
    "(English or Persian), 'according to' between, another quotation mark between, 'said "
    "X' after, 'X said:' before, a title before the name, a heading"
)


def train(docs: list[Document], meta: dict[str, Any] | None = None,
          margin: float = MARGIN) -> SpeakerModel:
    data = [g for d in docs for g in groups(d)]
    targets = [t for g in data if (t := g.target()) is not None and len(g.features) > 1]
    return fit(data, margin=margin, meta={
        **(meta or {}),
        "documents": len(docs),
        "quotations": len(targets),
        "rules_wrong": sum(t != 0 for t in targets),
        "l2": L2,
        "min_count": MIN_COUNT,
    })


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, help="a folder of NAME.txt + NAME.json")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--date", help="training date to record (default: today, UTC)")
    parser.add_argument("--margin", type=float, default=MARGIN)
    args = parser.parse_args(argv)
    if args.fixtures:
        docs, source, commit = fixture_documents(args.fixtures), str(args.fixtures), None
    else:
        docs, source, commit = corpus_documents(), "bench/data/claims_corpus (dev)", corpus_commit()
    meta = {
        "decision": "the candidate speaker of a quotation with the annotated speaker and "
        "chain (else the annotated speaker), among the candidates `Context.candidates` lists",
        "trained": args.date or datetime.now(UTC).strftime("%Y-%m-%d"),
        "corpus": source,
        "corpus_commit": commit,
        "features": FEATURES,
        "retrain": "python scripts/train_speaker_model.py",
    }
    model = train(docs, meta, args.margin)
    args.out.write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    info = model.meta or {}
    print(f"{args.out}: {len(model.weights)} weights from {info['quotations']} quotations "
          f"({info['rules_wrong']} the rules get wrong) in {len(docs)} documents")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
