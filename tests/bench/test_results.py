"""bench/results.py: re-measuring a section of RESULTS.md keeps its hand-written readings
(marked blocks), flagged for checking when written for another commit than the one
measured. On a real git repository in a temporary folder, with a FICTIONAL section."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import bench_extraction  # noqa: E402
import results  # noqa: E402

READING = "Reading: FICTIONAL, the cold views are slow because nothing is kept yet."


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose bench/RESULTS.md write_section writes (its commit() reads
    the repository the file is in)."""
    repo = tmp_path / "repo"
    (repo / "bench").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "bench@example.invalid")
    _git(repo, "config", "user.name", "bench")
    (repo / "README").write_text("FICTIONAL\n")
    _git(repo, "add", "README")
    _git(repo, "commit", "-qm", "first")
    monkeypatch.setattr(results, "RESULTS", repo / "bench" / "RESULTS.md")
    return repo


def _commit(repo: Path) -> str:
    (repo / "README").write_text((repo / "README").read_text() + "more\n")
    _git(repo, "commit", "-qam", "next")
    return _git(repo, "rev-parse", "--short", "HEAD")


def _section(text: str, title: str) -> str:
    found = results.section_pattern(f"## {title}").search(text)
    assert found is not None
    return found.group(0)


def test_a_rerun_keeps_the_reading_and_flags_it_once_the_commit_changed(repo: Path) -> None:
    results.write_section("Other", "| a |\n|---|\n| 1 |")
    results.write_section("Web", "| p95 |\n|---|\n| 900 |\n\nRun: `bench_web.py`")
    first = _git(repo, "rev-parse", "--short", "HEAD")
    text = results.RESULTS.read_text()
    # Someone writes a reading below the table, in the marked block.
    text = text.replace("Run: `bench_web.py`",
                        results.reading(READING, first) + "\nRun: `bench_web.py`")
    results.RESULTS.write_text(text)

    # Re-measured on the same commit: the numbers are new, the reading kept as it was.
    results.write_section("Web", "| p95 |\n|---|\n| 800 |\n\nRun: `bench_web.py`")
    web = _section(results.RESULTS.read_text(), "Web")
    assert "| 800 |" in web and "| 900 |" not in web
    assert results.readings(web) == [(first, READING)]
    assert "check it still holds" not in web
    assert web.rstrip().endswith("Run: `bench_web.py`")  # the reading stays above it

    # Re-measured on a later commit: kept, and flagged (once, however often it is re-run).
    later = _commit(repo)
    for p95 in (700, 600):
        results.write_section("Web", f"| p95 |\n|---|\n| {p95} |\n\nRun: `bench_web.py`")
    text = results.RESULTS.read_text()
    web = _section(text, "Web")
    assert "| 600 |" in web and "| 700 |" not in web
    assert f"on commit {later}," in web
    assert results.readings(web) == [(first, READING)]
    assert web.count(f"_(Written for commit {first}; the numbers above are of {later}: "
                     "check it still holds.)_") == 1
    assert results.flagged(web) == 1
    assert "| 1 |" in _section(text, "Other")  # the other section is left alone

    # Checked and confirmed: written for the commit measured, the flag gone.
    assert results.confirm("Web") == 1
    web = _section(results.RESULTS.read_text(), "Web")
    assert results.readings(web) == [(later, READING)]
    assert results.flagged(web) == 0 and "check it still holds" not in web


def test_a_section_without_readings_is_replaced_whole(repo: Path) -> None:
    results.write_section("Web", "Prose a script wrote.\n\n| 1 |")
    results.write_section("Web", "| 2 |")
    web = _section(results.RESULTS.read_text(), "Web")
    assert "Prose a script wrote" not in web and "| 1 |" not in web and "| 2 |" in web


def test_a_reading_the_script_writes_itself_is_not_repeated() -> None:
    old = "## Web\n\n| 1 |\n\n" + results.reading(READING, "abc1234")
    new = "## Web\n\n| 2 |\n\n" + results.reading(READING, "def5678")
    assert results.carry_readings(old, new, "def5678") == new


