"""Name matching across spelling and script variants (Persian, Arabic, Latin).

A name is turned into a sequence of phonetic symbols: consonant classes plus vowels
that carry how sure we are of them. Persian and Arabic script write long vowels only
(ا و ی), and و / ی are each either a consonant (v, y) or a vowel (u, i), so script
symbols may be ambiguous ("W" = v or u); Latin transliterations write short vowels
too but inconsistently (Mohammad / Muhammad / Mohamed), so a Latin short vowel costs
little to drop while a sure long vowel ("ee", "ou") costs a lot.

- `name_key`: the consonant skeleton, identical for most variants (Raisi, Raeesi and
  رئیسی all give "rs"); for blocking and indexing, not for deciding.
- `name_similarity`: 0..1 from a weighted alignment of the symbol sequences; this is
  what tells Hosseini from Hassani although both have the key "hsn".
"""

from __future__ import annotations

import re
from functools import lru_cache

from gavah.core.text import fold

MATCH_THRESHOLD = 0.85  # similarity at or above which two names are suggested as one

Sym = tuple[str, float]  # (class, cost of leaving it unmatched)

_VOWELS = frozenset("AEIOU")
# Persian/Arabic-script ambiguous symbols: W = v|u, Y = y|i, F = final i|a (مرتضی, رئیسی),
# * = initial alef/ayn (any vowel), ' = hamza/medial ayn, H = silent final h.
_AMBIGUOUS_VOWELS = frozenset("WYF*'")
_SEPARATORS = re.compile(r"[\s\-_.,/\u200c\u200d]+")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

# fmt: off
# Script letters after `fold` (which maps ي->ی, ك->ک, ة->ه and strips diacritics).
_SCRIPT_CONSONANTS = dict(zip("بپتثجچحخدذرزژسشصضطظغقفکگلمنه", "bptsjchxdzrzZsSsztzqqfkglmnh",
                              strict=True))
# Letters whose hamza/madda matters and that `fold` would erase: handled before folding.
_PRE = str.maketrans({"آ": "\ue001", "أ": "ا", "إ": "ا", "ٱ": "ا", "ئ": "\ue002", "ؤ": "\ue002",
                      "ء": "\ue002", "ى": "ی", "ة": "\ue003"})
# "dh" is how Arabic-style romanisations write ذ ض ظ, which Persian pronounces z
# (Ridha = Reza, Kadhim = Kazem).
_LATIN_DIGRAPHS = {"tch": "c", "kh": "x", "gh": "q", "sh": "S", "ch": "c", "zh": "Z", "ph": "f",
                   "dj": "j", "ck": "k", "dh": "z"}
_LATIN_CONSONANTS = {"c": "k", "w": "v", "x": "x", "q": "q"}
# Latin vowel clusters: long ones, and single vowels with (class, cost when unmatched against
# a script name, cost when unmatched against a Latin name).
_LONG = {"aa": "A", "ee": "I", "ii": "I", "ei": "I", "ey": "I", "iy": "I", "oo": "U", "ou": "U",
         "uu": "U", "ow": "U"}
_SHORT = {"a": ("A", 0.15, 0.4), "e": ("E", 0.05, 0.3), "o": ("O", 0.05, 0.3),
          "i": ("I", 0.25, 0.4), "u": ("U", 0.25, 0.4), "y": ("I", 0.25, 0.4)}
# Substitution costs between classes that transliterations confuse: "a b cost" entries.
_SIMILAR_SPEC = """q g .4, k q .5, g k .4, h x .5, k x .6, Z j .5, S c .5, c j .5, f v .5, b v .6,
b p .4, s z .7, d t .7, d z .3, y I .3, y E .4, v U .3, v O .4, E I .25, O U .2, A E .35,
A O .5, E O .5"""
_SIMILAR = {(a, b): float(c) for a, b, c in (item.split() for item in _SIMILAR_SPEC.split(","))}
# fmt: on
# Arabic-style romanisations write ض (Persian z) as d (Rida = Reza, Murtada = Morteza):
# d and z share a key class.
_KEY_CLASSES = str.maketrans({"p": "b", "g": "q", "v": "", "y": "", "d": "z"})


def is_script(name: str) -> bool:
    """True when `name` contains Arabic-script letters (Persian or Arabic)."""
    return bool(_ARABIC_SCRIPT.search(name))


