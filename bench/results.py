"""Writing one section of bench/RESULTS.md, with a description of the machine."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import timeit
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = ("# Benchmark results\n\n"
          "Each section is written by the script it names; rerun it to refresh.\n")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(re.findall(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[0])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, IndexError):
        pass
    disk = ""
    try:
        disk = subprocess.run(["df", "-h", "--output=source,fstype", str(RESULTS.parent)],
                              capture_output=True, text=True).stdout.splitlines()[-1]
        disk = f", disk {' '.join(disk.split())}"
    except (OSError, IndexError):
        pass
    return (f"{os.cpu_count()} cores ({cpu}){memory}{disk}; Python "
            f"{platform.python_version()} on {platform.system()} {platform.release()}; "
            f"{python_speed()}")


def python_speed() -> str:
    """How fast this machine runs Python, to compare runs on different machines (the same
    CPU model name has run the same code 2.5x slower on another day here)."""
    best = min(timeit.repeat("sum(range(1000))", number=2000, repeat=7)) / 2000
    return f"sum(range(1000)) takes {best * 1e6:.1f} µs"


def commit() -> str:
    """The commit measured: 'abc1234', or 'abc1234 with uncommitted changes'."""
    root = RESULTS.parent.parent
    try:
        rev = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "gavah"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"
    return f"{rev} with uncommitted changes" if dirty else rev


# Hand-written readings: a section's prose that no script writes (what the numbers mean,
# what ran beside them, what was compared by hand). Each sits in a marked block naming the
# commit it was written for; rewriting the section keeps the blocks, and flags a block
# whose commit is no longer the one measured, so the reading is checked, not lost:
#
#   <!-- reading: written for commit abc1234 -->
#   Reading: ...
#   <!-- /reading -->
READING = re.compile(r"^<!-- reading: written for commit (\w+) -->\n(.*?)^<!-- /reading -->\n?",
                     re.S | re.M)
FLAG = re.compile(r"^_\(Written for commit \w+[^\n]*: check it still holds\.\)_\n\n?", re.M)


def reading(text: str, written_for: str) -> str:
    """A hand-written reading as a marked block, for the commit it was written for."""
    return (f"<!-- reading: written for commit {written_for} -->\n{text.strip()}\n"
            "<!-- /reading -->\n")


def readings(section: str) -> list[tuple[str, str]]:
    """The marked readings of a section: (commit written for, text without any flag)."""
    return [(m.group(1), FLAG.sub("", m.group(2)).strip()) for m in READING.finditer(section)]


def same_commit(a: str, b: str) -> bool:
    """Whether two abbreviated commit ids name the same commit ('0a2249d', '0a2249dd')."""
    a, b = a.lower(), b.lower()
    return bool(re.fullmatch(r"[0-9a-f]{4,40}", a) and re.fullmatch(r"[0-9a-f]{4,40}", b)
                and (a.startswith(b) or b.startswith(a)))


def carry_readings(old: str, new: str, measured: str) -> str:
    """The new text of a section with the readings of its old text carried over, each
    flagged when written for another commit than `measured` (the commit the new numbers
    are of, as `commit()` says it: 'abc1234' or 'abc1234 with uncommitted changes').
    Readings the new text already holds (a script may write one) are not repeated; the
    carried ones go before a closing `Run: ...` paragraph, or at the end."""
    kept = {text for _, text in readings(new)}
    blocks = []
    for written_for, text in readings(old):
        if text in kept:
            continue
        flag = ("" if same_commit(written_for, measured) else
                f"_(Written for commit {written_for}; the numbers above are of "
                f"{measured}: check it still holds.)_\n\n")
        blocks.append(reading(flag + text, written_for))
    if not blocks:
        return new
    new = new.rstrip() + "\n"
    carried = "\n".join(blocks)
    run = re.search(r"(?:^|\n\n)(Run: [^\n]*\n?)\Z", new)
    if run:
        return new[:run.start(1)] + carried + "\n" + new[run.start(1):]
    return new + "\n" + carried


def section_pattern(heading: str) -> re.Pattern[str]:
    """A section of RESULTS.md, from its `## ` heading line to the next one."""
    return re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)


def replace_section(text: str, heading: str, section: str, measured: str) -> str:
    """`text` (all of RESULTS.md) with the section under `heading` replaced by `section`,
    or added at the end; the old section's readings carried over."""
    pattern = section_pattern(heading)
    found = pattern.search(text)
    if found is None:
        return text.rstrip() + "\n\n" + section.rstrip() + "\n"
    section = carry_readings(found.group(0), section, measured)
    return text[:found.start()] + section.rstrip() + "\n\n" + text[found.end():]


def write_section(title: str, body: str) -> None:
    """Replace (or add) the section `## {title}` in RESULTS.md, saying when, on what
    machine and on which commit it was measured. Its hand-written readings are kept."""
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    measured = commit()
    section = (f"## {title}\n\nMeasured {stamp} on commit {measured}, on {machine()}.\n\n"
               f"{body.strip()}\n")
    RESULTS.write_text(replace_section(text, f"## {title}", section, measured).rstrip() + "\n")


def flagged(section: str) -> int:
    """How many of a section's readings are flagged for checking."""
    return sum(1 for m in READING.finditer(section) if FLAG.search(m.group(2)))


def confirm(title: str) -> int:
    """Mark the readings of `## {title}` as written for the commit the section measured
    (after reading them against its numbers and editing what no longer holds): their flags
    go. Returns how many readings the section has."""
    text = RESULTS.read_text()
    found = section_pattern(f"## {title}").search(text)
    if found is None:
        raise SystemExit(f"no section ## {title} in {RESULTS}")
    section = found.group(0)
    measured = re.search(r"^Measured .*? on commit (\w+)", section, re.M)
    if measured is None:
        raise SystemExit(f"## {title} names no commit it measured")
    count = len(readings(section))
    section = READING.sub(lambda m: reading(FLAG.sub("", m.group(2)), measured.group(1)),
                          section)
    RESULTS.write_text(text[:found.start()] + section + text[found.end():])
    return count


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="The hand-written readings of RESULTS.md.")
    parser.add_argument("--confirm", metavar="TITLE", required=True,
                        help="a section's title: its readings were checked against its "
                             "numbers; mark them as written for the commit it measured")
    args = parser.parse_args()
    print(f"{confirm(args.confirm)} reading(s) now written for the measured commit")
