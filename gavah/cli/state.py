"""What every command shares: the workspace chosen by --home / GAVAH_HOME."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from gavah.pipelines.access import Viewer
    from gavah.store.fastread.workspace import ReadWorkspace
    from gavah.store.workspace import Workspace


def default_actor() -> str:
    """Who runs the command: the CLI acts as the operating-system user at this host
    (the host name from uname, as gethostname gives it, without importing socket)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"cli:{user}@{os.uname().nodename}"


@dataclass
class State:
    home: Path
    database_url: str | None
    actor: str = field(default_factory=default_actor)
    _workspace: Workspace | None = None
    _read_workspace: ReadWorkspace | None = None

    def viewer(self) -> Viewer:
        """The CLI runs as the workspace's owner: full clearance, but reads of protected
        material are still written to the custody log under this actor."""
        from gavah.pipelines.access import Viewer

        return Viewer(self.actor)

    def read_workspace(self) -> ReadWorkspace | None:
        """The workspace opened on the DB-API, for commands that read (and start fast):
        None when only the ORM path opens its database."""
        if self._read_workspace is None:
            from gavah.store.fastread.workspace import open_workspace

            self._read_workspace = open_workspace(self.home, self.database_url)
        return self._read_workspace

    def workspace(self) -> Workspace:
        if self._workspace is None:
            from gavah.store.workspace import Workspace

            self._workspace = Workspace.open(self.home, self.database_url)
        return self._workspace


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    assert isinstance(obj, State)
    return obj
