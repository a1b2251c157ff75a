"""The offline verifier reads data/case.json a value at a time (a case resting on a
hundred thousand claims is never held whole): it must read the same items and custody
as json.loads does, wherever its reads cut the text, and refuse what is not one JSON
object. The documents are FICTIONAL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gavah.pipelines.export import verifier

DOCUMENTS: list[dict[str, Any]] = [
    {"format": "gavah-disclosure/1", "big": 12345678901234567890, "ratio": 1.5e10,
     "items": [{"id": 1, "quote": "FICTIONAL «شمارش» \"quoted\""}, {"id": 22}],
     "claims": [[1, 2], [3]], "custody": {"last_seq": 123456,
                                          "hidden_naming_protected": [5, 6]},
     "none": None, "yes": True},
    {"items": []}, {}, {"custody": {}, "items": [1, 2, 3], "nested": [[[]]]},
]


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
@pytest.mark.parametrize("indent", [None, 1])
def test_reads_what_json_loads_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     chunk: int, indent: int | None) -> None:
    monkeypatch.setattr(verifier._Values, "CHUNK", chunk)
    for n, document in enumerate(DOCUMENTS):
        path = tmp_path / f"case-{n}.json"
        path.write_text(json.dumps(document, ensure_ascii=False, indent=indent))
        assert verifier.read_case(path) == {
            k: document[k] for k in ("items", "custody") if k in document}


@pytest.mark.parametrize("text", ['[1]', '{"a": 1', '{"a": 1}}', '{1: 2}', '{"a" 1}', '',
                                  '{"items": [1,]}', '{"items": [1 2]}'])
def test_refuses_what_is_not_one_object(tmp_path: Path, text: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(text)
    with pytest.raises(ValueError):
        verifier.read_case(path)
