"""Score record pairs with Splink: train the Fellegi-Sunter model (u by random
sampling, m by expectation maximisation), then predict match probabilities.

Independent of the gavah database, so the linkage benchmark runs it on its own data.
Splink's log messages are collected into the result's warnings rather than printed.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from gavah.core.errors import BadInput
from gavah.pipelines.victims.backends import arrow_table, database_api
from gavah.pipelines.victims.model import Parameters, settings

MIN_RECORDS = 2
M_FLOOR = 1e-3
# Bits of match weight below the floor that are predicted too: room for a calibrated
# prior up to 16 times the deterministic rules' one.
PRIOR_ROOM = 4.0


@dataclass
class Scored:
    pairs: list[tuple[int, int, float, float]]  # (a, b, probability, match weight), a < b
    model: dict[str, Any]  # the trained Splink settings: enough to score again
    training: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    splink_version: str = ""
    backend: str = "duckdb"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        if text and text not in self.messages:
            self.messages.append(text)


@contextmanager
def _splink_log() -> Iterator[_Collect]:
    logger = logging.getLogger("splink")
    handler = _Collect()
    old = (logger.level, logger.propagate, list(logger.handlers))
    logger.handlers = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield handler
    finally:
        logger.setLevel(old[0])
        logger.propagate = old[1]
        logger.handlers = old[2]


def score(features: list[dict[str, Any]], params: Parameters,
          backend: str = "duckdb") -> Scored:
    """Train on `features` (one dict per record, see keys.linkage_features) and
    return every pair above `params.floor`."""
    import splink
    from splink import Linker

    if len(features) < MIN_RECORDS:
        raise BadInput(f"linkage needs at least {MIN_RECORDS} records; there are "
                       f"{len(features)}")
    api = database_api(backend)
    table = arrow_table(features) if backend == "duckdb" else _spark_frame(api, features)
    frame = api.register(table, dataset_display_name="victim_records")
    result = Scored([], {}, splink_version=splink.__version__, backend=backend)
    with _splink_log() as log:
        linker = Linker(frame, settings(params), log_level=None)
        _prior(linker, params, len(features), result)
        # Small inputs fit in one sample: Splink's probing in chunks only costs time there.
        all_pairs = len(features) * (len(features) - 1) / 2
        linker.training.estimate_u_using_random_sampling(
            max_pairs=params.u_max_pairs, seed=params.seed,
            num_chunks=1 if all_pairs <= params.u_max_pairs else 10)
        for rule in params.training:
            result.training.append(_em(linker, rule, params.em_max_pairs))
        _floor_m(linker)
        prior = linker._settings_obj._probability_two_random_records_match
        # Predicted down to PRIOR_ROOM bits below the floor, so that pairs the calibrated
        # prior raises above the floor are there to be kept.
        predictions = linker.inference.predict(
            threshold_match_weight=_log2_odds(params.floor) - PRIOR_ROOM,
            warning_mode="never")
        pairs = _pairs(predictions, backend)
        if params.calibrate_prior and pairs:
            calibrated = calibrated_prior([w for *_, w in pairs], all_pairs, prior)
            pairs = reweighted(pairs, prior, calibrated)
            linker._settings_obj._probability_two_random_records_match = calibrated
            result.training.append({"blocking_rule": "(prior calibrated on the scored pairs)",
                                    "trained": True, "prior_deterministic_rules": prior,
                                    "prior_calibrated": calibrated})
        result.pairs = [p for p in pairs if p[2] >= params.floor]
        result.model = linker.misc.save_model_to_json()
    result.warnings += [m for m in log.messages if "not observed" not in m
                        and "default value for `max_pairs`" not in m]
    return result


def _prior(linker: Any, params: Parameters, n: int, result: Scored) -> None:
    """Probability that two random records match, from rules that rarely err. When
    they find nothing (tiny lists), assume each person is on about two records."""
    try:
        linker.training.estimate_probability_two_random_records_match(
            list(params.deterministic), recall=params.recall)
        lam = linker._settings_obj._probability_two_random_records_match
        if lam <= 0:
            raise ValueError("no deterministic matches")
    except ValueError as exc:
        lam = 1.0 / max(n - 1, 1)
        linker._settings_obj._probability_two_random_records_match = lam
        result.warnings.append(f"prior match probability set to 1/(records-1) = {lam:.3g}: "
                               f"{exc}")


def _log2_odds(p: float) -> float:
    return math.log2(p / (1.0 - p))


def calibrated_prior(weights: Sequence[float], all_pairs: float, prior: float,
                     iterations: int = 200) -> float:
    """The probability that two random records match, re-estimated from the scored pairs
    with the trained m and u held fixed: EM's update of the mixing proportion (Jaro 1989,
    JASA; Enamorado, Fifield and Imai 2019, APSR), lambda = sum of the pairs' match
    probabilities / all pairs, iterated to its fixed point. Pairs below the prediction
    threshold or outside the blocks count as 0.

    The deterministic rules that set the prior first count namesakes as matches: where
    many people share a name, a father's name and a year (four lists of 5,000 of the
    project's simulation) they put it 6 times too high, and every probability with it
    (pairs scored 0.8-0.85 were matches half the time). `weights` are Splink match
    weights under `prior`."""
    bayes = np.asarray(weights, dtype=float) - _log2_odds(prior)  # log2 Bayes factors
    lam = prior
    for _ in range(iterations):
        with np.errstate(over="ignore"):
            p = 1.0 / (1.0 + np.exp2(-(bayes + _log2_odds(lam))))
        new = float(min(max(p.sum() / max(all_pairs, 1.0), 1e-12), 0.5))
        if abs(new - lam) <= 1e-6 * lam:
            return new
        lam = new
    return lam


def reweighted(pairs: list[tuple[int, int, float, float]], prior: float, calibrated: float
               ) -> list[tuple[int, int, float, float]]:
    """The pairs' probabilities and weights under another prior (same Bayes factors)."""
    shift = _log2_odds(calibrated) - _log2_odds(prior)
    out = []
    for a, b, _, w in pairs:
        weight = w + shift
        out.append((a, b, 1.0 / (1.0 + 2.0 ** -weight) if weight > -1000 else 0.0, weight))
    return out


