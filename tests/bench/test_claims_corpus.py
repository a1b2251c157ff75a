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


def test_blind7_is_the_seventh_round() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind7"]
    assert {e["round"] for e in entries} == {7}
    assert sum(e["language"] == "fa" for e in entries) >= 12


def test_blind8_is_the_eighth_round_and_seen() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind8"]
    assert len(entries) >= 20
    assert {e["round"] for e in entries} == {8}
    assert sum(e["language"] == "fa" for e in entries) >= 12
    # its single run is done: development data now, still selectable to re-read that run
    assert "blind8" in claims_corpus.SEEN and "blind8" not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert all(claims_corpus.in_split(e, "blind8") for e in entries)


def test_blind9_is_the_ninth_round_and_seen() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind9"]
    assert len(entries) >= 30
    assert {e["round"] for e in entries} == {9}
    assert sum(e["language"] == "fa" for e in entries) >= 14
    # its single run is done: development data now, still selectable to re-read that run
    assert "blind9" in claims_corpus.SEEN and "blind9" not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert all(claims_corpus.in_split(e, "blind9") for e in entries)
    # no document of an earlier round is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind9"}
    assert not earlier & {e["url"] for e in entries}


def test_blind10_is_the_tenth_round_and_seen() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind10"]
    assert len(entries) >= 30
    assert {e["round"] for e in entries} == {10}
    assert sum(e["language"] == "fa" for e in entries) >= 14
    # its single run is done: development data now, still selectable to re-read that run
    assert "blind10" in claims_corpus.SEEN and "blind10" not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert not any(claims_corpus.in_split(e, "blind9") for e in entries)
    assert all(claims_corpus.in_split(e, "blind10") for e in entries)
    # no document of an earlier round (blind9 included) is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind10"}
    assert not earlier & {e["url"] for e in entries}
    earlier_files = {e["file"] for e in claims_corpus.manifest() if e.get("split") != "blind10"}
    assert not earlier_files & {e["file"] for e in entries}


def test_blind11_is_the_eleventh_round_and_seen() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind11"]
    assert len(entries) >= 30
    assert {e["round"] for e in entries} == {11}
    assert sum(e["language"] == "fa" for e in entries) >= 14
    # its single run is done: development data now, still selectable to re-read that run
    assert "blind11" in claims_corpus.SEEN and "blind11" not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert not any(claims_corpus.in_split(e, "blind10") for e in entries)
    assert all(claims_corpus.in_split(e, "blind11") for e in entries)
    # no document of an earlier round (blind10 included) is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind11"}
    assert not earlier & {e["url"] for e in entries}
    earlier_files = {e["file"] for e in claims_corpus.manifest() if e.get("split") != "blind11"}
    assert not earlier_files & {e["file"] for e in entries}


def test_blind12_is_the_twelfth_round_and_seen() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind12"]
    assert len(entries) >= 28
    assert {e["round"] for e in entries} == {12}
    assert sum(e["language"] == "fa" for e in entries) >= 12
    # its single run is done: development data now, still selectable to re-read that run
    assert "blind12" in claims_corpus.SEEN and "blind12" not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert not any(claims_corpus.in_split(e, "blind11") for e in entries)
    assert all(claims_corpus.in_split(e, "blind12") for e in entries)
    # no document of an earlier round (blind11 included) is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind12"}
    assert not earlier & {e["url"] for e in entries}
    earlier_files = {e["file"] for e in claims_corpus.manifest() if e.get("split") != "blind12"}
    assert not earlier_files & {e["file"] for e in entries}


def test_blind13_is_the_thirteenth_round_and_seen() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind13"]
    assert len(entries) >= 30
    assert {e["round"] for e in entries} == {13}
    assert sum(e["language"] == "fa" for e in entries) >= 14
    # its single run is done: development data now, still selectable to re-read that run
    assert "blind13" in claims_corpus.SEEN and "blind13" not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert not any(claims_corpus.in_split(e, "blind12") for e in entries)
    assert all(claims_corpus.in_split(e, "blind13") for e in entries)
    # no document of an earlier round (blind12 included) is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind13"}
    assert not earlier & {e["url"] for e in entries}
    earlier_files = {e["file"] for e in claims_corpus.manifest() if e.get("split") != "blind13"}
    assert not earlier_files & {e["file"] for e in entries}


def test_blind14_is_the_fourteenth_round_and_seen() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind14"]
    assert len(entries) >= 26
    assert {e["round"] for e in entries} == {14}
    assert sum(e["language"] == "fa" for e in entries) >= 14
    # its single run is done: development data now, still selectable to re-read that run
    assert "blind14" in claims_corpus.SEEN and "blind14" not in claims_corpus.BLINDS
    assert all(claims_corpus.in_split(e, "dev") for e in entries)
    assert not any(claims_corpus.in_split(e, "blind13") for e in entries)
    assert all(claims_corpus.in_split(e, "blind14") for e in entries)
    # no document of an earlier round (blind13 included) is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind14"}
    assert not earlier & {e["url"] for e in entries}
    earlier_files = {e["file"] for e in claims_corpus.manifest() if e.get("split") != "blind14"}
    assert not earlier_files & {e["file"] for e in entries}


def test_blind15_is_the_fifteenth_round_and_held_out() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind15"]
    assert len(entries) >= 26
    assert {e["round"] for e in entries} == {15}
    assert sum(e["language"] == "fa" for e in entries) >= 14
    assert "blind15" in claims_corpus.BLINDS
    # held out: never development data (nor among blind14's) until its single run is done
    assert not any(claims_corpus.in_split(e, "dev") for e in entries)
    assert not any(claims_corpus.in_split(e, "blind14") for e in entries)
    assert all(claims_corpus.split_of(e) == "blind15" for e in entries)
    assert all(claims_corpus.in_split(e, "blind15") for e in entries)
    # no document of an earlier round (blind14 included) is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind15"}
    assert not earlier & {e["url"] for e in entries}
    earlier_files = {e["file"] for e in claims_corpus.manifest() if e.get("split") != "blind15"}
    assert not earlier_files & {e["file"] for e in entries}


def test_blind16_is_the_sixteenth_round_and_held_out() -> None:
    entries = [e for e in claims_corpus.manifest() if e.get("split") == "blind16"]
    assert len(entries) >= 30
    assert {e["round"] for e in entries} == {16}
    assert sum(e["language"] == "fa" for e in entries) >= 12
    assert "blind16" in claims_corpus.BLINDS
    # held out: never development data (nor among blind15's) until its single run is done
    assert not any(claims_corpus.in_split(e, "dev") for e in entries)
    assert not any(claims_corpus.in_split(e, "blind15") for e in entries)
    assert all(claims_corpus.split_of(e) == "blind16" for e in entries)
    assert all(claims_corpus.in_split(e, "blind16") for e in entries)
    # no document of an earlier round (blind15 included) is used again
    earlier = {e["url"] for e in claims_corpus.manifest() if e.get("split") != "blind16"}
    assert not earlier & {e["url"] for e in entries}
    earlier_files = {e["file"] for e in claims_corpus.manifest() if e.get("split") != "blind16"}
    assert not earlier_files & {e["file"] for e in entries}


def test_splits_agree_between_corpus_and_evaluation() -> None:
    assert set(eval_extraction.SPLITS) == set(claims_corpus.SPLITS)


def test_unknown_split_is_refused() -> None:
    entry = claims_corpus.manifest()[0]
    with pytest.raises(ValueError, match="unknown split 'blind17'"):
        claims_corpus.in_split(entry, "blind17")
