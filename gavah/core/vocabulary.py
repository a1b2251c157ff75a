"""The controlled vocabulary (schema/vocabulary.yaml), loaded once, with checks that
name the accepted values when a value is wrong."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml

from gavah.core.errors import BadInput


@cache
def vocabulary() -> dict[str, Any]:
    text = files("gavah.core.schema").joinpath("vocabulary.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def values(kind: str) -> list[str]:
    entry = vocabulary()[kind]
    return [str(k) for k in entry] if isinstance(entry, dict) else [str(v) for v in entry]


def check(kind: str, value: str, field: str | None = None) -> str:
    allowed = values(kind)
    if value not in allowed:
        raise BadInput(f"{field or kind}: {value!r} is not one of {', '.join(allowed)}")
    return value


def describe(kind: str, value: str) -> str:
    entry = vocabulary()[kind]
    item = entry.get(value, "") if isinstance(entry, dict) else ""
    return str(item.get("description", "")) if isinstance(item, dict) else str(item)
