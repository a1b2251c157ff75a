"""A learned choice of who said a quotation: rank candidate speakers, keep the best.

The rules (`attribution`, `claims._refine`) give each quotation one speaker and chain.
This module lists the other readings a reader might take: every speaker a reporting verb
names in the quotation's sentence, the three before or the one after; every person or body
named there; the previous quotation's speaker; the publisher; nobody; and each of these
without its middle levels. It describes each by named binary features (where the name is
written, a verb of saying between, "said X" after the quotation, a title before the name,
a fragment, a short form of a longer name, the reporting verb's kind and distance, the
rules' flags ...) and scores them with a conditional logit model. The model is not told
which candidate the rules chose: trained on the documents the rules were written from, it
would learn only to agree with them. The rules' choice is kept unless the model gives
another candidate `margin` more probability (0 makes it a plain ranker).

The weights are ours: `speaker_model.json` beside this file, plain JSON (never a pickle),
trained by `scripts/train_speaker_model.py` on the corpus annotations. Off by default:
`extract(..., speaker_model=True)` turns it on. It was on from the blind6 run until the
blind37 run, where the rules alone got one full chain more, which the rule registered before
that run made the model's end as a default (bench/RESULTS.md, "blind37: the single held-out
run"; "speaker model, cross-validated on dev" for what it does on dev).
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any, Protocol

from gavah.core.extract import lexicon as lx
from gavah.core.extract.attribution import Attribution
from gavah.core.extract.frames import Frame
from gavah.core.extract.model import Mention, Party, Quotation
from gavah.core.extract.segments import Layout
from gavah.core.extract.speakers import is_name
from gavah.core.text import fold, trie_alternation

WEIGHTS = Path(__file__).with_name("speaker_model.json")
FORMAT = 1
_BEFORE = 3  # sentences before the quotation's own searched for candidates
_AFTER = 1  # and after it ("...,” said X.")

_PERSIAN = re.compile(r"[\u0600-\u06ff]")
_FA_VERBS = [v for v in lx.ALL_VERBS if _PERSIAN.search(v) and len(v) > 2]
_EN_VERBS = [v for v in lx.ALL_VERBS if v.isascii() and " " not in v]
_FA_VERB = re.compile(rf"(?<![\w\u200c])(?:{trie_alternation(_FA_VERBS)})(?![\w\u200c])")
_EN_VERB = re.compile(rf"\b(?:{trie_alternation(_EN_VERBS)})\b")
_ACCORDING = re.compile(r"according to|به گفته|به نقل از|به گزارش|بنا بر|نقلا عن|وفقا")
_TITLES = tuple(lx.TITLES)  # folded, none holding "." or ending in a space
_ACRONYM = re.compile(r"[A-Z]{1,4}")
_GAPS = (12, 40, 120, 400)  # characters between the name and the quotation, bucketed
_GAP_READ = 2000
_QUOTE_MARKS = "\"«»“”"
_FLAGS = frozenset(
    [
        "speaker_from_context",
        "speaker_unresolved",
        "speaker_from_pronoun",
        "speaker_from_clause",
        "described",
        "office",
        "office_resolved",
        "quoting_source",
        "shot_list",
        "implicit_subject",
        "demonstrative_resolved",
        "named_before",
        "unattributed",
    ]
)


@dataclass
class Candidate:
    """One reading of who said a quotation: the attribution it would give the claim and
    where the candidate came from ("rules", "frame", "mention", "previous", "last",
    "publisher", "nobody", or "bare_" and one of these for the reading without its middle
    levels); a candidate found several ways keeps every source."""

    attribution: Attribution
    sources: set[str] = field(default_factory=set)
    at: tuple[int, int] | None = None  # where its name is written, if it is
    kind: str = ""  # the mention's kind ("Person", "Organization"), if one names it

    def key(self) -> tuple[str, ...]:
        a = self.attribution
        if a.speaker is None:
            return ("",)
        return (fold(a.speaker.name), *(fold(r.name) for r in a.reporters))


class Chooser(Protocol):
    """What `extract` asks to pick a speaker: the index of the chosen candidate (the
    rules' choice is always index 0)."""

    def choose(self, text: str, quote: Quotation, candidates: Sequence[Candidate],
               features: Sequence[list[str]]) -> int: ...


@dataclass(frozen=True)
class SpeakerModel:
    """Named weights of a conditional logit over a quotation's candidate speakers."""

    weights: Mapping[str, float]
    margin: float = 0.5  # keep the rules' choice unless another's probability is this much higher
    meta: Mapping[str, Any] | None = None

    def score(self, features: Sequence[str]) -> float:
        # each feature's weight, looked up in C (map), added in the same order
        return sum(map(self.weights.get, set(features), repeat(0.0)))

    def probabilities(self, features: Sequence[list[str]]) -> list[float]:
        scores = [self.score(f) for f in features]
        top = max(scores)
        exp = [math.exp(max(-60.0, s - top)) for s in scores]
        total = sum(exp)
        return [e / total for e in exp]

    def choose(self, text: str, quote: Quotation, candidates: Sequence[Candidate],
               features: Sequence[list[str]]) -> int:
        if len(features) < 2:
            return 0
        p = self.probabilities(features)
        best = max(range(len(p)), key=lambda i: (p[i], -i))  # ties: the earlier, rules first
        return best if p[best] - p[0] > self.margin else 0

    def with_margin(self, margin: float) -> SpeakerModel:
        return SpeakerModel(self.weights, margin, self.meta)

    def to_json(self) -> dict[str, Any]:
        return {
            **(self.meta or {}),
            "format": FORMAT,
            "margin": self.margin,
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SpeakerModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"speaker model format {data.get('format')!r}, expected {FORMAT}")
        meta = {k: v for k, v in data.items() if k not in ("format", "margin", "weights")}
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return cls(weights, float(data["margin"]), meta)


@lru_cache(maxsize=1)
def shipped() -> SpeakerModel:
    """The weights shipped with gavah."""
    return SpeakerModel.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))


