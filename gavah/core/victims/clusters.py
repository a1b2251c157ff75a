"""Persons from linked pairs, under reviewers' decisions.

Reviewers' decisions are constraints, not edits: "same" joins two records whatever
the model says (must-link), "different" keeps them in different persons even when a
chain of likely pairs would join them (cannot-link). Pairs are merged strongest
first, and a merge that would put two records a reviewer called different into one
person is refused. The outcome depends only on the pairs and decisions given, so a
re-run with the same inputs gives the same persons.

One list names a person once, as a rule: when records' lists are given, a merge that
would put two records of one list into one person is refused unless those two records
are themselves joined directly (a pair at or above the threshold, or a "same"
decision): a list's own duplicate stays possible, a chain through other lists does
not make one (Sadinle 2017's bipartite constraint, relaxed for duplicates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Decision:
    a: int
    b: int
    same: bool


@dataclass
class Clustering:
    person_of: dict[int, int]  # record id -> person id (the smallest record id in it)
    refused: list[tuple[int, int]] = field(default_factory=list)  # likely pairs kept apart
    conflicts: list[tuple[int, int]] = field(default_factory=list)  # "same" decisions refused

    @property
    def persons(self) -> int:
        return len(set(self.person_of.values()))

    def members(self) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for record, person in sorted(self.person_of.items()):
            out.setdefault(person, []).append(record)
        return out


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def latest_decisions(decisions: Iterable[Decision]) -> dict[tuple[int, int], bool]:
    """The decision in force for each pair: the last one made (decisions come in order)."""
    out: dict[tuple[int, int], bool] = {}
    for d in decisions:
        out[pair(d.a, d.b)] = d.same
    return out


class _Groups:
    def __init__(self, ids: Iterable[int]) -> None:
        self.parent = {i: i for i in ids}
        self.members = {i: {i} for i in self.parent}
        self.cannot: dict[int, set[int]] = {i: set() for i in self.parent}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def forbid(self, a: int, b: int) -> None:
        self.cannot[self.find(a)].add(b)
        self.cannot[self.find(b)].add(a)

    def join(self, a: int, b: int, list_of: Mapping[int, str] | None = None,
             direct: set[tuple[int, int]] | None = None) -> bool | None:
        """True when joined, None when already together, False when forbidden."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        if self.cannot[ra] & self.members[rb] or self.cannot[rb] & self.members[ra]:
            return False
        if list_of is not None and not self._lists_allow(ra, rb, list_of, direct or set()):
            return False
        self.parent[rb] = ra
        self.members[ra] |= self.members.pop(rb)
        self.cannot[ra] |= self.cannot.pop(rb)
        return True

    def _lists_allow(self, ra: int, rb: int, list_of: Mapping[int, str],
                     direct: set[tuple[int, int]]) -> bool:
        on: dict[str, list[int]] = {}
        for x in self.members[ra]:
            on.setdefault(list_of.get(x, ""), []).append(x)
        for y in self.members[rb]:
            for x in on.get(list_of.get(y, ""), ()):
                if pair(x, y) not in direct:
                    return False
        return True


def cluster(ids: Iterable[int], pairs: Iterable[tuple[int, int, float]], threshold: float,
            decisions: Sequence[Decision] = (), list_of: Mapping[int, str] | None = None
            ) -> Clustering:
    """Group records into persons: decisions, then pairs at or above `threshold`,
    strongest first; with `list_of` (record -> list), one list names a person once
    unless a direct pair or decision says otherwise."""
    groups = _Groups(ids)
    in_force = latest_decisions(d for d in decisions
                                if d.a in groups.parent and d.b in groups.parent)
    for (a, b), same in in_force.items():
        if not same:
            groups.forbid(a, b)
    result = Clustering({})
    for (a, b), same in in_force.items():
        if same and groups.join(a, b) is False:
            result.conflicts.append((a, b))
    likely = sorted(((pair(a, b), p) for a, b, p in pairs
                     if p >= threshold and a in groups.parent and b in groups.parent),
                    key=lambda x: (-x[1], x[0]))
    direct = {k for k, _ in likely} | {k for k, same in in_force.items() if same} \
        if list_of is not None else None
    for (a, b), _ in likely:
        if (a, b) in in_force:
            continue
        if groups.join(a, b, list_of, direct) is False:
            result.refused.append((a, b))
    for i in groups.parent:
        root = groups.find(i)
        result.person_of[i] = min(groups.members[root])
    return result
