import pytest

from gavah.core.errors import BadInput
from gavah.core.search_query import index_form, parse, to_fts5, to_tsquery


def test_words_phrases_or_and_exclusion() -> None:
    q = parse('evin "death commission" OR gohardasht -rumour prison*')
    assert to_fts5(q) == '("evin" AND "death commission") OR (("gohardasht" AND "prison"*) ' \
        'NOT "rumour")'
    assert to_tsquery(q) == "('evin' & ('death' <-> 'commission')) | " \
        "('gohardasht' & !'rumour' & 'prison':*)"


def test_query_is_folded_like_the_index() -> None:
    q = parse("رييسي ۱۳۶۷")
    assert q.positive_tokens == ["رییسی", "1367"]


def test_hostile_query_text_never_reaches_the_database_syntax() -> None:
    q = parse("a\" OR 1=1; DROP TABLE items; -- NEAR(x y) ')")
    rendered = to_fts5(q) + to_tsquery(q)
    for bad in (";", "'--", "DROP TABLE", "NEAR("):
        assert bad not in rendered.upper().replace("'DROP' <-> ", "")


def test_empty_or_only_excluded_queries_are_refused() -> None:
    with pytest.raises(BadInput):
        parse("  ,,, ")
    with pytest.raises(BadInput):
        parse("-only")


def test_zwnj_words_are_indexed_joined_and_split() -> None:
    form = index_form("زندان دشت‌آباد")
    assert "دشتاباد" in form.split()
    assert "دشت اباد" in form
    alternatives = to_fts5(parse("دشت آباد"))
    assert '"دشتاباد"' in alternatives
