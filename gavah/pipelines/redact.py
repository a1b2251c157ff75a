"""Redacted copies: a text with spans hidden, or an image with regions blacked out and
its metadata stripped, stored as a new derivative of the item. The original is never
changed: the copy is new bytes in the vault, recorded by a `redacted` custody entry that
says what was hidden (where, how much, why; never the hidden text) and by whom."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from gavah.core import redaction
from gavah.core.errors import BadInput, Conflict
from gavah.pipelines.access import Viewer, record_reads
from gavah.pipelines.sealing import seals
from gavah.store import items as item_store
from gavah.store import redactions
from gavah.store.redaction_rows import Copy
from gavah.store.workspace import Workspace

TEXT_TYPE = "text/plain; charset=utf-8"
TEXT_TOOL = "gavah-redact/1 spans"
MAX_PIXELS = 100_000_000  # decoded pixels before Pillow refuses an image (bombs)


def _image_tool() -> str:
    import PIL

    return f"gavah-redact/1 regions Pillow/{PIL.__version__}"


def _webp_lossless(raw: bytes) -> bool:
    """Whether a WebP file's picture is lossless (a VP8L chunk) rather than lossy (VP8)."""
    at = 12  # after "RIFF", the size and "WEBP": the chunks, each fourcc, size, data
    while at + 8 <= len(raw):
        fourcc = raw[at:at + 4]
        if fourcc in (b"VP8L", b"VP8 "):
            return fourcc == b"VP8L"
        at += 8 + int.from_bytes(raw[at + 4:at + 8], "little") + \
            (int.from_bytes(raw[at + 4:at + 8], "little") & 1)
    return False


def _encode(clean: Any, source_format: str | None, raw: bytes, sampling: int
            ) -> tuple[bytes, str]:
    """The blacked-out picture in its original's format where it is kept (KEPT_FORMATS),
    else PNG; (bytes, media type). Nothing but pixels is passed to the encoder: no EXIF,
    ICC profile, XMP, comment or text chunk."""
    kept = redaction.KEPT_FORMATS.get(source_format or "")
    media_type = kept[0] if kept else "image/png"
    out = io.BytesIO()
    if media_type == "image/jpeg":
        # High quality; the original's chroma subsampling (4:4:4 when unknown).
        clean.convert("RGB").save(out, "JPEG", quality=95, optimize=True,
                                  subsampling=sampling if sampling in (0, 1, 2) else 0)
    elif media_type == "image/webp":
        if _webp_lossless(raw):
            clean.save(out, "WEBP", lossless=True, exact=True)
        else:
            clean.save(out, "WEBP", quality=95, method=4)
    elif media_type == "image/tiff":
        clean.save(out, "TIFF", compression="tiff_adobe_deflate")
    elif media_type == "image/bmp":
        clean.save(out, "BMP")
    else:
        clean.save(out, "PNG", optimize=False)
    return out.getvalue(), media_type


def _in_srgb(shown: Any, profile: bytes | None) -> Any:
    """The picture converted from its ICC profile to sRGB (RGB), so that the copy, which
    carries no profile, looks as the original does; None without a profile, or when the
    profile cannot be read or does not fit the picture."""
    if not profile or shown.mode not in ("RGB", "CMYK", "L"):
        return None
    from PIL import ImageCms

    try:
        return ImageCms.profileToProfile(
            shown, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            ImageCms.createProfile("sRGB"), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None


def black_out(raw: bytes, regions: Sequence[tuple[int, int, int, int]]
              ) -> tuple[bytes, str]:
    """The picture as it is shown (EXIF orientation applied), with each region (x, y,
    width, height, in those shown pixels) filled black, re-encoded from its pixels alone
    in the original's format where gavah keeps it (JPEG, PNG, WebP, TIFF, BMP), else as
    PNG: no EXIF, GPS, XMP, ICC profile or text chunk of the original is carried (the
    pixels are converted to sRGB from the profile first, so that colours look the same).
    Returns (bytes, media type)."""
    from PIL import Image, ImageDraw, ImageOps, JpegImagePlugin

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(raw)) as image:
            if getattr(image, "n_frames", 1) > 1:
                raise BadInput("the image has several frames (an animation or a "
                               "multi-page file): only single pictures can be redacted",
                               field="region", code="image-frames")
            source_format = image.format
            sampling = JpegImagePlugin.get_sampling(image) \
                if source_format in ("JPEG", "MPO") else -1
            profile = image.info.get("icc_profile")
            shown = ImageOps.exif_transpose(image)
            mode = "RGBA" if "A" in shown.getbands() or "transparency" in shown.info \
                else "RGB"
            pixels = _in_srgb(shown, profile) if mode == "RGB" else None
            pixels = pixels or shown.convert(mode)
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise BadInput(f"the image cannot be decoded ({exc})", field="region",
                       code="image-undecodable") from None
    width, height = pixels.size
    for x, y, w, h in regions:
        if x + w > width or y + h > height:
            raise BadInput(f"region {x},{y},{w},{h} is outside the image "
                           f"({width}x{height} pixels as shown)", field="region",
                           code="region-outside", params={
                               "region": f"{x},{y},{w},{h}", "width": width,
                               "height": height})
    # A new image from the pixels only: nothing of the original's info dict survives.
    clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
    draw = ImageDraw.Draw(clean)
    fill = (0, 0, 0, 255) if mode == "RGBA" else (0, 0, 0)
    for x, y, w, h in regions:
        draw.rectangle((x, y, x + w - 1, y + h - 1), fill=fill)
    return _encode(clean, source_format, raw, sampling)


