"""The learned speaker choice (gavah/core/extract/speaker_model.py): the shipped weights
load as plain JSON, a rules' mistake the model's features see and correct, the margin that
keeps the rules' choice, and reproducible training. Every text here is FICTIONAL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gavah.core.extract import extract
from gavah.core.extract.speaker_model import WEIGHTS, SpeakerModel, shipped

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "speaker_model"

# FICTIONAL: invented people and places. The rules give the quotation to "the counsel", a
# fragment, although the sentence before names her ("According to Lorin Abaskar, a counsel").
TEXT = (
    "FICTIONAL TEXT.\n\nAccording to Lorin Abaskar, a counsel for the Korvale families, the "
    "hearing lasted eight minutes. \"The court never read the file,\" the counsel said.\n"
)
QUOTE = "The court never read the file,"


def _speaker(text: str, **options: object) -> tuple[str | None, list[str], tuple[str, ...]]:
    result = extract(text, metadata={"site_name": "Fictional Wire"}, **options)  # type: ignore[arg-type]
    claim = next(c for c in result.claims if c.kind == "quotation" and c.text == QUOTE)
    return (claim.speaker.name if claim.speaker else None,
            [p.name for p in claim.attribution], claim.flags)


class Shown:
    """A chooser that keeps the rules' choice and records the candidates' features."""

    def __init__(self) -> None:
        self.seen: list[tuple[list[str | None], list[list[str]]]] = []

    def choose(self, text, quote, candidates, features):  # type: ignore[no-untyped-def]
        names = [c.attribution.speaker.name if c.attribution.speaker else None
                 for c in candidates]
        self.seen.append((names, [list(f) for f in features]))
        return 0


def test_shipped_weights_are_json_with_their_provenance_and_no_pickle() -> None:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert data["format"] == 1
    for key in ("trained", "corpus_commit", "features", "decision", "quotations", "retrain"):
        assert data[key], key
    assert len(data["corpus_commit"]) == 40
    assert 0 < data["margin"] < 1 and data["weights"]
    model = shipped()
    assert SpeakerModel.from_json(model.to_json()) == model
    # loading and scoring imports neither pickle nor numpy
    probe = (
        "import sys\n"
        "from gavah.core.extract import extract\n"
        f"extract({TEXT!r}, speaker_model=True)\n"
        "print('pickle' in sys.modules, 'numpy' in sys.modules)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)})
    assert run.stdout.split() == ["False", "False"]


def test_the_rules_mistake_and_the_features_that_see_it() -> None:
    assert _speaker(TEXT, speaker_model=False)[0] == "the counsel"  # the rules': a fragment
    shown = Shown()
    extract(TEXT, metadata={"site_name": "Fictional Wire"}, speaker_model=shown)
    (names, features), = shown.seen
    assert names[0] == "the counsel" and "Lorin Abaskar" in names
    rules, named = features[0], features[names.index("Lorin Abaskar")]
    assert "lower_first" in rules and "lower_first" not in named
    assert "frame=according" in named and "before:sent=1" in named
    assert "src=rules" not in rules  # the model is not told which one the rules chose


def test_a_model_that_weighs_the_fragment_picks_the_named_representative() -> None:
    model = SpeakerModel({"lower_first": -3.0, "frame=according": 2.0}, margin=0.5)
    speaker, chain, flags = _speaker(TEXT, speaker_model=model)
    assert speaker == "Lorin Abaskar"
    assert chain == ["Fictional Wire", "Lorin Abaskar"]
    assert "speaker_model" in flags


def test_a_figure_inside_the_quotation_is_the_picked_speakers() -> None:
    """The figure a quotation holds is asserted by whom the quotation's claim names: the
    model's pick, not the rules' reading it replaced."""
    text = TEXT.replace("never read the file", "heard 14 detainees in one sitting")
    model = SpeakerModel({"lower_first": -3.0, "frame=according": 2.0}, margin=0.5)
    for chooser, speaker in ((False, "the counsel"), (model, "Lorin Abaskar")):
        claims = extract(text, metadata={"site_name": "Fictional Wire"},
                         speaker_model=chooser).claims
        quote = next(c for c in claims if c.kind == "quotation" and "14 detainees" in c.text)
        (figure,) = [c for c in claims if c.kind == "figure"]
        assert figure.figure is not None and figure.figure.value == 14
        assert quote.speaker is not None and quote.speaker.name == speaker
        assert figure.speaker == quote.speaker
        assert [p.name for p in figure.attribution] == [p.name for p in quote.attribution]


def test_the_margin_keeps_the_rules_choice_unless_the_model_is_sure() -> None:
    unsure = SpeakerModel({"lower_first": -0.2}, margin=0.5)
    assert _speaker(TEXT, speaker_model=unsure)[0] == "the counsel"
    assert _speaker(TEXT, speaker_model=unsure.with_margin(0.0))[0] == "Lorin Abaskar"


def test_off_by_default_and_flagged_when_on() -> None:
    """Off by default since the blind37 run (the rule registered before it); on when asked."""
    default = extract(TEXT, metadata={"site_name": "Fictional Wire"})
    on = extract(TEXT, metadata={"site_name": "Fictional Wire"}, speaker_model=True)
    assert "speaker_model" in on.flags and "speaker_model" not in default.flags
    assert default == extract(TEXT, metadata={"site_name": "Fictional Wire"},
                              speaker_model=False)
    # the shipped weights take the named counsel over the rules' fragment here
    assert _speaker(TEXT)[0] == "the counsel"
    assert _speaker(TEXT, speaker_model=True)[:2] == (
        "Lorin Abaskar", ["Fictional Wire", "Lorin Abaskar"])


def test_other_formats_are_refused() -> None:
    with pytest.raises(ValueError, match="format"):
        SpeakerModel.from_json({"format": 2, "margin": 0.5, "weights": {}})


def _train(out: Path) -> dict[str, object]:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_speaker_model.py"), "--fixtures",
         str(FIXTURES), "--out", str(out), "--date", "2026-01-01"],
        check=True, capture_output=True, text=True,
    )
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_training_on_a_tiny_fictional_set_is_reproducible(tmp_path: Path) -> None:
    first = _train(tmp_path / "a.json")
    assert _train(tmp_path / "b.json") == first
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert first["trained"] == "2026-01-01" and first["corpus_commit"] is None
    assert first["documents"] == 4 and first["quotations"] == 5
    assert first["rules_wrong"] == 3  # "the clerk", "the attorney", "the medic"
    model = SpeakerModel.from_json(first)
    assert model.weights["lower_first"] < 0  # the fragments were the wrong candidates
    # a text none of the fixtures holds: the trained weights correct the rules there too
    assert _speaker(TEXT, speaker_model=model.with_margin(0.0))[0] == "Lorin Abaskar"


def test_the_model_keeps_a_speaker_whose_verb_introduces_the_words() -> None:
    """FICTIONAL: 'Military spokesman Y said: “...”' is Y's, though the speaker before had
    a body and the model favours speakers with one."""
    from gavah.core.extract import extract

    text = ('FICTIONAL. The Qalat Refugee Agency counts arrivals.\n\nAgency spokesman Omid '
            'Farahani says: "Registration is important."\n\nMilitary spokesman Leila Karimi '
            'said: "That is not true."\n')
    speakers = [c.speaker.name for c in extract(text, publisher="Qalat Radio").claims
                if c.kind == "quotation"]
    assert speakers == ["Omid Farahani", "Leila Karimi"]
