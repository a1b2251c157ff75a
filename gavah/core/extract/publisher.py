"""Who published a text when the ingest does not say: the page's own metadata.

A captured page names its publisher in its metadata (`og:site_name`, `site_name`,
`application-name`, `publisher`) or, failing that, its author; the first of those that is
set is the publisher. Names are taken as written, trimmed of surrounding space and of a
trailing " - Home"-style suffix, so claims carry the name the page gives itself.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# In order of trust: the site's own name first, then a named publisher, then the author.
KEYS = (
    "publisher",
    "og:site_name",
    "site_name",
    "sitename",
    "application-name",
    "author",
)
_SUFFIX = re.compile(r"\s*[|\-–—]\s*(?:home|homepage|خانه|صفحه اصلی)\s*$", re.IGNORECASE)


def publisher_from_metadata(metadata: Mapping[str, object] | None) -> str | None:
    """The publisher's name from page metadata, or None when it names none."""
    if not metadata:
        return None
    lowered = {str(k).casefold(): v for k, v in metadata.items()}
    for key in KEYS:
        value = lowered.get(key)
        if isinstance(value, str):
            name = _SUFFIX.sub("", " ".join(value.split()))
            if name:
                return name
    return None
