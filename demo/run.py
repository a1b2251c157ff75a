"""`make demo`: build a demo workspace from the fictional corpus in demo/corpus and show
what gavah does with it, running the same commands a user would type."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "demo" / "corpus"
HOME = Path(os.environ.get("GAVAH_DEMO_HOME", ROOT / "demo-workspace"))
GAVAH = str(Path(sys.executable).parent / "gavah")

# Who published each fictional document, and how it was collected.
SOURCES = {
    "jdc-report-2019.html": ("Justice for Dashtabad Coalition", "web-capture", "public"),
    "prf-statement-2021.html": ("People's Resistance Front", "web-capture", "public"),
    "ana-news-1398.html": ("Arvand News Agency", "web-capture", "public"),
    "alrased-report-2020.txt": ("Al-Rased", "import", "public"),
    "icid-briefing-2022.pdf": ("Independent Commission of Inquiry on Dashtabad", "upload",
                               "public"),
    "site-photo.jpg": ("Documenter B", "upload", "restricted"),
    "tip-from-documenter-b.eml": ("Documenter B", "import", "restricted"),
    "family-letters.zip": ("Families of Dashtabad prisoners", "scan", "restricted"),
    "protected/witness-a-testimony.pdf": ("Witness A", "testimony", "strictly-confidential"),
    "protected/documenter-notes-cp1256.txt": ("Documenter B", "upload", "confidential"),
}


def gavah(*args: str, check: bool = True) -> int:
    shown = " ".join(shlex.quote(a) for a in ("gavah", *args))
    print(f"\n$ {shown}", flush=True)
    return subprocess.run([GAVAH, "--home", str(HOME), *args], check=check).returncode


def main() -> None:
    print("gavah demo: every document in demo/corpus is FICTIONAL (invented names, places, "
          "organisations and statements).")
    if HOME.exists():
        shutil.rmtree(HOME)
    gavah("init")
    for name, (source, method, level) in SOURCES.items():
        gavah("ingest", str(CORPUS / name), "--source", source, "--method", method,
              "--classification", level, "--collected-by", "demo", "--tag", "dashtabad")
    gavah("items")
    gavah("verify")
    gavah("search", "دشت آباد")
    gavah("search", "commission")
    gavah("show", "1")
    print(f"\nThe demo workspace is in {HOME}. Try: gavah --home {HOME} search 'Northgate OR "
          "dashtabad'")


if __name__ == "__main__":
    main()
