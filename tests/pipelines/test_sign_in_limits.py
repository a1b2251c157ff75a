"""Sign-in limits hold under concurrent attempts, and one guesser behind a shared
address does not lock out the people who sign in from it. Real workspaces, both backends;
the accounts are FICTIONAL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from gavah.pipelines import accounts
from gavah.store.workspace import Workspace

PASSWORD = "correct horse battery"


def _try(ws: Workspace, name: str, password: str, address: str) -> str:
    try:
        accounts.authenticate(ws, name, password, address)
        return "ok"
    except accounts.RateLimited:
        return "limited"
    except accounts.LoginRefused:
        return "refused"


def test_concurrent_attempts_cannot_pass_the_per_name_limit(ws: Workspace) -> None:
    accounts.add_user(ws, "alice", "analyst", "public", PASSWORD, "test:admin")
    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(lambda i: _try(ws, "alice", f"guess {i}", f"10.0.0.{i}"),
                                range(24)))
    assert results.count("refused") == accounts.MAX_FAILURES_PER_NAME, results
    assert results.count("limited") == 24 - accounts.MAX_FAILURES_PER_NAME
    assert _try(ws, "alice", PASSWORD, "10.0.1.1") == "limited"


def test_a_guesser_behind_a_proxy_does_not_lock_out_known_users(ws: Workspace) -> None:
    proxy = "192.0.2.10"
    for name in ("bahar", "cyrus"):
        accounts.add_user(ws, name, "analyst", "public", PASSWORD, "test:admin")
    assert _try(ws, "bahar", PASSWORD, proxy) == "ok"
    for i in range(accounts.MAX_FAILURES_PER_ADDRESS):
        assert _try(ws, f"spray{i}", "guess", proxy) == "refused"
    assert _try(ws, "spray-more", "guess", proxy) == "limited"
    assert _try(ws, "bahar", PASSWORD, proxy) == "ok"  # signed in from here before
    assert _try(ws, "cyrus", PASSWORD, proxy) == "limited"  # never from here: still limited
