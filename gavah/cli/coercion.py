"""Cheap coercion of command-line values, so a command does not import Pydantic to read
`--home DIR` or `show 1`.

Typer (0.29) turns every value it parses into its annotated type through a Pydantic
TypeAdapter: importing Pydantic and building the adapters costs about 0.1 s of CPU, as
much as the rest of the CLI's start-up. gavah's options are plain str, int, float, bool
and Path values (and lists of them); for those, a value in the common spelling is
converted here exactly as Typer would convert it. Anything else (a value this module does
not recognise, a bound that is not met, a Typer without these internals) goes to Typer's
own coercion, so its messages and rules stay the ones users see."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, get_args, get_origin

_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")
_NO_PATH_OPTIONS = ("allow_dash", "path_type", "resolve_path", "exists")


class _Fallback(Exception):
    """The value is not one this module converts: Typer's coercion decides."""


def _number(kind: type, value: Any, info: Any) -> Any:
    if isinstance(value, kind) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and (_INT if kind is int else _FLOAT).fullmatch(value):
        number = kind(value)
    else:
        raise _Fallback
    if getattr(info, "clamp", False):
        raise _Fallback
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if (low is not None and number < low) or (high is not None and number > high):
        raise _Fallback  # Typer words the range error
    return number


def _one(annotation: Any, value: Any, info: Any, param: Any, ctx: Any) -> Any:
    if annotation is str and isinstance(value, str):
        return value
    if annotation is bool and isinstance(value, bool):
        return value
    if annotation in (int, float):
        return _number(annotation, value, info)
    if annotation is Path and isinstance(value, str | Path):
        if any(getattr(info, name, None) for name in _NO_PATH_OPTIONS):
            raise _Fallback
        from typer._param_types import coerce_cli_path

        # A Path instance, so Typer's check of the path does not build an adapter.
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    raise _Fallback


def _plain(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        args = get_args(annotation)
        return len(args) == 1 and args[0] in (str, int, float, Path)
    return annotation in (str, int, float, bool, Path)


@cache
def _runtime_class() -> Any:
    """A Typer RuntimeParam that converts plain values here, else as Typer does."""
    try:
        from typer._coercion import RuntimeParam, build_runtime_param
    except ImportError:  # another Typer: its own coercion runs
        return None

    class Plain(RuntimeParam):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            annotation, info = self.annotation, self.parameter_info
            try:
                if get_origin(annotation) is list:
                    if not isinstance(value, list | tuple):
                        raise _Fallback
                    element = get_args(annotation)[0]
                    return [_one(element, item, info, param, ctx) for item in value]
                return _one(annotation, value, info, param, ctx)
            except _Fallback:
                descriptor = param.type_descriptor
                return build_runtime_param(descriptor)._coerce_value(value, param, ctx)

    return Plain


def install(params: list[Any]) -> None:
    """Give each of a command's plain parameters the cheap coercion (once per parameter)."""
    plain = _runtime_class()
    for param in params if plain is not None else ():
        descriptor = getattr(param, "type_descriptor", None)
        if (descriptor is None or getattr(param, "_runtime_param", True) is not None
                or descriptor.file_annotation is not None
                or getattr(descriptor.parameter_info, "parser", None) is not None
                or not _plain(descriptor.annotation)):
            continue
        param._runtime_param = plain(parameter_info=descriptor.parameter_info,
                                     annotation=descriptor.annotation)
