"""Sign-in with argon2, and the sign-in limits under 50 concurrent attempts.

In process (gavah.pipelines.accounts.authenticate, as the web's POST /login calls it),
on a fresh workspace with the library's default argon2id cost (the workspace config names
none). Baseline, in the same run: one bare argon2 verify of the same cost, so the ratio
is what sign-in adds around the hash (two database transactions, the limit counts).

1. One attempt at a time: a right password, a wrong one, an unknown name (which is
   checked against a dummy hash, so it must take as long).
2. 50 concurrent attempts with wrong passwords at one name from 50 addresses: the
   per-name limit must let exactly 5 reach the hash, and the other 45 are answered
   without hashing.
3. 50 concurrent attempts from one address at 50 names: the per-address limit lets 20
   reach the hash.
4. 50 different users signing in at once with their right passwords (a shift starting):
   nothing is limited; latency is the queue for the cores.

Accounts and passwords are FICTIONAL.

Run: .venv/bin/python bench/bench_sign_in.py [--rounds 20] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import write_section

from gavah.pipelines import accounts
from gavah.store.workspace import Workspace

PASSWORD = "FICTIONAL correct horse battery"
CONCURRENT = 50


def timed(call: Callable[[], object]) -> tuple[str, float]:
    start = time.perf_counter()
    try:
        call()
        outcome = "signed in"
    except accounts.RateLimited:
        outcome = "limited"
    except accounts.LoginRefused:
        outcome = "refused"
    return outcome, time.perf_counter() - start


def ms(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered) * 1000:.0f} / {p95 * 1000:.0f}"


def burst(calls: list[Callable[[], object]]) -> tuple[list[tuple[str, float]], float]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        results = list(pool.map(timed, calls))
    return results, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    before = os.getloadavg()
    with tempfile.TemporaryDirectory(dir=Path.cwd()) as temp:
        ws, _ = Workspace.init(Path(temp) / "ws", args.database_url)
        hasher = accounts._hasher(ws)
        names = [f"fict{n:02d}" for n in range(CONCURRENT)]  # the shift: untouched till 4
        guessed = [f"guessed{n}" for n in range(-(-args.rounds // 4))]  # 4 failures each
        for name in [*names, *guessed, "solo", "target"]:
            accounts.add_user(ws, name, "analyst", "public", PASSWORD, "bench")
        stored = hasher.hash(PASSWORD)
        rows: list[str] = []
        one_at_a_time: dict[str, Callable[[int], object]] = {
            "bare argon2 verify (baseline)": lambda i: hasher.verify(stored, PASSWORD),
            "right password": lambda i: accounts.authenticate(ws, "solo", PASSWORD,
                                                              f"198.51.100.{i}"),
            "wrong password": lambda i: accounts.authenticate(
                ws, guessed[i // 4], "FICTIONAL wrong guess", f"203.0.113.{i}"),
            "unknown name": lambda i: accounts.authenticate(
                ws, f"nobody{i}", PASSWORD, f"192.0.2.{i}"),
        }
        # In turn within each round, so that load from other work falls on all alike.
        got: dict[str, list[tuple[str, float]]] = {label: [] for label in one_at_a_time}
        for i in range(args.rounds):
            for label, attempt in one_at_a_time.items():
                got[label].append(timed(lambda a=attempt, i=i: a(i)))  # type: ignore[misc]
        base = statistics.median(t for _, t in got["bare argon2 verify (baseline)"])
        for label, results in got.items():
            outcomes = Counter(o for o, _ in results if "bare" not in label)
            took = [t for _, t in results]
            rows.append(f"| {label} | 1 | {ms(took)} | "
                        f"{statistics.median(took) / base:.2f}x | "
                        f"{', '.join(f'{k} {v}' for k, v in sorted(outcomes.items())) or '-'} |")
        target = "target"
        scenarios = {
            f"{CONCURRENT} wrong passwords at one name, {CONCURRENT} addresses": [
                (lambda i=i: accounts.authenticate(ws, target, f"FICTIONAL guess {i}",
                                                   f"10.1.0.{i}")) for i in range(CONCURRENT)],
            f"{CONCURRENT} names from one address": [
                (lambda i=i: accounts.authenticate(ws, f"spray{i}", "FICTIONAL guess",
                                                   "10.2.0.1")) for i in range(CONCURRENT)],
            f"{CONCURRENT} users signing in at once (right passwords)": [
                (lambda i=i: accounts.authenticate(ws, names[i], PASSWORD, f"10.3.0.{i}"))
                for i in range(CONCURRENT)],
        }
        for label, calls in scenarios.items():
            results, wall = burst(calls)
            outcomes = Counter(o for o, _ in results)
            parts = [f"{k} {v} ({ms([t for o, t in results if o == k])} ms)"
                     for k, v in sorted(outcomes.items())]
            rows.append(f"| {label} | {CONCURRENT} | {ms([t for _, t in results])} | "
                        f"{statistics.median(t for _, t in results) / base:.2f}x | "
                        f"{'; '.join(parts)}; all answered in {wall:.1f} s |")
        ws.close()
    load = os.getloadavg()
    params = f"time_cost {hasher.time_cost}, memory_cost {hasher.memory_cost} KiB, " \
             f"parallelism {hasher.parallelism}"
    backend = "PostgreSQL" if args.database_url else "SQLite"
    body = (f"`bench/bench_sign_in.py --rounds {args.rounds}`: "
            f"`accounts.authenticate` in process on {backend}, argon2id at the library's "
            f"defaults ({params}); the baseline is one bare argon2 verify of that cost in "
            "the same run. Limits: 5 failures per name and 20 per address in 15 minutes; "
            "each attempt is written as a failure before the hash, in the transaction "
            "that counts the earlier ones. Concurrent rows: one thread per attempt, all "
            "started at once. Latency ms is median / p95; the ratio is the median against "
            f"the bare verify. Load average (1, 5, 15 min) before the run: {before[0]:.1f}, "
            f"{before[1]:.1f}, {before[2]:.1f} (other work on the machine); at the end: "
            f"{load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} (with this bench's own threads: "
            "argon2 runs 4 lanes per hash). The machine is shared, so the latencies are "
            "upper bounds; the outcomes (how many attempts reached the hash) are exact.\n\n"
            "| attempt | at once | latency ms | vs bare verify | outcomes |\n"
            "|---|---|---|---|---|\n" + "\n".join(rows))
    print(body)
    write_section("Sign-in with argon2 and its limits (issue 18)", body)


if __name__ == "__main__":
    main()
