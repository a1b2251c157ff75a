"""Write a disclosure package: a BagIt bag (RFC 8493) of a case for a court, the defence
or the public, signed with the workspace key, with the offline verifier at its top.

The bag is built in a hidden folder beside the target and moved into place only when
complete, so a failed export leaves nothing half-written. Files are streamed (blob to
bag, custody log to chain.jsonl) so memory does not grow with the size of the evidence.
The export is recorded in the custody log with the recipient, the level, every item
sent and the hash of the signed tag manifest."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gavah.core.custody import READ_ITEMS, canonical
from gavah.core.errors import BadInput
from gavah.pipelines.access import Viewer
from gavah.pipelines.export import casejson, pseudonyms, report
from gavah.pipelines.export.contents import FORMAT, Contents, decide
from gavah.pipelines.export.pseudonyms import Pseudonyms
from gavah.store import custody as custody_store
from gavah.store import items as item_store
from gavah.store.workspace import Workspace

VERIFIER = Path(__file__).with_name("verifier.py")
CHUNK = 1 << 20
TEXT_LIMIT = 64 << 20  # bytes of an original read whole to redact it


@dataclass
class Exported:
    path: Path
    recipient: str
    level: str
    items: list[int]
    withheld: list[dict[str, Any]]
    tagmanifest_sha256: str
    key_id: str
    timestamped: bool
    custody_seq: int
    redacted: list[list[Any]]  # [item id, package path, SHA-256 of the redacted copy]

    def to_dict(self) -> dict[str, Any]:
        return {"path": str(self.path), "recipient": self.recipient, "level": self.level,
                "items": self.items, "withheld": self.withheld,
                "tagmanifest_sha256": self.tagmanifest_sha256, "key_id": self.key_id,
                "timestamped": self.timestamped, "custody_seq": self.custody_seq,
                "redacted": self.redacted}


def _copy(ws: Workspace, sha256: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with ws.blobs.open(sha256) as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, CHUNK)


def _safe_name(name: str) -> str:
    # Keep the original name readable but never a path, nor a character BagIt escapes.
    cleaned = "".join(c if c.isprintable() and c not in '/\\%:*?"<>|' else "_"
                      for c in Path(name).name).strip(". ")
    return cleaned[:120] or "original"


def _redacted(ws: Workspace, sha256: str, names: Pseudonyms) -> tuple[bytes, int] | None:
    """The text with protected names replaced, or None when it names none of them."""
    if not names:
        return None
    with ws.blobs.open(sha256) as source:
        raw = source.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    changed, hidden = names.text(text)
    return (changed.encode(), hidden) if hidden else None


def write_items(ws: Workspace, contents: Contents, data: Path, names: Pseudonyms,
                exporter: str) -> list[dict[str, Any]]:
    """Each item's original, extracted text and metadata; returns the case file's list.

    An original or text that names a protected person is replaced by a redacted copy
    (a new file, the original untouched in the workspace) that says what was hidden and
    by whom; when any text of an item is redacted its original stays out too, since it
    would name them."""
    listed = []
    with ws.db.read() as session:
        for item_id in contents.items:
            item = item_store.resolve(session, str(item_id))
            blob = item_store.blob_row(session, item.sha256)
            folder = data / "items" / str(item_id)
            texts, hidden = [], 0
            for n, text in enumerate(item_store.text_derivatives(session, item.sha256), 1):
                target = folder / f"text-{n}.txt"
                target.parent.mkdir(parents=True, exist_ok=True)
                redacted = _redacted(ws, text.sha256, names)
                if redacted is None:
                    _copy(ws, text.sha256, target)
                else:
                    target.write_bytes(redacted[0])
                    hidden += redacted[1]
                texts.append({"file": target.relative_to(data.parent).as_posix(),
                              "sha256": text.sha256, "label": text.label,
                              "tool": text.tool, "language": text.language,
                              "file_sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
                              "redacted": redacted is not None})
            # An original is read whole only when it is text of a bounded size; any other
            # original that names someone is caught through its extracted texts.
            own = (_redacted(ws, item.sha256, names) if names and blob.size <= TEXT_LIMIT
                   and str(blob.media_type).startswith("text/") else None)
            if own is not None or hidden:
                original = folder / "redacted" / (_safe_name(item.original_name) + ".txt")
                original.parent.mkdir(parents=True, exist_ok=True)
                if own is not None:
                    original.write_bytes(own[0])
                    hidden += own[1]
                else:
                    original.write_bytes((folder / "text-1.txt").read_bytes())
            else:
                original = folder / "original" / _safe_name(item.original_name)
                _copy(ws, item.sha256, original)
            described = item_store.item_dict(item, blob,
                                             item_store.tags_of(session, [item_id])[item_id])
            described["metadata"] = item_store.metadata_of(blob)
            (folder / "metadata.json").write_text(
                json.dumps(names.apply(described), ensure_ascii=False, indent=1), "utf-8")
            redaction = {"redacted": bool(hidden)} | ({"redaction": {
                "hidden": f"{hidden} mention(s) of protected persons, replaced by their "
                          "pseudonyms; the original stays in the workspace, unchanged",
                "by": exporter}} if hidden else {})
            listed.append({
                "id": item_id, "sha256": item.sha256,
                "file_sha256": item.sha256 if not hidden else hashlib.sha256(
                    original.read_bytes()).hexdigest(),
                "file": original.relative_to(data.parent).as_posix(), **redaction,
                "original_name": item.original_name, "media_type": blob.media_type,
                "size": blob.size, "classification": item.classification,
                "acquired_at": item.acquired_at, "acquired_by": item.acquired_by,
                "source": item.source, "texts": texts,
                "metadata": (folder / "metadata.json").relative_to(data.parent).as_posix()})
    return listed


def write_chain(ws: Workspace, items: set[int], target: Path, names: Pseudonyms
                ) -> tuple[int, str, list[int]]:
    """The whole chain: entries about the items sent in full, every other entry as
    seq, hash, previous hash and signature only. A signed entry cannot be pseudonymised:
    one that names a protected person goes as a hash only too, and is listed.
    Returns the last seq and hash, and those entries' seqs."""
    last, hidden = (0, "0" * 64), []
    with ws.db.read() as session, target.open("w", encoding="utf-8") as out:
        for entry in custody_store.iter_entries(session):
            # A key rotation goes in full: the verifier follows it to the packaged key.
            full = (entry.item is not None and entry.item in items) or \
                entry.action == "key-rotated"
            if full and names and names.text(canonical(entry.body()).decode())[1]:
                full = False
                hidden.append(entry.seq)
            if full:
                line = entry.to_dict()
            else:
                line = {"seq": entry.seq, "hash": entry.entry_hash, "prev": entry.prev_hash,
                        "signature": entry.signature}
            out.write(canonical(line).decode() + "\n")
            last = (entry.seq, entry.entry_hash)
    return last[0], last[1], hidden


