"""The Splink model for victim records: comparisons, blocking rules, training plan.

Everything is plain SQL that DuckDB and Spark both run natively: no Python function is
called per pair. The cross-script work (Jaafari / Ja'fari / Jafari / جعفری) is done once
per record in Python (`gavah.core.victims.keys`: folded spelling, Latin
transliteration, consonant key of the whole name, of each word and of the words
sorted); pairs are then compared on those forms with equality and a normalised
Levenshtein similarity. Levels are ordered from the strongest agreement down; the m
probabilities given here are starting values that EM training replaces, and remain in
force for a level the data never shows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Parameters:
    """What a run was asked to do; stored with the run so that it can be repeated."""

    # Pairs at or above join records into one person. Chosen on the development
    # simulations (bench/bench_hard_linkage.py, seeds 101-103, 4 x 5,000) with
    # one_per_list and calibrate_prior on: the lowest that kept precision >= 0.97.
    threshold: float = 0.6
    # Pairs in [review_low, threshold) go to the review queue. 0.1 on calibrated
    # probabilities is about where 0.3 was on the rules' prior at 4 x 5,000 (odds 4-5
    # times lower): the queue holds the same pairs, not fewer.
    review_low: float = 0.1
    floor: float = 0.05  # pairs below are not stored
    birth_year_tolerance: int = 3
    one_per_list: bool = True  # a chain of pairs never puts one list's two records together
    tf_birth_year: bool = False  # term-frequency adjust the same year of birth
    recall: float = 0.5  # assumed recall of the deterministic rules that set the prior
    # Re-estimate that prior from the scored pairs (scoring.calibrated_prior): the rules
    # count namesakes as matches, more so the larger and more name-sharing the lists.
    calibrate_prior: bool = True
    u_max_pairs: float = 1e6
    # EM sessions on a block larger than this train on a seeded sample of its records
    # (Splink's max_pairs): the name-key block alone was 45 million pairs at 100,000
    # records. At 4 x 5,000 the blocks are smaller (1.9 million), so nothing changes there.
    em_max_pairs: float = 5e6
    seed: int = 42
    # Each rule keeps blocks small on real lists, where surnames are diverse and given
    # names are not (a rule on the given name alone would pair every two Mohammads).
    # Where many people share a name no rule rests on the name alone either: the name
    # key by itself, the surname with the father's key, and the swapped names made 85%
    # of the candidate pairs at 4 x 5,000 and 104 of 122 million at 100,000 records,
    # which DuckDB materialises; each now needs a second field (bench/blocking_pairs.py,
    # bench/RESULTS.md, issue 17). On the development simulations the pairs that agree
    # on the name and on nothing else another rule sees scored too low to be linked
    # among namesakes: the same pairs are linked as before.
    blocking: tuple[str, ...] = (
        "l.name_key = r.name_key AND l.father_key = r.father_key",
        "l.name_key = r.name_key AND l.birth_year = r.birth_year",
        "l.name_key = r.name_key AND l.prison_key = r.prison_key",
        "l.name_last = r.name_last AND l.father_key = r.father_key "
        "AND l.prison_key = r.prison_key",
        "l.name_last = r.name_last AND l.birth_year = r.birth_year",
        "l.name_first = r.name_first AND l.father_key = r.father_key "
        "AND l.birth_year = r.birth_year",
        # Surname written first in one list, given name first in another.
        "l.name_first = r.name_last AND l.name_last = r.name_first "
        "AND l.birth_year = r.birth_year",
        "l.name_first = r.name_last AND l.name_last = r.name_first "
        "AND l.father_key = r.father_key",
        # One word of the name badly misspelt or replaced: the other word and the date.
        "l.name_last = r.name_last AND l.death_start = r.death_start",
        "l.name_first = r.name_first AND l.death_start = r.death_start",
        # Names unrecognisable, everything else the same.
        "l.birth_year = r.birth_year AND l.death_start = r.death_start AND l.prison = r.prison",
    )
    training: tuple[str, ...] = (
        "l.name_key = r.name_key",
        "l.father_key = r.father_key AND l.birth_year = r.birth_year",
    )
    deterministic: tuple[str, ...] = (
        "l.name_latin = r.name_latin AND l.father_latin = r.father_latin",
        "l.name_key = r.name_key AND l.father_key = r.father_key "
        "AND l.birth_year = r.birth_year",
    )
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["blocking"] = list(self.blocking)
        out["training"] = list(self.training)
        out["deterministic"] = list(self.deterministic)
        return out


def _null(*columns: str) -> dict[str, Any]:
    test = " OR ".join(f'{c}_l IS NULL OR {c}_r IS NULL' for c in columns)
    return {"sql_condition": test, "label_for_charts": "missing", "is_null_level": True}


def _level(sql: str, label: str, m: float, u: float, tf: str | None = None) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label,
                             "m_probability": m, "u_probability": u}
    if tf:
        level["tf_adjustment_column"] = tf
        level["tf_adjustment_weight"] = 1.0
    return level


def _lev(left: str, right: str) -> str:
    """Normalised Levenshtein similarity (0..1) of two non-empty string columns, in SQL
    that DuckDB and Spark both run."""
    return (f"(1.0 - levenshtein({left}, {right}) / "
            f"greatest(length({left}), length({right})))")


def _key_sim(column: str) -> str:
    """How close two names' consonant keys are, as written or with the words sorted
    (so that "Hosseini Reza" meets "Reza Hosseini"): a typo or a transliteration the
    key classes do not merge changes one letter of a short string."""
    return (f"greatest({_lev(f'{column}_key_l', f'{column}_key_r')}, "
            f"{_lev(f'{column}_sorted_l', f'{column}_sorted_r')})")


def _one_word_close(column: str) -> str:
    """One word's key (given name or surname) the same and the other's one letter in
    five or more apart (a misspelt surname). Given names' keys are short (Ahmad "hmz",
    Mohammad "mhmz"): one letter apart there is another name, not a typo."""
    first = _lev(f"{column}_first_l", f"{column}_first_r")
    last = _lev(f"{column}_last_l", f"{column}_last_r")
    return (f"(({column}_first_l = {column}_first_r AND {last} >= 0.8) OR "
            f"({column}_last_l = {column}_last_r AND {first} >= 0.8))")


def name_comparison() -> dict[str, Any]:
    """Full name. Spelling and script variants of one name share its consonant key
    (Reza / Rida / رضا, Hossein / Husayn). Agreement on a name or key many people share
    is weaker evidence than on a rare one: term-frequency adjustments, whose baseline
    is each exact level's own u probability (so the key level holds every key match
    that is not also a same-spelling match). Below them, the words swapped or one word
    misspelt, then keys close, then somewhat close."""
    return {"output_column_name": "name", "comparison_description": "full name",
            "comparison_levels": [
                _null("name_fold"),
                _level('name_fold_l = name_fold_r', "same after Persian normalisation",
                       0.5, 0.002, tf="name_fold"),
                _level('name_key_l = name_key_r', "same consonant key", 0.4, 0.004,
                       tf="name_key"),
                _level(f"name_sorted_l = name_sorted_r OR {_one_word_close('name')} OR "
                       f"{_lev('name_latin_l', 'name_latin_r')} >= 0.9",
                       "words swapped, or a word the same and keys close", 0.05, 0.003),
                _level(f"{_key_sim('name')} >= 0.83", "keys close (>= 0.83)", 0.03, 0.01),
                _level(f"{_key_sim('name')} >= 0.7", "keys somewhat close (>= 0.7)",
                       0.02, 0.05),
                _level("ELSE", "different", 0.03, 0.935),
            ]}


def father_comparison() -> dict[str, Any]:
    """Father's name; a missing one is missing (the null level), never a disagreement."""
    return {"output_column_name": "father_name", "comparison_description": "father's name",
            "comparison_levels": [
                _null("father_fold"),
                _level('father_fold_l = father_fold_r', "same after normalisation",
                       0.6, 0.02, tf="father_fold"),
                _level('father_key_l = father_key_r', "same consonant key", 0.3, 0.02,
                       tf="father_key"),
                _level(f"father_latin_l = father_latin_r OR {_key_sim('father')} >= 0.8 "
                       f"OR {_lev('father_latin_l', 'father_latin_r')} >= 0.85",
                       "same transliteration or keys close (>= 0.8)", 0.05, 0.02),
                _level(f"{_key_sim('father')} >= 0.6 OR "
                       f"{_lev('father_latin_l', 'father_latin_r')} >= 0.75",
                       "keys or transliterations somewhat close", 0.02, 0.05),
                _level("ELSE", "different", 0.03, 0.89),
            ]}


