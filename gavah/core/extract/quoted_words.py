"""Which quoted words are someone's: a short quotation ending what a reporting verb reports
or held by a named speaker's report is that speaker's, not a scare quote; a headline's word
the story quotes again is the later quotation's speaker's (see the annotation guide).
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import replace

from gavah.core.extract import lexicon as lx
from gavah.core.extract.attribution import Attribution, Attributor
from gavah.core.extract.frames import Frame
from gavah.core.extract.model import Quotation
from gavah.core.extract.segments import Layout
from gavah.core.text import fold

# the last word of a quoted name rather than of words said: 'the "death commission"',
# 'the "Nour law"', 'a "security operation"'
_NAME_HEADS = frozenset(["law", "act", "operation", "campaign", "plan", "programme", "program",
                         "policy", "unit", "project", "movement", "group", "bill", "decree"])


def named(quoted: str) -> bool:
    words = quoted.strip(" .,;:").split()
    last = fold(words[-1]) if words else ""
    return last in lx.ORG_WORDS or last in _NAME_HEADS


# a quotation's flags that mark words nobody is said to have said (see `quotes`)
NOT_WORDS_SAID = ("scare_quote", "charge_name", "listed_names", "legal_term")


def partial_quotations(quotes: list[Quotation], frames: list[Frame],
                        layout: Layout) -> list[Quotation]:
    """A short quotation that ends what a reporting verb reports is that speaker's words
    ("أكد X أن التقارير ... "مفبركة بالكامل""), not a scare quote; one in a headline is.
    So is a phrase of three words or more inside what a named speaker reports ("به گفته
    X، گزارش «بر پایه شایعات» تهیه شده است"), or of one or two English words ("condemned
    the "successive horrific incidents"", "Annan was "shocked"": the annotation guide's
    word given to someone); "so-called" marks a scare quote (see `quotes`)."""
    by_sentence: dict[int, list[Frame]] = {}
    for f in frames:
        by_sentence.setdefault(f.sentence.start, []).append(f)
    out = []
    for q in quotes:
        close = q.close_mark if q.close_mark is not None else q.end
        sentence = layout.sentence_at(q.start)
        near = by_sentence.get(sentence.start, []) if sentence else []
        if (sentence and sentence.heading and len(q.text.split()) < 5
                and not any(f in q.flags for f in (*NOT_WORDS_SAID, "name_in_passing"))):
            # a headline's few marked words are what the story gives someone ("UN refugee
            # agency ‘extremely concerned’ at ...", "“Dark moment for Myanmar”: experts"):
            # the annotation guide's headline quotations, read as the headline's or the
            # lede's speaker's (see attribution)
            q = replace(q, speech=True, flags=(*q.flags, "headline_words"))
        reports = [f for f in near if f.kind in ("other", "denial", "allegation", "according")
                   and f.scope[0] <= q.start]
        # one quoted word ending a report is a term the writer holds at a distance
        # ('condemned two officials for “egregious” abuses'), not a quotation
        ends_a_report = len(q.text.split()) >= 2 and any(
            0 <= f.scope[1] - close <= 3 for f in reports)
        # one or two words only in English quotes: Persian guillemets mark names and terms
        # as often as words said («کیمیا علیزاده», «فشار حداکثری»)
        words = len(q.text.split())
        given = [f for f in reports
                 if (f.subject is not None or "implicit_subject" in f.flags)
                 and close <= f.scope[1]
                 and "back_reference" not in f.flags]  # "بر اساس این گزارش، ... «...»": a term
        phrase = (words >= 3 or (words <= 2 and q.text.isascii())) and bool(given)
        # an English noun phrase in quotes after a determiner reads as a term ('the "death
        # commission"'), unless a named speaker's report holds it ('OHCHR condemned the
        # "successive horrific incidents"'): the annotation guide's quoted words given to
        # someone
        term = any(f in q.flags for f in NOT_WORDS_SAID) or (
            "quoted_term" in q.flags and not (q.text.isascii() and given and not named(q.text)))
        if not q.speech and (ends_a_report or phrase) and not term:
            q = replace(q, speech=True, flags=(*q.flags, "partial_quotation"))
        elif (not q.speech and not term and "scare_quote" not in q.flags
              and said_again(q, quotes)):
            # a headline's "appalled" that the story quotes again as someone's word
            q = replace(q, speech=True, flags=(*q.flags, "headline_repeated"))
        out.append(q)
    return out


@functools.lru_cache(maxsize=65536)
def _said(text: str) -> str:
    """A quotation's words as compared with another's: folded, without end punctuation
    (asked of every later quotation for each one: computed once a text)."""
    return " ".join(fold(text).strip(" .,;:!?").split())


def said_again(q: Quotation, quotes: list[Quotation]) -> bool:
    """Whether a later quotation that is speech quotes the same words."""
    said = _said(q.text)
    return bool(said) and any(
        o.start > q.end and o.speech and _said(o.text) == said for o in quotes)


class SaidWith:
    """The quotations that name a speaker, in text order, with their words as compared:
    built once a text, not once a quotation asked of (a page of many quotations nobody is
    said to say would compare each with every other)."""

    def __init__(self, speech: list[Quotation], attributor: Attributor):
        named = sorted(((o.start, _said(o.text), a) for o in speech
                        if (a := attributor.by_quote[(o.start, o.end)]).speaker is not None),
                       key=lambda found: found[0])
        self._starts = [s for s, _, _ in named]
        self._named = named

    def quoted_again(self, q: Quotation) -> Attribution | None:
        """The attribution of a later quotation of the same words, if it names a speaker:
        words it holds, or the very word for a one-word quotation."""
        said = _said(q.text)
        if not said:
            return None
        several = " " in said
        for _, again, a in self._named[bisect.bisect_right(self._starts, q.end) :]:
            if said == again or (several and said in again):
                return a
        return None