def _stamp(ws: Workspace, manifest: Path) -> tuple[bytes, bytes] | None:
    """(response, trust anchor PEM) from the first configured TSA that answers."""
    from gavah.core import timestamps as tsp
    from gavah.pipelines import timestamps

    digest = hashlib.sha256(manifest.read_bytes()).hexdigest()
    for anchor in timestamps.list_tsas(ws):
        if not anchor.scheduled:
            continue
        try:
            response = timestamps._ask(anchor.url, tsp.request(digest, 1), timestamps.TIMEOUT)
        except (OSError, ValueError):
            continue
        if not tsp.check(response, digest, anchor.ca_pem):
            return response, anchor.ca_pem
    return None


def _files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path


def build_bag(ws: Workspace, contents: Contents, bag: Path, exporter: str, lang: str = "en"
              ) -> Exported:
    import bagit

    data = bag / "data"
    (data / "custody").mkdir(parents=True)
    names = pseudonyms.load(ws)
    (data / "items").mkdir()
    listed = write_items(ws, contents, data, names, exporter)
    last_seq, last_hash, hidden = write_chain(ws, set(contents.items),
                                              data / "custody" / "chain.jsonl", names)
    (data / "custody" / "public_key.pem").write_bytes(ws.public_key_pem())
    casejson.write(ws, contents, listed, data, (last_seq, last_hash, hidden), names)
    stamping = any(a.scheduled for a in _tsas(ws))
    info = {
        "Source-Organization": "gavah workspace " + ws.workspace_id,
        "External-Description": f"Disclosure package of case {contents.case.case['id']}: "
                                f"{contents.case.case['title']}",
        "Gavah-Format": FORMAT, "Gavah-Recipient": contents.recipient,
        "Gavah-Level": contents.level, "Gavah-Exported-By": exporter,
        "Gavah-Time-Stamp": ("RFC 3161 token in tagmanifest-sha256.txt.tsr" if stamping
                             else "none: no time-stamping authority is configured"),
    }
    # make_bag moves the folder's contents into data/; ours are already there.
    for child in list(data.iterdir()):
        child.rename(bag / child.name)
    data.rmdir()
    made = bagit.make_bag(str(bag), info, checksums=["sha256"])
    shutil.copyfile(VERIFIER, bag / "verify.py")
    report.write(bag / "data" / "case.json",
                 hashlib.sha256((bag / "manifest-sha256.txt").read_bytes()).hexdigest(),
                 ws.custody.signer.key_id, lang, bag / "report.pdf")
    made.save(manifests=False)  # the tag manifest now covers verify.py and the report
    manifest = bag / "tagmanifest-sha256.txt"
    stamped = _stamp(ws, manifest) if stamping else None
    if stamped is not None:
        (bag / "tagmanifest-sha256.txt.tsr").write_bytes(stamped[0])
        (bag / "tsa-ca.pem").write_bytes(stamped[1])
    signature = ws.custody.signer.sign(manifest.read_bytes())
    (bag / "tagmanifest-sha256.txt.sig").write_text(
        base64.b64encode(signature).decode() + "\n", "ascii")
    redacted = [[item["id"], one["file"], one["file_sha256"]] for item in listed
                for one in [item, *item["texts"]] if one.get("redacted")]
    return Exported(bag, contents.recipient, contents.level, contents.items,
                    contents.withheld, hashlib.sha256(manifest.read_bytes()).hexdigest(),
                    ws.custody.signer.key_id, stamped is not None, 0, redacted)


