"""The prior match probability re-estimated from scored pairs (issue 17)."""

from __future__ import annotations

import math

import numpy as np

from gavah.pipelines.victims.scoring import calibrated_prior, reweighted


def test_calibrated_prior_finds_the_share_of_matches() -> None:
    # FICTIONAL scores: 1,000 matching pairs among a million, 20,000 scored non-matches;
    # log2 Bayes factors well apart, as a trained model gives them.
    rng = np.random.default_rng(7)
    bayes = np.concatenate([rng.normal(14, 2, 1000), rng.normal(-3, 3, 20000)])
    truth = 1000 / 1e6
    rules = 10 * truth  # deterministic rules that counted namesakes as matches
    weights = bayes + math.log2(rules / (1 - rules))
    got = calibrated_prior(weights.tolist(), 1e6, rules)
    assert abs(got - truth) < 0.1 * truth
    # Starting from a prior too low ends at the same place.
    low = truth / 10
    again = calibrated_prior((bayes + math.log2(low / (1 - low))).tolist(), 1e6, low)
    assert abs(again - got) < 0.01 * got


def test_reweighted_keeps_the_bayes_factors() -> None:
    pairs = [(1, 2, 0.8, 2.0), (1, 3, 0.2, -2.0), (2, 3, 0.5, 0.0)]
    out = reweighted(pairs, 0.01, 0.01 / 4)  # odds about 4 times lower: 2 bits
    assert [(a, b) for a, b, *_ in out] == [(1, 2), (1, 3), (2, 3)]
    shift = math.log2(0.0025 / 0.9975) - math.log2(0.01 / 0.99)
    for (_, _, _, w), (_, _, p, w2) in zip(pairs, out, strict=True):
        assert abs(w2 - (w + shift)) < 1e-12
        assert abs(p - 1 / (1 + 2 ** -w2)) < 1e-12
    assert out[0][2] < 0.5 < 0.8  # a pair at 0.8 under the high prior is below 0.5 now
