"""Convergence diagnostics for MCMC draws: split R-hat, effective sample size, Geweke.

Split R-hat and ESS follow Gelman et al., Bayesian Data Analysis (3rd ed., ch. 11):
each chain is cut in half so that a chain that drifts is caught even when only one
chain was run; ESS sums autocorrelations over Geyer's initial positive sequence.
Geweke (1992) compares the mean of the first 10% of a chain with the last 50%.
"""

from __future__ import annotations

import math

import numpy as np

RHAT_LIMIT = 1.05
MIN_ESS = 100
GEWEKE_LIMIT = 3.0


def _autocov(x: np.ndarray) -> np.ndarray:
    """Autocovariance at every lag, by FFT."""
    n = len(x)
    x = x - x.mean()
    size = 1 << (2 * n - 1).bit_length()
    f = np.fft.rfft(x, size)
    return np.fft.irfft(f * np.conj(f), size)[:n] / n


def split_chains(draws: np.ndarray) -> np.ndarray:
    """(chains, draws) -> (2*chains, draws//2)."""
    half = draws.shape[1] // 2
    return np.concatenate([draws[:, :half], draws[:, half : 2 * half]], axis=0)


def split_rhat(draws: np.ndarray) -> float:
    chains = split_chains(np.atleast_2d(draws))
    n = chains.shape[1]
    within = chains.var(axis=1, ddof=1).mean()
    between = n * chains.mean(axis=1).var(ddof=1)
    if within == 0:
        return 1.0 if between == 0 else math.inf
    var_plus = (n - 1) / n * within + between / n
    return float(math.sqrt(var_plus / within))


def effective_sample_size(draws: np.ndarray) -> float:
    chains = split_chains(np.atleast_2d(draws))
    m, n = chains.shape
    acov = np.array([_autocov(c) for c in chains])
    within = acov[:, 0].mean() * n / (n - 1)
    if within == 0:
        return float(m * n)
    var_plus = within * (n - 1) / n + chains.mean(axis=1).var(ddof=1)
    rho = 1.0 - (within - acov.mean(axis=0)) / var_plus
    rho[0] = 1.0
    # Geyer: sum consecutive pairs while positive, keeping the pair sums non-increasing.
    total, previous = 0.0, math.inf
    for t in range(0, n - 1, 2):
        pair = rho[t] + rho[t + 1]
        if pair <= 0:
            break
        pair = min(pair, previous)
        total += pair
        previous = pair
    tau = max(-1.0 + 2.0 * total, 1.0 / math.log10(m * n + 10))
    return float(m * n / tau)


def geweke(chain: np.ndarray, first: float = 0.1, last: float = 0.5) -> float:
    """z-score of the difference between early and late means."""
    n = len(chain)
    a, b = chain[: int(first * n)], chain[int((1 - last) * n) :]

    def var_of_mean(x: np.ndarray) -> float:
        ess = effective_sample_size(x[None, :]) if len(x) > 3 else len(x)
        return float(x.var(ddof=1) / max(ess, 1.0)) if len(x) > 1 else 0.0

    denom = math.sqrt(var_of_mean(a) + var_of_mean(b))
    if denom == 0:
        return 0.0
    return float((a.mean() - b.mean()) / denom)


def summarize(draws: np.ndarray) -> tuple[dict[str, float | list[float]], list[str]]:
    """Diagnostics for (chains, draws) and plain-language warnings when they are poor."""
    draws = np.atleast_2d(np.asarray(draws, dtype=float))
    rhat = split_rhat(draws)
    ess = effective_sample_size(draws)
    z = [geweke(chain) for chain in draws]
    info: dict[str, float | list[float]] = {
        "chains": float(draws.shape[0]),
        "draws_per_chain": float(draws.shape[1]),
        "split_rhat": rhat,
        "ess": ess,
        "geweke_z": z,
    }
    warnings = []
    if not rhat <= RHAT_LIMIT:
        warnings.append(
            f"the sampler has not converged (split R-hat {rhat:.3f} > {RHAT_LIMIT}): run "
            "longer (more burn-in and samples) before relying on this estimate"
        )
    if ess < MIN_ESS:
        warnings.append(
            f"few effective draws ({ess:.0f} < {MIN_ESS}): the interval is itself uncertain; "
            "run longer or thin more"
        )
    if any(abs(v) > GEWEKE_LIMIT for v in z):
        warnings.append("Geweke test: early and late draws differ; the burn-in may be too short")
    return info, warnings