def _latin_symbols(token: str, latin_pair: bool) -> list[Sym]:
    s = re.sub(r"[^a-z]", "", fold(token))
    s = re.sub(r"([b-df-hj-np-tv-z])\1+", r"\1", s)  # doubled consonants: Nayyeri = Nayeri
    out: list[Sym] = []
    i = 0
    while i < len(s):
        ch = s[i]
        if s[i : i + 3] in _LATIN_DIGRAPHS:
            out.append((_LATIN_DIGRAPHS[s[i : i + 3]], 1.0))
            i += 3
        elif s[i : i + 2] in _LATIN_DIGRAPHS:
            out.append((_LATIN_DIGRAPHS[s[i : i + 2]], 1.0))
            i += 2
        elif ch in "aeiou" or (
            ch == "y" and i > 0 and (i + 1 == len(s) or s[i + 1] not in "aeiou")
        ):
            pair = s[i : i + 2]
            if pair in _LONG and not (pair[1] == "w" and i + 2 < len(s) and s[i + 2] in "aeiou"):
                out.append((_LONG[pair], 0.6 if latin_pair else (0.15 if pair == "aa" else 0.9)))
                i += 2
            else:
                cls, script_cost, latin_cost = _SHORT[ch]
                out.append((cls, latin_cost if latin_pair else script_cost))
                i += 1
        elif ch == "h" and i == len(s) - 1 and out and out[-1][0] in _VOWELS:
            out.append(("H", 0.1))  # zadeh = zade, Moghiseh = Moghise
            i += 1
        else:
            out.append((_LATIN_CONSONANTS.get(ch, ch), 1.0))
            i += 1
    return out


def _script_symbols(token: str) -> list[Sym]:
    s = "".join(
        ch
        for ch in fold(token.translate(_PRE))
        if ch in _SCRIPT_CONSONANTS or ch in "اوی\ue001\ue002\ue003ع"
    )
    out: list[Sym] = []
    last = len(s) - 1
    alef = {"ا", "\ue001"}
    for i, ch in enumerate(s):
        prev = s[i - 1] if i else " "
        nxt = s[i + 1] if i < last else " "
        if ch == "\ue001":
            out.append(("A", 0.7))
        elif ch in "اع":
            out.append(("*", 0.05) if i == 0 else (("A", 0.7) if ch == "ا" else ("'", 0.05)))
        elif ch == "\ue002":
            out.append(("'", 0.05))
        elif ch == "\ue003":
            out.append(("H", 0.1))
        elif ch == "و":
            if i == 0 or prev in alef or nxt in alef or nxt == "و":
                out.append(("v", 1.0))
            else:
                out.append(("U", 0.7) if prev == "و" else ("W", 0.6))
        elif ch == "ی":
            if i == 0 or prev in alef or nxt in alef:
                out.append(("y", 0.6))
            else:
                out.append(("F", 0.6) if i == last else ("Y", 0.6))
        elif ch == "ه" and i == last and i > 0 and prev not in alef:  # شاه keeps its h
            out.append(("H", 0.1))
        else:
            sym = _SCRIPT_CONSONANTS[ch]
            if not (out and out[-1][0] == sym):
                out.append((sym, 1.0))
    return out


def _tokens(name: str) -> list[str]:
    return [
        t for t in _SEPARATORS.split(name.replace("'", "").replace("’", "").replace("ʿ", "")) if t
    ]


@lru_cache(maxsize=65536)
def symbols(name: str, latin_pair: bool = False) -> tuple[Sym, ...]:
    """Phonetic symbols of `name`, tokens joined (Pour-Mohammadi = Pourmohammadi).
    `latin_pair` picks the vowel costs used when both names are in Latin script."""
    out: list[Sym] = []
    for token in _tokens(name):
        syms = _script_symbols(token) if is_script(token) else _latin_symbols(token, latin_pair)
        for sym in syms:
            if out and out[-1][0] == sym[0] and sym[0] not in _VOWELS:
                continue
            out.append(sym)
    return tuple(out)


@lru_cache(maxsize=65536)
def token_key(token: str) -> str:
    """Consonant skeleton of one token (see `name_key`)."""
    syms = symbols(token)
    key = "".join(
        c for c, _ in syms if c not in _VOWELS and c not in _AMBIGUOUS_VOWELS and c != "H"
    ).translate(_KEY_CLASSES)
    if len(key) > 1 and key.endswith("h"):
        key = key[:-1]  # final h is silent in some spellings (Kaveh/کاوه, Shah/شاه)
    return re.sub(r"(.)\1+", r"\1", key)


