"""`make demo`: build a demo workspace from the fictional corpus in demo/corpus and show
what gavah does with it, running the same commands a user would type."""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
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
    "transfer-register-scan.pdf": ("Documenter B", "scan", "restricted"),  # read by OCR
    "protected/witness-a-testimony.pdf": ("Witness A", "testimony", "strictly-confidential"),
    "protected/documenter-notes-cp1256.txt": ("Documenter B", "upload", "confidential"),
}


def gavah(*args: str, check: bool = True) -> int:
    shown = " ".join(shlex.quote(a) for a in ("gavah", *args))
    print(f"\n$ {shown}", flush=True)
    return subprocess.run([GAVAH, "--home", str(HOME), *args], check=check).returncode


# Fictional originators: type, affiliation (relative to the events), aligned party, grade.
REGISTRY = [
    ("Justice for Dashtabad Coalition", "ngo", "independent", None, "B",
     "documents its methods; most figures corroborated"),
    ("People's Resistance Front", "opposition-group", "party", "People's Resistance Front",
     "D", "partisan; figures not sourced"),
    ("Arvand News Agency", "state-media", "state", None, "E", "state media of the accused"),
    ("Al-Rased", "news-outlet", "independent", None, "C", "reports second-hand"),
    ("Independent Commission of Inquiry on Dashtabad", "un-body", "independent", None, "A",
     "mandated inquiry; publishes evidence"),
]
ENTITIES = [
    ("Dariush Farahani", "Person", ["داریوش فراهانی", "Dariush Farahany"]),
    ("Leila Karimi", "Person", ["لیلا کریمی"]),
    ("Reza Tabrizi", "Person", ["رضا تبریزی"]),
    ("Dashtabad Prison", "Place", ["زندان دشت‌آباد", "سجن دشت آباد"]),
    ("Arvand Province Prosecutor's Office", "Organization", ["دادسرای استان اروند"]),
    ("Arvand Province Judiciary", "Organization", ["دادگستری استان اروند"]),
]


def gavah_json(*args: str) -> object:
    run = subprocess.run([GAVAH, "--home", str(HOME), *args, "--json"], check=True,
                         capture_output=True, text=True)
    return json.loads(run.stdout)


