"""The signing key on a PKCS#11 token (SoftHSM 2) against a key file: the cost of one
signature, and of ingesting small files (one signed custody entry or more each), as a
ratio of throughput against the key file in the same round.

In process (no start-up), extraction off. SoftHSM signs in software, through the PKCS#11
call path: a hardware token is far slower per signature (tens of milliseconds on a USB
token), which this does not measure. Each round makes two fresh workspaces and
alternates which goes first. Tokens are FICTIONAL, in a temporary folder.

Run: .venv/bin/python bench/bench_pkcs11.py [--signatures 2000] [--small 300] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import write_section

MODULE = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "fictional-bench-pin"


def make_token(root: Path) -> str:
    (root / "tokens").mkdir(parents=True)
    config = root / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {root / 'tokens'}\n"
                      "objectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(config)
    os.environ["GAVAH_PKCS11_PIN"] = PIN
    subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", "fict-bench",
                    "--pin", PIN, "--so-pin", PIN + "-so"], check=True, capture_output=True)
    return "fict-bench"


def signatures(token: str, count: int) -> tuple[float, float]:
    """Signatures per second: (key file in memory, token)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from gavah.core.custody import Signer
    from gavah.store.pkcs11_signer import Pkcs11Signer, TokenKey

    rates = []
    for signer in (Signer(Ed25519PrivateKey.generate()),
                   Pkcs11Signer(TokenKey(MODULE, token, "bench-raw"), PIN, create=True)):
        digest = os.urandom(32)
        start = time.perf_counter()
        for _ in range(count):
            signer.sign(digest)
        rates.append(count / (time.perf_counter() - start))
    return rates[0], rates[1]


def one(folder: Path, token: str | None, work: Path, label: str) -> float:
    """Ingest seconds for one fresh workspace, its key a file or on the token."""
    from gavah.pipelines import ingest
    from gavah.pipelines.verify import verify
    from gavah.store.pkcs11_signer import TokenKey
    from gavah.store.workspace import Workspace

    home = work / f"ws-{label}"
    where = TokenKey(MODULE, token, label) if token else None
    ws, _ = Workspace.init(home, token=where)
    options = ingest.Options(classification="public", extract=False, claims=False)
    start = time.perf_counter()
    ingest.ingest_paths(ws, [str(folder)], options, "bench")
    took = time.perf_counter() - start
    assert verify(ws).ok
    ws.close()
    shutil.rmtree(home)
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signatures", type=int, default=2000)
    parser.add_argument("--small", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as temp:
        root = Path(temp)
        token = make_token(root / "hsm")
        many = root / "small"
        many.mkdir()
        for n in range(args.small):
            (many / f"fictional-note-{n}.txt").write_text(
                f"FICTIONAL benchmark note {n}: " + "an invented sentence. " * 90)
        file_rate, token_rate = signatures(token, args.signatures)
        rates: dict[str, list[float]] = {"file": [], "token": []}
        ratios = []
        for round_ in range(args.rounds):
            order = ("file", "token") if round_ % 2 == 0 else ("token", "file")
            got = {kind: one(many, token if kind == "token" else None, root,
                             f"{kind}-{round_}") for kind in order}
            for kind in got:
                rates[kind].append(args.small / got[kind])
            ratios.append(got["file"] / got["token"])
        load = os.getloadavg()
    lines = ["| what | key file | SoftHSM token | ratio (token / file) |", "|---|---|---|---|",
             f"| Ed25519 signature of 32 bytes | {file_rate:,.0f}/s | {token_rate:,.0f}/s | "
             f"{token_rate / file_rate:.2f}x |",
             f"| ingest {args.small} x 2 KB, extraction off | "
             f"{statistics.median(rates['file']):.0f} files/s | "
             f"{statistics.median(rates['token']):.0f} files/s | "
             f"{statistics.median(ratios):.2f}x ({', '.join(f'{r:.2f}' for r in ratios)}) |"]
    body = (f"`bench/bench_pkcs11.py --signatures {args.signatures} --small {args.small} "
            f"--rounds {args.rounds}`: the signing key on a SoftHSM 2.6 token (CKM_EDDSA "
            "through python-pkcs11) against a key file in memory, in process; ingest medians "
            f"of {args.rounds} rounds (each round's ratio in brackets). Load average at the "
            f"end: {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f}. SoftHSM signs in software; "
            "a hardware token is much slower per signature and is not measured here. On a "
            "shared machine single ingest rounds vary widely (see the bracketed ratios): the "
            "per-signature time (the inverse of the first row) is the number to rely on; "
            "ingest signs one entry per transaction (of up to 500 files), so a token adds "
            "that time per transaction, not per file.\n\n"
            + "\n".join(lines))
    print(body)
    write_section("Signing key on a PKCS#11 token (issue 18)", body)


if __name__ == "__main__":
    main()
