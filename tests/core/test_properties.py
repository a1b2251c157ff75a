"""Property tests of the parsers of user input (search syntax, dates, figures, names):
any text gives an answer or a clear BadInput, never a crash, and what they produce holds
its promises (an FTS5 expression SQLite accepts, a period that does not end before it
starts, a similarity in 0..1 that does not depend on the order asked). Bounded: a few
hundred examples each, no deadline (the first calls compile patterns)."""

from __future__ import annotations

import math
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gavah.core import search_query
from gavah.core.dates import find_dates, parse_date, read_date
from gavah.core.errors import BadInput
from gavah.core.figures import compatible, counts_key, describe, interval, same_count
from gavah.core.names import name_key, name_similarity

BOUNDED = settings(max_examples=300, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow])
# Text as people type it here: Latin, Persian/Arabic letters and digits, the search
# syntax's own characters, and anything else Unicode has.
ALPHABET = st.sampled_from(list('abcXYZ019 -*"()\'OR:.,/%_') + list("دشتآبادیكيۀ۱۳۶۷٢٣\u200c")
                           + ["²", "\x00", "\u202e", "\\"])
TYPED = st.one_of(st.text(ALPHABET, max_size=40), st.text(max_size=40))


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    db.execute("INSERT INTO t VALUES ('FICTIONAL Dashtabad register دشت‌آباد ۱۳۶۷')")
    return db


@BOUNDED
@given(text=TYPED)
def test_search_syntax_gives_a_query_sqlite_accepts_or_bad_input(
        fts: sqlite3.Connection, text: str) -> None:
    try:
        query = search_query.parse(text)
    except BadInput:
        return
    assert query.groups and all(any(not t.negated for t in g) for g in query.groups)
    fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (search_query.to_fts5(query),))
    tsquery = search_query.to_tsquery(query)
    assert tsquery.count("'") % 2 == 0  # every token quoted, none breaking out


@BOUNDED
@given(text=TYPED)
def test_dates_are_read_or_refused_never_crash(text: str) -> None:
    found = parse_date(text)
    if found is not None and found.valid:
        assert found.iso_start is not None and found.iso_end is not None
        assert found.iso_start <= found.iso_end
    for mention in find_dates(text):
        assert 0 <= mention.start <= mention.end <= len(text)
    try:
        read_date(text, "date")
    except BadInput as error:
        assert error.field == "date"


FIGURES = st.fixed_dictionaries({
    "value": st.one_of(st.none(), st.integers(0, 10**7)),
    "min": st.one_of(st.none(), st.integers(0, 10**7)),
    "max": st.one_of(st.none(), st.integers(0, 10**7)),
    "qualifier": st.sampled_from(["exact", "range", "at least", "more than", "up to",
                                  "fewer than", "about", "nearly", "vague", None]),
    "counts": st.one_of(st.none(), TYPED)})


@BOUNDED
@given(a=FIGURES, b=FIGURES)
def test_figures_read_as_intervals(a: dict, b: dict) -> None:
    for figure in (a, b):
        low, high = interval(figure)
        assert low >= 0 and not math.isnan(high)
        assert isinstance(describe(figure), str)
    assert compatible(a, b) == compatible(b, a)
    key = counts_key(a["counts"])
    if key:
        assert same_count(key, key)


@BOUNDED
@given(a=TYPED, b=TYPED)
def test_name_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    name_key(a)
    score = name_similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert math.isclose(score, name_similarity(b, a), abs_tol=1e-3)
