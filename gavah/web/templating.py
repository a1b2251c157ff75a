"""Jinja2 templates, one environment per interface language (each with its gettext
catalog installed), and the filters pages use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from gavah.core.extract.model import QUALIFIERS
from gavah.core.levels import LEVELS
from gavah.core.vocabulary import values
from gavah.web import formatting
from gavah.web.labels import label, part_label
from gavah.web.locale import LANGUAGES, direction, translations

TEMPLATES = Path(__file__).parent / "templates"
# The controlled vocabulary's values, for the forms' choices (labels translate them).
VOCAB = {kind: values(kind) for kind in (
    "source_types", "affiliations", "reliability", "credibility", "entity_types",
    "act_types", "perpetrator_roles", "claim_kinds", "claim_statuses", "stances")}
VOCAB["figure_qualifiers"] = list(QUALIFIERS)


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
        claim_spans=formatting.claim_spans,
        period=lambda start, end=None, precision=None: formatting.period(
            start, end, precision, lang),
        label=lambda v, kind="": catalog.gettext(label(v, kind)),
        part=lambda v: part_label(v, catalog.gettext, lambda n: formatting.number(n, lang)),
    )
    env.globals.update(lang=lang, dir=direction(lang), LANGUAGES=LANGUAGES, LEVELS=LEVELS,
                       VOCAB=VOCAB)
    return env


class Templates:
    def __init__(self) -> None:
        self.envs = {lang: _environment(lang) for lang in LANGUAGES}

    def render(self, lang: str, name: str, context: dict[str, Any]) -> str:
        return self.envs[lang].get_template(name).render(context)
