import random
import string

import pytest

from gavah.core.errors import BadInput
from gavah.core.search_query import index_form, index_tokens, parse, to_fts5, to_tsquery


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


def test_ascii_text_is_indexed_with_the_same_tokens_as_any_other() -> None:
    rng = random.Random(3)
    alphabet = string.printable + "_"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert index_form(text) == " ".join(index_tokens(text)), repr(text)
    # one non-ASCII letter takes the general path; the tokens agree all the same
    assert index_form("Evin_prison (1988) 'Kh\u0101var\u0101n'") == "evin prison 1988 khavaran"