def test_several_readings_keep_their_order_and_commits() -> None:
    old = ("## T\n\n" + results.reading("Load: FICTIONAL first.", "aaaa111") + "\n| 1 |\n\n"
           + results.reading("Reading: FICTIONAL second.", "bbbb222"))
    new = results.carry_readings(old, "## T\n\n| 2 |\n", "bbbb2223")
    assert results.readings(new) == [("aaaa111", "Load: FICTIONAL first."),
                                     ("bbbb222", "Reading: FICTIONAL second.")]
    assert results.flagged(new) == 1  # bbbb222 is bbbb2223 abbreviated
    assert new.index("| 2 |") < new.index("Load: FICTIONAL first.")


def test_same_commit() -> None:
    assert results.same_commit("0a2249d", "0a2249dd")
    assert results.same_commit("0A2249DD", "0a2249d")
    assert not results.same_commit("0a2249d", "0a2249e")
    assert not results.same_commit("0a2249d", "0a2249d with uncommitted changes")
    assert not results.same_commit("0a2249d", "an unknown commit")


def test_every_reading_in_results_md_survives_a_rewrite_of_its_section() -> None:
    text = (BENCH / "RESULTS.md").read_text()
    headings = re.findall(r"^## .*$", text, re.M)
    assert text.count("<!-- reading: ") == text.count("<!-- /reading -->") > 0
    total = 0
    for heading in headings:
        old = results.section_pattern(heading).search(text)
        assert old is not None
        kept = results.readings(old.group(0))
        total += len(kept)
        new = results.replace_section(text, heading, f"{heading}\n\nNew numbers.\n",
                                      "0000000")
        after = results.section_pattern(heading).search(new)
        assert after is not None
        assert [t for _, t in results.readings(after.group(0))] == [t for _, t in kept]
        assert new.replace(after.group(0), "") == text.replace(old.group(0), "")
    assert total == text.count("<!-- reading: ")


def test_the_extraction_bench_keeps_its_section_s_readings(tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    heading = bench_extraction.HEADING
    path.write_text(f"# Benchmark results\n\n{heading}\n\nMeasured then.\n\n"
                    + results.reading(READING, "abc1234") + "\n## Next\n\nkept\n")
    bench_extraction.write_section(f"{heading}\n\nMeasured now.\n", path)
    text = path.read_text()
    assert "Measured then" not in text and "Measured now" in text
    assert [t for _, t in results.readings(text)] == [READING]
    assert text.endswith("## Next\n\nkept\n")


def test_the_vault_s_large_rows_alone_keep_each_reading_once(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`bench_vault.py --only large` rewrites two rows of the section as it stands: its
    readings are carried over by write_section, not copied into the body as well."""
    import bench_vault

    monkeypatch.setattr(bench_vault, "RESULTS", results.RESULTS)
    first = _git(repo, "rev-parse", "--short", "HEAD")
    table = ("| measure | baseline | gavah | ratio (target) |\n|---|---|---|---|\n"
             "| ingest 1024 MiB in 8 files (+ `sync`) | 0.70 s | 1.10 s | **0.64x** |\n"
             "| verify those 8 blobs | 0.80 s | 0.70 s | **1.14x** |\n"
             "| ingest 10,000 small text files | 0.41 s | 47.8 s | **209 files/s** |\n")
    results.write_section(bench_vault.TITLE, "Script: FICTIONAL.\n\n"
                          + results.reading(READING, first) + "\n" + table)
    later = _commit(repo)
    body = bench_vault.replace_large_rows(
        ["| ingest 1024 MiB in 8 files (+ `sync`) | 0.70 s | 0.90 s | **0.78x** |",
         "| verify those 8 blobs | 0.80 s | 0.60 s | **1.33x** |"],
        "- The two 1 GiB rows: FICTIONAL run.")
    results.write_section(bench_vault.TITLE, body)
    vault = _section(results.RESULTS.read_text(), bench_vault.TITLE)
    assert results.readings(vault) == [(first, READING)]
    assert "**0.78x**" in vault and "**0.64x**" not in vault and "**209 files/s**" in vault
    assert "- The two 1 GiB rows: FICTIONAL run." in vault
    assert f"numbers above are of {later}" in vault
