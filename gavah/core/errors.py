"""Errors that interfaces turn into messages and exit codes (2 = bad usage or input)."""


class GavahError(Exception):
    """Base class for errors gavah reports to users."""


class BadInput(GavahError):
    """The user's input (a file, row, field or argument) is wrong; the message names it."""


class NotFound(GavahError):
    """A named thing (item, claim, entity, ...) does not exist or is not visible."""


class IntegrityError(GavahError):
    """Stored evidence or the custody chain is not as recorded."""
