"""bench/claims_corpus.py: the real-document corpus's gold matches its texts and hand
annotations, and the manifest alone decides the splits: a blind split not run yet is a
valid `--split` and never development data. Reads the corpus files only; no extractor
runs on any document here (the blind splits are held out for one final run each)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import claims_corpus  # noqa: E402
import eval_extraction  # noqa: E402


def test_gold_matches_texts_and_annotations() -> None:
    assert claims_corpus.check() == 0


def test_every_manifest_entry_has_its_files() -> None:
    corpus = claims_corpus.CORPUS
    for entry in claims_corpus.manifest():
        name = Path(entry["file"]).stem
        assert (corpus / entry["file"]).is_file(), name
        assert (corpus / "annotations" / f"{name}.yaml").is_file(), name
        assert (corpus / "gold" / f"{name}.json").is_file(), name
        assert entry["language"] in ("en", "fa"), name


def test_every_marked_split_is_held_out_until_run_then_dev() -> None:
    for entry in claims_corpus.manifest():
        split = entry.get("split")
        if split is None:
            assert claims_corpus.in_split(entry, "dev")
            continue
        # a new round's split must be named: held out (BLINDS) or run and seen (SEEN)
        assert split in claims_corpus.BLINDS or split in claims_corpus.SEEN, split
        assert split in eval_extraction.SPLITS  # `--split` accepts it
        assert claims_corpus.in_split(entry, split)
        held = split in claims_corpus.BLINDS
        assert claims_corpus.split_of(entry) == (split if held else "dev")
        assert claims_corpus.in_split(entry, "dev") is not held


# each run-and-seen round: its split name, at least how many documents and Persian ones
SEEN_ROUNDS = [
    ("blind7", 26, 12), ("blind8", 20, 12), ("blind9", 30, 14), ("blind10", 30, 14),
    ("blind11", 30, 14), ("blind12", 28, 12), ("blind13", 30, 14), ("blind14", 26, 14),
    ("blind15", 26, 14), ("blind16", 30, 12), ("blind17", 50, 8), ("blind18", 40, 0),
    ("blind19", 30, 0), ("blind20", 30, 2), ("blind21", 28, 10),
    ("blind22", 20, 10), ("blind23", 24, 8), ("blind24", 23, 9), ("blind25", 10, 1),
    ("blind26", 12, 4), ("blind27", 12, 6), ("blind28", 11, 7),
    ("blind29", 14, 6), ("blind30", 12, 6), ("blind31", 11, 6), ("blind32", 11, 6),
    ("blind33", 12, 7), ("blind34", 12, 8), ("blind35", 11, 6),
    ("blind36", 11, 6), ("blind37", 12, 6), ("blind38", 12, 6),
    ("blind39", 12, 6), ("blind40", 12, 6), ("blind41", 12, 6),
    ("blind42", 12, 6), ("blind43", 11, 5), ("blind44", 12, 4),
]


@pytest.mark.parametrize(("split", "least", "least_fa"), SEEN_ROUNDS)
def test_each_run_round_is_its_own_and_seen(split: str, least: int, least_fa: int) -> None:
    number = int(split.removeprefix("blind"))
    entries = [e for e in claims_corpus.manifest() if e.get("split") == split]
    assert len(entries) >= least
    assert {e["round"] for e in entries} == {number}
    assert sum(e["language"] == "fa" for e in entries) >= least_fa
    # its single run is done: development data now, still selectable to re-read that run
    assert claims_corpus.SEEN[split] == number and split not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert all(claims_corpus.in_split(e, split) for e in entries)
    assert not any(claims_corpus.in_split(e, f"blind{number - 1}") for e in entries)
    # no document of an earlier round is used again, by address or by file
    others = [e for e in claims_corpus.manifest() if e.get("split") != split]
    assert not {e["url"] for e in others} & {e["url"] for e in entries}
    assert not {e["file"] for e in others} & {e["file"] for e in entries}


def test_every_seen_round_is_tested() -> None:
    tested = {split for split, _, _ in SEEN_ROUNDS}
    assert {s for s in claims_corpus.SEEN if s.startswith("blind")} - tested <= {
        "blind3", "blind4", "blind5", "blind6"}


def test_splits_agree_between_corpus_and_evaluation() -> None:
    assert set(eval_extraction.SPLITS) == set(claims_corpus.SPLITS)


def test_unknown_split_is_refused() -> None:
    entry = claims_corpus.manifest()[0]
    with pytest.raises(ValueError, match="unknown split 'blind45'"):
        claims_corpus.in_split(entry, "blind45")
