"""A case's disclosure package as a zip download, for the case page and the API.

Synchronous and bounded: the package is made in the workspace's scratch folder while the
request waits, refused when its originals exceed the instance's limit (larger ones are
made from the command line), streamed, then deleted. The export pipeline records the
`exported` custody entry, with the recipient, the level and every item sent."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from gavah.pipelines.access import Viewer
from gavah.store.workspace import Workspace
from gavah.web.downloads import CHUNK, content_disposition

SCRATCH = "exports"


def package_download(ws: Workspace, viewer: Viewer, case_id: int, recipient: str,
                     lang: str, limit: int) -> StreamingResponse:
    from gavah.pipelines.export import package

    root = ws.scratch / SCRATCH
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="package-", dir=root))
    target = folder / "package.zip"
    try:
        done = package.export(ws, viewer, case_id, target, recipient, lang, limit=limit)
        size = target.stat().st_size
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise

    def chunks() -> Iterator[bytes]:
        try:
            with target.open("rb") as stream:
                while chunk := stream.read(CHUNK):
                    yield chunk
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    name = f"gavah-case-{case_id}-{done.recipient}.zip"
    # Deleted when the stream ends, and after the response in any case (a client that
    # leaves before the first byte never runs the stream).
    cleanup = BackgroundTask(shutil.rmtree, folder, ignore_errors=True)
    return StreamingResponse(chunks(), media_type="application/zip", background=cleanup,
                             headers={
        "content-disposition": content_disposition(name), "content-length": str(size),
        "x-content-type-options": "nosniff", "cache-control": "no-store",
        "x-gavah-tagmanifest-sha256": done.tagmanifest_sha256,
        "x-gavah-key-id": done.key_id, "x-gavah-level": done.level,
        "x-gavah-custody-seq": str(done.custody_seq)})
