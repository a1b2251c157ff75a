"""Errors that interfaces turn into messages and exit codes (2 = bad usage or input).

A message says what is wrong in words any interface can show; `field` names the input
it is about (a pipeline parameter name such as "aligned_with"), and each interface
names that field in its own terms: the CLI as its flag, the API as the `loc` of the
error, a web form as the field's label. `code` names the kind of error and `params` the
values its message was made from, so that an interface can say it in its reader's
language (gavah.web.form_errors); the message is what everyone else reads."""

from __future__ import annotations

from collections.abc import Mapping


class GavahError(Exception):
    """Base class for errors gavah reports to users."""

    def __init__(self, message: str = "", *, field: str | None = None,
                 code: str | None = None, params: Mapping[str, object] | None = None
                 ) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.params = dict(params or {})


class BadInput(GavahError):
    """The user's input (a file, row, field or argument) is wrong; the message names it."""


class NotFound(GavahError):
    """A named thing (item, claim, entity, ...) does not exist or is not visible."""


class Conflict(GavahError):
    """Someone else changed the thing meanwhile: what was asked for would undo or miss
    their change. Reload and ask again."""


class IntegrityError(GavahError):
    """Stored evidence or the custody chain is not as recorded."""
