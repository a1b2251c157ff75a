"""What the reports of the copying commands (backup, restore, blob copy) share: a list of
problems that decides whether the run is ok, and one JSON form for scripts."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar


class ProblemReport:
    """Mixed into a report dataclass with a `problems` list. Its JSON form is `ok` and then
    the dataclass's fields in the order they are declared."""

    __dataclass_fields__: ClassVar[dict[str, Any]]  # the subclass is a dataclass
    problems: list[dict[str, Any]]

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok,
                **{f.name: getattr(self, f.name) for f in dataclasses.fields(self)}}
