"""Who says what: the speaker and attribution chain of each quotation and of any
position in the text (a figure, a reported statement).

A quotation takes the frame right after it ("...,” Ahmadvand noted.") or the one that
introduces it ("X said:", "به گفته X،", "قال X:"). Without one, it continues the quotation
before it when nothing else intervenes (flagged "speaker_from_context"). Pronouns ("he
added", "وی افزود") and unwritten Arabic subjects ("وأضاف أن") take the last named
speaker (flagged). A position outside quotations belongs to the innermost frame whose
scope holds it, else to the "Label:" of its line, else to the witness of a testimony,
else to the publisher. Chains run publisher -> reporters ("X reported that",
"به گزارش X", "نقلت X عن") -> speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from gavah.core.extract import lexicon as lx
from gavah.core.extract.carry import ReportedSpeech
from gavah.core.extract.frames import Frame
from gavah.core.extract.labels import shot_list_speaker
from gavah.core.extract.model import Party, Quotation
from gavah.core.extract.segments import Layout, Sentence
from gavah.core.extract.speakers import is_name
from gavah.core.text import fold

_GAP_PUNCT = re.compile(  # no sentence end between a quotation and its attribution;
    r"[\s,،:\"”»“«’']*(?:(?:این|آن)\s+را[\s،,]*)?"  # "«...»، این را X گفت", "...,’’ said X"
    r"(?:<[^<>\n]{1,380}>)?"  # '”<"http://...">said X': a link's leftover markup
)
_POSSESSIVE = re.compile(r"[’']s\b")
_ASKED_WHOM = re.compile(r"\s+(?:him|her|them)\s")
_TITLE_GAP = re.compile(
    r"[\s,\"”’']*(?:(?:the|a|an)\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}(?i:rapporteur|representative|"
    r"commissioner|envoy|spokes(?:man|woman|person)|director|minister|secretary|adviser|"
    r"advisor|coordinator|expert|ambassador)(?![\w-])[^\n.!?;:“”\"«»]{0,150}"
)
# `Iran.”Amnesty International said`: a sentence ends inside the marks and the next one
# is glued to them (a lost space or paragraph break): a new statement, not the attribution
_GLUED_SENTENCE = re.compile(r"[.!?؟][\"”»]+[^\W\d_]")
_SENTENCE_END = re.compile(r"[.!?؟][\"”»’')\]]*\s")
_PRE_LIMIT = 240  # characters between an introducing cue and its quotation
_REACH = 600  # how far (characters) a frame's scope is looked for around a position
# the rest of an attribution that ends its sentence and paragraph: "... according to X.\n"
_HE_SHE = re.compile(r"(?:He|She|او|وی)\s")
_ENDS_PARAGRAPH = re.compile(r"[^.!?؟\n\"“”«»]{0,80}[.!?؟]?[ \t]*\n\s*[\"“«]?")
# the same when what the verb reports runs on to the paragraph's end ("X گفت یک گزارش ...
# دیده شده است.\n\n«...»"): one sentence, however long
_REPORTS_TO_PARAGRAPH_END = re.compile(  # (the stops of "U.N.", "U.S." end nothing)
    r"(?:[^.!?؟\n\"“”«»]|(?<=[A-Z])(?<![^\W\d_][A-Z])\.(?![ \t]*\n)){0,400}"
    r"[.!?؟]?[ \t]*\n\s*[\"“«]?")
# "225 killed (per Interior Ministry)", "1,000+ killed (according to X, ...": a figure and
# its source in brackets right after it, with no other clause between
_PAREN_SOURCE = re.compile(
    r"(?:\d[\d,.]*\+?|[^\s(),;:\n]+)(?:[ \t]+[^\s(),;:\n]+){0,6}[ \t]*\("
    r"(?:per|according to|source:?|sources:?)[ \t]+(?P<who>[^()\n,;:]{2,80}?)[ \t]*[),]"
)
# what follows a person's name in a sentence that introduces them: "is the Spokesperson"
_INTRODUCES = re.compile(r"\s+(?:is|was)\s+(?:a|an|the)\s")
_LEDE_REACH = 300  # characters from a headline to the verb of the story's first sentence
# a release's line naming its statement's author: "This is the text of a statement today by
# the Spokesman for Secretary-General X:"
_STATEMENT_BY = re.compile(
    r"\b(?:statement|message)\b[^:\n]{0,40}?\bby\s+(?:the\s+)?"
    r"(?:Spokes(?:man|woman|person)\s+for\s+)?(?P<who>[^:\n]{3,120}?)\s*:")
_HONORIFIC_ONLY = re.compile(r"(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+")
# "X called on / urged / appealed ...": a person's act the next paragraph's words explain
_ACTS = re.compile(r"\s+(?:also\s+)?(?:called\s+on|called\s+for|urged|appealed|welcomed|"
                   r"condemned|deplored|stressed|emphasi[sz]ed|praised|regretted)\s")
# "Erwin Zanderborght is director of Africa Programs at Amnesty International.": a person
# introduced by a title, in a paragraph that then tells of an interview with them
_INTRODUCED_BY_TITLE = re.compile(
    r"\s+(?:is|was)\s+(?:(?:a|an|the)\s+)?(?:[\w’'-]+\s+){0,4}?(?i:spokes(?:man|woman|person)|"
    r"director|head|manager|chief|coordinator|representative|officer|official|president|"
    r"chair(?:man|woman|person)?|secretary|researcher|advocate|analyst|rapporteur|"
    r"commissioner|envoy|ambassador|minister|professor|leader|founder)(?![\w-])"
)
_QUOTING = re.compile(r"به\s*نقل\s*از|نقلا\s*عن|quoting")
# A news outlet the speaker spoke to: "X told the BBC", "In an interview with Iran's Fars
# news agency, X said", "X در گفتگو با رادیو نمونه گفت" (see the annotation guide).
_OUTLET_NAME = (
    r"(?:[A-Z][\w’'.&-]*\s+){0,4}(?:[Nn]ews(?:\s+[Aa]gency)?|[Aa]gency|Press|Times|Post|Radio|"
    r"Television|TV|Journal|Herald|Tribune|Guardian|Telegraph|Gazette|Daily|newspaper|"
    r"[Bb]roadcaster|Reuters|Bloomberg|Al\s+Jazeera|Al\s+Arabiya|Agence\s+France-Presse)"
    r"|(?:BBC|AFP|AP|CNN|NPR|ABC|NBC|CBS|DW|RFE/RL|IRNA|ISNA|ILNA|HRANA)(?:\s+[A-Z][a-z]+)?"
)
_TOLD_OUTLET = re.compile(rf"\s+(?:the\s+)?(?P<o>{_OUTLET_NAME})(?![\w’'-])")
_INTERVIEW_OUTLET = re.compile(
    # ("In a November interview with", "in an exclusive telephone interview with")
    rf"(?:[Ii]n\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?:interview|conversation)\s+with|[Ss]peaking\s+to)\s+"
    rf"(?:[A-Z][\w]*[’']s\s+)?(?:the\s+)?(?P<o>{_OUTLET_NAME})(?![\w’'-])"
)
_INTERVIEW_WORDS = ("interview", "conversation", "peaking")  # in step with _INTERVIEW_OUTLET
_OUTLET_REACH = 400  # how far before its verb an interview's outlet is looked for
_FA_OUTLET = (
    r"(?:خبرگزاری|روزنامه|رادیو|تلویزیون|شبکه|هفته\s*نامه)\s+[^\s،,.:«»\"]+"
    r"(?:\s+(?:فارسی|نیوز|فردا|بین\s*الملل|اینترنشنال))?|بی\s*بی\s*سی(?:\s+فارسی)?|رویترز|"
    r"فرانس\s*پرس|آسوشیتدپرس|ایران\s*اینترنشنال"
)
_FA_INTERVIEW_OUTLET = re.compile(
    rf"(?:در\s+(?:گفتگو|گفت\s*وگو|گفت\s*و\s*گو|مصاحبه)\s+با|به)\s+(?P<o>{_FA_OUTLET})(?![^\W\d_])"
)
_NOT_OUTLET = re.compile(r"^(?:VOA|Voice of America|صدای\s+آمریکا|صدای\s+امریکا)", re.I)


@dataclass(frozen=True)
class Attribution:
    speaker: Party | None  # None: the publisher speaks
    reporters: tuple[Party, ...]  # between the publisher and the speaker
    kind: str  # "quotation"/"other", "denial", "allegation"
    frame: Frame | None
    confidence: float
    flags: tuple[str, ...] = ()


def _same(a: Party | None, b: Party | None) -> bool:
    if a is None or b is None:
        return False
    if a.entity_id or b.entity_id:
        return a.entity_id == b.entity_id
    return a.name.casefold() == b.name.casefold()


class Attributor:
    def __init__(
        self,
        text: str,
        layout: Layout,
        frames: list[Frame],
        quotes: list[Quotation],
        witness: Party | None,
        people: list[Party] | None = None,
        author: Party | None = None,
    ):
        """`people`: person mentions outside quotations, in text order, for pronouns;
        `author`: who issues the text when its header says (see `author`)."""
        self.text, self.layout, self.witness, self.author = text, layout, witness, author
        self.people = people or []
        self._people_starts = [p.start or 0 for p in self.people]
        if author is not None and "issued_by" in author.flags:
            frames = _after_issued_by(frames, author)
        # a pronoun's frame -> the frame that named its speaker ("He added" after "X told
        # the BBC": the same interview's words reach the publisher through the outlet too)
        self._antecedent: dict[int, Frame] = {}
        self.frames = self._resolve_pronouns(frames)
        self._cues = [f.cue[0] for f in self.frames]
        self._cue_ends = sorted((f.cue[1], i) for i, f in enumerate(self.frames))
        self.in_sentence: dict[int, list[Frame]] = {}
        for f in self.frames:
            self.in_sentence.setdefault(f.sentence.start, []).append(f)
        self._sentence_cues = {k: [f.cue[0] for f in v] for k, v in self.in_sentence.items()}
        self.quotes = [q for q in quotes if q.speech]
        self._quote_starts = [q.start for q in self.quotes]
        self._speech = ReportedSpeech(text, layout, self.frames, self.quotes)
        self.by_quote: dict[tuple[int, int], Attribution] = {}
        previous: tuple[Quotation, Attribution] | None = None
        for q in self.quotes:
            attribution = self._quote(q, previous)
            self.by_quote[(q.start, q.end)] = attribution
            previous = (q, attribution)

    def _resolve_pronouns(self, frames: list[Frame]) -> list[Frame]:
        """ "He added", "وی افزود", "وأضاف": the last speaker or person named before."""
        out: list[Frame] = []
        speaker: Party | None = None
        body: Party | None = None
        outer: Frame | None = None  # the frame that named the speaker last
        for f in frames:
            subject = f.subject
            i = bisect.bisect_left(self._people_starts, f.cue[0])
            named = self.people[i - 1] if i else None
            last = (
                named
                if named and (speaker is None or (named.start or 0) > (speaker.start or 0))
                else speaker
            )
            if subject is not None and "demonstrative" in subject.flags:
                # "این سازمان": the body that spoke last, not a person named since
                last = body or speaker or last
            elif subject is not None and "it" in subject.flags:
                last = body  # "It added": a body, never a person; none spoke: unresolved
            if f.kind not in ("reporter",) and (subject is None or "pronoun" in subject.flags):
                if last is not None and (subject is not None or "implicit_subject" in f.flags):
                    here = (
                        subject
                        if subject is not None
                        else Party("", None, "speaker", f.cue[0], f.cue[0])
                    )
                    subject = Party(
                        last.name,
                        last.entity_id,
                        "speaker",
                        here.start,
                        here.end,
                        ("speaker_from_pronoun",),
                    )
                    f = replace(f, subject=subject)
                    if last is speaker and outer is not None:
                        self._antecedent[id(f)] = outer
            elif subject is not None and f.kind not in ("reporter", "label") and not (
                    outer is not None and f.sentence == outer.sentence
                    and outer.scope[0] <= f.cue[0] < outer.scope[1]):
                # ("Heller said the council strongly condemns ...": what the council does is
                # Heller's words; the next quotation's speaker is still Heller)
                speaker = subject
                outer = f
                if any(w in lx.ORG_WORDS for w in fold(subject.name).split()):
                    body = subject
            out.append(f)
        return out

    def _chain(self, frame: Frame | None, pos: int) -> tuple[Party, ...]:
        reporters: list[Party] = []
        if self.witness is not None and self._in_testimony(pos):
            reporters.append(
                Party(
                    self.witness.name,
                    self.witness.entity_id,
                    "reporter",
                    self.witness.start,
                    self.witness.end,
                )
            )
        if frame is not None:
            subject_start = (
                frame.subject.start
                if frame.subject and frame.subject.start is not None
                else frame.cue[0]
            )
            for outer in self._near(frame.sentence.start, frame.cue[0] - _REACH, frame.cue[0] + 1):
                if outer is frame or outer.subject is None:
                    continue
                if outer.cue[0] < min(subject_start, frame.cue[0]) and (
                    outer.kind == "reporter" or outer.scope[0] <= frame.cue[0] < outer.scope[1]
                ):
                    reporters.append(
                        Party(
                            outer.subject.name,
                            outer.subject.entity_id,
                            "reporter",
                            outer.subject.start,
                            outer.subject.end,
                            outer.subject.flags,
                        )
                    )
        speaker = frame.subject if frame else None
        return tuple(
            p
            for i, p in enumerate(reporters)
            if not _same(p, speaker) and not any(_same(p, q) for q in reporters[:i])
        )

    def _near(self, sentence_start: int, lo: int, hi: int) -> list[Frame]:
        """Frames of a sentence whose cue starts in [lo, hi): long sentences stay linear."""
        cues = self._sentence_cues.get(sentence_start, [])
        frames = self.in_sentence.get(sentence_start, [])
        return frames[bisect.bisect_left(cues, lo) : bisect.bisect_left(cues, hi)]

    def _quoting_source(self, frame: Frame) -> Party | None:
        """The Y of "X, quoting Y, wrote" / "X به نقل از Y نوشت": a quoting cue between
        the subject and its verb."""
        if frame.subject is None or frame.subject.start is None or frame.kind == "reporter":
            return None
        for f in self._near(frame.sentence.start, frame.subject.start, frame.cue[0]):
            if (
                f.kind == "reporter"
                and f.subject is not None
                and _QUOTING.match(fold(self.text[f.cue[0] : f.cue[1]]))
            ):
                return replace(f.subject, role="speaker")
        return None

    def _outlet(self, frame: Frame) -> Party | None:
        """The outlet a speaker spoke to, a reporting level between the publisher and the
        speaker: "X told the BBC", "In an interview with Y's Z news agency, X said",
        "X در گفتگو با رادیو نمونه گفت"."""
        text = self.text
        m = None
        if text[frame.cue[0] : frame.cue[1]].strip() in ("told", "tells", "tell"):
            m = _TOLD_OUTLET.match(text, frame.cue[1])
        if m is None:
            # (within the sentence, and near the verb: a sentence may be a whole page)
            lo = max(frame.sentence.start, frame.cue[0] - _OUTLET_REACH)
            # every English match holds one of these words and every Persian one "ب" (of
            # "با", "به"): the text is not scanned for a match unless it does
            english = any(text.find(w, lo, frame.cue[0]) >= 0 for w in _INTERVIEW_WORDS)
            fa_lo = max(lo, frame.cue[0] - 120)
            found = (english and list(_INTERVIEW_OUTLET.finditer(text, lo, frame.cue[0]))) or (
                text.find("ب", fa_lo, frame.cue[0]) >= 0
                and list(_FA_INTERVIEW_OUTLET.finditer(text, fa_lo, frame.cue[0]))) or []
            m = found[-1] if found else None
        if m is None or _NOT_OUTLET.match(m.group("o")):
            return None
        return Party(" ".join(m.group("o").split()), None, "reporter", m.start("o"),
                     m.end("o"), ("outlet",))

    def _in_testimony(self, pos: int) -> bool:
        if self.witness is None or pos < (self.witness.end or 0):
            return False
        return not any(s <= pos < e for s, e in self.layout.questions)

    def for_frame(
        self, frame: Frame | None, pos: int, confidence: float, flags: tuple[str, ...] = ()
    ) -> Attribution:
        if frame is None:
            return Attribution(None, self._chain(None, pos), "other", None, confidence, flags)
        kind = frame.kind if frame.kind in ("denial", "allegation") else "other"
        subject_flags = frame.subject.flags if frame.subject else ("implicit_subject",)
        conf = confidence - 0.2 * any(
            f in subject_flags for f in ("speaker_from_pronoun", "raw", "implicit_subject")
        )
        chain = self._chain(frame, frame.cue[0])
        outlet = self._outlet(frame)
        named = self._antecedent.get(id(frame))
        if outlet is None and named is not None and frame.cue[0] - named.cue[0] <= _REACH:
            outlet = self._outlet(named)  # "X told the BBC ... He added": the same interview
        if outlet is not None and not any(_same(outlet, p) for p in chain):
            chain = (*chain, outlet)
        source = self._quoting_source(frame)
        if source is not None and frame.subject is not None and not _unnamed(source):
            # "X به نقل از Y نوشت": X reports, Y's words
            outer = replace(frame.subject, role="reporter")
            return Attribution(
                source, (*chain, outer), kind, frame, round(conf, 2),
                (*flags, "quoting_source", *frame.flags),
            )
        return Attribution(
            frame.subject,
            chain,
            kind,
            frame,
            round(conf, 2),
            flags + tuple(f for f in subject_flags if f != "raw") + frame.flags,
        )

    def _quote(self, q: Quotation, previous: tuple[Quotation, Attribution] | None) -> Attribution:
        close = q.close_mark if q.close_mark is not None else q.end
        open_at = q.open_mark if q.open_mark is not None else q.start
        # "..., saying that “the number could be higher.” Iran has never ...": words that
        # end their sentence inside the marks belong to the verb that introduced them
        ended = self.text[close - 1 : close] in (".", "!", "?", "؟")
        introduced = self._introducing(open_at) if ended else []
        after = bisect.bisect_right(self._cues, close)
        # after: "...,” said X." / "...,” X noted."
        for f in [] if introduced else self.frames[after : after + 4]:
            first = min(f.cue[0], f.phrase[0] if f.phrase else f.cue[0])
            if (
                close < first
                and (_GAP_PUNCT.fullmatch(self.text, close, first) or (
                    # '”, UN Special Rapporteur on torture and other cruel, inhuman or
                    # degrading treatment X told': a title the subject's phrase cut at a comma
                    _TITLE_GAP.fullmatch(self.text, close, first)
                    and f.subject is not None and is_name(f.subject.name)))
                and f.kind != "reporter"
                and not f.content  # "«...» او افزود که ...": a new statement, not its speaker
                and "follows_only" not in f.flags
                and "\n" not in self.text[close:first]  # the next line is a new statement
                and not _GLUED_SENTENCE.match(self.text, max(0, close - 1))
                # "“... custody.” Amnesty's report says women ... are targets": words that
                # end their sentence, then a verb with a statement of its own after it
                and not (ended and f.scope[0] >= f.cue[1]
                         and len(self.text[f.scope[0] : f.scope[1]].split()) >= 3)
            ):
                return self.for_frame(f, q.start, 0.9)
        before = introduced if ended else self._introducing(open_at)
        if before:
            return self.for_frame(before[-1], q.start, 0.85)
        inside = self._inside_clause(open_at, close)
        if inside is not None:
            return self.for_frame(inside, q.start, 0.8)
        if "headline_words" in q.flags:
            # a headline's few marked words: the story under it says whose they are, not
            # the story before it (a bulletin's items, each under its own headline)
            lede = self._headline_lede(open_at, close, within=True)
            if lede is not None:
                return self.for_frame(lede, q.start, 0.5, ("speaker_from_context",))
            issuer = self._statement_under(close)
            if issuer is not None:
                return Attribution(issuer, (), "other", None, 0.5, ("speaker_from_context",))
        read = self._read_out(open_at)
        if read is not None:
            author, reader = read
            return Attribution(author, () if reader is None else (reader,), "other", None,
                               0.6, ("read_out",))
        if previous and previous[1].speaker is not None:
            prev_q, prev_a = previous
            between = self.text[prev_q.end : open_at]
            lo, hi = (
                bisect.bisect_left(self._cues, prev_q.end),
                bisect.bisect_left(self._cues, open_at),
            )
            if (
                len(between) < 400
                and between.count("\n\n") <= 1
                and not any(
                    f.kind != "reporter" and f is not prev_a.frame for f in self.frames[lo:hi]
                )
                and not self._held(q.start, close)  # '"...", Zeid said': Zeid's words
            ):
                return Attribution(
                    prev_a.speaker,
                    prev_a.reporters,
                    prev_a.kind,
                    prev_a.frame,
                    round(min(0.5, prev_a.confidence), 2),
                    ("speaker_from_context",),
                )
        ending = self._ends_paragraph_before(open_at, previous)
        if ending is not None:
            return self.for_frame(ending, q.start, 0.6, ("speaker_from_context",))
        found = self.at(q.start, in_quote=False)
        if "publisher_voice" in found.flags:  # the last resort before the publisher's voice
            colon = self._colon_subject(open_at)
            if colon is not None:
                return Attribution(colon, found.reporters, "other", None, 0.6, ("colon_subject",))
            person = self._introduced_before(open_at)
            if person is not None:
                return Attribution(person, found.reporters, "other", None, 0.6,
                                   ("introduced_before",))
            speaker = self._pronoun_paragraph_before(open_at)
            if speaker is not None:
                return self.for_frame(speaker, q.start, 0.5, ("speaker_from_context",))
            person = self._interviewed_before(open_at)
            if person is not None:
                return Attribution(person, found.reporters, "other", None, 0.5,
                                   ("introduced_before",))
            lede = self._headline_lede(open_at, close)
            if lede is not None:
                return self.for_frame(lede, q.start, 0.5, ("speaker_from_context",))
        return found

    def _headline_lede(self, open_at: int, close: int, within: bool = False) -> Frame | None:
        """ "'۹۰ فرد ملکی هلاک شدند'\n\n... مقامات افغانی می‌گویند ...": words in marks that
        are the whole of a headline are those of whoever the story's first sentences report
        (the annotation guide: a headline's marked words the story gives a speaker)."""
        sentence = self.layout.sentence_at(open_at)
        if sentence is None or not sentence.heading:
            return None
        line_start = self.text.rfind("\n", 0, open_at) + 1
        line_end = self.text.find("\n", close)
        line_end = len(self.text) if line_end < 0 else line_end
        if not within and (self.text[line_start:open_at].strip() or self.text[
                close:line_end].strip(" \t.'\"”»’")):
            return None
        i = bisect.bisect_left(self._cues, line_end)
        for f in self.frames[i : i + 3]:
            if f.cue[0] - line_end > _LEDE_REACH:
                break
            if f.subject is not None and f.kind not in ("reporter", "label") and (
                    "pronoun" not in f.subject.flags):
                return f
        return None

    def _stop_before(self, open_at: int) -> int | None:
        """Where the paragraph before a quotation opening its own ends, just after its full
        stop; None when the quotation does not open a paragraph or that one ends otherwise
        ("X is a spokesperson with Y:" is a label, read as one elsewhere)."""
        end = open_at
        while end > 0 and self.text[end - 1].isspace():
            end -= 1
        if end <= 0 or "\n" not in self.text[end:open_at] or self.text[end - 1] != ".":
            return None
        return end

    def _statement_under(self, close: int) -> Party | None:
        """ "SECRETARY-GENERAL ‘APPALLED’ BY ...\n\nThis is the text of a statement today by
        the Spokesman for Secretary-General X:": the statement's author, named under the
        headline."""
        line_end = self.text.find("\n", close)
        if line_end < 0:
            return None
        m = _STATEMENT_BY.search(self.text, line_end, line_end + _LEDE_REACH)
        if m is None or not is_name(who := " ".join(m.group("who").split())):
            return None
        return Party(who, None, "speaker", m.start("who"), m.end("who"), ("raw",))

    def _plain_sentence_before(self, open_at: int) -> tuple[Sentence, int] | None:
        """The sentence that ends the paragraph before a quotation opening its own, and
        where its full stop ends, when it ends with one and reports nothing (no frame)."""
        end = self._stop_before(open_at)
        if end is None:
            return None
        sentence = self.layout.sentence_at(end - 1)
        if sentence is None or self.in_sentence.get(sentence.start):
            return None
        return sentence, end

    def _pronoun_paragraph_before(self, open_at: int) -> Frame | None:
        """ "..., the Deputy High Commissioner said.\n\nShe made reference to the Minsk
        Agreements ... .\n\n“...”": a quotation opening the paragraph after one whose only
        sentence opens with "He"/"She" ("او"/"وی") and reports nothing is the words of the
        person the last speaking frame, in the paragraph before that one, names."""
        plain = self._plain_sentence_before(open_at)
        sentence = plain[0] if plain else None
        if sentence is None or not _HE_SHE.match(self.text, sentence.start) or (
                "\n" not in self.text[max(0, sentence.start - 3) : sentence.start]):
            return None
        i = bisect.bisect_left(self._cues, sentence.start)
        before = self.frames[i - 1] if i else None
        if before is None or before.subject is None or before.kind in ("reporter", "label") or (
                "pronoun" in before.subject.flags) or sentence.start - before.cue[1] > 400:
            return None
        return before

    def _introduced_before(self, open_at: int) -> Party | None:
        """ "Rupert Colville is the Spokesperson for the UN Human Rights office.\n\n“...”":
        a quotation opening the paragraph after a sentence that only introduces a person
        (radio and briefing transcripts) is that person's words."""
        plain = self._plain_sentence_before(open_at)
        if plain is None:
            return None
        sentence, end = plain
        i = bisect.bisect_left(self._people_starts, sentence.start)
        person = self.people[i] if i < len(self.people) else None
        if person is None:
            return None
        if person.start == sentence.start and _INTRODUCES.match(self.text, person.end or 0, end):
            return person
        # "Ms. Arbour called on the States ... to reconsider their stance.\n\n“...”": a
        # paragraph of one sentence telling what a person did, then their words
        alone = "\n" in self.text[max(0, sentence.start - 3) : sentence.start]
        opens = person.start == sentence.start or bool(_HONORIFIC_ONLY.fullmatch(
            self.text, sentence.start, person.start or 0))
        return person if alone and opens and _ACTS.match(self.text, person.end or 0) else None

    def _interviewed_before(self, open_at: int) -> Party | None:
        """ "Anthony Mwangi is Public Relations Manager of Kenya Red Cross. He told VOA
        reporter ...\n\n“...”": a quotation opening the paragraph after one that opens a
        sentence with a person introduced by a title, and opens no later sentence with
        another person, is that person's words (radio interviews)."""
        end = self._stop_before(open_at)
        if end is None:
            return None
        start = self.text.rfind("\n", 0, end) + 1
        lo = bisect.bisect_left(self._people_starts, start)
        hi = bisect.bisect_left(self._people_starts, end)
        found: Party | None = None
        for person in self.people[lo:hi]:
            sentence = self.layout.sentence_at(person.start or 0)
            if sentence is None or sentence.start != person.start:
                continue  # "VOA's Chinedu Offor asked him": not the sentence's subject
            if not _INTRODUCED_BY_TITLE.match(self.text, person.end or 0):
                return None  # another person opens a later sentence: whose words, unsure
            found = person
        if found is None:
            return None
        # a later sentence opening with another name ("Mira Sol runs ..."): unsure too
        sentences = self.layout.sentences
        i = bisect.bisect_right(sentences, found.end or 0, key=lambda s: s.start)
        while i < len(sentences) and (later := sentences[i]).start < end:
            i += 1
            opening = _OPENING_NAME.match(self.text, later.start)
            name = opening.group("name") if opening else ""
            if len(name.split()) > 1 and is_name(name) and name != found.name and not (
                    _POSSESSIVE.search(name)):  # ("VOA's Chinedu Offor asked him": the reporter)
                return None
        return found

    def _read_out(self, open_at: int) -> tuple[Party, Party | None] | None:
        """ "Mr. X then read the following statement by the Secretary-General:\n"...": a
        statement read out, whose author speaks through its reader (the annotation guide:
        the reader is a reporting level); also "... a statement ... issued by Y, which he
        read out as follows:"."""
        colon = self._colon_before(open_at)
        if colon is None:
            return None
        sentence = self.layout.sentence_at(colon - 1)
        if sentence is None:
            return None
        # (a statement's introduction is short: a long sentence is read near its colon)
        m = _READ_OUT.search(self.text, max(sentence.start, colon - 600), colon)
        if m is None:
            return None
        he = bool(m.group("he"))
        group = "who" if m.group("who") else "who2" if m.group("who2") else None
        if group is None:  # "X, Spokesman for the Secretary-General, ... by reading the
            # following statement:": no author named; the statement is the principal's
            principal = _SPOKESPERSON_FOR.search(self.text, sentence.start, m.start())
            if principal is None:
                return None
            group = "principal"
            m = principal
        written = m.group(group).rstrip(" ,")
        who = " ".join(written.split())
        if not is_name(who):
            return None
        at = m.start(group)
        if (titled := _TITLE_THEN_NAME.fullmatch(who)) is not None:
            # "the Officer-in-Charge of the Centre for Human Rights, Ralph Zacklin": the
            # name, with its title after it, as a reader's apposition gives them
            who = f"{titled.group('name')}, {titled.group('title')}"
        author = Party(who, None, "speaker", at, at + len(written), ("raw",))
        opening = _OPENING_NAME.match(self.text, sentence.start)
        reader: Party | None = None
        m_start = m.start(group)
        if he:  # "..., which he read out as follows:": who spoke before it
            reader = self._last_named(sentence.start)
        elif opening is not None and opening.end() <= m_start:
            name = opening.group("name")
            if is_name(name) and fold(name.split()[0]) not in _ARTICLES:
                start = sentence.start + opening.start("name")
                reader = Party(name, None, "reporter", start, start + len(name))
                honorific = _HONORIFIC_ONLY.match(name)
                if honorific:  # "Mr. Brandt": the full name written before
                    surname = name[honorific.end():]
                    full = re.compile(rf"(?:[A-Z][\w’'.-]*[ \t]+){{1,3}}{re.escape(surname)}"
                                      r"(?![\w’'-])").search(self.text, 0, start)
                    if full is not None and not _HONORIFIC_ONLY.match(full.group()):
                        reader = replace(reader, name=" ".join(full.group().split()))
        if reader is not None:
            reader = replace(reader, role="reporter")
        return author, reader

    def _colon_before(self, open_at: int) -> int | None:
        """Just after the colon that only spaces separate from `open_at`, else None (read
        back from `open_at`, no copy of the text: quotations can be many)."""
        colon = open_at
        while colon > 0 and self.text[colon - 1].isspace():
            colon -= 1
        return colon if colon > 0 and self.text[colon - 1] == ":" else None

    def _colon_subject(self, open_at: int) -> Party | None:
        """ "Zanderborght discussed the influence of outside pressure: “...”", "But he
        cautioned against ...:\n\n“...”": a quotation right after a colon that ends a
        sentence with no verb of saying is the words of the person that sentence opens with."""
        colon = self._colon_before(open_at)
        if colon is None or shot_list_speaker(self.text, open_at):
            return None  # (a label's reading, "X is spokesperson for Y:", comes first)
        sentence = self.layout.sentence_at(colon - 1)
        if sentence is None or self.in_sentence.get(sentence.start):
            return None
        head = self.text[sentence.start : colon - 1]
        lead = _COLON_LEAD.match(head)
        skip = lead.end() if lead else 0
        if lead is not None and lead.group("pronoun"):
            return self._last_named(sentence.start)  # "But he cautioned ...:"
        if _HIS_STATEMENT.search(head):
            return self._last_named(sentence.start)  # "The following is his statement:"
        opening = _OPENING_NAME.match(head, skip)
        if opening is None or not _VERB_AFTER.match(head, opening.end()):
            return None
        start = sentence.start + opening.start("name")
        i = bisect.bisect_left(self._people_starts, start)
        if i < len(self.people) and self.people[i].start == start:
            return self.people[i]  # a person mention opens the sentence
        name = opening.group("name")
        words = name.split()
        if fold(words[0]) in _ARTICLES or not is_name(name):
            return None  # "The Council adopted ...:"
        if len(words) > 1:
            return Party(name, None, "speaker", start, start + len(name))  # "Lena Farro is ...:"
        # "Okonde discussed ...:": a surname, of a full name written before
        full = re.compile(rf"(?:[A-Z][\w’'.-]*\s+){{1,3}}{re.escape(name)}(?![\w’'-])").search(
            self.text, 0, start)
        if full is None:
            return None
        return Party(" ".join(full.group().split()), None, "speaker", start, start + len(name))

    def _held(self, start: int, close: int) -> bool:
        """Whether a verb after the quotation in its sentence reports it: 'The incident
        has raised "massive concerns" over ..., Zeid said'."""
        sentence = self.layout.sentence_at(start)
        return sentence is not None and any(
            f.cue[0] >= close and f.scope[0] <= start < f.scope[1] and f.subject is not None
            and f.kind not in ("reporter", "label")
            for f in self.in_sentence.get(sentence.start, ()))

    def _last_named(self, pos: int) -> Party | None:
        """The person a pronoun at `pos` refers to: the one named or speaking last."""
        i = bisect.bisect_left(self._people_starts, pos)
        person = self.people[i - 1] if i else None
        j = bisect.bisect_left(self._cues, pos)
        for f in reversed(self.frames[max(0, j - 6) : j]):
            subject = f.subject
            if (subject is not None and f.kind not in ("reporter", "label")
                    and "pronoun" not in subject.flags and is_name(subject.name)):
                if person is None or (subject.start or 0) > (person.start or 0):
                    person = subject
                break
        return None if person is None else replace(person, role="speaker")

    def _introducing(self, open_at: int) -> list[Frame]:
        """Frames before a quotation whose verb introduces it ("X said: “...”")."""
        upto = bisect.bisect_right(self._cue_ends, (open_at, len(self.frames)))
        nearby = sorted(i for _, i in self._cue_ends[max(0, upto - 8) : upto])
        return [
            f
            for f in (self.frames[i] for i in nearby)
            if open_at - f.cue[1] <= _PRE_LIMIT
            and f.kind != "reporter"
            and f.scope[1] >= open_at - 2
            and f.scope[0] <= open_at + 1
            and "\n\n" not in self.text[f.cue[1] : open_at]
            and not _SENTENCE_END.search(self.text, f.cue[1], open_at)  # "... not replied.\n“"
        ]

    def _inside_clause(self, open_at: int, close: int) -> Frame | None:
        """Persian SOV: "X «...» را محکوم کرد", "این سازمان «...» خواست": a quotation
        between a subject and its verb is that subject's."""
        i = bisect.bisect_left(self._cues, close)
        for f in self.frames[i : i + 3]:
            if f.cue[0] - close > 200:
                break
            if (
                f.kind in ("reporter", "label")
                or f.subject is None
                or f.phrase is None
                or self.text[f.cue[0] : f.cue[1]].isascii()
            ):
                continue
            if (
                f.phrase[0] < open_at
                and "\n" not in self.text[f.phrase[0] : f.cue[0]]
                and not _SENTENCE_END.search(self.text, close, f.cue[0])
            ):
                return f
        return None

    def _ends_paragraph_before(
        self, open_at: int, previous: tuple[Quotation, Attribution] | None
    ) -> Frame | None:
        """ "..., according to OHCHR.\n“...”": a quotation that opens its paragraph right
        after one whose last sentence ends with its attribution is that speaker's."""
        i = bisect.bisect_left(self._cues, open_at)
        if not i:
            return None
        f = self.frames[i - 1]
        tail = self.text[f.cue[1] : open_at]
        if (
            f.subject is None
            or f.kind in ("reporter", "label")
            or (previous is not None and previous[0].end > f.cue[1])
            or ("raw" in f.subject.flags and not is_name(f.subject.name))
        ):
            return None
        if fold(self.text[f.cue[0] : f.cue[1]]) == "asked" and _ASKED_WHOM.match(
                self.text, f.cue[1]):
            return None  # "X's Y asked her how ...": an interviewer; the answer is not Y's
        if _ENDS_PARAGRAPH.fullmatch(tail):
            return f
        line_end = self.text.rfind("\n", f.cue[1], open_at)
        # (a report with no "that": "X says the executions are ... penalty.\n\n“...”")
        reports = f.content or (f.kind == "other" and f.scope[0] <= f.cue[1] + 1
                                and len(self.text[f.scope[0] : f.scope[1]].split()) >= 4)
        if reports and f.scope[1] >= line_end - 2 and (
                _REPORTS_TO_PARAGRAPH_END.fullmatch(tail)):
            return f
        return None

    def at(self, pos: int, *, in_quote: bool = True) -> Attribution:
        """Who asserts what is written at `pos`."""
        if in_quote:
            i = bisect.bisect_right(self._quote_starts, pos)
            for q in self.quotes[max(0, i - 3) : i]:
                if q.start <= pos < q.end:
                    return self.by_quote[(q.start, q.end)]
        end = min(len(self.text), pos + 160)
        # every match holds "(" (the pattern backtracks over up to seven words before it)
        source = (_PAREN_SOURCE.match(self.text, pos, end)
                  if self.text.find("(", pos, end) >= 0 else None)
        if source is not None:  # an infobox's "225 killed (per Interior Ministry)"
            s, e = source.span("who")
            who = Party(self.text[s:e].strip(), None, "speaker", s, e, ("parenthetical_source",))
            return Attribution(who, (), "other", None, 0.7, ("parenthetical_source",))
        sentence = self.layout.sentence_at(pos)
        here = self._near(sentence.start, pos - _REACH, pos + _REACH) if sentence else []
        holding = [f for f in here if f.scope[0] <= pos < f.scope[1] and f.kind != "label"]
        if holding:  # "X said that, according to Y, ...": X asserts it here, citing Y
            outer = holding[0]
            inner = [f for f in holding[1:] if f.subject is not None
                     and f.kind not in ("label", "according")
                     and outer.cue[1] <= f.cue[0] < outer.scope[1]]
            if outer.kind == "reporter" and inner:
                # "به گزارش X، Y اعلام کرد ...", "به گزارش X به نقل از Y، ...": X only
                # carries Y's words; Y asserts them and X is a reporting level
                return self.for_frame(inner[-1], pos, 0.75)
            cited = tuple(
                f"cites:{f.subject.name}"
                for f in holding[1:]
                if f.subject is not None and outer.scope[0] <= f.cue[0] < outer.scope[1]
            )
            return self.for_frame(outer, pos, 0.75, cited)
        between = [  # Persian SOV: "X با انتقاد از اعدام ۱۷ زندانی گفت": X's object, X's figure
            f
            for f in here
            if f.phrase is not None
            and f.kind not in ("label", "reporter", "according")
            and not self.text[f.cue[0] : f.cue[1]].isascii()
            and f.phrase[1] <= pos < f.cue[0]
        ]
        if between:
            return self.for_frame(between[-1], pos, 0.7)
        labels = [f for f in here if f.kind == "label" and f.scope[0] <= pos < f.scope[1]]
        if labels:
            return self.for_frame(labels[-1], pos, 0.6)
        if self._in_testimony(pos) and self.witness is not None:
            return Attribution(self.witness, (), "other", None, 0.6, ("witness",))
        carried = self._speech.carried(pos)
        if carried is not None:
            return self.for_frame(carried, pos, 0.6, ("speaker_carried",))
        if self.author is not None and pos >= (self.author.end or 0):
            return Attribution(self.author, (), "other", None, 0.6, ("statement_author",))
        return self.for_frame(None, pos, 0.6, ("publisher_voice",))


# what opens a sentence that ends in a colon before a quotation: a linking word, then a
# pronoun subject or a name
_COLON_LEAD = re.compile(
    r"\s*(?:(?:But|And|Then|Later|Still|However|Meanwhile|Again),?\s+)?"
    r"(?:(?P<pronoun>[Hh]e|[Ss]he)\s+(?=[a-z]))?"
)
# a statement read out: "then read the following statement by the Secretary-General:",
# "read out a statement from X:", "... issued by X, ..., which he read out as follows:"
_READ_OUT = re.compile(
    r"\bread(?:\s+out)?\s+(?:the\s+following|a|this)\s+(?:\w+\s+)?(?:statement|message)\s+"
    r"(?:by|from|of|on\s+behalf\s+of)\s+(?:the\s+)?(?P<who>[^:\n]{3,160}?)\s*:\s*$"
    r"|\bissued\s+by\s+(?:the\s+)?(?P<who2>[^:\n]{3,200}?),\s+(?:also|on|in|about|which)\b"
    r"[^:\n]*?\bwhich\s+(?P<he>he|she)\s+read\s+out\s+(?:as\s+follows)?\s*:\s*$"
    r"|\breading\s+(?:out\s+)?the\s+following\s+statement\s*:\s*$"
)
# the principal a spokesperson speaks for: "Associate Spokesman for the Secretary-General"
_SPOKESPERSON_FOR = re.compile(
    r"\bSpokes(?:man|woman|person)\s+for\s+the\s+(?P<principal>Secretary-General|"
    r"(?:United\s+Nations\s+|UN\s+)?High\s+Commissioner\s+for\s+(?:Human\s+Rights|Refugees))\b"
)
# "Title of Body, First Last": an office, then the name of who holds it
_TITLE_THEN_NAME = re.compile(
    r"(?P<title>.{3,200}?),\s+(?P<name>[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3})")
# "The following is his statement made on February 2:": the words are the person's named last
_HIS_STATEMENT = re.compile(r"^(?:The\s+following\s+is|Here\s+is|Below\s+is)\s+(?:his|her)\s+"
                            r"(?:full\s+)?(?:statement|remarks|message|speech)\b")
_OPENING_NAME = re.compile(r"(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)")
_ARTICLES = frozenset(("the", "a", "an", "this", "these", "that", "those", "its", "their"))
_VERB_AFTER = re.compile(r"(?:\s+(?:also|then|later|again|further))?\s+[a-z]+(?:ed|s)\b")


def _after_issued_by(frames: list[Frame], author: Party) -> list[Frame]:
    """The header line that names the author ("The following statement was issued ... by
    ...:") speaks nothing itself; a verb after it whose subject phrase runs back over it
    ("...:\n\nThe Secretary-General strongly condemns") is the author's."""
    start, end = author.start or 0, author.end or 0
    out = []
    for f in frames:
        if start <= f.cue[0] < end:
            continue
        if f.phrase is not None and f.phrase[0] < end <= f.cue[0]:
            f = replace(f, subject=replace(author, start=f.cue[0], end=f.cue[0]))
        out.append(f)
    return out


# "X, quoting witnesses, wrote" / "X به نقل از شاهدان نوشت": people nobody names are not a
# speaker; the words stay the named X's, as a reader would attribute them.
_UNNAMED_SOURCES = frozenset(fold(w) for w in (
    "witnesses", "eyewitnesses", "sources", "informed sources", "residents", "activists",
    "local sources", "شاهدان", "شاهدان عینی", "شهود", "منابع", "منابع آگاه", "منابع محلی",
    "ساکنان", "فعالان", "مصادر", "شهود عيان", "سكان", "ناشطون",
))


def _unnamed(party: Party) -> bool:
    return party.entity_id is None and fold(party.name) in _UNNAMED_SOURCES
