"""Debian's Chromium, driven by Playwright, reaching the network only through the gate.

The browser is closed on every way out of the block that opened it (normal end, error,
KeyboardInterrupt, SIGTERM through Playwright's own handler); when the process that
started it is killed outright, Playwright's driver sees its pipe close and ends the
browser with it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from gavah.core.errors import BadInput

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        # Nothing may leave except through the gate: no QUIC (UDP, not proxied), no WebRTC
        # UDP, no DNS of the browser's own, and loopback proxied too.
        "--disable-quic", "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
        "--proxy-bypass-list=<-loopback>", "--dns-prefetch-disable",
        "--disable-features=DnsOverHttps,NetworkServiceInProcess2",
        "--hide-scrollbars", "--mute-audio"]
VIEWPORT = {"width": 1280, "height": 900}


@dataclass
class Browser:
    browser: Any
    version: str

    @property
    def name(self) -> str:
        return f"Chromium {self.version}"


@asynccontextmanager
async def launch(proxy_url: str, executable: str = CHROMIUM) -> AsyncIterator[Browser]:
    try:
        from playwright.async_api import Error, async_playwright
    except ImportError:
        raise BadInput("capturing web pages needs Playwright: pip install playwright") from None
    async with async_playwright() as driver:
        try:
            browser = await driver.chromium.launch(
                executable_path=executable, args=[*ARGS, f"--proxy-server={proxy_url}"],
                handle_sigint=True, handle_sigterm=True, handle_sighup=True)
        except Error as exc:
            raise BadInput(f"the browser ({executable}) could not be started: "
                           f"{str(exc).splitlines()[0]}") from None
        try:
            yield Browser(browser, browser.version)
        finally:
            await browser.close()
