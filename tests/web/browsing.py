"""What browser tests share: a watch for scripts that must never run."""

from __future__ import annotations

from typing import Any

PASSWORD = "browser test password"


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
