"""What every command shares: the workspace chosen by --home / GAVAH_HOME."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import typer

from gavah.pipelines.access import Viewer
from gavah.pipelines.ingest import default_actor
from gavah.store.workspace import Workspace


@dataclass
class State:
    home: Path
    database_url: str | None
    actor: str = field(default_factory=default_actor)
    _workspace: Workspace | None = None

    def viewer(self) -> Viewer:
        """The CLI runs as the workspace's owner: full clearance, but reads of protected
        material are still written to the custody log under this actor."""
        return Viewer(self.actor)

    def workspace(self) -> Workspace:
        if self._workspace is None:
            self._workspace = Workspace.open(self.home, self.database_url)
        return self._workspace


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj
