"""The `gavah` command exits without tearing down every module (tenths of a second after
an ingest), yet as sys.exit would: the same status, atexit handlers run, output flushed,
other threads waited for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

GAVAH = str(Path(sys.executable).parent / "gavah")


def exit_with(code: str, body: str = "") -> subprocess.CompletedProcess[str]:
    script = (
        "import atexit, sys, threading, time\nfrom gavah.cli.main import _exit\n"
        "class Teardown:\n    def __del__(self):\n        print('torn down')\n"
        "kept = Teardown()\natexit.register(lambda: print('atexit ran'))\n"
        f"{body}\nsys.stdout.write('unflushed ')\n_exit({code})\n"
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)


def test_status_output_and_atexit_as_sys_exit_but_no_teardown() -> None:
    done = exit_with("3")
    assert done.returncode == 3
    assert done.stdout == "unflushed atexit ran\n"  # no module torn down: no 'torn down'
    assert exit_with("None").returncode == 0


def test_a_message_is_printed_with_status_1() -> None:
    done = exit_with("'no such workspace'")
    assert done.returncode == 1 and done.stderr == "no such workspace\n"


def test_other_threads_are_waited_for() -> None:
    body = (
        "def late():\n    time.sleep(0.5)\n    print('thread done', flush=True)\n"
        "threading.Thread(target=late).start()"
    )
    done = exit_with("0", body)
    assert done.returncode == 0
    assert "thread done" in done.stdout and "atexit ran" in done.stdout


def test_commands_keep_their_status_and_output(tmp_path: Path) -> None:
    home = str(tmp_path / "ws")
    assert subprocess.run([GAVAH, "--home", home, "init"], capture_output=True).returncode == 0
    listed = subprocess.run(
        [GAVAH, "--home", home, "items", "--json"], capture_output=True, text=True
    )
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    missing = subprocess.run([GAVAH, "--home", home, "show", "999"], capture_output=True, text=True)
    assert missing.returncode == 2 and "no item '999'" in missing.stderr
    wrong = subprocess.run([GAVAH, "--no-such-option"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "No such option" in wrong.stderr