def year_comparison(column: str, label: str, tolerance: int, tf: bool = False
                    ) -> dict[str, Any]:
    """With `tf`, the same year is weaker evidence in a year many share (a cohort)."""
    diff = f'abs({column}_l - {column}_r)'
    return {"output_column_name": column, "comparison_description": label,
            "comparison_levels": [
                _null(column),
                _level(f'{column}_l = {column}_r', "same year", 0.6, 0.05,
                       tf=column if tf else None),
                _level(f"{diff} <= 1", "within 1 year", 0.25, 0.1),
                _level(f"{diff} <= {tolerance}", f"within {tolerance} years", 0.1, 0.2),
                _level("ELSE", "further apart", 0.05, 0.65),
            ]}


def date_comparison(prefix: str, label: str) -> dict[str, Any]:
    """Dates are periods (a day, a month, a season, a year): same period, overlapping
    periods (a month containing the day), or years at most one apart. (No term-frequency
    adjustment: Splink adjusts only on an exact match of one column, and a period is
    two.)"""
    s, e, y = f"{prefix}_start", f"{prefix}_end", f"{prefix}_year"
    return {"output_column_name": prefix, "comparison_description": label,
            "comparison_levels": [
                _null(s),
                _level(f'{s}_l = {s}_r AND {e}_l = {e}_r', "same date", 0.6, 0.01),
                _level(f'{s}_l <= {e}_r AND {s}_r <= {e}_l', "periods overlap",
                       0.3, 0.1),
                _level(f'abs({y}_l - {y}_r) <= 1', "within a year", 0.07, 0.6),
                _level("ELSE", "further apart", 0.03, 0.29),
            ]}