def name_key(name: str) -> str:
    """Blocking key: consonant classes without vowels, semivowels or doubled letters,
    so spelling and script variants of a name usually share it. Never empty for a
    non-empty name (falls back to the folded name)."""
    key = re.sub(r"(.)\1+", r"\1", "".join(token_key(t) for t in _tokens(name)))
    return key or fold(name).strip()


def _sub_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    for x, y in ((a, b), (b, a)):
        if x in "*'" and y in _VOWELS | {"F", "W", "Y"}:
            return 0.0
        if x == "W" and y in "vUO":
            return 0.05
        if x == "Y" and y in "yIE":
            return 0.05
        if x == "F" and y in "IEAy":
            return 0.05
        if x == "H" and y == "h":
            return 0.0
    cost = _SIMILAR.get((a, b)) or _SIMILAR.get((b, a))
    if cost is not None:
        return cost
    a_vowel, b_vowel = (
        a in _VOWELS or a in _AMBIGUOUS_VOWELS,
        b in _VOWELS or b in _AMBIGUOUS_VOWELS,
    )
    if a_vowel and b_vowel:
        return 0.9
    return 1.0 if not a_vowel and not b_vowel else 2.0


def _align(a: tuple[Sym, ...], b: tuple[Sym, ...]) -> float:
    """Weighted edit distance: deletions cost the symbol's weight."""
    prev = [0.0]
    for _, w in b:
        prev.append(prev[-1] + w)
    for ca, wa in a:
        row = [prev[0] + wa]
        for j, (cb, wb) in enumerate(b, 1):
            row.append(min(prev[j] + wa, row[j - 1] + wb, prev[j - 1] + _sub_cost(ca, cb)))
        prev = row
    return prev[-1]


def _score(a: str, b: str) -> float:
    latin_pair = not is_script(a) and not is_script(b)
    sa, sb = symbols(a, latin_pair), symbols(b, latin_pair)
    if not sa or not sb:
        return 1.0 if fold(a).strip() == fold(b).strip() else 0.0
    mass = max(sum(w for _, w in sa), sum(w for _, w in sb))
    return max(0.0, 1.0 - _align(sa, sb) / mass)


@lru_cache(maxsize=65536)
def name_similarity(a: str, b: str) -> float:
    """Similarity of two names in 0..1, across Latin, Persian and Arabic script.
    Token order is tried as written and sorted by key ("Raisi, Ebrahim")."""
    if fold(a).split() == fold(b).split():
        return 1.0
    best = _score(a, b)
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) > 1 and len(ta) == len(tb) and len(ta) <= 4:
        best = max(
            best, _score(" ".join(sorted(ta, key=token_key)), " ".join(sorted(tb, key=token_key)))
        )
    return round(best, 4)


def is_same_name(a: str, b: str, threshold: float = MATCH_THRESHOLD) -> bool:
    """Whether two names should be suggested as the same (never a silent merge)."""
    return name_similarity(a, b) >= threshold


_TO_LATIN = {
    "x": "kh",
    "q": "gh",
    "S": "sh",
    "c": "ch",
    "Z": "zh",
    "A": "a",
    "E": "e",
    "I": "i",
    "O": "o",
    "U": "u",
    "W": "u",
    "Y": "i",
    "F": "i",
    "*": "",
    "'": "",
    "H": "h",
}


def transliterate(text: str) -> str:
    """Rough Latin key of a Persian/Arabic-script name ("پورمحمدی" -> "purmhmdi").
    Short vowels are not written in the script, so they are absent here too."""
    words = []
    for token in _tokens(text):
        if is_script(token):
            words.append("".join(_TO_LATIN.get(c, c) for c, _ in _script_symbols(token)))
        else:
            words.append(fold(token))
    return " ".join(words)


def fold_name(name: str) -> str:
    """Canonical Latin spelling, one per token, for grouping and display:
    Raeesi, Raeissi, Raisi -> "raisi"; Nayyeri -> "nayeri"; Pour-Mohammadi -> "pur mohamadi"."""
    words = []
    for token in _tokens(name):
        syms = _script_symbols(token) if is_script(token) else _latin_symbols(token, True)
        words.append("".join(_TO_LATIN.get(c, c) for c, _ in syms))
    return " ".join(w for w in words if w)