def _em(linker: Any, rule: str, max_pairs: float) -> dict[str, Any]:
    """One EM session. On small or very clean data EM can drive an m probability to
    exactly 0 (a level no match shows), which Splink refuses; the session is then
    repeated with fewer iterations, stopping before the estimate collapses."""
    from splink.internals.settings import TrainingSettings

    settings_obj = linker._settings_obj
    original = settings_obj.training_settings
    cap = original.max_iterations
    try:
        while True:
            # Splink 5.0 narrows the linker's own model to the session's comparisons and
            # restores it only when the session succeeds: keep a copy to put back.
            before = settings_obj.core_model_settings.copy()
            try:
                linker.training.estimate_parameters_using_expectation_maximisation(
                    rule, estimate_without_term_frequencies=True, max_pairs=max_pairs)
                out: dict[str, Any] = {"blocking_rule": rule, "trained": True,
                                       "max_iterations": cap}
                if cap < original.max_iterations:
                    out["note"] = (f"stopped after at most {cap} iteration(s): more drove an "
                                   "m probability to zero")
                return out
            except Exception as exc:
                settings_obj.core_model_settings = before
                if "m_probability value 0.0" not in str(exc) or cap <= 1:
                    raise
                cap = max(1, cap // 3)
                settings_obj.training_settings = TrainingSettings(
                    em_convergence=original.em_convergence, max_iterations=cap)
    except Exception as exc:  # Splink raises several kinds when a block has no pairs
        return {"blocking_rule": rule, "trained": False,
                "error": " ".join(str(exc).split())[:300]}
    finally:
        settings_obj.training_settings = original


def _floor_m(linker: Any) -> None:
    """No single disagreeing field may veto a match outright: lists mistype fathers'
    names and years. EM on clean data drives such m probabilities towards 0; they are
    raised to M_FLOOR (a Bayes factor of about 1/1000 against, not 0)."""
    for comparison in linker._settings_obj.core_model_settings.comparisons:
        for level in comparison._comparison_levels_excluding_null:
            m = level.m_probability
            if m is not None and m < M_FLOOR:
                level.m_probability = M_FLOOR


def _pairs(predictions: Any, backend: str) -> list[tuple[int, int, float, float]]:
    if backend == "duckdb":
        rows = predictions.as_duckdbpyrelation().select(
            "unique_id_l, unique_id_r, match_probability, match_weight").fetchall()
    else:
        frame = predictions.as_spark_dataframe().select(
            "unique_id_l", "unique_id_r", "match_probability", "match_weight")
        rows = [tuple(r) for r in frame.collect()]
    out = []
    for a, b, p, w in rows:
        a, b = int(a), int(b)
        out.append((min(a, b), max(a, b), float(p), float(w)))
    out.sort()
    return out


def _spark_frame(api: Any, features: list[dict[str, Any]]) -> Any:
    return api.spark.createDataFrame(arrow_table(features).to_pandas())
