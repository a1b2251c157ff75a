"""A small FICTIONAL world of sources, entities and pages for the claims layer's tests
(the `world` fixture in conftest.py builds it in a workspace)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli, write

NGO_PAGE = """<html><head><title>Fictional NGO report</title></head><body><article>
<p>FICTIONAL TEST DOCUMENT. The Northgate Monitor documented that at least 2,800 prisoners
were executed at Northgate Prison in the summer of 1988.</p>
<p>"Families were never told where the graves are," said Mina Rostami, the Monitor's
director, on 12 August 2019.</p>
</article></body></html>"""

PARTY_PAGE = """<html><head><title>Fictional front statement</title></head><body><article>
<p>FICTIONAL TEST DOCUMENT. The Unity Front reported that more than 30,000 political prisoners
were executed in the summer of 1988.</p>
<p>"Kian Sohrabi sat on the commission," the Unity Front spokesman Arash Vafa said.</p>
</article></body></html>"""

STATE_PAGE = """<html><head><title>Fictional state agency</title></head><body><article>
<p>FICTIONAL TEST DOCUMENT. The State Herald wrote that only 200 prisoners were executed in
the summer of 1988, all after trials.</p>
</article></body></html>"""


def build(cli: Cli, tmp_path: Path) -> Cli:
    cli("sources", "add", "Northgate Monitor", "--type", "ngo", "--affiliation", "independent",
        "--grade", "B", "--reason", "published methodology")
    cli("sources", "add", "Unity Front", "--type", "opposition-group", "--affiliation", "party",
        "--aligned-with", "Unity Front")
    cli("sources", "add", "Unity Front Radio", "--type", "news-outlet", "--affiliation",
        "party", "--aligned-with", "Unity Front")
    cli("sources", "add", "State Herald", "--type", "state-media", "--affiliation", "state")
    cli("entities", "add", "Kian Sohrabi", "--type", "Person", "--alias", "کیان سهرابی",
        "--wikidata", "Q0000001")
    cli("entities", "add", "Mina Rostami", "--type", "Person", "--alias", "مینا رستمی")
    cli("entities", "add", "Northgate Prison", "--type", "Place", "--lat", "35.1", "--lon",
        "51.2")
    for name, body, source in (("ngo.html", NGO_PAGE, "Northgate Monitor"),
                               ("front.html", PARTY_PAGE, "Unity Front"),
                               ("radio.html", PARTY_PAGE.replace("Unity Front reported",
                                                                 "Unity Front Radio reported"),
                                "Unity Front Radio"),
                               ("state.html", STATE_PAGE, "State Herald")):
        write(tmp_path / name.split(".")[0], name, body)
        cli("ingest", str(tmp_path / name.split(".")[0]), "--source", source)
    return cli
