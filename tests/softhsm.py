"""SoftHSM 2 tokens for the PKCS#11 tests: a token folder of the run's own (SOFTHSM2_CONF
points at a config in a temporary folder) and a FICTIONAL token per test, made with
softhsm2-util as an operator would. CI installs SoftHSM through scripts/system-deps.sh."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
USER_PIN = "fictional-pin-2468"
SO_PIN = "fictional-so-pin-1357"


def missing() -> str | None:
    """Why SoftHSM cannot run here, or None when it can."""
    if not Path(MODULE).is_file():
        return f"SoftHSM 2 is not installed ({MODULE} absent; scripts/system-deps.sh installs it)"
    if shutil.which("softhsm2-util") is None:
        return "softhsm2-util is not on PATH (Debian package softhsm2)"
    try:
        import pkcs11  # noqa: F401
    except ImportError:
        return "python-pkcs11 is not installed (pip install -e '.[hsm]')"
    return None


def write_config(folder: Path) -> Path:
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\n"
                      "log.level = ERROR\nslots.removable = false\n")
    return config


@dataclass(frozen=True)
class Token:
    """One FICTIONAL token: its module, label and user PIN."""

    module: str
    label: str
    pin: str

    def options(self, key_label: str) -> list[str]:
        return ["--pkcs11-module", self.module, "--pkcs11-token", self.label,
                "--pkcs11-key", key_label]


def make_token(config: Path) -> Token:
    label = f"fict-{uuid.uuid4().hex[:8]}"
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label,
                    "--pin", USER_PIN, "--so-pin", SO_PIN],
                   check=True, capture_output=True, env={"SOFTHSM2_CONF": str(config)})
    return Token(MODULE, label, USER_PIN)
