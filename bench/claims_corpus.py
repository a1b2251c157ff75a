"""The real-document evaluation corpus for claim extraction (bench/data/claims_corpus).

    python bench/claims_corpus.py build    # annotations/*.yaml -> gold/*.json (with spans)
    python bench/claims_corpus.py check    # gold/*.json match the texts and annotations

Hand annotations are written as YAML (annotations/NAME.yaml) naming each annotated
string as written; `build` finds each one in the text, in document order within its
category, and writes gold/NAME.json with [start, end) character offsets. A string that
is not found stops the build: the gold never silently drifts from the text.

The split is fixed by the manifest, never by content or by scores: an entry marked
a split named in `BLINDS` belongs to a blind split not run yet (documents added and
annotated before any extractor ran on them, for one final run): none now (the
forty-fourth round's run is done; the next held-out split needs a forty-fifth round).
Every other document is development data.
The first round's split (a hash of the file name), the second round's (`round: 2`) and
the blind splits of the third to forty-fourth rounds (`split: blindN`, `round: N`) were seen
after their single blind runs, so those documents are all development data now;
`first_round_split` and the `round2` and `blind3`-`blind44` selections still tell which
documents those rounds held out, for reading their numbers.
See docs/annotation-guide.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent / "data" / "claims_corpus"
CATEGORIES = ("quotations", "figures", "dates")
# the blind splits not run yet, each held out for one final run (none now: blind44's run
# is done); a split joins SEEN (and dev) once its run is done
BLINDS: tuple[str, ...] = ()
# seen blind documents (in dev too)
SEEN = {
    "round2": 2, "blind3": 3, "blind4": 4, "blind5": 5, "blind6": 6, "blind7": 7, "blind8": 8,
    "blind9": 9, "blind10": 10, "blind11": 11, "blind12": 12,
    "blind13": 13, "blind14": 14, "blind15": 15, "blind16": 16, "blind17": 17,
    "blind18": 18, "blind19": 19, "blind20": 20, "blind21": 21, "blind22": 22,
    "blind23": 23, "blind24": 24, "blind25": 25, "blind26": 26,
    "blind27": 27, "blind28": 28, "blind29": 29, "blind30": 30, "blind31": 31, "blind32": 32,
    "blind33": 33, "blind34": 34, "blind35": 35, "blind36": 36, "blind37": 37, "blind38": 38,
    "blind39": 39, "blind40": 40, "blind41": 41, "blind42": 42,
    "blind43": 43, "blind44": 44,
}
SPLITS = ("dev", *BLINDS, *SEEN)


def split_of(entry: dict[str, Any]) -> str:
    """A blind split of BLINDS or 'dev' from the document's manifest entry alone."""
    split = entry.get("split")
    return split if split in BLINDS else "dev"


def in_split(entry: dict[str, Any], split: str) -> bool:
    """Whether a manifest entry belongs to a selection of SPLITS."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: expected one of {', '.join(SPLITS)}")
    if split in SEEN:
        return entry.get("round") == SEEN[split]
    return split_of(entry) == split


def first_round_split(name: str) -> str:
    """The first round's split by a hash of the file stem (its blind run is done)."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return "blind" if int.from_bytes(digest[:8], "big") % 3 == 0 else "dev"


def manifest(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    data = yaml.safe_load((corpus / "MANIFEST.yaml").read_text(encoding="utf-8"))
    return list(data["documents"])


def _locate(text: str, items: list[dict[str, Any]], where: str) -> list[dict[str, Any]]:
    out, cursor = [], 0
    for item in items:
        needle = item["text"]
        at = text.find(needle, cursor)
        if at < 0:
            raise ValueError(f"{where}: annotated text not found after offset {cursor}: {needle!r}")
        # a date's annotated `start` is its ISO day; the span takes `start`/`end`
        fields = {("iso_start" if k == "start" else k): v for k, v in item.items()}
        out.append({**fields, "start": at, "end": at + len(needle)})
        cursor = at + len(needle)
    return out


def build_one(corpus: Path, entry: dict[str, Any]) -> dict[str, Any]:
    path = corpus / entry["file"]
    name = path.stem
    text = path.read_text(encoding="utf-8")
    ann = yaml.safe_load((corpus / "annotations" / f"{name}.yaml").read_text(encoding="utf-8"))
    gold: dict[str, Any] = {
        "document": name,
        "language": entry["language"],
        "doc_type": entry["doc_type"],
        "split": split_of(entry),
        "publisher": ann["publisher"],
        "not_figures": list(ann.get("not_figures") or []),
    }
    for category in CATEGORIES:
        gold[category] = _locate(text, list(ann.get(category) or []), f"{name} {category}")
    for n in gold["not_figures"]:
        if n not in text:
            raise ValueError(f"{name} not_figures: {n!r} is not in the text")
    return gold


def build(corpus: Path = CORPUS) -> int:
    out = corpus / "gold"
    out.mkdir(exist_ok=True)
    for entry in manifest(corpus):
        gold = build_one(corpus, entry)
        target = out / f"{gold['document']}.json"
        target.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


def load(corpus: Path = CORPUS, split: str = "dev") -> list[tuple[str, dict[str, Any]]]:
    """(text, gold) for every document of a split, read from gold/*.json."""
    docs = []
    for entry in manifest(corpus):
        name = Path(entry["file"]).stem
        if not in_split(entry, split):
            continue
        text = (corpus / entry["file"]).read_text(encoding="utf-8")
        gold = json.loads((corpus / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        docs.append((text, gold))
    return docs


def check(corpus: Path = CORPUS) -> int:
    bad = 0
    for entry in manifest(corpus):
        gold = build_one(corpus, entry)
        stored = json.loads(
            (corpus / "gold" / f"{gold['document']}.json").read_text(encoding="utf-8")
        )
        if stored != gold:
            print(f"stale gold: {gold['document']}")
            bad += 1
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["build", "check", "splits"])
    args = parser.parse_args(argv)
    if args.action == "build":
        return build()
    if args.action == "check":
        return check()
    counts: dict[tuple[str, str], int] = {}
    for entry in manifest():
        key = (split_of(entry), entry["language"])
        counts[key] = counts.get(key, 0) + 1
    for key, n in sorted(counts.items()):
        print(*key, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
