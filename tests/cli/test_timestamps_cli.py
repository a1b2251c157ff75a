"""`gavah tsa add`, `gavah timestamp` and `gavah verify` against a local RFC 3161
authority, as a script would call them (JSON on stdout, exit codes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import Cli
from tests.tsa import LocalTsa


@pytest.fixture(scope="module")
def tsa() -> Iterator[LocalTsa]:
    with LocalTsa() as local:
        yield local


def test_tsa_add_timestamp_and_verify(cli: Cli, tsa: LocalTsa) -> None:
    added = cli.json("tsa", "add", tsa.url, "--ca", str(tsa.ca_path))
    assert added["url"] == tsa.url and added["scheduled"] is True
    assert [a["url"] for a in cli.json("tsa", "list")] == [tsa.url]

    result = cli.json("timestamp")
    assert result["ok"] is True
    (stamp,) = result["stamps"]
    assert stamp["status"] == "stamped" and stamp["gen_time"]
    log = cli.json("log")
    assert log[-1]["action"] == "timestamped"
    assert log[-1]["details"]["stamped_seq"] == stamp["stamped_seq"]

    report = cli.json("verify")
    assert report["ok"] is True and report["timestamps_checked"] == 1

    # A stored response altered afterwards: verify finds it and exits 1.
    from gavah.store.workspace import Workspace

    ws = Workspace.open(cli.home, cli.database_url)
    try:
        with ws.db.engine.begin() as connection:
            connection.execute(sa.text("UPDATE timestamps SET response = :r"),
                               {"r": b"\x30\x03\x02\x01\x00"})
    finally:
        ws.close()
    report = cli.json("verify", code=1)
    assert {p["kind"] for p in report["problems"]} == {"timestamp-altered",
                                                       "timestamp-unreadable"}


def test_timestamp_needs_a_tsa_and_its_anchor(cli: Cli, tsa: LocalTsa) -> None:
    result = cli("timestamp", code=2)
    assert "no time-stamping authority is configured" in result.stderr
    result = cli("timestamp", "--tsa", tsa.url, code=2)
    assert "no trust anchor is known" in result.stderr
    # Named once with its anchor: stamped, and the anchor is kept to check the stamp.
    stamped = cli.json("timestamp", "--tsa", tsa.url, "--tsa-ca", str(tsa.ca_path))
    assert stamped["ok"] is True
    assert cli.json("tsa", "list")[0]["scheduled"] is False
    assert cli.json("verify")["timestamps_checked"] == 1


def test_a_tsa_that_fails_exits_1(cli: Cli) -> None:
    with LocalTsa() as gone:
        url, ca = gone.url, gone.ca_path.read_bytes()
    path = cli.home.parent / "gone-ca.pem"
    path.write_bytes(ca)
    result = cli.json("timestamp", "--tsa", url, "--tsa-ca", str(path), "--timeout", "2",
                      code=1)
    assert result["stamps"][0]["status"] == "failed"


def test_stamps_are_listed_and_exported_for_openssl(cli: Cli, tsa: LocalTsa) -> None:
    import subprocess

    cli.json("tsa", "add", tsa.url, "--ca", str(tsa.ca_path))
    cli.json("timestamp")
    out = cli.home.parent / "stamps"
    (listed,) = cli.json("tsa", "stamps", "--out", str(out))
    checked = subprocess.run(
        ["openssl", "ts", "-verify", "-digest", listed["stamped_hash"],
         "-in", str(out / f"{listed['custody_seq']}.tsr"),
         "-CAfile", str(out / f"{listed['custody_seq']}-ca.pem")],
        capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr



def test_bad_urls_and_anchors_name_their_flag(cli: Cli, tsa: LocalTsa) -> None:
    result = cli("timestamp", "--tsa", "ftp://tsa.example", "--tsa-ca", str(tsa.ca_path),
                 code=2)
    assert "--tsa: a time-stamping authority is an http or https URL" in result.stderr
    not_pem = cli.home.parent / "not-a-certificate.pem"
    not_pem.write_text("FICTIONAL: not a certificate\n")
    result = cli("tsa", "add", tsa.url, "--ca", str(not_pem), code=2)
    assert "--ca: the TSA's trust anchor is not usable" in result.stderr
    assert cli.json("tsa", "list") == []