class Context:
    """What the candidates of every quotation of one text are drawn from."""

    def __init__(self, text: str, layout: Layout, frames: list[Frame], mentions: list[Mention],
                 publisher: Party | None, language: str,
                 refine: Callable[[Attribution, Party | None], Attribution],
                 for_frame: Callable[[Frame, int], Attribution],
                 reads_last: Callable[[Attribution, Party | None], bool] | None = None):
        """`reads_last(a, last)`: False when `refine(a, last)` is `refine(a, None)` (when
        not given, every reading is taken to depend on the last speaker)."""
        self.text, self.layout, self.publisher = text, layout, publisher
        self.language = language if language in ("en", "fa", "ar") else "other"
        self.refine, self.for_frame, self.reads_last = refine, for_frame, reads_last
        self.frames = [f for f in frames if f.subject is not None and f.kind != "label"]
        self._frame_starts = [f.cue[0] for f in self.frames]
        self.mentions = [m for m in mentions if m.kind in ("Person", "Organization")]
        self._mention_starts = [m.start for m in self.mentions]
        self._sentence_starts = [s.start for s in layout.sentences]
        self._counts: dict[str, int] = {}  # how often each candidate's name is written
        # a frame's or a mention's refined reading, by what the last speaker was: quotations
        # near each other ask for the same ones again (`for_frame` reads a frame alone, and
        # `refine` depends on nothing but its arguments and the text)
        # (a reading that does not read the last speaker is kept once for all of them)
        self._readings: dict[tuple[str, int, Party | None], Attribution] = {}
        self._framed: dict[int, Attribution] = {}  # `for_frame` of each frame, by its id
        self._places: dict[tuple[int | None, ...], list[str]] = {}

    def _last_key(self, a: Attribution, last: Party | None) -> Party | None:
        """The last speaker as far as `refine(a, last)` reads it."""
        return last if self.reads_last is None or self.reads_last(a, last) else None

    def _sentence(self, pos: int) -> int:
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def _window(self, quote: Quotation) -> tuple[int, int]:
        open_at = quote.open_mark if quote.open_mark is not None else quote.start
        close = quote.close_mark if quote.close_mark is not None else quote.end
        sentences = self.layout.sentences
        i, j = self._sentence(open_at), self._sentence(close)
        lo = sentences[max(0, i - _BEFORE)].start if sentences and i >= 0 else 0
        hi = sentences[min(len(sentences) - 1, j + _AFTER)].end if sentences else len(self.text)
        return lo, max(hi, close)

    def candidates(self, quote: Quotation, rules: Attribution, last: Party | None,
                   previous: Attribution | None = None) -> list[Candidate]:
        """The rules' choice first, then every other reading, one per speaker and chain;
        `last`: the last speaker the rules named (for pronouns), `previous`: the rules'
        attribution of the quotation before."""
        found: dict[tuple[str, ...], Candidate] = {}

        def add(a: Attribution, source: str, at: tuple[int, int] | None = None,
                kind: str = "") -> None:
            c = Candidate(a, {source}, at, kind)
            if a.speaker is not None and c.at is None and a.speaker.start is not None:
                c.at = (a.speaker.start, a.speaker.end or a.speaker.start)
            have = found.setdefault(c.key(), c)
            if have is not c:
                have.sources.add(source)
                have.kind = have.kind or kind
                have.at = have.at or c.at

        add(rules, "rules")
        lo, hi = self._window(quote)
        spoken = (quote.start, quote.end)
        for f in self.frames[bisect.bisect_left(self._frame_starts, lo):
                             bisect.bisect_left(self._frame_starts, hi)]:
            s = f.subject
            if s is None or (s.start is not None and spoken[0] <= s.start < spoken[1]):
                continue
            if f.cue[0] >= spoken[1] and "follows_only" in f.flags:
                continue  # "X issued a statement" after the words: not X's
            a = self._framed.get(id(f))
            if a is None:
                a = self._framed[id(f)] = self.for_frame(f, quote.start)
            key = ("frame", id(f), self._last_key(a, last))
            if key not in self._readings:
                self._readings[key] = self.refine(a, last)
            add(self._readings[key], "frame")
        for m in self.mentions[bisect.bisect_left(self._mention_starts, lo):
                               bisect.bisect_left(self._mention_starts, hi)]:
            if spoken[0] <= m.start < spoken[1]:
                continue
            party = Party(m.text, m.entity_id, "speaker", m.start, m.end)
            a = Attribution(party, (), "quotation", None, 0.5, ("candidate",))
            key = ("mention", m.start, self._last_key(a, last))
            if key not in self._readings:
                self._readings[key] = self.refine(a, last)
            add(self._readings[key], "mention", (m.start, m.end), m.kind)
        if previous is not None and previous.speaker is not None:
            add(Attribution(previous.speaker, previous.reporters, "quotation", None, 0.5, ()),
                "previous")
        if last is not None:
            add(Attribution(last, (), "quotation", None, 0.5, ()), "last")
        if self.publisher is not None:
            add(Attribution(Party(self.publisher.name, self.publisher.entity_id), (),
                            "quotation", None, 0.5, ()), "publisher")
        add(Attribution(None, (), "quotation", None, 0.5, ()), "nobody")
        for c in list(found.values()):  # the same speaker with no level between
            a = c.attribution
            if a.speaker is not None and a.reporters:
                bare = Attribution(a.speaker, (), a.kind, a.frame, a.confidence, a.flags)
                for source in sorted(c.sources):
                    add(bare, f"bare_{source}", c.at, c.kind)
        return list(found.values())

    def features(self, quote: Quotation, c: Candidate, rules: Attribution,
                 names: Sequence[str]) -> list[str]:
        """The named features of candidate `c` for `quote`; `names`: every candidate's
        speaker name, folded (a short form of another's name is a fragment)."""
        lang = self.language
        # not which candidate the rules chose: fitted on the documents the rules were
        # written from, a model that sees it learns only to agree with them
        sources = sorted(s for s in c.sources if s not in ("rules", "bare_rules"))
        a, out = c.attribution, [f"src={s}" for s in sources]
        out += [f"{lang}:src={s}" for s in sources]
        if rules.speaker is None:
            out += [f"rules_none:src={s}" for s in sources]
        out += [f"flag={x}" for x in a.flags if x in _FLAGS]
        if a.speaker is None:
            return [*out, "nobody"]
        speaker = a.speaker
        name = fold(speaker.name)
        words = name.split()
        out.append(f"words={min(len(words), 4)}")
        if not is_name(speaker.name):
            out.append("not_name")
        if speaker.name[:1].isascii() and speaker.name[:1].islower():
            out.append("lower_first")
        if _ACRONYM.fullmatch(speaker.name.strip()):
            out.append("acronym")
        spaced = f" {name} "
        others = [(n, f" {n} ") for n in names if n != name]  # each spaced once, not twice
        if any(spaced in other for _, other in others):
            out.append("short_of_other")
        if any(n and other in spaced for n, other in others):
            out.append("longer_than_other")
        out += [f"flag={x}" for x in speaker.flags if x in _FLAGS]
        out.append(f"reporters={min(len(a.reporters), 2)}")
        if any(r.role == "organisation" for r in a.reporters):
            out.append("org_level")
        if c.kind:
            out.append(f"kind={c.kind}")
        if self._count(speaker.name) >= 2:
            out.append("repeated")
        if self.publisher is not None and fold(self.publisher.name) == name:
            out.append("is_publisher")
        if a.frame is not None:
            out += self._frame(quote, a.frame)
        if c.at is None:
            return [*out, "unwritten"]
        # where a name is written relative to the marks: candidates of one quotation share
        # their places (a reading and its bare form, a frame's subject and its mention),
        # and `_place` depends on nothing else (read, never changed, by this list sum)
        key = (quote.open_mark, quote.start, quote.close_mark, quote.end, *c.at)
        place = self._places.get(key)
        if place is None:
            place = self._places[key] = self._place(quote, c.at)
        return out + place

    def _count(self, name: str) -> int:
        """`text.count(name)`, counted once a name: the candidates of each quotation
        are mostly the same few speakers."""
        found = self._counts.get(name)
        if found is None:
            found = self._counts[name] = self.text.count(name)
        return found

    def _frame(self, quote: Quotation, frame: Frame) -> list[str]:
        """The reporting verb whose subject the candidate is: its kind, whether what it
        reports holds the quotation, and how far its verb is from the marks."""
        open_at = quote.open_mark if quote.open_mark is not None else quote.start
        close = quote.close_mark + 1 if quote.close_mark is not None else quote.end
        out = [f"frame={frame.kind}"]
        if frame.content:
            out.append("frame_content")
        if frame.scope[0] <= quote.start and quote.end <= frame.scope[1] + 2:
            out.append("frame_holds")
        if frame.cue[1] <= open_at:
            n = len(self.text[frame.cue[1]:open_at])
            out.append(f"cue_before={bisect.bisect_left(_GAPS, n)}")
        elif frame.cue[0] >= close:
            n = len(self.text[close:frame.cue[0]])
            out.append(f"cue_after={bisect.bisect_left(_GAPS, n)}")
        else:
            out.append("cue_inside")
        return out

    def _place(self, quote: Quotation, at: tuple[int, int]) -> list[str]:
        """Where the candidate's name is written relative to the quotation."""
        text, lang, out = self.text, self.language, []
        open_at = quote.open_mark if quote.open_mark is not None else quote.start
        close = quote.close_mark + 1 if quote.close_mark is not None else quote.end
        before = at[0] < open_at
        if not before and at[0] < close:
            return ["inside"]
        # what lies between is read up to _GAP_READ characters from the quotation: a name
        # written pages away is no nearer for what else the page holds (and a page of many
        # quotations is not read once per quotation)
        lo, hi = (at[1], open_at) if before else (close, at[0])
        n = max(0, hi - lo)
        gap = text[max(lo, hi - _GAP_READ):hi] if before else text[lo:min(hi, lo + _GAP_READ)]
        gap_f = fold(gap)
        d = self._sentence(open_at) - self._sentence(at[0])
        where = "before" if before else "after"
        out.append(f"{where}:sent={max(-2, min(d, 3))}")
        bucket = str(bisect.bisect_left(_GAPS, n))
        out += [f"{where}:gap={bucket}", f"{lang}:{where}:gap={bucket}"]
        if text.find("\n", lo, hi) < 0:
            out.append("same_para")
        # every Persian verb holds a Persian letter: an ASCII gap has none
        verb = _EN_VERB.search(gap_f) or (None if gap_f.isascii() else _FA_VERB.search(gap_f))
        if verb:
            out += [f"{where}:verb", f"{lang}:{where}:verb"]
            if _PERSIAN.search(verb.group()):
                out.append(f"{where}:fa_verb")
            if n <= 40:
                out.append(f"{where}:verb_near")
        if _ACCORDING.search(gap_f):
            out.append(f"{where}:according")
        if any(text.find(m, lo, hi) >= 0 for m in _QUOTE_MARKS):
            out.append(f"{where}:quote_between")
        if not before and n <= 40 and verb and verb.start() <= 12:
            out.append("said_x")  # "...,” said X
        if before and gap.rstrip()[-1:] in (":", "،", ",") and verb:  # r"[:،,]\s*$"
            out.append("x_said_colon")  # X said: "..."
        if _title_ends(fold(text[max(0, at[0] - 40):at[0]])):
            out.append("title_before")
        s = self.layout.sentence_at(at[0])
        if s is not None and s.heading:
            out.append("heading")
        return out


