"""Legal frameworks as data: the bundled Rome Statute is complete and valid, a second
framework is a file alone (a FICTIONAL one here), and a bad file is refused with a
message naming the file and the field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gavah.core import frameworks
from gavah.core.errors import BadInput, NotFound
from gavah.pipelines import cases
from gavah.pipelines.access import Viewer
from gavah.store.workspace import Workspace

FICTIONAL = Path(__file__).parents[1] / "fixtures" / "frameworks" / "fictional-code.yaml"


def test_rome_statute_has_the_crimes_and_modes_of_the_issue() -> None:
    law = frameworks.get()
    assert law.id == "rome-statute" and law.spec.version
    articles = {g.article for g in (*law.spec.crimes, *law.spec.modes)}
    assert {"7(1)(a)", "7(1)(b)", "7(1)(e)", "7(1)(f)", "7(1)(h)", "7(1)(i)", "7(1)(k)",
            "8(2)(a)(i)", "8(2)(c)(i)", "8(2)(c)(iv)", "25(3)(a)", "25(3)(b)", "25(3)(c)",
            "25(3)(d)", "28"} <= articles
    every = law.all_elements()
    assert len({e.id for e in every}) == len(every)
    assert all(e.citation.startswith(("ICC Elements of Crimes", "Rome Statute"))
               for e in every)
    murder = [e.id for e in law.charge_elements("cah-murder", "superior")]
    assert murder[:2] == ["cah-context.attack", "cah-context.knowledge"]
    assert murder[2] == "cah-murder.1" and murder[-1] == "superior.failure"
    assert [e.part for e in law.charge_elements("war-murder", None)] == [
        "context", "context", "crime", "crime", "crime"]


def test_a_second_framework_is_a_file(ws: Workspace) -> None:
    law = frameworks.load_file(FICTIONAL)
    assert [e.id for e in law.charge_elements("unlawful-killing", "perpetrator")] == [
        "unlawful-killing.act", "perpetrator.act"]  # the retired element is not asked for
    with pytest.raises(NotFound, match="no framework 'fictional-code'"):
        cases.elements(ws, "fictional-code")
    (ws.home / "frameworks").mkdir()
    shutil.copy(FICTIONAL, ws.home / "frameworks")
    assert {e["id"] for e in cases.elements(ws, "fictional-code")} == {
        "unlawful-killing.act", "perpetrator.act"}
    made = cases.create(ws, Viewer("test"), "FICTIONAL: Nowhere v. X",
                        framework_id="fictional-code")
    assert made["framework"] == "fictional-code" and made["framework_version"] == "1"


@pytest.mark.parametrize("change,message", [
    (("label: The accused caused the death of a person.", "label: ''"),
     r"fictional-code.yaml: crimes.0.elements.0.label"),
    (("id: perpetrator.act", "id: unlawful-killing.act"), "used twice"),
    (("    title: Unlawful killing (FICTIONAL)\n",
      "    title: Unlawful killing (FICTIONAL)\n    context: nowhere\n"), "unknown context"),
    (("citation: \"FICTIONAL Penal Code, art. 5\"", "cite: x"), "citation"),
    (("id: fictional-code", "id: [unclosed"), "not valid YAML"),
])
def test_a_bad_framework_file_is_refused(tmp_path: Path, change: tuple[str, str],
                                         message: str) -> None:
    text = FICTIONAL.read_text(encoding="utf-8")
    assert change[0] in text
    path = tmp_path / "fictional-code.yaml"
    path.write_text(text.replace(change[0], change[1]), encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        frameworks.load_file(path)
