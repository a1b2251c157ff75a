"""The `gavah` command tree, built one command at a time.

Typer builds every command before it runs one: for each of gavah's ~80 commands it reads
the function's signature and type hints and makes its options, which costs as much CPU
as importing the CLI. Here the root group is made with the root options only; a command
(or group of commands) is built when it is named, and `gavah --help` lists the commands
from their help texts without building them. Typer's own full build
(`typer.main.get_command`, used by CliRunner and scripts/cli_reference.py) gives the same
commands; tests/cli/test_lazy.py compares the two."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator, MutableMapping
from functools import partial
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.main import (
    get_command,
    get_command_from_info,
    get_command_name,
    get_group_from_info,
    solve_typer_info_defaults,
)
from typer.models import CommandInfo, TyperInfo

from gavah.cli.boundary import Typer


class LazyCommands(MutableMapping[str, Any]):
    """A group's commands by name, each built when first asked for, in Typer's order."""

    def __init__(self, builders: dict[str, Callable[[], Any]],
                 summaries: dict[str, Callable[[], Any]]) -> None:
        self._builders = builders
        self._summaries = summaries
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self._builders[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._builders.setdefault(name, lambda: command)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._builders[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)

    def __len__(self) -> int:
        return len(self._builders)

    def summary(self, name: str) -> Any:
        """A stand-in holding only what a help listing shows (name, help, hidden)."""
        if name in self._built:
            return self._built[name]
        return self._summaries[name]()


def _command_summary(info: CommandInfo, name: str) -> TyperCommand:
    # The help text as typer.main.get_command_from_info makes it.
    text = (inspect.cleandoc(info.help) if info.help is not None
            else inspect.getdoc(info.callback))
    return TyperCommand(name=name, help=text, short_help=info.short_help,
                        hidden=info.hidden, deprecated=info.deprecated, add_help_option=False)


def _group_summary(solved: TyperInfo, name: str) -> TyperGroup:
    return TyperGroup(name=name, help=solved.help, short_help=solved.short_help,
                      hidden=bool(solved.hidden), deprecated=bool(solved.deprecated),
                      add_help_option=False)


def _commands(app: typer.Typer) -> LazyCommands:
    options: dict[str, Any] = {"pretty_exceptions_short": app.pretty_exceptions_short,
                               "rich_markup_mode": app.rich_markup_mode}
    builders: dict[str, Callable[[], Any]] = {}
    summaries: dict[str, Callable[[], Any]] = {}
    for info in app.registered_commands:
        assert info.callback is not None
        name = info.name or get_command_name(info.callback.__name__)
        builders[name] = partial(get_command_from_info, info, **options)
        summaries[name] = partial(_command_summary, info, name)
    for group in app.registered_groups:
        solved = solve_typer_info_defaults(group)
        if not solved.name:  # a group without a name merges its commands into its parent
            raise ValueError("every gavah command group has a name")
        builders[solved.name] = partial(get_group_from_info, group,
                                        suggest_commands=app.suggest_commands, **options)
        summaries[solved.name] = partial(_group_summary, solved, solved.name)
    return LazyCommands(builders, summaries)


def root_command(app: typer.Typer) -> Any:
    """The root group of `app` with its own options, its commands built when named."""
    commands, groups = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = [], []
    try:
        root = get_command(app)  # the root options (and completion), no commands
    finally:
        app.registered_commands, app.registered_groups = commands, groups
    assert isinstance(root, TyperGroup)
    root.commands = _commands(app)
    return root


class LazyTyper(Typer):
    """The root app: calling it (the `gavah` command) builds only the command named."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            from typer.main import (
                DeveloperExceptionConfig,
                _typer_developer_exception_attr_name,
                except_hook,
            )
        except ImportError:  # another Typer: its own full build
            return super().__call__(*args, **kwargs)
        # As Typer.__call__ does, so a crash is shown as Typer shows it.
        if sys.excepthook != except_hook:
            sys.excepthook = except_hook
        try:
            return root_command(self)(*args, **kwargs)
        except Exception as exc:
            setattr(exc, _typer_developer_exception_attr_name, DeveloperExceptionConfig(
                pretty_exceptions_enable=self.pretty_exceptions_enable,
                pretty_exceptions_show_locals=self.pretty_exceptions_show_locals,
                pretty_exceptions_short=self.pretty_exceptions_short))
            raise