def store_bytes(ws: Workspace, data: bytes, classification: str) -> tuple[str, int]:
    """Put a copy in the vault, sealed when its item's level seals originals."""
    if seals(classification):
        staged = ws.blobs.stage(io.BytesIO(data), seal=True)
        stored = ws.blobs.commit([staged])[0]
    else:
        stored = ws.blobs.put_bytes(data)
    return stored.sha256, stored.size


def _text_source(ws: Workspace, item: Any, label: str | None) -> tuple[str, str | None]:
    """(sha256, label) of the text spans point into: the item's first extracted text
    (or the one labelled `label`), or a text original that has none."""
    with ws.db.read() as session:
        texts = item_store.text_derivatives(session, item.sha256)
        blob = item_store.blob_row(session, item.sha256)
    if label is not None:
        texts = [d for d in texts if d.label == label]
    if texts:
        return texts[0].sha256, texts[0].label
    if label is None and str(blob.media_type).startswith("text/"):
        return item.sha256, None
    raise BadInput(f"item {item.id} has no extracted text"
                   + (f" labelled {label!r}" if label else ""), field="span",
                   code="no-text", params={"item": item.id})


def _latest(copies: Sequence[Copy], source: str, key: str) -> Copy | None:
    """The latest of an item's copies of `source` made by a redaction that hid `key`
    (spans or regions); copies with pseudonyms an export made are not redactions.
    `seen` below: this, as read before the copy was made (whether it builds on it or,
    afresh, replaces it)."""
    found = [c for c in copies if c.source_sha256 == source and c.details.get(key)
             and c.details.get("via") != "export"]
    return found[-1] if found else None


def _seq(copy: Copy | None) -> int | None:
    return None if copy is None else copy.custody_seq


def _earlier(ws: Workspace, item_id: int, source: str, key: str) -> Copy | None:
    with ws.db.read() as session:
        return _latest(redactions.of_items(session, [item_id])[item_id], source, key)


# A redaction that found another made meanwhile is made again on top of it; a redaction
# made afresh is refused instead (it would drop what the other hid without anyone having
# seen it). Attempts before giving up when analysts keep redacting the same item.
ATTEMPTS = 5
MEANWHILE = ("someone redacted this item meanwhile; reload it to see their copy, "
             "then redact again")


def _made_text(ws: Workspace, item: Any, label: str | None,
               spans: Sequence[tuple[int, int]], as_shown: bool, afresh: bool
               ) -> tuple[str, Copy | None, bytes, dict[str, Any]]:
    source, text_label = _text_source(ws, item, label)
    with ws.blobs.open(source) as stream:
        text = stream.read().decode("utf-8", errors="replace")
    if as_shown:
        spans = [(redaction.stored_offset(text, start), redaction.stored_offset(text, end))
                 for start, end in spans]
    seen = _earlier(ws, item.id, source, "spans")
    details: dict[str, Any] = {}
    if seen is not None and not afresh:
        spans = [*spans, *((int(a), int(b)) for a, b in seen.details["spans"])]
        details["builds_on"] = seen.custody_seq
    data = redaction.mask(text, spans).encode()
    hidden = redaction.merged(spans)
    details |= {"spans": [list(s) for s in hidden], "count": len(hidden),
                "hidden": f"{len(hidden)} span(s) of the text, "
                          f"{sum(e - s for s, e in hidden)} character(s)"}
    if text_label is not None:
        details["text"] = text_label
    return source, seen, data, details


