"""The Persian catalog is complete and its compiled .mo matches the .po."""

from __future__ import annotations

from gavah.web.i18n import catalog


def test_every_interface_string_has_a_persian_translation() -> None:
    assert catalog.untranslated(catalog.load("fa"), catalog.extract()) == []


def test_compiled_catalog_is_up_to_date() -> None:
    compiled = catalog.po_path("fa").with_suffix(".mo").read_bytes()
    assert compiled == catalog.compiled(catalog.load("fa")), \
        "run: python -m gavah.web.i18n.catalog"


def test_parts_and_metadata_of_extracted_text_are_named_in_the_interface_language() -> None:
    from gavah.web.templating import Templates

    env = Templates().envs
    shown = {lang: [env[lang].filters["part"](v) for v in
                    ("page 12 (OCR)", "page 3", "message", "attachment 2")]
             for lang in ("en", "fa")}
    assert shown["en"] == ["page 12 (OCR)", "page 3", "message", "attachment 2"]
    assert shown["fa"] == ["صفحهٔ ۱۲ (OCR)", "صفحهٔ ۳", "پیام", "attachment 2"]
    label = env["fa"].filters["label"]
    assert [label(k, "metadata") for k in ("encoding", "date_utc", "x_custom")] == \
        ["رمزگذاری نویسه‌ها", "تاریخ (UTC)", "x_custom"]
