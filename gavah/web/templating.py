"""Jinja2 templates, one environment per interface language (each with its gettext
catalog installed), and the filters pages use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from gavah.core.levels import LEVELS
from gavah.web import formatting
from gavah.web.labels import label
from gavah.web.locale import LANGUAGES, direction, translations

TEMPLATES = Path(__file__).parent / "templates"


def _environment(lang: str) -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                      extensions=["jinja2.ext.i18n"],
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    catalog = translations(lang)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        num=lambda v: formatting.number(v, lang),
        size=lambda v: formatting.size(v, lang),
        when=lambda v: formatting.when(v, lang),
        textdir=formatting.textdir,
        highlight=formatting.highlight,
        label=lambda v, kind="": catalog.gettext(label(v, kind)),
    )
    env.globals.update(lang=lang, dir=direction(lang), LANGUAGES=LANGUAGES, LEVELS=LEVELS)
    return env


class Templates:
    def __init__(self) -> None:
        self.envs = {lang: _environment(lang) for lang in LANGUAGES}

    def render(self, lang: str, name: str, context: dict[str, Any]) -> str:
        return self.envs[lang].get_template(name).render(context)
