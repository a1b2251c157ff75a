"""yt-dlp (the optional `media` extra) is used only for sites it has an extractor for,
never its generic one: a page on any other site keeps the media it recorded. No network:
whether yt-dlp knows a site is decided from the address alone."""

from __future__ import annotations

import pytest

from gavah.pipelines.capture import ytdlp


def test_unknown_sites_never_go_to_ytdlp() -> None:
    assert ytdlp.known("http://127.0.0.1:8000/report.html") is False


def test_sites_ytdlp_knows() -> None:
    pytest.importorskip("yt_dlp")
    assert ytdlp.known("https://www.youtube.com/watch?v=aaaaaaaaaaa") is True
