"""Words the interface shows for values stored in English (levels, roles, actions...),
marked for translation. N_ marks a string for extraction; it is translated when shown."""

from __future__ import annotations

import re
from collections.abc import Callable

from gavah.core.actions import declared


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
    # capture statuses (gavah capture)
    "captured": N_("captured"), "refused": N_("refused"),
    # extraction states
    "pending": N_("pending"), "done": N_("done"), "failed": N_("failed"),
    "none": N_("nothing to extract"),
    # source types
    "un-body": N_("UN body"), "ngo": N_("NGO"), "government": N_("government"),
    "state-media": N_("state media"), "opposition-group": N_("opposition group"),
    "news-outlet": N_("news outlet"), "court": N_("court"), "witness": N_("witness"),
    "academic": N_("academic"), "other": N_("other"),
    # affiliations
    "independent": N_("independent"), "party": N_("aligned with a party"),
    "state": N_("aligned with the accused state"),
    # entity types
    "Person": N_("person"), "Organization": N_("organisation"), "Place": N_("place"),
    "event": N_("event"),
    # act types
    "execution": N_("execution"), "killing": N_("killing"),
    "enforced-disappearance": N_("enforced disappearance"), "torture": N_("torture"),
    "arbitrary-detention": N_("arbitrary detention"), "unfair-trial": N_("unfair trial"),
    "persecution": N_("persecution"), "sanction-designation": N_("sanction designation"),
    "appointment": N_("appointment"), "mass-grave": N_("mass grave"),
    # perpetrator roles and sides
    "ordered": N_("ordered"), "decided": N_("decided"), "carried-out": N_("carried out"),
    "present": N_("present"), "victim": N_("victim"), "perpetrator": N_("perpetrator"),
    # claims
    "quotation": N_("quotation"), "figure": N_("figure"), "allegation": N_("allegation"),
    "denial": N_("denial"), "suggested": N_("suggested"), "confirmed": N_("confirmed"),
    "rejected": N_("rejected"), "supports": N_("supports"), "disputes": N_("disputes"),
    "machine": N_("machine-extracted"), "analyst-origin": N_("analyst"),
    "confirm": N_("confirmed"), "reject": N_("rejected"), "edit": N_("edited"),
    "add": N_("added"), "speaker": N_("speaker"), "publisher": N_("publisher"),
    "quoting": N_("quoting"),
    # figure qualifiers
    "exact": N_("exactly"), "about": N_("about"), "nearly": N_("nearly"),
    "at least": N_("at least"), "more than": N_("more than"), "up to": N_("up to"),
    "fewer than": N_("fewer than"), "range": N_("range"), "vague": N_("vague"),
    # date precisions
    "precision-day": N_("to the day"), "precision-month": N_("to the month"),
    "precision-season": N_("to the season"), "precision-year": N_("to the year"),
    "precision-decade": N_("to the decade"),
    # timeline and network
    "position": N_("position"), "claim": N_("claim"),
    "participant": N_("took part"), "named-together": N_("named together in claims"),
    "speaks-about": N_("speaks about"),
    # names
    "name": N_("name"), "alias": N_("alias"), "latin": N_("Latin script"),
    "arabic": N_("Persian/Arabic script"),
    # Admiralty reliability grades
    "grade-A": N_("completely reliable"), "grade-B": N_("usually reliable"),
    "grade-C": N_("fairly reliable"), "grade-D": N_("not usually reliable"),
    "grade-E": N_("unreliable"), "grade-F": N_("reliability cannot be judged"),
    # victim registry
    "gregorian": N_("Gregorian"), "jalali": N_("Jalali (Solar Hijri)"),
    "same": N_("same person"), "different": N_("different persons"),
    "verdict-agree": N_("agree"), "verdict-close": N_("close"),
    "verdict-disagree": N_("disagree"), "verdict-missing": N_("missing in one"),
    "loglinear": N_("log-linear models"), "lcmcr": N_("latent-class model (LCMCR)"),
    # parts of an item's extracted text (derivative labels; pages are numbered: part_label)
    "text": N_("text"), "message": N_("message"), "OCR text": N_("OCR text"),
    "metadata": N_("metadata"),
    # provenance a file carries (derivatives of kind provenance, labelled by what they check)
    "provenance": N_("provenance"), "c2pa": N_("C2PA manifest"),
    "pdf-signature": N_("PDF signature"), "wacz": N_("WACZ package"),
    "valid": N_("valid"), "invalid": N_("invalid"), "unreadable": N_("unreadable"),
    # what a web capture makes (derivative kinds and labels)
    "screenshot": N_("screenshot"), "pdf": N_("PDF"), "full page": N_("full page"),
    "printed page": N_("printed page"), "capture": N_("capture"),
    # redacted copies (derivatives of kind redacted, labelled by what they hide)
    "redacted text": N_("redacted text"), "redacted image": N_("redacted image"),
    "pseudonyms": N_("pseudonyms"),
}
# Metadata the extractors record (gavah.pipelines.extract), by key; other keys as they are
METADATA: dict[str, str] = {
    "title": N_("title"), "author": N_("author"), "date": N_("date"),
    "created": N_("created"), "modified": N_("modified"),
    "last_modified_by": N_("last modified by"), "subject": N_("subject"),
    "encoding": N_("encoding"), "canonical_url": N_("canonical URL"),
    "sitename": N_("site name"), "description": N_("description"), "pages": N_("pages"),
    "pages_without_text_layer": N_("pages without a text layer"),
    "from": N_("from"), "to": N_("to"), "cc": N_("cc"), "message_id": N_("message ID"),
    "in_reply_to": N_("in reply to"), "date_utc": N_("date (UTC)"),
    "attachments": N_("attachments"), "members": N_("files inside"),
    "camera_make": N_("camera make"), "camera_model": N_("camera model"),
    "taken": N_("taken"), "digitized": N_("digitized"), "software": N_("software"),
    "artist": N_("artist"), "offset": N_("time zone offset"), "gps": N_("GPS position"),
    "width": N_("width"), "height": N_("height"), "format": N_("format"),
    "mode": N_("colour mode"), "ocr": N_("OCR"),
    # a web capture's facts (gavah.pipelines.capture)
    "requested_url": N_("address asked for"), "final_url": N_("final address"),
    "http_status": N_("HTTP status"), "status": N_("status"), "reason": N_("reason"),
    "captured_at": N_("captured at"), "browser": N_("browser"),
    "user_agent": N_("user agent"),
}
# Custody actions, by every spelling they have had: their labels are declared with them
# (gavah/core/schema/custody_actions.yaml; the catalog extracts them from there).
ACTIONS: dict[str, str] = {name: a.label for name, a in declared().items()}
_PAGE = re.compile(r"page (\d+)( \(OCR\))?")


def label(value: str | None, kind: str = "") -> str:
    """The English label of a stored value (translated by the caller); unknown values
    are shown as they are."""
    if value is None:
        return ""
    if kind == "method" and value == "upload":
        return LABELS["upload-method"]
    if kind == "precision":
        return LABELS.get(f"precision-{value}", value)
    if kind == "verdict":
        return LABELS.get(f"verdict-{value}", value)
    if kind == "metadata":
        return METADATA.get(value, value)
    if kind == "origin" and value == "analyst":
        return LABELS["analyst-origin"]
    return LABELS.get(value) or ACTIONS.get(value, value)


def part_label(value: str, gettext: Callable[[str], str], number: Callable[[int], str]) -> str:
    """A part of an item's extracted text, as stored ("page 3 (OCR)"), in the interface's
    language."""
    page = _PAGE.fullmatch(value)
    if page is None:
        return gettext(LABELS.get(value, value))
    message = N_("page %(num)s (OCR)") if page.group(2) else N_("page %(num)s")
    return gettext(message) % {"num": number(int(page.group(1)))}
