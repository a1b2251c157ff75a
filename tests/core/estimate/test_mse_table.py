"""Capture-history tables: building, viewing, subsetting, refusing bad input."""

import subprocess
import sys

import numpy as np
import pytest

from gavah.core.errors import BadInput
from gavah.core.estimate import CaptureTable, tables_by_stratum


def test_from_memberships_counts_each_pattern():
    rows = [{"A"}, {"A", "B"}, {"B", "A"}, {"C"}, {"A", "B", "C"}]
    table = CaptureTable.from_memberships(rows)
    assert table.lists == ("A", "B", "C")
    assert table.documented == 5
    assert table.count({"A", "B"}) == 2
    assert table.count({"A"}) == 1
    assert table.count({"B"}) == 0
    assert table.list_sizes() == {"A": 4, "B": 3, "C": 2}
    assert table.cells()[0] == (("A", "B"), 2)


def test_explicit_list_order_is_kept():
    table = CaptureTable.from_memberships([{"A"}, {"B"}, {"C"}], lists=["C", "B", "A"])
    assert table.lists == ("C", "B", "A")
    assert table.count({"C"}) == 1


def test_patterns_and_observed_are_aligned():
    table = CaptureTable.from_counts(["A", "B", "C"], {(1, 0, 1): 7, (0, 1, 0): 3})
    pats, obs = table.patterns(), table.observed()
    assert pats.shape == (7, 3)
    assert obs[(pats == [1, 0, 1]).all(axis=1)][0] == 7
    assert obs.sum() == 10


@pytest.mark.parametrize(
    ("rows", "lists", "message"),
    [
        ([{"A"}, set()], ["A", "B", "C"], "person 2: on no list"),
        ([{"A"}, {"B"}], None, "at least 3 lists"),
        ([{"A"}, {"Z"}], ["A", "B", "C"], "person 2: unknown list(s) Z"),
        ([{"A"}], ["A", "A", "B"], "named twice"),
        ([], ["A", "B", "C"], "empty"),
    ],
)
def test_bad_memberships_are_refused(rows, lists, message):
    with pytest.raises(BadInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        CaptureTable.from_memberships(rows, lists)


def test_unobservable_cell_cannot_hold_anyone():
    with pytest.raises(BadInput, match="on no list"):
        CaptureTable.from_counts(["A", "B", "C"], {(0, 0, 0): 4, (1, 0, 0): 1})


def test_subset_collapses_dropped_lists_and_their_only_members():
    table = CaptureTable.from_counts(
        ["A", "B", "C", "D"],
        {(1, 0, 0, 0): 5, (1, 0, 0, 1): 2, (0, 0, 0, 1): 4, (0, 1, 1, 1): 3, (0, 1, 1, 0): 1},
    )
    sub = table.subset(["C", "B", "A"])
    assert sub.lists == ("C", "B", "A")
    assert sub.count({"A"}) == 7  # A only, plus A+D
    assert sub.count({"B", "C"}) == 4
    assert sub.documented == table.documented - 4  # D-only people are now unseen


@pytest.mark.parametrize(
    ("lists", "message"), [(["A", "B"], "at least 3"), (["A", "B", "X"], "unknown list")]
)
def test_subset_refuses_bad_lists(lists, message):
    table = CaptureTable.from_memberships([{"A"}, {"B"}, {"C"}, {"D"}])
    with pytest.raises(BadInput, match=message):
        table.subset(lists)


def test_to_csv_round_trips_through_the_reader():
    from gavah.core.estimate import read_table_csv

    table = CaptureTable.from_counts(["A", "B", "C"], {(1, 1, 0): 4, (0, 0, 1): 9, (1, 1, 1): 2})
    again = read_table_csv(table.to_csv())
    assert again.lists == table.lists
    assert np.array_equal(again.counts, table.counts)


def test_tables_by_stratum_keeps_people_without_a_stratum():
    rows = [({"A"}, "Evin"), ({"A", "B"}, "Evin"), ({"C"}, "Gohardasht"), ({"B"}, None)]
    tables = tables_by_stratum(rows)
    assert set(tables) == {"Evin", "Gohardasht", "(missing)"}
    assert all(t.lists == ("A", "B", "C") for t in tables.values())
    assert tables["Evin"].documented == 2
    assert sum(t.documented for t in tables.values()) == 4


def test_core_estimate_imports_no_outer_layer():
    outer = "('gavah.store', 'gavah.pipelines', 'gavah.cli')"
    code = (
        "import sys, gavah.core.estimate;"
        f"bad = [m for m in sys.modules if m.startswith({outer})];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=".")


def test_tables_by_stratum_numbers_bad_people_across_strata():
    rows = [({"A"}, "x"), ({"B"}, "y"), ({"C"}, "x"), (set(), "y")]
    with pytest.raises(BadInput, match="person 4: on no list"):
        tables_by_stratum(rows, ["A", "B", "C"])
