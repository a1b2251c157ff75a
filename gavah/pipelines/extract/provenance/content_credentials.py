"""C2PA manifests (Content Credentials) in pictures, video and sound, read and validated
with c2pa-python: who signed the active manifest, what edits it claims, and whether the
manifest and the bytes it binds are intact.

"valid" means the claim signature verifies and every hash the manifest holds matches the
file; "trusted" means, in addition, that the signer's certificate is on a trust list the
C2PA library knows (none is configured here, so a valid signature from an unknown signer
is "valid, signer not on a trust list")."""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from gavah.pipelines.extract.base import Provenance, tool_name

# No network while reading evidence: remote manifests and certificate status stay unfetched.
SETTINGS = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
# Failure codes that say only that the signer is not on a trust list: the signature and
# the bindings can still hold.
TRUST_CODES = {"signingCredential.untrusted"}
MAX_ACTIONS = 50


def _actions(manifest: dict[str, Any]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for assertion in manifest.get("assertions", []):
        if not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        for action in assertion.get("data", {}).get("actions", [])[:MAX_ACTIONS]:
            entry = {"action": str(action.get("action", ""))}
            agent = action.get("softwareAgent")
            if isinstance(agent, dict):
                agent = agent.get("name")
            if agent:
                entry["software"] = str(agent)
            if action.get("when"):
                entry["when"] = str(action["when"])
            if action.get("digitalSourceType"):
                entry["source_type"] = str(action["digitalSourceType"]).rsplit("/", 1)[-1]
            out.append(entry)
    return out


def _generator(manifest: dict[str, Any]) -> str | None:
    info = manifest.get("claim_generator_info")
    if isinstance(info, list) and info and isinstance(info[0], dict):
        first = info[0]
        return " ".join(str(first[k]) for k in ("name", "version") if first.get(k))
    generator = manifest.get("claim_generator")
    return str(generator) if generator else None


def check(stream: BinaryIO, media_type: str) -> Provenance | None:
    """The active manifest's facts and validation; None when the file has no manifest
    after all (the marker bytes occur by chance)."""
    import c2pa

    tool = tool_name("gavah-c2pa/1", "c2pa-python")
    try:
        context = c2pa.Context.from_dict(SETTINGS)
        reader = c2pa.Reader.try_create(media_type, stream, context=context)
    except c2pa.C2paError as exc:
        return Provenance("c2pa", tool, {
            "kind": "c2pa", "status": "unreadable", "signer": None, "signed_at": None,
            "edited_after_signing": None, "trusted": None,
            "problems": [f"the C2PA manifest could not be read: {exc}"]})
    if reader is None:
        return None
    with reader:
        report = json.loads(reader.json())
        state = reader.get_validation_state()
    manifests = report.get("manifests", {})
    manifest = manifests.get(report.get("active_manifest"), {})
    signature = manifest.get("signature_info", {}) or {}
    results = (report.get("validation_results") or {}).get("activeManifest") or {}
    failures = [f for f in results.get("failure", [])
                if isinstance(f, dict)] or [
        f for f in report.get("validation_status", []) if isinstance(f, dict)]
    serious = [f for f in failures if f.get("code") not in TRUST_CODES]
    valid = state in ("Valid", "Trusted") and not serious
    actions = _actions(manifest)
    return Provenance("c2pa", tool, {
        "kind": "c2pa", "status": "valid" if valid else "invalid",
        "validation_state": state,
        "signer": signature.get("common_name") or signature.get("issuer"),
        "signer_organisation": signature.get("issuer"),
        "signed_at": signature.get("time"),
        "trusted": state == "Trusted",
        # The manifest's claimed edits are the history it declares; changes made after
        # signing show as a hash mismatch instead.
        "edited_after_signing": any(str(f.get("code", "")).startswith("assertion.")
                                    and "mismatch" in str(f.get("code", "")) for f in failures),
        "claimed_edits": [a for a in actions if a["action"] not in ("c2pa.created",
                                                                      "c2pa.opened")],
        "actions": actions,
        "claim_generator": _generator(manifest),
        "title": manifest.get("title"),
        "manifests": len(manifests),
        "ingredients": len(manifest.get("ingredients", []) or []),
        "problems": [f"{f.get('code')}: {f.get('explanation', '')}".strip(": ")
                     for f in serious],
    })
