"""Offline language detection for the languages gavah extracts from: English, Persian,
Arabic; anything else is "other" (letters in another script or a Latin-script text
without English function words) or "unknown" (too few letters to tell).

Persian and Arabic share a script; they are told apart by letters only Persian uses
(پ چ ژ گ and the Persian forms ی ک), letters only Arabic uses (ة ي ك ى and hamza seats)
and a few very frequent function words of each. Counting is done by regular expressions
so the cost stays small next to extraction.
"""

from __future__ import annotations

import re
import string

from gavah.core.extract.model import Language

_SAMPLE = 40_000  # characters read: beyond this more text adds cost, not certainty
_ARABIC = re.compile(
    r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+"
)
_HEBREW = re.compile(r"[\u05d0-\u05ea]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_LETTERS = string.ascii_letters.encode()
_EN = frozenset(
    [
        "the",
        "and",
        "of",
        "to",
        "in",
        "is",
        "that",
        "was",
        "for",
        "on",
        "with",
        "as",
        "by",
        "said",
        "at",
        "from",
        "are",
        "were",
        "has",
        "have",
    ]
)
_FA = frozenset(
    [
        "و",
        "در",
        "به",
        "از",
        "که",
        "این",
        "را",
        "با",
        "است",
        "برای",
        "آن",
        "می",
        "یک",
        "تا",
        "شد",
        "بود",
        "هم",
        "شده",
    ]
)
_AR = frozenset(
    [
        "في",
        "من",
        "على",
        "إلى",
        "أن",
        "التي",
        "الذي",
        "عن",
        "مع",
        "هذا",
        "هذه",
        "كان",
        "قال",
        "وقد",
        "بين",
        "ما",
    ]
)


def _english_words(sample: str, runs: dict[str, list[int]] | None) -> tuple[int, int]:
    """(words, English function words) of the sample; `runs` (its `letter_runs`, lower
    case) counts an ASCII sample's words without reading it again."""
    if runs is not None and sample.isascii():
        return (sum(len(at) for at in runs.values()),
                sum(len(at) for word, at in runs.items() if word in _EN))
    words = _WORD.findall(sample.lower())
    return len(words), sum(w in _EN for w in words)


def detect_language(text: str, runs: dict[str, list[int]] | None = None) -> Language:
    """`runs`: `letter_runs` of the folded text, when the caller has it."""
    sample = text[:_SAMPLE]
    if len(text) > _SAMPLE:
        runs = None  # they count the whole text, not the sample
    runs_of_letters: list[str] | None = None
    if sample.isascii():  # the same counts, without three scans: every letter is Latin
        total = len(sample) - len(sample.encode().translate(None, _ASCII_LETTERS))
        counts = {"arabic": 0, "hebrew": 0, "latin": total}
    else:  # letters counted by the run: fewer matches than letters, the same count
        runs_of_letters = _WORD.findall(sample)
        total = sum(map(len, runs_of_letters))
        counts = {
            "arabic": sum(map(len, _ARABIC.findall(sample))),
            "hebrew": sum(map(len, _HEBREW.findall(sample))),
            "latin": sum(map(len, _LATIN.findall(sample))),
        }
    counts["other"] = max(0, total - sum(counts.values()))
    counts = {k: v for k, v in counts.items() if v}
    scripts = {k: round(v / total, 3) for k, v in sorted(counts.items())} if total else {}
    if total < 3:
        return Language("unknown", 0.0, scripts)
    main = max(sorted(counts), key=lambda k: counts[k])
    share = counts[main] / total
    if main == "arabic":
        # Lower-casing keeps every character's being a letter and, but for İ, its length:
        # the runs of the lower-cased sample are those of the sample, and the Persian and
        # Arabic words counted have no case (the runs already read count them the same)
        words = (runs_of_letters if runs_of_letters is not None and "\u0130" not in sample
                 else _WORD.findall(sample.lower()))
        fa_score = sum(sample.count(c) for c in "پچژگیک") + 3 * sum(w in _FA for w in words)
        ar_score = sum(sample.count(c) for c in "ةيكىأإؤ") + 3 * sum(w in _AR for w in words)
        code = "fa" if fa_score >= ar_score else "ar"
        margin = abs(fa_score - ar_score) / max(1, fa_score + ar_score)
        return Language(code, round(share * (0.5 + 0.5 * margin), 2), scripts)
    if main == "latin":
        count, english = _english_words(sample, runs)
        en_share = english / max(1, count)
        if en_share >= 0.08 or (count < 8 and en_share > 0):
            return Language("en", round(share * min(1.0, 0.5 + 3 * en_share), 2), scripts)
        return Language("other" if count >= 8 else "unknown", round(share * 0.5, 2), scripts)
    return Language("other", round(share, 2), scripts)
