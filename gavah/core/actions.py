"""The declared actions of the custody log (schema/custody_actions.yaml), loaded once.

An entry may only be written with a declared action and declared detail keys: what a
signed entry says must be explainable to a court for as long as the log is kept."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

CHANGE = "change"
READ = "read"


@dataclass(frozen=True)
class Action:
    name: str
    kind: str
    label: str
    description: str
    details: Mapping[str, str]
    formerly: tuple[str, ...] = ()
    former_details: Mapping[str, str] = field(default_factory=dict)

    @property
    def is_read(self) -> bool:
        return self.kind == READ


def load() -> dict[str, Action]:
    """Each declared action under its current name, in the order of the file."""
    import yaml  # here, not at import: a command that writes no entry never needs it

    text = files("gavah.core.schema").joinpath("custody_actions.yaml").read_text("utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    declared = {}
    for name, spec in dict(yaml.load(text, Loader=loader)).items():
        declared[name] = Action(
            name=name, kind=spec["kind"], label=spec["label"],
            description=" ".join(spec["description"].split()),
            details=dict(spec.get("details") or {}),
            formerly=tuple(spec.get("formerly") or ()),
            former_details=dict(spec.get("former_details") or {}))
    return declared


@cache
def declared() -> dict[str, Action]:
    """Every action by its name and by each spelling it had before."""
    actions = load()
    return actions | {old: a for a in actions.values() for old in a.formerly}


def action(name: str) -> Action:
    found = declared().get(name)
    if found is None:
        raise ValueError(f"undeclared custody action {name!r}: declare it in "
                         "gavah/core/schema/custody_actions.yaml")
    return found


def check_details(name: str, details: Mapping[str, Any]) -> Action:
    """The action, once its details hold only keys it declares (a programming error
    otherwise: nothing undeclared is ever signed)."""
    found = action(name)
    unknown = set(details) - set(found.details)
    if unknown:
        raise ValueError(f"custody action {name!r} does not declare the detail key(s) "
                         f"{', '.join(sorted(unknown))}")
    return found


@cache
def read_actions() -> tuple[str, ...]:
    """Every spelling of every action that records a read (and changes nothing)."""
    return tuple(sorted(n for n, a in declared().items() if a.is_read))