def _title_ends(text: str) -> bool:
    r"""A title ends `text`, before an optional "." and spaces: r"(?:titles)\.?\s*$"
    searched, without trying every title at every position."""
    text = text.rstrip()
    return text.removesuffix(".").endswith(_TITLES)


def _title_phrase(name: str) -> bool:
    """A title and what it is of, with no one's name ("Secretary-General and Head of the
    United Nations Assistance Mission", left of "X, Special Representative of the ..."):
    the model never picks it over the rules' reading."""
    words = name.split()
    return len(words) > 2 and fold(words[0]) in lx.TITLE_WORDS and (
        " of " in name or " and " in name)


def choose_speaker(context: Context, chooser: Chooser, quote: Quotation, rules: Attribution,
                   last: Party | None, previous: Attribution | None) -> Attribution:
    """The attribution `chooser` picks among the candidates of `quote`."""
    if "colon_subject" in rules.flags:
        return rules  # 'X discussed ...: “...”': what introduces the words names their speaker
    candidates = context.candidates(quote, rules, last, previous)
    names = [fold(c.attribution.speaker.name) for c in candidates if c.attribution.speaker]
    first = context.features(quote, candidates[0], rules, names)
    if "x_said_colon" in first and "before:gap=0" in first:
        return rules  # 'X said: “...”' (the rules' reading, always the first candidate)
    features = [first, *(context.features(quote, c, rules, names) for c in candidates[1:])]
    i = chooser.choose(context.text, quote, candidates, features)
    if i == 0:
        return rules
    a = candidates[i].attribution
    if a.speaker is not None and _title_phrase(a.speaker.name):
        return rules  # "Secretary-General and Head of the ... Mission": an office, no one

    # the chosen reading's own flags (the rules' "speaker_unresolved" no longer holds), at
    # no more confidence than the rules had in theirs
    flags = tuple(f for f in a.flags if f != "candidate")
    return Attribution(a.speaker, a.reporters, a.kind if a.frame else rules.kind,
                       a.frame or rules.frame, min(a.confidence, rules.confidence),
                       (*flags, "speaker_model"))
