"""Legal frameworks as data (schema/frameworks/*.yaml): crimes, the contextual elements
they share, their elements and the modes of liability a charge names. A framework is a
file: adding one (a national law, genocide) needs no code. Files are validated when
loaded; an error names the file and the field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from gavah.core.errors import BadInput, NotFound

DEFAULT = "rome-statute"
_ID = r"^[a-z0-9][a-z0-9.\-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ElementSpec(_Strict):
    id: str = Field(pattern=_ID)
    number: str
    label: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    retired: bool = False


class GroupSpec(_Strict):
    """A crime, a set of contextual elements or a mode of liability."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    article: str = ""
    context: str | None = None
    elements: tuple[ElementSpec, ...] = Field(min_length=1)


class FrameworkSpec(_Strict):
    id: str = Field(pattern=_ID)
    title: str
    version: str
    source: str = ""
    contexts: tuple[GroupSpec, ...] = ()
    crimes: tuple[GroupSpec, ...] = Field(min_length=1)
    modes: tuple[GroupSpec, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> FrameworkSpec:
        seen: set[str] = set()
        for group in (*self.contexts, *self.crimes, *self.modes):
            for one in (group.id, *(e.id for e in group.elements)):
                if one in seen:
                    raise ValueError(f"id {one!r} is used twice")
                seen.add(one)
        contexts = {c.id for c in self.contexts}
        for crime in self.crimes:
            if crime.context and crime.context not in contexts:
                raise ValueError(f"crime {crime.id!r}: unknown context {crime.context!r}")
        return self


@dataclass(frozen=True)
class Element:
    """One element as a case file shows it: `group` is the crime, context or mode it
    belongs to, `part` says which of the three."""

    id: str
    number: str
    label: str
    citation: str
    group: str
    group_title: str
    article: str
    part: Literal["context", "crime", "mode"]

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "crime": self.group, "crime_title": self.group_title,
                "article": self.article, "part": self.part, "number": self.number,
                "label": self.label, "citation": self.citation}


@dataclass(frozen=True)
class Framework:
    spec: FrameworkSpec

    @property
    def id(self) -> str:
        return self.spec.id

    def _groups(self, kind: str) -> dict[str, GroupSpec]:
        return {g.id: g for g in getattr(self.spec, kind)}

    def _find(self, kind: str, wanted: str, what: str, field: str) -> GroupSpec:
        groups = self._groups(kind)
        if wanted not in groups:
            raise NotFound(f"{what} {wanted!r} is not in {self.id}; its {kind} are "
                           f"{', '.join(groups) or 'none'}", field=field)
        return groups[wanted]

    def crime(self, crime_id: str) -> GroupSpec:
        return self._find("crimes", crime_id, "crime", "crime")

    def mode(self, mode_id: str) -> GroupSpec:
        return self._find("modes", mode_id, "mode of liability", "mode")

    def elements_of(self, group: GroupSpec, part: Literal["context", "crime", "mode"]
                    ) -> list[Element]:
        return [Element(e.id, e.number, e.label, e.citation, group.id, group.title,
                        group.article, part) for e in group.elements if not e.retired]

    def charge_elements(self, crime_id: str, mode_id: str | None) -> list[Element]:
        """What must be proven for one charge: the crime's contextual elements, its own
        elements, then those of the mode of liability."""
        crime = self.crime(crime_id)
        out: list[Element] = []
        if crime.context:
            out += self.elements_of(self._groups("contexts")[crime.context], "context")
        out += self.elements_of(crime, "crime")
        if mode_id:
            out += self.elements_of(self.mode(mode_id), "mode")
        return out

    def all_elements(self) -> list[Element]:
        out: list[Element] = []
        for part, kind in (("context", "contexts"), ("crime", "crimes"), ("mode", "modes")):
            for group in getattr(self.spec, kind):
                out += self.elements_of(group, part)  # type: ignore[arg-type]
        return out

    def element(self, element_id: str) -> Element:
        for one in self.all_elements():
            if one.id == element_id:
                return one
        raise NotFound(f"element {element_id!r} is not in {self.id} (see `gavah cases "
                       "elements`)", field="element")


def parse(text: str, name: str) -> Framework:
    """A framework from YAML text; `name` (the file) is named in any error."""
    try:
        data = yaml.safe_load(text)
        return Framework(FrameworkSpec.model_validate(data))
    except yaml.YAMLError as e:
        raise BadInput(f"{name}: not valid YAML ({e})") from None
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise BadInput(f"{name}: {where}: {first['msg']}") from None


def load_file(path: str | Path) -> Framework:
    path = Path(path)
    return parse(path.read_text(encoding="utf-8"), path.name)


def _folder() -> Path:
    return Path(str(files("gavah.core.schema").joinpath("frameworks")))


def _read_folder(folder: Path) -> dict[str, Framework]:
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        framework = load_file(path)
        if framework.id != path.stem:
            raise BadInput(f"{path}: its id {framework.id!r} must match the file name")
        found[framework.id] = framework
    return found


@cache
def _bundled() -> dict[str, Framework]:
    return _read_folder(_folder())


def catalogue(folders: Sequence[Path] = ()) -> dict[str, Framework]:
    """The bundled frameworks, and those of the given folders (a workspace's
    `frameworks/`), which cannot replace a bundled one."""
    found = dict(_bundled())
    for folder in folders:
        if folder.is_dir():
            for name, framework in _read_folder(folder).items():
                found.setdefault(name, framework)
    return found


def get(framework_id: str | None = None, folders: Sequence[Path] = ()) -> Framework:
    every = catalogue(folders)
    name = framework_id or DEFAULT
    found = every.get(name)
    if found is None:
        raise NotFound(f"no framework {name!r}; the frameworks are {', '.join(every)}",
                       field="framework")
    return found
