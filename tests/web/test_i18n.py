"""The Persian catalog is complete and its compiled .mo matches the .po."""

from __future__ import annotations

from gavah.web.i18n import catalog


def test_every_interface_string_has_a_persian_translation() -> None:
    assert catalog.untranslated(catalog.load("fa"), catalog.extract()) == []


def test_compiled_catalog_is_up_to_date() -> None:
    compiled = catalog.po_path("fa").with_suffix(".mo").read_bytes()
    assert compiled == catalog.compiled(catalog.load("fa")), \
        "run: python -m gavah.web.i18n.catalog"
