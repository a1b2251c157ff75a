"""Claims read after ingest name the page's own publisher when the ingest gives no source.

The page below is FICTIONAL: an invented outlet and an invented spokesperson."""

from pathlib import Path

from tests.conftest import Cli, write

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Detainees counted in Dashtabad (fictional)</title>
<meta property="og:site_name" content="Dashtabad Fictional Monitor">
<meta name="author" content="Fictional Desk">
</head><body><article>
<h1>Detainees counted in Dashtabad (fictional)</h1>
<p>The fictional rights group Justice for Dashtabad said on Monday that at least 40
protesters had been detained in the fictional town of Dashtabad since the start of the
month.</p>
<p>"We have counted at least 40 detainees and the number is still rising," said Leila
Karimi, a fictional spokesperson for the group.</p>
<p>The fictional provincial governor denied the figure and said no protester was held.</p>
</article></body></html>
"""


def test_publisher_comes_from_the_page_without_a_source(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in", "dashtabad.html", PAGE)
    cli.json("ingest", str(tmp_path / "in"))
    claims = cli.json("claims", "list")
    assert claims, "the page's claims were read"
    assert {c["publisher"] for c in claims} == {"Dashtabad Fictional Monitor"}
    quote = next(c for c in claims if c["kind"] != "figure" and "counted" in c["quote"])
    assert quote["speaker"] == "Leila Karimi"


def test_a_given_source_still_wins_over_the_page(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "in", "dashtabad.html", PAGE)
    cli.json("ingest", str(tmp_path / "in"), "--source", "Fictional Archive")
    claims = cli.json("claims", "list")
    assert claims and {c["publisher"] for c in claims} == {"Fictional Archive"}
