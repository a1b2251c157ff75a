"""`gavah victims link`: score pairs with Splink, cluster them into persons under the
reviewers' decisions, and store the run so that it can be repeated and checked.

A run stores its parameters, the trained model (Splink settings JSON), the Splink
version and the SHA-256 of its input features; its pairs above the floor; which
person each record belongs to; and a custody entry. `person_id` on each record is
then set from the run: derived state, recomputed by every run.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from gavah.core.custody import utc_now
from gavah.core.errors import BadInput
from gavah.core.victims.clusters import Clustering, cluster
from gavah.core.victims.keys import linkage_features
from gavah.pipelines.victims.backends import BACKENDS
from gavah.pipelines.victims.model import Parameters
from gavah.pipelines.victims.scoring import Scored, score
from gavah.store import victim_links as links
from gavah.store import victims as store
from gavah.store.workspace import Workspace


@dataclass
class LinkReport:
    run_id: int
    backend: str
    splink_version: str
    records: int
    pairs: int
    persons: int
    linked: int  # records that share their person with another record
    review: int
    threshold: float
    review_low: float
    training: list[dict[str, Any]] = field(default_factory=list)
    refused: list[list[int]] = field(default_factory=list)
    conflicts: list[list[int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def check(params: Parameters, backend: str) -> None:
    if backend not in BACKENDS:
        raise BadInput(f"{backend!r} is not one of {', '.join(BACKENDS)}", field="backend")
    if not 0.0 < params.threshold < 1.0:
        raise BadInput(f"the threshold {params.threshold} must be between 0 and 1",
                       field="threshold")
    if not 0.0 < params.review_low <= params.threshold:
        raise BadInput(f"the lower bound for review {params.review_low} must be above 0 and "
                       f"at most the threshold {params.threshold}", field="review_low")
    if not 0.0 <= params.floor <= params.review_low:
        raise BadInput(f"the pair floor {params.floor} must be between 0 and the lower "
                       f"bound for review {params.review_low}", field="floor")


def features_of(ws: Workspace) -> list[dict[str, Any]]:
    with ws.db.read() as session:
        return [linkage_features(store.record_dict(r)) for r in store.iter_records(session)]


def digest(features: list[dict[str, Any]]) -> str:
    """SHA-256 of the input, so a reproduction can show it linked the same records."""
    text = json.dumps(features, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def link(ws: Workspace, actor: str, params: Parameters | None = None,
         backend: str = "duckdb") -> LinkReport:
    params = params or Parameters()
    check(params, backend)
    started = utc_now()
    features = features_of(ws)
    if not features:
        raise BadInput("no victim records to link; import lists first with "
                       "`gavah victims import`")
    scored = score(features, params, backend)
    with ws.db.read() as session:
        decisions = links.as_constraints(links.decisions(session))
    ids = [f["unique_id"] for f in features]
    list_of = {f["unique_id"]: f["list_name"] for f in features} \
        if params.one_per_list else None
    clustering = cluster(ids, [(a, b, p) for a, b, p, _ in scored.pairs], params.threshold,
                         decisions, list_of)
    return _store(ws, actor, params, backend, started, features, scored, clustering)


def _store(ws: Workspace, actor: str, params: Parameters, backend: str, started: str,
           features: list[dict[str, Any]], scored: Scored, clustering: Clustering
           ) -> LinkReport:
    review = [(a, b) for a, b, p, _ in scored.pairs if params.review_low <= p < params.threshold]
    persons = clustering.members()
    report = LinkReport(
        run_id=0, backend=backend, splink_version=scored.splink_version,
        records=len(features), pairs=len(scored.pairs), persons=len(persons),
        linked=sum(len(m) for m in persons.values() if len(m) > 1), review=len(review),
        threshold=params.threshold, review_low=params.review_low, training=scored.training,
        refused=[list(p) for p in clustering.refused],
        conflicts=[list(p) for p in clustering.conflicts], warnings=list(scored.warnings))
    for t in scored.training:
        if not t["trained"]:
            report.warnings.append(f"EM training blocked on {t['blocking_rule']!r} did not "
                                   f"run: {t['error']}")
    if clustering.conflicts:
        report.warnings.append(f"{len(clustering.conflicts)} 'same' decision(s) conflict "
                               "with 'different' decisions and were not applied")
    input_sha = digest(features)
    review_set = set(review)
    with ws.db.write() as session:
        entry = ws.custody.append(session, actor, "victims-linked", None, {
            "backend": backend, "splink_version": scored.splink_version,
            "records": report.records, "pairs": report.pairs, "persons": report.persons,
            "review": report.review, "input_sha256": input_sha,
            "threshold": str(params.threshold), "review_low": str(params.review_low),
        })
        report.run_id = links.add_run(
            session, started_at=started, finished_at=utc_now(), actor=actor,
            backend=backend, splink_version=scored.splink_version,
            threshold=params.threshold, review_low=params.review_low,
            review_high=params.threshold,
            parameters_json=json.dumps(params.to_dict(), sort_keys=True),
            settings_json=json.dumps(scored.model, sort_keys=True, default=str),
            input_sha256=input_sha, records=report.records, pairs=report.pairs,
            persons=report.persons, review=report.review,
            warnings_json=json.dumps(report.warnings, ensure_ascii=False),
            custody_seq=entry.seq)
        links.add_pairs(session, report.run_id, [
            {"record_a": a, "record_b": b, "probability": p, "match_weight": w,
             "in_review": (a, b) in review_set} for a, b, p, w in scored.pairs])
        links.add_clusters(session, report.run_id, clustering.person_of)
        store.set_persons(session, report.run_id, clustering.person_of)
    return report


def parameters(threshold: float | None = None, review_low: float | None = None,
               **extra: Any) -> Parameters:
    """Defaults with the user's choices applied (CLI and web share this)."""
    params = Parameters()
    if threshold is not None:
        params = replace(params, threshold=threshold,
                         review_low=min(params.review_low, threshold))
    if review_low is not None:
        params = replace(params, review_low=review_low)
    if params.floor > params.review_low:
        params = replace(params, floor=params.review_low)
    return replace(params, **extra) if extra else params
