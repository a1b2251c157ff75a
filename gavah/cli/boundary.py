"""The one place where gavah errors become messages and exit codes (0 fine, 1 a finding,
2 bad usage or input). Every command and group of every noun is made by `Typer` below,
so every command runs inside the boundary; a command body never catches gavah errors."""

from __future__ import annotations

import re
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from gavah.cli import coercion
from gavah.core.errors import GavahError, IntegrityError


def field_name(params: list[Any], field: str | None) -> str | None:
    """The name a user typed for a pipeline's input field in this command: its longest
    flag (`--aligned-with`) or, for an argument, its metavar."""
    for param in params if field else ():
        if param.name == field:
            if isinstance(param, TyperOption):
                return str(max(param.opts, key=len))
            # Typer's arguments may lack Click's human_readable_name
            return str(getattr(param, "human_readable_name", None) or param.metavar
                       or param.name.upper())
    return None


def report(params: list[Any], exc: GavahError) -> int:
    from gavah.cli.output import err, safe

    code = 1 if isinstance(exc, IntegrityError) else 2
    named = field_name(params, exc.field)
    message = f"{named}: {exc}" if named else str(exc)
    err.print(f"[bold red]{'integrity' if code == 1 else 'error'}:[/] {safe(message)}")
    return code


# A vocabulary's values in an option's help are filled in only when help is shown: loading
# the vocabulary (YAML) at import would slow every command's start.
_VOCABULARY = re.compile(r"<vocabulary:([a-z_]+)>")


def choices(kind: str) -> str:
    """Help text listing a vocabulary's values (`a | b | c`), filled in when help is shown."""
    return f"<vocabulary:{kind}>"


def expand(text: str) -> str:
    from gavah.core.vocabulary import values

    return _VOCABULARY.sub(lambda m: " | ".join(values(m.group(1))), text)


class Command(TyperCommand):
    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        coercion.install(self.get_params(ctx))
        return list(super().parse_args(ctx, args))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            if isinstance(param, TyperOption) and param.help and "<vocabulary:" in param.help:
                param.help = expand(param.help)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GavahError as exc:
            raise typer.Exit(report(self.params, exc)) from None


class Group(TyperGroup):
    """A group's own callback (a queue shown when no subcommand is named) runs inside the
    boundary too; its subcommands' errors are reported by their Command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        coercion.install(self.get_params(ctx))
        return list(super().parse_args(ctx, args))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Commands not built yet are listed from their help texts alone."""
        from gavah.cli.lazy import LazyCommands

        commands = self.commands
        if not isinstance(commands, LazyCommands):
            return super().format_commands(ctx, formatter)
        self.commands = {name: commands.summary(name) for name in commands}
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = commands

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GavahError as exc:
            raise typer.Exit(report(self.params, exc)) from None


class Typer(typer.Typer):
    """typer.Typer whose commands and groups run inside the boundary."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("cls", Group)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, cls: type[TyperCommand] | None = None,
                **kwargs: Any) -> Any:
        return super().command(*args, cls=cls or Command, **kwargs)