def place_comparison(column: str, label: str) -> dict[str, Any]:
    return {"output_column_name": column, "comparison_description": label,
            "comparison_levels": [
                _null(column),
                _level(f"{column}_l = {column}_r OR {column}_key_l = {column}_key_r OR "
                       f"{_lev(f'{column}_l', f'{column}_r')} >= 0.85", "same place",
                       0.9, 0.3),
                _level("ELSE", "different place", 0.1, 0.7),
            ]}


def sex_comparison() -> dict[str, Any]:
    return {"output_column_name": "sex", "comparison_description": "sex",
            "comparison_levels": [
                _null("sex"),
                _level('sex_l = sex_r', "same", 0.97, 0.6),
                _level("ELSE", "different", 0.03, 0.4),
            ]}


def settings(params: Parameters) -> dict[str, Any]:
    """The Splink settings dictionary (before training)."""
    return {
        "link_type": "dedupe_only",  # one table of every list: within and across lists
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": 1e-4,
        "comparisons": [
            name_comparison(),
            father_comparison(),
            year_comparison("birth_year", "year of birth", params.birth_year_tolerance,
                            params.tf_birth_year),
            date_comparison("death", "date of death"),
            date_comparison("arrest", "date of arrest"),
            place_comparison("prison", "prison"),
            place_comparison("death_place", "place of death"),
            sex_comparison(),
        ],
        "blocking_rules_to_generate_predictions": list(params.blocking),
        "additional_columns_to_retain": ["list_name"],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "max_iterations": 25,
        "em_convergence": 1e-4,
    }


COLUMNS = ("unique_id", "list_name", "name", "name_fold", "name_latin", "name_key",
           "name_first", "name_last", "name_sorted", "father", "father_fold", "father_latin",
           "father_key", "father_first", "father_last", "father_sorted", "sex", "birth_year",
           "death_start", "death_end", "death_year", "arrest_start", "arrest_end",
           "arrest_year", "prison", "prison_key", "death_place", "death_place_key")