@contextlib.contextmanager
def corpus_site() -> Iterator[str]:
    """The fictional corpus served on 127.0.0.1 by this script, for the capture step."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *_: object) -> None:
            return

    handler = functools.partial(Quiet, directory=str(CORPUS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def capture_demo() -> None:
    """Web capture (issue 13): the coalition's fictional report as a web page, served here
    on 127.0.0.1 (hence --allow-private), kept as a WACZ with screenshot, PDF and text."""
    if not Path("/usr/bin/chromium").exists():
        print("\n(web capture skipped: Debian chromium is not installed)")
        return
    with corpus_site() as site:
        url = f"{site}/jdc-report-2019.html"
        made = gavah_json("capture", "--allow-private", "--source",
                          "Justice for Dashtabad Coalition", "--tag", "dashtabad", url)
        item = made["captures"][0]["id"]  # type: ignore[index]
        gavah("capture", "--allow-private", "--source", "Justice for Dashtabad Coalition",
              "--tag", "dashtabad", url)
    gavah("show", str(item))


def claims_demo() -> None:
    """Who said what: the contested figure and its corroboration."""
    gavah("claims", "list", "--kind", "figure")
    figures = gavah_json("claims", "list", "--kind", "figure")
    assert isinstance(figures, list)
    contested = next((c for c in figures if "30,000" in c["quote"]), None)
    if contested:
        gavah("corroborate", contested["id"])
    event_demo()
    gavah("timeline", "داریوش فراهانی")


# Claims linked to the demo event, found by their words: (words, kind, stance).
EVENT_CLAIMS = [
    ("at least 2,800 prisoners", "figure", "supports"),
    ("more than 30,000 political prisoners", "figure", "supports"),
    ("between 4,000 and 5,000 prisoners", "figure", "supports"),
    ("آلاف السجناء", "figure", "supports"),
    ("چند ده نفر", "figure", "disputes"),
    ("هیچ اعدامی", "quotation", "disputes"),
]


def event_demo() -> None:
    """An event: who did what, when, where, with the claims supporting or disputing it."""
    claims = gavah_json("claims", "list")
    assert isinstance(claims, list)
    linked = []
    for words, kind, stance in EVENT_CLAIMS:
        found = next((c["id"] for c in claims if words in c["quote"] and c["kind"] == kind),
                     None)
        if found:
            linked += ["--claim", f"{found}:{stance}"]
    gavah("events", "add", "Executions at Dashtabad Prison, summer 1988", "--type",
          "execution", "--from", "July 1988", "--to", "September 1988",
          "--place", "Dashtabad Prison",
          "--victims-count", "2800", "--victims-qualifier", "at least",
          "--perpetrator", "Dariush Farahani:decided", *linked,
          "--description", "FICTIONAL demo event, built from the fictional corpus.")
    gavah("corroborate", "event:1")


VICTIM_LISTS = ROOT / "demo" / "victims"


def victims_demo() -> None:
    """Three fictional lists of the same fictional people: import, link, estimate."""
    gavah("victims", "import", str(VICTIM_LISTS / "list_a_latin.xlsx"), "--list", "A",
          "--source", "Group A (fictional)")
    gavah("victims", "import", str(VICTIM_LISTS / "list_b_persian.csv"), "--list", "B",
          "--source", "Group B (fictional)", "--id-column", "شماره",
          *[arg for pair in ("نام=name", "نام پدر=father_name", "جنسیت=sex",
                             "سال تولد=birth_year", "تاریخ اعدام=death_date", "زندان=prison",
                             "توضیحات=notes") for arg in ("--map", pair)])
    gavah("victims", "import", str(VICTIM_LISTS / "list_c_latin.csv"), "--list", "C",
          "--source", "Group C (fictional)",
          *[arg for pair in ("full_name=name", "father=father_name",
                             "date_of_death=death_date", "place=prison")
            for arg in ("--map", pair)])
    # A fourth, partial list (no father's name, no prison): one record linkage is unsure
    # of, for a reviewer to decide.
    gavah("victims", "import", str(VICTIM_LISTS / "list_d_partial.csv"), "--list", "D",
          "--source", "Group D (fictional)")
    gavah("victims", "link")
    gavah("victims", "review")
    gavah("estimate", "--save")


# Evidence for the demo case, found by its words: (words, kind, element, stance). The
# 30,000 figure comes from a party to the conflict alone: a gap the case shows.
CASE_LINKS = [
    ("at least 2,800 prisoners", "figure", "cah-murder.1", "supports"),
    ("more than 30,000 political prisoners", "figure", "cah-context.attack", "supports"),
    ("هیچ اعدامی", "quotation", "cah-murder.1", "undermines"),
]


def cases_demo() -> None:
    """A FICTIONAL case: a charge, evidence mapped to its elements, its gaps and the
    material that must be disclosed with it."""
    gavah("cases", "create", "FICTIONAL: Dashtabad Prison executions, summer 1988",
          "--event", "1")
    gavah("cases", "charge", "1", "--suspect", "Dariush Farahani", "--crime", "cah-murder",
          "--mode", "ordering")
    gavah("cases", "link", "1", "--element", "cah-murder.1", "--event", "1", "--stance",
          "supports", "--note", "FICTIONAL demo: the event and its sources")
    claims = gavah_json("claims", "list")
    assert isinstance(claims, list)
    for words, kind, element, stance in CASE_LINKS:
        found = next((c["id"] for c in claims if words in c["quote"] and c["kind"] == kind),
                     None)
        if found:
            gavah("cases", "link", "1", "--element", element, "--claim", found, "--stance",
                  stance)
    gavah("cases", "show", "1")
    gavah("cases", "gaps", "1")


def export_demo() -> None:
    """The case as a disclosure package for the defence, checked by its own verify.py
    with Python alone; Leila Karimi (fictional) is protected as a witness first."""
    target = HOME / "exports"
    if target.exists():
        shutil.rmtree(target)
    gavah("entities", "protect", "Leila Karimi", "--reason", "FICTIONAL demo witness")
    gavah("export", "1", "--to", str(target / "defence"), "--for", "defence")
    gavah("export", "1", "--to", str(target / "public-fa.zip"), "--for", "public",
          "--lang", "fa")
    print(f"\n$ python3 {target / 'defence' / 'verify.py'}", flush=True)
    subprocess.run([sys.executable, "-I", str(target / "defence" / "verify.py")], check=True)


def main() -> None:
    print("gavah demo: every document in demo/corpus is FICTIONAL (invented names, places, "
          "organisations and statements).")
    if HOME.exists():
        shutil.rmtree(HOME)
    gavah("init")
    for name, kind, affiliation, aligned, grade, reason in REGISTRY:
        gavah("sources", "add", name, "--type", kind, "--affiliation", affiliation,
              *(["--aligned-with", aligned] if aligned else []), "--grade", grade,
              "--reason", reason)
    for name, kind, aliases in ENTITIES:
        gavah("entities", "add", name, "--type", kind,
              *[arg for alias in aliases for arg in ("--alias", alias)])
    gavah("entities", "position", "Dariush Farahani", "Arvand Province Prosecutor's Office",
          "--role", "deputy prosecutor", "--from", "1365", "--to", "1369")
    gavah("entities", "position", "Reza Tabrizi", "Arvand Province Judiciary",
          "--role", "spokesperson", "--from", "1397")
    for name, (source, method, level) in SOURCES.items():
        gavah("ingest", str(CORPUS / name), "--source", source, "--method", method,
              "--classification", level, "--collected-by", "demo", "--tag", "dashtabad")
    gavah("items")
    gavah("verify")
    gavah("search", "دشت آباد")
    gavah("search", "commission")
    gavah("search", "fourteen prisoners")  # only in a scanned page: found through OCR
    gavah("show", "1")
    capture_demo()
    claims_demo()
    victims_demo()
    cases_demo()
    export_demo()
    print(f"\nThe demo workspace is in {HOME}. Try: gavah --home {HOME} search 'Northgate OR "
          "dashtabad'")
    web_demo()


# The web app (issue 4). Demo accounts with a published password: the demo workspace holds
# fictional data only and is served on 127.0.0.1.
DEMO_PASSWORD = "fictional-witness-2026"
DEMO_USERS = (("demo", "analyst", "confidential"),
              ("demo-admin", "admin", "strictly-confidential"))


def web_demo() -> None:
    for name, role, clearance in DEMO_USERS:
        shown = f"gavah users add {name} --role {role} --clearance {clearance} --password-stdin"
        print(f"\n$ {shown}", flush=True)
        subprocess.run([GAVAH, "--home", str(HOME), "users", "add", name, "--role", role,
                        "--clearance", clearance, "--password-stdin"],
                       input=DEMO_PASSWORD + "\n", text=True, check=True)
    # Administrators sign in with a second factor: the URI goes into an authenticator app,
    # and the new secret counts once a code from the app confirms it (here the demo plays
    # the app, with pyotp).
    print("\n$ gavah users totp demo-admin", flush=True)
    uri = subprocess.run([GAVAH, "--home", str(HOME), "users", "totp", "demo-admin"],
                         check=True, capture_output=True, text=True).stdout.strip()
    print(uri, flush=True)
    import pyotp

    code = pyotp.parse_uri(uri).now()
    print(f"\n$ gavah users totp demo-admin --confirm {code}", flush=True)
    subprocess.run([GAVAH, "--home", str(HOME), "users", "totp", "demo-admin", "--confirm",
                    code], check=True)
    port = os.environ.get("GAVAH_DEMO_PORT", "8000")
    accounts = "\n".join(f"    {n} / {DEMO_PASSWORD}  ({r}, clearance {c})"
                          for n, r, c in DEMO_USERS)
    accounts += ("\n  demo-admin also gives a code from an authenticator app that holds the "
                 "otpauth:// URI printed above")
    serve = [GAVAH, "--home", str(HOME), "serve", "--port", port]
    # Serving blocks until Ctrl-C: only for a person at a terminal, never in CI.
    if os.environ.get("CI") == "true" or not sys.stdin.isatty():
        print(f"\nNot serving (CI or no terminal). To look at the web app run:\n"
              f"    {shlex.join(serve)}\nthen open http://127.0.0.1:{port}/ and sign in as\n"
              f"{accounts}")
        return
    print(f"\nThe web app: http://127.0.0.1:{port}/  (API docs: /docs)\nSign in as\n"
          f"{accounts}\n(Ctrl-C stops the server.)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how the demo ends
        subprocess.run(serve, check=False)


if __name__ == "__main__":
    main()