def _tsas(ws: Workspace) -> list[Any]:
    from gavah.pipelines import timestamps

    return timestamps.list_tsas(ws)


def _zip(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for path in _files(folder):
            archive.write(path, path.relative_to(folder).as_posix())


def export(ws: Workspace, exporter: Viewer, case_id: int | str, to: Path,
           recipient: str, lang: str = "en") -> Exported:
    """Export the case to `to` (a folder that does not exist or is empty, or FILE.zip)."""
    to = Path(to)
    as_zip = to.suffix.lower() == ".zip"
    if to.exists() and (as_zip or not to.is_dir() or any(to.iterdir())):
        raise BadInput(f"{to} already exists; export to a new folder or file", field="to")
    try:
        contents = decide(ws, exporter, case_id, recipient)
    except ValueError as exc:
        raise BadInput(str(exc), field="recipient") from None
    if lang not in report.LANGUAGES:
        raise BadInput(f"no report language {lang!r}; expected one of "
                       f"{', '.join(report.LANGUAGES)}", field="lang")
    to.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".gavah-export-", dir=to.parent) as scratch:
        bag = Path(scratch) / "bag"
        bag.mkdir()
        done = build_bag(ws, contents, bag, exporter.actor, lang)
        if as_zip:
            _zip(bag, Path(scratch) / "package.zip")
        with ws.db.write() as session:
            entry = ws.custody.append(session, exporter.actor, "exported", None, {
                "case": contents.case.case["id"], "recipient": recipient,
                "level": contents.level,
                READ_ITEMS: [[i, contents.levels[i]] for i in contents.items],
                "withheld": contents.withheld, "timestamped": done.timestamped,
                "redacted": done.redacted,
                "tagmanifest_sha256": done.tagmanifest_sha256}, reaches=[])
        if as_zip:
            (Path(scratch) / "package.zip").replace(to)
        else:
            if to.exists():
                to.rmdir()
            bag.replace(to)
    done.path, done.custody_seq = to, entry.seq
    return done
