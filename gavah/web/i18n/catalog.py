"""Extract the interface's strings and refresh the catalogs:

    python -m gavah.web.i18n.catalog          # extract, update every .po, compile .mo
    python -m gavah.web.i18n.catalog --check  # exit 1 if a string is untranslated

Templates use _(), ngettext() and gettext(); Python modules of gavah.web mark strings
with N_() (labels) or page.gettext()."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from gavah.core import actions

HERE = Path(__file__).parent
WEB = HERE.parent
DOMAIN = "messages"
ACTIONS_FILE = "../core/schema/custody_actions.yaml"
LANGS = ("fa",)
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extract() -> Catalog:
    template = Catalog(project="gavah", domain=DOMAIN, charset="utf-8")
    sources: list[tuple[object, Path]] = [
        (babel_extract, p) for p in sorted((WEB / "templates").glob("*.html"))]
    sources += [("python", p) for p in sorted(WEB.rglob("*.py")) if "i18n" not in p.parts]
    for action in actions.declared().values():  # labels declared with the custody actions
        template.add(action.label, locations=[(ACTIONS_FILE, 0)])
    for method, path in sources:
        options = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"} \
            if method is babel_extract else {}
        for line, message, comments, context in extract_from_file(
                method, str(path), keywords=KEYWORDS, options=options):  # type: ignore[arg-type]
            template.add(message, locations=[(str(path.relative_to(WEB)), line)],
                         auto_comments=comments, context=context)
    return template


def po_path(lang: str) -> Path:
    return HERE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(lang: str) -> Catalog:
    with open(po_path(lang), "rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def untranslated(catalog: Catalog, template: Catalog) -> list[str]:
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id)
        strings = found.string if found is not None else None
        values = strings if isinstance(strings, tuple | list) else (strings,)
        if found is None or found.fuzzy or not all(values):
            missing.append(str(message.id))
    return missing


def update() -> None:
    template = extract()
    with open(HERE / f"{DOMAIN}.pot", "wb") as out:
        write_po(out, template, width=100, omit_header=False, sort_output=True)
    for lang in LANGS:
        catalog = load(lang)
        catalog.update(template, no_fuzzy_matching=True)
        with open(po_path(lang), "wb") as out:
            write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=True)
        po_path(lang).with_suffix(".mo").write_bytes(compiled(load(lang)))


def main(argv: list[str]) -> int:
    if "--check" in argv:
        template = extract()
        problems = {lang: untranslated(load(lang), template) for lang in LANGS}
        for lang, missing in problems.items():
            for msgid in missing:
                print(f"{lang}: untranslated: {msgid!r}")
        return 1 if any(problems.values()) else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
