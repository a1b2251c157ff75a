"""Digital signatures in PDFs, validated with pyhanko: who signed, when they say they
signed, whether the signed bytes are intact, and whether the document was changed after
signing (a later revision appended) and how.

A signature is "valid" when it is intact, its cryptography holds, and nothing but what
signing permits (document time-stamps, validation data) was added after it. Whether the
signer's certificate chains to a trusted root is reported apart ("trusted"); no trust list
for document signers is configured yet, and no certificate or revocation data is fetched
from the network."""

from __future__ import annotations

import io
import logging
from datetime import UTC
from typing import Any, BinaryIO

from gavah.pipelines.extract.base import Provenance, tool_name

MAX_SIGNATURES = 20
# What pyhanko's difference analysis may find after a signature, from harmless to not.
HARMLESS = {"NONE", "LTA_UPDATES"}


def _iso(moment: Any) -> str | None:
    """ISO 8601 in UTC, as gavah stores every time."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return str(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _one(signature: Any) -> dict[str, Any]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    name = signature.field_name
    try:
        # No trust list is configured for document signers (and none is fetched): a
        # signature is judged on itself; "trusted" stays false until one is.
        status = validate_pdf_signature(signature, ValidationContext(
            trust_roots=[], allow_fetching=False))
    except Exception as exc:  # a damaged signature must not stop the others
        return {"field": name, "status": "unreadable", "intact": False, "valid": False,
                "problems": [f"{type(exc).__name__}: {exc}"]}
    coverage = status.coverage.name if status.coverage is not None else None
    changes = status.modification_level.name if status.modification_level is not None \
        else None
    edited = coverage != "ENTIRE_FILE"
    # docmdp_ok: what was added after signing is what the signature's policy permits
    # (another signature, form filling, validation data), not a change to the content.
    permitted = status.docmdp_ok is not False and (changes in HARMLESS or not edited
                                                   or status.docmdp_ok is True)
    ok = bool(status.intact and status.valid and permitted)
    cert = status.signing_cert
    names = cert.subject.native if cert is not None else {}
    problems = []
    if not status.intact:
        problems.append("the signed bytes were changed")
    elif not status.valid:
        problems.append("the signature does not verify")
    if not permitted:
        problems.append(f"changed after signing ({(changes or 'unknown').lower()})")
    return {
        "field": name, "status": "valid" if ok else "invalid",
        "signer": (names.get("common_name") or cert.subject.human_friendly)
        if cert is not None else None,
        "signer_issuer": cert.issuer.human_friendly if cert is not None else None,
        "signed_at": _iso(status.signer_reported_dt),
        "intact": bool(status.intact), "valid": bool(status.valid),
        "trusted": bool(status.trusted),
        "edited_after_signing": edited, "changes_permitted": permitted,
        "changes_after_signing": (changes or "unknown").lower().replace("_", "-"),
        "coverage": (coverage or "unknown").lower().replace("_", "-"),
        "summary": status.summary(),
        "problems": problems,
    }


def check(stream: BinaryIO) -> Provenance | None:
    """Every signature of the PDF; None when it has none after all."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    tool = tool_name("gavah-pdf-signature/1", "pyhanko", "pyhanko-certvalidator")
    # pyhanko logs every untrusted certificate with a traceback: the result says it.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)
    try:
        reader = PdfFileReader(io.BytesIO(stream.read()), strict=False)
        signatures = list(reader.embedded_signatures)[:MAX_SIGNATURES]
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        return Provenance("pdf-signature", tool, {
            "kind": "pdf-signature", "status": "unreadable", "signer": None,
            "signed_at": None, "edited_after_signing": None, "trusted": None,
            "signatures": [], "problems": [f"the PDF's signatures could not be read: {exc}"]})
    if not signatures:
        return None
    checked = [_one(s) for s in signatures]
    first = checked[0]
    return Provenance("pdf-signature", tool, {
        "kind": "pdf-signature",
        "status": "valid" if all(c["status"] == "valid" for c in checked) else "invalid",
        "signer": first.get("signer"), "signed_at": first.get("signed_at"),
        # Changed after signing in a way some signature does not permit.
        "edited_after_signing": any(c.get("changes_permitted") is False for c in checked),
        "trusted": all(c.get("trusted") for c in checked),
        "signatures": checked,
        "problems": [f"{c['field']}: {p}" for c in checked for p in c["problems"]],
    })
