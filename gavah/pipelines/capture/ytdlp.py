"""Video from sites yt-dlp knows (an optional extra: pip install 'gavah[media]'), where
a page's player streams in pieces a browser never holds whole. yt-dlp reaches the
network through the capture's gate like the browser (same policy, same size budget);
its generic extractor is never used: for any other page the recorded responses are
the media."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def known(url: str) -> bool:
    """True when yt-dlp is installed and has an extractor for this site (not generic)."""
    try:
        from yt_dlp.extractor import gen_extractor_classes
    except ImportError:
        return False
    return any(ie.IE_NAME != "generic" and ie.suitable(url) for ie in gen_extractor_classes())


def download(url: str, gate_url: str, workdir: Path, max_bytes: int,
             seconds: float) -> list[tuple[Path, str]]:
    """The files yt-dlp downloads for `url` into `workdir`: (path, tool and version).
    Raises on failure; the caller records why."""
    import yt_dlp

    options: dict[str, Any] = {
        "proxy": gate_url, "outtmpl": str(workdir / "ytdlp-%(id)s.%(ext)s"),
        "max_filesize": max_bytes, "noplaylist": True, "quiet": True, "no_warnings": True,
        "noprogress": True, "socket_timeout": max(5, int(seconds)), "retries": 1,
        "format": "best", "allowed_extractors": ["default", "-generic"],
        "cachedir": False, "call_home": False,
    }
    with yt_dlp.YoutubeDL(options) as ydl:
        info = ydl.extract_info(url, download=True)
    files = [Path(d["filepath"]) for d in (info or {}).get("requested_downloads", [])
             if d.get("filepath") and Path(d["filepath"]).is_file()]
    tool = f"yt-dlp/{yt_dlp.version.__version__}"
    return [(path, tool) for path in files]
