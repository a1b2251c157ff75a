"""Errors of pipelines said in the page reader's language: an error whose `code` is listed
here is shown as this message, translated by the page's catalogue and filled with the
error's params (numbers in the reader's digits); any other as the pipeline wrote it.

The pipelines' own messages name CLI flags (`--span`); these name the form's fields as
the page labels them."""

from __future__ import annotations

from gavah.core.errors import GavahError
from gavah.web.deps import PageContext
from gavah.web.formatting import number
from gavah.web.labels import N_

MESSAGES: dict[str, str] = {
    # the redaction form (item page)
    "span-syntax": N_("Spans to hide: “%(value)s” is not START:END with START smaller "
                      "than END (character offsets from 0)."),
    "span-outside": N_("Spans to hide: %(span)s is outside the text, which has "
                       "%(length)s characters."),
    "region-syntax": N_("Rectangles to black out: “%(value)s” is not X,Y,WIDTH,HEIGHT in "
                        "pixels (X and Y at least 0, WIDTH and HEIGHT more than 0)."),
    "region-outside": N_("Rectangles to black out: %(region)s is outside the picture, "
                         "which is %(width)s × %(height)s pixels as shown."),
    "image-frames": N_("This picture has several frames (an animation or several pages): "
                       "only single pictures can be redacted."),
    "image-undecodable": N_("This picture cannot be read, so it cannot be redacted."),
    "not-an-image": N_("Item %(item)s is not a picture (%(media_type)s): rectangles can be "
                       "blacked out in pictures only."),
    "no-text": N_("Item %(item)s has no extracted text to hide spans of."),
    "reason-required": N_("Say why: the reason is required."),
    "span-or-region": N_("Give spans of the text or rectangles of the picture to hide, "
                         "not both."),
    "redacted-meanwhile": N_("Someone redacted this item meanwhile. Reload the page to see "
                             "their copy, then redact again."),
}


def shown(page: PageContext, exc: GavahError) -> str:
    """The error as the page's reader should read it."""
    message = MESSAGES.get(exc.code or "")
    if message is None:
        return str(exc)
    params = {key: number(value, page.lang) if isinstance(value, int) else value
              for key, value in exc.params.items()}
    return page.gettext(message) % params