def _made_image(ws: Workspace, item: Any, regions: Sequence[tuple[int, int, int, int]],
                afresh: bool) -> tuple[str, Copy | None, bytes, str, dict[str, Any]]:
    source = item.sha256
    seen = _earlier(ws, item.id, source, "regions")
    details: dict[str, Any] = {}
    if seen is not None and not afresh:
        regions = list(dict.fromkeys([
            *((int(x), int(y), int(w), int(h)) for x, y, w, h in seen.details["regions"]),
            *regions]))
        details["builds_on"] = seen.custody_seq
    with ws.blobs.open(item.sha256) as stream:
        data, media_type = black_out(stream.read(), regions)
    details |= {"regions": [list(r) for r in regions], "count": len(regions),
                "hidden": f"{len(regions)} region(s) of the image blacked out; its "
                          "metadata (EXIF, GPS, XMP) removed"}
    return source, seen, data, media_type, details


def redact(ws: Workspace, viewer: Viewer, ref: str, spans: Sequence[tuple[int, int]],
           regions: Sequence[tuple[int, int, int, int]], reason: str,
           label: str | None = None, via: str = "cli", as_shown: bool = False,
           afresh: bool = False) -> dict[str, Any]:
    """Make and record a redacted copy of the item `ref` (which the viewer must be
    cleared to read); `spans` hide characters of its text, `regions` pixels of its
    picture (one or the other). `as_shown`: the spans count characters as a web page
    shows the text (a CR LF pair as one), as the item page's selection gives them.

    The copy also hides what the latest earlier copy of the same text or picture hid
    (packages carry only the latest copy: a second redaction must not give back what
    the first hid), unless `afresh`. Which copy is the latest is checked again in the
    write transaction (one writer at a time, on SQLite and PostgreSQL alike): when
    another analyst's copy was recorded meanwhile, this one is made again on top of
    it, or, `afresh`, refused with Conflict. Returns the copy as the item's record
    lists it."""
    with ws.db.read() as session:  # a hidden item answers as a missing one, first
        item = item_store.resolve(session, ref, viewer.levels)
        blob = item_store.blob_row(session, item.sha256)
    reason = reason.strip()
    if not reason:
        raise BadInput("say why: --reason is required", field="reason",
                       code="reason-required")
    if bool(spans) == bool(regions):
        raise BadInput("give --span START:END (a text) or --region X,Y,W,H (an image), "
                       "not both", field="span", code="span-or-region")
    for start, end in spans:
        redaction.parse_span(f"{start}:{end}")
    for region in regions:
        redaction.parse_region(",".join(map(str, region)))
    if regions and not str(blob.media_type).startswith("image/"):
        raise BadInput(f"item {item.id} is {blob.media_type}, not an image: "
                       "--region redacts pictures only", field="region",
                       code="not-an-image", params={"item": item.id,
                                                    "media_type": str(blob.media_type)})
    # The reader is cleared for the item (resolve found it at their levels); reading
    # protected bytes is recorded before they are read, as every read is.
    record_reads(ws, viewer, [(item.id, item.classification)], "viewed",
                 {"via": f"{via}-redact"})
    key = "spans" if spans else "regions"
    for _attempt in range(ATTEMPTS):
        if spans:
            source, seen, data, details = _made_text(ws, item, label, spans, as_shown,
                                                        afresh)
            media_type, made_label, tool = TEXT_TYPE, "redacted text", TEXT_TOOL
        else:
            source, seen, data, media_type, details = _made_image(ws, item, regions,
                                                                     afresh)
            made_label, tool = "redacted image", _image_tool()
        details = {"reason": reason, "classification": item.classification, "via": via,
                   **details}
        sha256, size = store_bytes(ws, data, item.classification)
        with ws.db.write() as session:
            latest = _latest(redactions.of_items(session, [item.id])[item.id], source, key)
            if _seq(latest) != _seq(seen):  # another copy was recorded meanwhile
                if afresh:
                    raise Conflict(MEANWHILE, code="redacted-meanwhile")
                continue  # made again, on top of it
            copy = redactions.add(session, ws.custody, viewer.actor, item.id, source,
                                  sha256, size, media_type, made_label, tool, details)
        return {"item": item.id, **copy.to_dict()}
    raise Conflict(MEANWHILE, code="redacted-meanwhile")
