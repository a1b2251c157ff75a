"""What browser tests share: signing in, and a watch for scripts that must never run."""

from __future__ import annotations

from typing import Any

PASSWORD = "browser test password"


def sign_in_page(page: Any, url: str, name: str, path: str = "/login") -> None:
    """Sign in through the form at `path` (the login page, or any page that leads to it)
    and wait for the dashboard."""
    page.goto(url + path)
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(url + "/")


class Watch:
    """Fails the test on any JavaScript dialog (an XSS that ran) or CSP violation."""

    def __init__(self, page: Any) -> None:
        self.dialogs: list[str] = []
        self.violations: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.violations.append(m.text)
                if "Content Security Policy" in m.text else None)

    def check(self) -> None:
        assert self.dialogs == [], self.dialogs
        assert self.violations == [], self.violations
