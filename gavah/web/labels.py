"""Words the interface shows for values stored in English (levels, roles, actions...),
marked for translation. N_ marks a string for extraction; it is translated when shown."""

from __future__ import annotations


def N_(message: str) -> str:
    return message


LABELS: dict[str, str] = {
    # classification levels
    "public": N_("public"), "restricted": N_("restricted"),
    "confidential": N_("confidential"), "strictly-confidential": N_("strictly confidential"),
    # roles and permissions
    "viewer": N_("viewer"), "investigator": N_("investigator"), "analyst": N_("analyst"),
    "admin": N_("admin"), "read": N_("read and download"), "upload": N_("upload evidence"),
    "analyse": N_("analyse claims and entities"), "manage-users": N_("manage accounts"),
    # acquisition methods
    "upload-method": N_("upload"), "web-capture": N_("web capture"), "import": N_("import"),
    "scan": N_("scan"), "testimony": N_("testimony"),
    # facets
    "source": N_("Source"), "media_type": N_("Media type"), "language": N_("Language"),
    "year": N_("Year acquired"), "classification": N_("Classification"), "tag": N_("Tags"),
    # custody actions
    "acquired": N_("acquired"), "derived": N_("derived"), "viewed": N_("viewed"),
    "downloaded": N_("downloaded"), "extraction-failed": N_("extraction failed"),
    "user-added": N_("user added"), "user-disabled": N_("user disabled"),
    "user-enabled": N_("user enabled"), "user-role-set": N_("role changed"),
    "user-clearance-set": N_("clearance changed"),
    "user-password-reset": N_("password reset"), "token-issued": N_("API token issued"),
    "tokens-revoked": N_("API tokens revoked"),
    # extraction states
    "pending": N_("pending"), "done": N_("done"), "failed": N_("failed"),
    "none": N_("nothing to extract"),
}


def label(value: str | None, kind: str = "") -> str:
    """The English label of a stored value (translated by the caller); unknown values
    are shown as they are."""
    if value is None:
        return ""
    if kind == "method" and value == "upload":
        return LABELS["upload-method"]
    return LABELS.get(value, value)
