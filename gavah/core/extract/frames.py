"""Attribution frames: who a stretch of text is attributed to, and which stretch.

A frame is a cue (a reporting verb, "according to", "به گزارش", a "Label:" line start)
with its subject and its scope. Word order decides where the subject is: before the verb
in English and Persian ("X said", "X گفت"), after it in Arabic ("قال X") and in English
inversions ("..., said X"). Scope is what follows "that"/"که"/"أن" or a colon; in
English it may also be the clause before a trailing "..., X said in a report."
Subjects are resolved by `PartyResolver` (gazetteer mentions, titles, roles).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from gavah.core.extract import lexicon as lx
from gavah.core.extract.cues import clauses, cue_may_start, cue_starts, cues, scope_after
from gavah.core.extract.fa_subject import FA_AND_VERB, fa_subject
from gavah.core.extract.labels import DATELINE_LEAD
from gavah.core.extract.model import Party, Quotation
from gavah.core.extract.resolve import PartyResolver
from gavah.core.extract.segments import Layout, Sentence
from gavah.core.extract.subjects import AND_END, QUOTED_ADVERB, subject_after, subject_before
from gavah.core.extract.textmap import Folded
from gavah.core.text import fold

_DETERMINER = re.compile(
    r"(?:\b(?:the|a|an|this|that|its|their|his|her|our|my|your|these|those)|"
    r"\b(?:was|were|been|be|being|is|are|to)(?:\s+(?:never|not|also|later|reportedly|"
    r"allegedly|then|often|all))?|(?<![\w,.])\d[\d,.]*)\s*$"  # "900 recorded cases": an adjective
)
# "jailed on charges of", "despite claims": a preposition before a plural noun (never
# before a verb of saying in the third person)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:on|of|over|despite|with|against|amid|after|for|from|about|under|into|in)\s+$")
# "three States withdrawing", "several reports": a number word before a plural noun ("Several
# said" is a verb's)
_NUMBER_WORD_BEFORE = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|both)\s*$")
_OPENING_NAME = re.compile(r"\s*(?P<np>(?:[A-Z][\w’'.-]*\s+){0,5}[A-Z][\w’'.-]*)(?=\s+[a-z])")
_WHAT_BEFORE = re.compile(r"\bwhat\s*$")
# a passive with its agent and the words it gives: "described by X as "...""
_PASSIVE_BY_VERBS = frozenset(("described",))
_CLOSING = re.compile(r"[\"”]")
_BY_AS = re.compile(r"\s+(?P<by>by)\s+[^,;:\"“”]{2,80}?\s+(?P<as>as)\s+(?:an?\s+|the\s+)?[\"“]")
_AUX_AFTER = re.compile(r"\s+(?:has|have|had)$")
# a link's markup left in a copied text, right before a verb: <"http://...">
_TAG_BEFORE = re.compile(r"\s*<[^<>\n]{1,380}>$")
# data that names no party: "initial figures", "available information", "official
# Government sources", "numbers from X's project" (the annotation guide gives what they
# say to the speaker who cites them)
_DATA_ADJECTIVE = (
    r"(?:initial|latest|available|preliminary|official|unconfirmed|recent|new|"
    r"first|early|government|some|various|several|unofficial|reliable)"
)
# "A mounting number of reports ...": "reports" counted, a noun, not a verb
_NUMBER_OF = re.compile(r"(?:an?|the)\s+(?:[a-z]+\s+)?(?:number|series|host|string|spate)\s+of")
_DATA_ADJECTIVES = re.compile(rf"(?:the\s+)?(?:{_DATA_ADJECTIVE}\s+)*{_DATA_ADJECTIVE}")
_DATA_NOUN = re.compile(
    rf"(?:the\s+)?(?:{_DATA_ADJECTIVE}\s+)*"
    r"(?:figures|information|data|reports|estimates|sources|numbers|statistics|counts|tallies)"
    r"(?:\s+(?:from|of)\s+(?P<source>[^\s]+(?:\s+[^\s]+){0,5}?))?(?:\s+(?:also|now|still))?\s*$"
)
# "according to a statement": a document, its issuer not named ("the statement" is one
# named before: the resolver finds its issuer)
_UNNAMED_STATEMENT = re.compile(
    r"(?:a|an)\s+(?:(?:joint|written|official|brief|short|separate|new|later|earlier)\s+)?"
    r"(?:statement|press\s+release|communiqu[eé]|release)"
)
# cues that are also plural nouns, and verbs that take them as an object ("verify reports");
# not "received reports": who received them relays what they say (the annotation guide)
_NOUN_CUES = frozenset(("reports", "claims", "charges", "allegations"))
_VERB_BEFORE_NOUN = re.compile(
    r"\b(?:verify|verified|confirm|confirmed|deny|denies|denied|dismiss|dismissed|dismisses|"
    r"reject|rejected|rejects|refute|refuted|refutes|support|supports|supported|back|backs|"
    r"backed|corroborate|corroborates|corroborated|investigate|investigates|investigated|"
    r"examine|examined|cite|cites|cited|doubt|doubted|"
    r"dispute|disputes|disputed|contradict|contradicts|contradicted|echo|echoes|echoed|"
    r"repeated|repeat|repeats|follow|follows|followed)\s*$"
)
# what a body's count rests on, named before the body: "information verified by X"
_GATHERED_BY = re.compile(
    r"(?:the\s+|a\s+)?(?:information|data|figures|statistics|estimates|reports?|records|"
    r"documentation|count|tally|statement|press\s+release|release|communique|letter)\s+"
    r"(?:\w+\s+)?(?:verified|compiled|gathered|collected|published|released|documented|"
    r"provided|obtained|received|issued|sent|signed)\s+by\s+"
)
_LEAD_FRAME = re.compile(rf"\s*(?:{lx.alternation(lx.REPORTER + lx.ACCORDING)})[^،,:]*[،,]")
_NAME_BEFORE = re.compile(r"[A-Z][\w.’'-]*[ \t]+$")
_INVERTED_TAIL = re.compile(  # "..., noted Mr. X." / "..., informed Ms. X, and ..."
    r"\s+(?:(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+|the\s+(?:[a-z]+\s+)?)?[A-Z][\w’'-]*\.?"
    r"(?:\s+[A-Z][\w’'-]*\.?){0,4}\s*[.;]?\s*$|(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z][\w’'-]*"
    r"(?:\s+[A-Z][\w’'-]*){0,3}\s*,\s"
    # "..., said Philip Alston, Special Rapporteur on ..., during a press conference."
    r"|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]*\.?){1,3}\s*,\s"
    # "..., said UN High Commissioner for Human Rights, Michelle Bachelet:" then the words
    r"|(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:(?:of|for|on|the)\s+)*[A-Z][\w’'.-]*){0,7}"
    r"(?:\s*,\s*[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})?\s*:\s*(?:$|[“\"«]))"
)
_TOLD_CUE = re.compile(r"(?i:told|tells?)")
# "accused of", "charged with": the person accused is the subject; the accuser is unnamed
_PASSIVE_ONLY = frozenset(("accused", "charged"))
_OF_AFTER = re.compile(r"\s+(?:of|with)\s")
# ASCII ' after a stop too, and two single marks typed for a closing double one ("...,’’")
_AFTER_QUOTE = re.compile(r"(?:[\"”»]|[.,!?]'|’’)\s*[,،]?\s*$")
_COMMA = re.compile(r"[,،]")
MAX_SCOPE = 1_500  # characters a reported statement may run to (long run-on sentences)


@dataclass(frozen=True)
class Frame:
    kind: str  # "other", "denial", "allegation" (reporting verbs), "according", "reporter", "label"
    cue: tuple[int, int]  # original span of the verb or phrase
    subject: Party | None  # None: not written (Arabic pronoun-drop) or not found
    scope: tuple[int, int]  # original span of what is attributed
    sentence: Sentence
    flags: tuple[str, ...] = ()
    phrase: tuple[int, int] | None = None  # original span of the subject as written
    content: bool = False  # the cue reports what follows it ("X added that ...", "X said:")


# "در این بیانیه", "این گزارش", "در بیانیه وزارت خزانه داری", "در یکی از این پیام‌ها": a
# statement speaks
_STATEMENT_REF = re.compile(
    r"^\s*(?:در\s+)?(?:یکی\s+از\s+)?(?:ادامه(?:ی|ۀ|ٔ)?\s+)?(?:این\s+)?"
    r"(?:بیانیه|گزارش|پیام|نامه)(?:ها|های)?(?:ی|ۀ|ٔ)?(?=\s|$)"
)
_STATEMENT_OF = re.compile(
    r"\s*(?P<who>(?:[^\s،,:]+\s*){1,6}?)"
    r"(?=\s+(?:که|روز|در|به|نیز|همچنین)\s|\s*[،,]|\s*$)"
)
_RELATIVE = re.compile(r"\s*که\s")
# a verb of opening or closing before a participle of saying: "X began by saying"
_OPENED_BY = re.compile(r"\b(?:began|begins|started|opened|concluded|ended|closed)\s+by\s+$")
# past participles of Persian verbs that are not adjectives ("بازداشت شده" is, "قرار داشته"
# is not): a clause's verb, never in its subject
_FA_PARTICIPLES = frozenset(fold(w) for w in ("داشته", "بوده", "نموده", "گردیده"))
_ANOTHER = frozenset(["دیگر", "دیگری", "جدید", "جدیدی", "تازه"])
_IN_A_TEXT = frozenset(("آمده است", "آمده"))
_ISSUED = re.compile(r"بیانیه|statement|بيان|پیام", re.IGNORECASE)


_QUOTE_MARK = re.compile(r"[«»\"“”]")
_QUOTE_OPENS = re.compile(r"(?:^|[\s(])[\"“«]")  # a mark opening words (not closing them)
_QUOTE_NEXT = re.compile(r"\s*[,:،]?\s*[«\"“]")  # a verb's words right after it: 'said, "...
# how far before a Persian verb after "و" its clause's opening subject is looked for
_FA_OPENING_REACH = 400
# "X «...» را محکوم کرد", "X «...» از دولت خواست": the quotation is X's object
_SOV_AFTER_QUOTE = re.compile(
    r"\s*(?:را\s*)?(?:(?:از|به|با|برای)\s+[^\s«»\"“”،,.]+(?:\s+[^\s«»\"“”،,.]+)?\s*)?"
    r"(?:(?:سخن|صحبت)\s*)?"  # "X با تاکید بر اینکه «...» سخن گفت": the light verb's noun
)
_FA_THAT = re.compile(r"(?:^|\s)که\s")
# a finite verb closing a relative clause: "X در بیانیه‌ای که منتشر کرد، گفت"
_FA_CLAUSE_VERB = re.compile(
    r"(?:کرد|کردند|کرده|است|بود|بودند|شد|شدند|شده|کند|کنند|دارد|دارند|داد|دادند|گرفت)\s*$"
)
_GOVERNMENT_WORD = re.compile(r"(?<![\w-])government(?![\w-])")
# a headline's quoted words, then "says X": "Warring parties “need to stand by ceasefire”,
# says UN's Gilmore"
_HEADLINE_SAYS = re.compile(r"[\"”’'»][ \t]*,?[ \t]*(?:says|said)[ \t]+\S")
# "به گفته یی او": the ezafe that Dari writes apart after "گفته", no word of who
_EZAFE_APART = re.compile(r"\s+(?:یی|ای)(?=\s)")
# "خوانده میشود": a passive "is called", no reporting verb
_CALLED_FA = fold("خوانده")
_PASSIVE_FA = re.compile(r"\s*(?:می\s*شود|میشود|می\u200cشود|شده|شد|میشوند|می\s*شوند)(?![^\W\d_])")
# "محکوم کرد" condemns, or sentences "به" a penalty: "به اعدام / به ده سال زندان محکوم کرد"
_CONDEMNED = fold("محکوم")
_SENTENCED_TO = re.compile(
    r"(?<![^\W\d_])به\s+(?:[^\s]+\s+){0,3}?(?:اعدام|مرگ|حبس|زندان|ابد|شلاق|جریمه)"
    r"(?:\s+ابد)?\s*$"
)


def _fa_last_that(folded: str, first: int, verb: int) -> int | None:
    """Start of the clause after the last "که" before a Persian verb, when that clause is
    the verb's own ("... در حالی ... که Y ... اعلام کرد") and not a relative clause
    closed before it."""
    last = None
    for m in _FA_THAT.finditer(folded, first, verb):
        last = m
    if last is None:
        return None
    rest = folded[last.end() : verb]
    if not rest.strip() or "،" in rest or "," in rest or _FA_CLAUSE_VERB.search(rest):
        return None
    return last.end()


def _persian_verb(m: re.Match[str]) -> bool:
    """A Persian (SOV) reporting verb: its subject is before it, even before a quotation."""
    verb = m.group("verb")
    return bool(verb) and not verb.isascii() and verb not in lx.VSO_VERBS


def _is_verb(doc: Folded, m: re.Match[str], clause_start: int) -> bool:
    verb = m.group("verb")
    if verb is None:
        return True
    if verb.isascii():
        before = doc.folded[max(clause_start, m.start() - 24) : m.start()]
        if _DETERMINER.search(before) or (verb.endswith("s") and (
                _NUMBER_WORD_BEFORE.search(before) or _PREPOSITION_BEFORE.search(before))):
            # "the reports", "were found", "to say", "three States", "jailed on charges"
            return False
        if verb in _PASSIVE_ONLY and _OF_AFTER.match(doc.folded, m.end()):
            return False  # "countries accused of committing ...": a participle, no accuser
        start = doc.original(m.start(), m.end())[0]
        # "the United States", "Member States": a capitalised word inside a name
        return not (
            doc.text[start : start + 1].isupper()
            and _NAME_BEFORE.search(doc.text, max(0, start - 40), start)
            and not _headline(doc.text, start)
        )
    return True


def _inverted(doc: Folded, m: re.Match[str], ce: int) -> bool:
    """ "..., noted Mr. Boulierac." / "..., said the spokesperson.": a comma before the
    verb, and only a short name or role after it to the end of the sentence."""
    start, end = doc.original(m.start(), m.end())
    if doc.text[max(0, start - 3) : start].rstrip()[-1:] not in (",", "،"):  # r"[,،]\s*$"
        return False
    if _TOLD_CUE.fullmatch(doc.text, start, end):
        return False  # "X, a member of Y, told Reuters.": who is told is not who speaks
    stop = doc.original(ce, ce)[0]
    return bool(_INVERTED_TAIL.match(doc.text, end, stop))


def _headline(text: str, at: int) -> bool:
    """A Title Case line ("Rights Group Says 40 Died"): its capitals say nothing of names."""
    lo, hi = text.rfind("\n", max(0, at - 200), at) + 1, text.find("\n", at, at + 200)
    words = [w for w in text[lo : hi if hi >= 0 else at + 200].split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def find_frames(
    doc: Folded, layout: Layout, resolver: PartyResolver, quotes: list[Quotation]
) -> list[Frame]:
    """Frames in text order. Cues inside quotations are the speaker's words, not frames."""
    inside = sorted((doc.at(q.start), doc.at(q.end)) for q in quotes if q.speech)
    inside_starts = [a for a, _ in inside]
    # a quotation's close ends the region a subject is looked for in; a quoted term does
    # not ("پولیس "گشت ارشاد" ایران، ... گفت": the subject opens the sentence)
    closes = sorted(
        doc.at(q.close_mark) + 1 for q in quotes if q.close_mark is not None and q.speech
    )
    frames: list[Frame] = []
    # every "بر اساس این گزارش،" holds one of these words: no scan of clauses without them
    back_reports = "گزارش" in doc.folded or "بیانیه" in doc.folded
    starts = cue_starts(doc)
    quoting = "نقل" in doc.folded  # every lx.QUOTING match holds it
    any_break = any(w in doc.folded for w in lx.CLAUSE_BREAK_LITERALS)
    ascii_text = doc.text.isascii()
    # without clause breaks, quoting or back-references in the text, a sentence is one
    # clause and only a cue makes frames of it: one where no cue can start is not read
    every_clause = any_break or quoting or back_reports
    for sentence in layout.sentences:
        if layout.is_skipped(sentence.start) or (sentence.heading and not _HEADLINE_SAYS.search(
                doc.text, sentence.start, sentence.end)):
            continue  # (a headline "“...”, says X" gives its words to X; no other one speaks)
        # "با ذکر گزارش ...": an Arabic verb's spelling in a Persian sentence (letters
        # Arabic does not have) is a Persian noun, not a reporting verb
        persian = not ascii_text and _PERSIAN_LETTERS.search(
            doc.text, sentence.start, sentence.end) is not None
        parts = (clauses(doc, sentence, any_break)
                   if every_clause or cue_may_start(doc, starts, sentence) else [])
        for cs, ce in parts:
            region_start = cs
            for m in cues(doc, starts, cs, ce):
                i = bisect.bisect_right(inside_starts, m.start())
                if any(a <= m.start() < b for a, b in inside[max(0, i - 3) : i]) or not _is_verb(
                    doc, m, cs
                ):
                    continue
                if persian and m.group("verb") in lx.VSO_VERBS:
                    continue
                j = bisect.bisect_right(closes, m.start())
                start = max(region_start, closes[j - 1] if j else region_start)
                if j and _SOV_AFTER_QUOTE.fullmatch(doc.folded, closes[j - 1], m.start()) and (
                    _persian_verb(m)
                ):
                    start = region_start  # "X «...» خواست": the quotation is X's object
                frame = _frame(doc, m, start, ce, sentence, resolver,
                               opening=cs if region_start == cs else None)
                if (
                    frame
                    and start > cs
                    and frames
                    and frames[-1].sentence == sentence
                    and frames[-1].subject is not None
                    and frame.kind not in ("according", "reporter")
                    and frames[-1].kind not in ("according", "reporter")
                    and AND_END.search(doc.folded, start, m.start())
                ):
                    # "X condemned the crackdown and said": the verbs share X, the words
                    # between them are the first verb's object, not a speaker
                    frame = replace(frame, subject=frames[-1].subject,
                                    phrase=frames[-1].phrase)
                if (
                    frame
                    and frame.subject is not None
                    and frame.phrase is not None
                    and _AUX_AFTER.sub("", fold(doc.text[slice(*frame.phrase)]).strip()) in (
                        "it", "they")  # "what it (has) called"
                    and _WHAT_BEFORE.search(doc.text, max(0, frame.phrase[0] - 8), frame.phrase[0])
                ):
                    # "X urged Y to ... and end what it called “...”": X's words
                    frame = _what_it(doc, frame, frames, sentence, resolver)
                if frame:
                    frames.append(frame)
                    if m.group("verb"):  # "X به نقل از Y نوشت": X stays the subject of نوشت
                        region_start = m.end()
            if quoting:
                frames.extend(_quoting(doc, cs, ce, sentence, resolver))
            if back_reports:
                frames.extend(_back_reports(doc, cs, ce, sentence))
        label = _label(doc, layout, sentence, resolver)
        if label:
            frames.append(label)
    return _statement_authors(doc, sorted(frames, key=lambda f: (f.cue[0], f.cue[1])))


def _what_it(doc: Folded, frame: Frame, frames: list[Frame], sentence: Sentence,
             resolver: PartyResolver) -> Frame:
    """ "X urged Y to ... what it called “...”", "X expressed horror after what it called
    “...”": "it" is the sentence's speaker (the frame before it), else its opening name."""
    before = frames[-1] if frames and frames[-1].sentence is sentence else None
    if before is not None and before.subject is not None and before.kind not in (
            "reporter", "label"):
        return replace(frame, subject=replace(before.subject, flags=("speaker_from_pronoun",)))
    opening = _OPENING_NAME.match(doc.text, sentence.start)
    if opening is None or opening.end("np") > frame.cue[0]:
        return frame
    subject = resolver.party(*opening.span("np"))
    return replace(frame, subject=subject) if subject is not None else frame


def _statement_authors(doc: Folded, frames: list[Frame]) -> list[Frame]:
    """ "در این بیانیه آمده است", "این بیانیه اذعان می‌دارد": the statement's author is
    whoever the text first said issued it ("X ... با نشر بیانیه‌ای گفت"); without one,
    the speaker before (as for a pronoun)."""
    issuer: Party | None = None
    out = []
    issued: dict[int, bool] = {}  # by sentence: one search of each (frames can be many)
    for f in frames:
        if "statement_reference" in f.flags:
            if issuer is not None:
                f = replace(f, subject=replace(issuer, start=f.cue[0], end=f.cue[0],
                                               flags=(*issuer.flags, "statement_author")))
            else:
                f = replace(f, flags=(*f.flags, "implicit_subject"))
        elif (
            issuer is None
            and f.subject is not None
            and f.kind not in ("label", "according")
            and _issued_in(doc.text, f.sentence, issued)
        ):
            issuer = f.subject
        out.append(f)
    return out


def _issued_in(text: str, sentence: Sentence, seen: dict[int, bool]) -> bool:
    """Whether a sentence speaks of a statement issued, searched once a sentence."""
    found = seen.get(sentence.start)
    if found is None:
        found = seen[sentence.start] = _ISSUED.search(
            text, sentence.start, sentence.end) is not None
    return found


# "بر اساس این گزارش، ...": the report named before speaks through its author
_BACK_REPORT = re.compile(
    r"(?<![^\W\d_])(?:بر\s*اساس|بنا\s+بر|طبق|به\s+گفته)\s+(?:این|همین|آن)\s+"
    r"(?:گزارش|بیانیه)(?:ها)?\s*[،,]"
)


def _back_reports(doc: Folded, cs: int, ce: int, sentence: Sentence) -> list[Frame]:
    """ "بر اساس این گزارش، N زندانی ...": the words are the author of the report the
    text named before (resolved like a pronoun: the speaker before it)."""
    return [
        Frame("according", doc.original(m.start(), m.end()), None,
              doc.original(m.end(), min(ce, m.end() + MAX_SCOPE)), sentence,
              ("implicit_subject", "back_reference"), None, True)
        for m in _BACK_REPORT.finditer(doc.folded, cs, ce)
    ]


def _quoting(
    doc: Folded, cs: int, ce: int, sentence: Sentence, resolver: PartyResolver
) -> list[Frame]:
    """Arabic "نقلت X عن Y قولها": X reports, Y speaks."""
    out = []
    for m in lx.QUOTING.finditer(doc.folded, cs, ce):
        reporter = resolver.party(*doc.original(*m.span("reporter")))
        speaker = resolver.party(*doc.original(*m.span("speaker")))
        scope = doc.original(scope_after(doc, m.end(), ce), ce)
        out.append(
            Frame(
                "reporter", doc.original(m.start(), m.start("reporter")), reporter, scope, sentence
            )
        )
        out.append(
            Frame("other", doc.original(m.end("speaker"), m.end()), speaker, scope, sentence)
        )
    return out


# "called it “...”", "called the barbaric treatment of the contractors in Fallujah “...”"
_CALLED_QUOTE = re.compile(
    r"\s+(?:(?:[^\W\d_][\w’'-]*)\s+){0,9}?[\"“«‘]")
_EXPRESSED = frozenset(("expressed", "expresses", "voiced", "voices"))
_EXPRESSED_QUOTE = re.compile(r"\s+(?:(?:its|his|her|their|deep|grave|strong)\s+)?[\"“«‘']")
_PERSIAN_LETTERS = re.compile("[پچژگ]")
_AUXILIARY_START = re.compile(r"(?:was|were|is|are|been|being|be|had|has|have)\b")
_PLURAL = re.compile(r"\s*(?:ها|های|هایی)(?![^\W\d_])")
_COMPOUND_SAY = re.compile(r"(?<![^\W\d_])(?:تسلیت|تبریک|خوشامد|خوش\s*آمد|شادباش)\s*$")


def _frame(
    doc: Folded, m: re.Match[str], cs: int, ce: int, sentence: Sentence, resolver: PartyResolver,
    *, opening: int | None = None,
) -> Frame | None:
    """The frame of the cue `m` in the clause [cs, ce); `opening`: where the clause opens,
    when no cue comes before `m` in it (quotations may)."""
    cue = doc.original(m.start(), m.end())
    if m.group("rep") and _PLURAL.match(doc.folded, m.end()):
        return None  # "به گزارش‌های پزشکی اشاره کرد": reports referred to, not a source
    if m.group("verb") and _COMPOUND_SAY.search(doc.folded, max(0, m.start() - 12), m.start()):
        return None  # "تسلیت گفت", "تبریک گفت": condoled, congratulated; nothing reported
    if m.group("acc") or m.group("rep"):
        ezafe = _EZAFE_APART.match(doc.folded, m.end()) if m.group("acc") else None
        span = subject_after(doc, ezafe.end() if ezafe else m.end(), ce)
        if span is None:
            return None
        by = _GATHERED_BY.match(doc.folded, span[0], ce)
        if by:  # "according to information verified by X": X
            span = subject_after(doc, by.end(), ce) or span
        elif m.group("acc") and _DATA_NOUN.match(doc.folded, span[0], span[1]):
            # "according to initial figures", "according to unconfirmed reports": no
            # party; the speaker around them (or the publisher) asserts what they say; but
            # "according to official government figures": the government's
            owner = _GOVERNMENT_WORD.search(doc.folded, span[0], span[1])
            if owner is None:
                return None
            span = owner.span()
        who = doc.original(*span)
        if m.group("acc") and _UNNAMED_STATEMENT.fullmatch(doc.folded, *span):
            # "X summoned the ambassador and, according to a statement, expressed “...”":
            # a statement nobody is said to have issued is the sentence's subject's (a
            # name opening it), else no one's
            leading = _OPENING_NAME.match(doc.text, sentence.start)
            if leading is None or leading.end("np") > doc.original(m.start(), m.end())[0]:
                return None
            who = leading.span("np")
        subject = resolver.party(*who)
        kind = "according" if m.group("acc") else "reporter"
        before = doc.folded[max(cs, m.start() - 200) : m.start()].strip(" ,،")
        if (
            kind == "according"
            and len(before.split()) >= 3
            and not doc.folded[span[1] : ce].strip(" ,،.؛;")
        ):
            scope = doc.original(cs, m.start())  # "..., according to the organisers."
            content = False
        else:
            scope = doc.original(span[1], min(ce, span[1] + MAX_SCOPE))
            # "به گفته X، ...": it reports what follows, it does not end a quotation before it
            content = len(doc.folded[span[1] : ce].split()) >= 2
        return Frame(kind, cue, subject, scope, sentence, (), who, content)
    verb = m.group("verb")
    if verb in ("called", "calls") and (
        doc.folded[m.start() - 1 : m.start()] == "-" or not _CALLED_QUOTE.match(doc.folded, m.end())
    ):
        return None  # "called" says something only of words it quotes: "called it “...”"
    if verb in _EXPRESSED and not _EXPRESSED_QUOTE.match(doc.folded, m.end()):
        return None  # "expressed “outrage”": words quoted right after it; not "expressed hope"
    if verb.startswith(_CALLED_FA) and _PASSIVE_FA.match(doc.folded, m.end()):
        return None  # "که بنام X خوانده میشود": which is called X; no one says anything
    if verb.startswith(_CONDEMNED) and _SENTENCED_TO.search(
            doc.folded, max(cs, m.start() - 40), m.start()):
        return None  # "X را به اعدام محکوم کرد": a court sentenced him, it said nothing
    if verb in ("told", "tells") and not doc.folded[m.end() : ce].strip(" \t.,;:'\"’”"):
        return None  # "..., Third Committee Told": the committee was told; it says nothing
    kind = lx.VERB_KIND[verb]
    flags: tuple[str, ...] = ()
    verb_at = m.start()
    if doc.folded[verb_at - 1 : verb_at] == ">" and (tag := _TAG_BEFORE.search(
            doc.folded, max(0, verb_at - 400), verb_at)):
        verb_at = tag.start()  # '”<"http://...">said X': a link's leftover markup
    after_quote = not _persian_verb(m) and _AFTER_QUOTE.search(
        doc.folded[max(0, verb_at - 6) : verb_at]
    ) and not QUOTED_ADVERB.search(doc.folded, max(0, m.start() - 30), m.start())
    # ('X, "unequivocally" rejected': a quoted adverb, not a quotation whose speaker follows)
    opened = (_OPENED_BY.search(doc.folded, max(cs, m.start() - 30), m.start())
              if verb in lx.PARTICIPLES else None)
    if opened is not None:  # "X began by saying that ...": X, the subject of "began"
        subject_span = subject_before(doc, cs, opened.start())
        scope_start = scope_after(doc, m.end(), ce)
    elif verb in lx.PARTICIPLES:  # "X said, adding that ...": X, found by the caller
        subject_span, flags = None, ("implicit_subject",)
        scope_start = scope_after(doc, m.end(), ce)
    elif verb in _PASSIVE_BY_VERBS and (by := _BY_AS.match(doc.folded, m.end(), ce)):
        # "The attack, described by Boucher as a "barbaric ... act"": the one after "by"
        span = subject_after(doc, by.end("by"), by.start("as"))
        if span is None:
            return None
        who = doc.original(*span)
        close = _CLOSING.search(doc.folded, by.end(), ce)  # what it reports: the words only
        scope = doc.original(by.end(), close.start() if close else ce)
        return Frame(kind, cue, resolver.party(*who), scope, sentence, ("words_only",), who,
                     False)
    elif verb.isascii() and not after_quote and _inverted(doc, m, ce):
        # "..., noted Mr. Boulierac.": the speaker after the verb, the clause before it
        span = subject_after(doc, m.end(), ce)
        if span is None:
            return None
        who = doc.original(*span)
        scope = doc.original(max(cs, m.start() - MAX_SCOPE), m.start())
        return Frame(kind, cue, resolver.party(*who), scope, sentence, ("words_only",), who,
                     False)
    elif verb in lx.VSO_VERBS or after_quote:
        span = subject_after(doc, m.end(), ce)
        if span and verb in lx.VSO_VERBS and resolver.is_addressee(*doc.original(*span)):
            span = None  # "وقال لوكالة ...": an addressee; the subject is not written
        if span is None and verb in lx.VSO_VERBS:
            flags = ("implicit_subject",)
        subject_span = span
        scope_start = scope_after(doc, span[1] if span else m.end(), ce)
    elif verb.isascii():
        subject_span = subject_before(doc, cs, m.start())
        if subject_span and _AUXILIARY_START.match(doc.folded, subject_span[0]):
            return None  # "what it said were credible reports": "reports" is a noun here
        if subject_span and verb in ("reports", "report") and (
                _DATA_ADJECTIVES.fullmatch(doc.folded, *subject_span)
                or _NUMBER_OF.fullmatch(doc.folded, *subject_span)):
            return None  # "Initial reports suggest": a noun with its adjective, no reporter
        if subject_span and verb in _NOUN_CUES and _VERB_BEFORE_NOUN.search(
                doc.folded, subject_span[0], subject_span[1]):
            # "X cannot verify reports that ...", "satellite pictures support claims that":
            # the cue is the object of the verb before it, no one reports or claims
            return None
        data = _DATA_NOUN.match(doc.folded, *subject_span) if subject_span else None
        if data:
            # "Initial reports indicate ...": no party, the publisher's; "The latest figures
            # from the group put ...": the group's
            if data.group("source") is None:
                return None
            subject_span = data.span("source")
        scope_start = scope_after(doc, m.end(), ce)
    else:  # Persian (SOV): the subject opens the clause, after any "به گزارش X،"
        cs = max(cs, m.start() - 300)
        lead = _LEAD_FRAME.match(doc.folded[cs : m.start()])
        first = cs + (lead.end() if lead else 0)
        said_in = _STATEMENT_REF.search(doc.folded[first : m.start()])
        if said_in is not None and _RELATIVE.match(doc.folded, first + said_in.end()):
            said_in = None  # "در پیامی که ... منتشر شد، X اعلام کرد": X speaks, not the text
        named = (
            _STATEMENT_OF.match(doc.folded, first + said_in.end(), m.start())
            if said_in is not None else None
        )
        if named is not None and named.group("who").split()[0] in _ANOTHER and (
            verb not in _IN_A_TEXT
        ):
            # "در گزارش دیگر، X اعلام کرد": another report; X, after the comma, speaks
            said_in = named = None
            first = max(first, doc.folded.rfind("،", first, m.start()) + 1)
        if said_in is None and verb in _IN_A_TEXT:
            return None  # "به دست آمده است": not a statement
        if said_in is not None:  # "در این بیانیه آمده است": its author speaks
            if named is not None and named.group("who").split()[0] in ("خود", "آن", "این"):
                named = None  # "در گزارش خود": its own author, named before
            if named is None:
                scope = doc.original(scope_after(doc, m.end(), ce), ce)
                return Frame(kind, cue, None, scope, sentence, ("statement_reference",),
                             None, True)
            who = doc.original(named.start("who"), named.end("who"))
            scope = doc.original(scope_after(doc, m.end(), ce), min(ce, m.end() + MAX_SCOPE))
            return Frame(kind, cue, resolver.party(*who), scope, sentence, (), who, True)
        subject_span = fa_subject(doc, first, m.start())
        if subject_span and any(w in _FA_PARTICIPLES for w in doc.folded[slice(*subject_span)]
                                .split()):
            # "... «...» قرار داشته و دلیل آن را ... خوانده است": a verb ends the words
            # before, whose subject "خوانده" shares; nobody new is named
            subject_span = None
        that = _fa_last_that(doc.folded, first, m.start())
        if that is not None:  # "X ... در حالی نشر کرد که Y ... اعلام کرد": Y's verb
            own = fa_subject(doc, that, m.start())
            # (no noun phrase opens "که ضمن اعلام این مطلب این آمار را ... دانست": the
            # clause has no subject of its own, and its words are no speaker)
            if own is not None and own != (that, m.start()):
                subject_span = own
        joined = FA_AND_VERB.search(doc.folded, first, m.start())
        bare = subject_span is not None and not doc.folded[slice(*subject_span)].strip(" ،,")
        if opening is not None and ((subject_span is None and joined) or bare):
            # "X ... را بی‌رحمانه توصیف کرد و گفت", "X، ...، در پیامی که آن را «...» آغاز
            # کرده، ... یاد می‌کند و می‌گوید", "X با بیان این که «...»، توضیح داد": no cue
            # before in the clause, so the verb before "و" is no reporting one, and the
            # quotation before the comma is the verb's object; the subject opens the clause
            # (before any quotation in it)
            lead = _LEAD_FRAME.match(doc.folded[opening : m.start()])
            at = opening + (lead.end() if lead else 0)
            upto = joined.start() if joined else m.start()
            own = (fa_subject(doc, at, upto)
                   if m.start() - opening <= _FA_OPENING_REACH else None)
            if own is not None and own != (at, upto) and not _QUOTE_MARK.search(
                    doc.folded, *own):
                subject_span = own
        if subject_span is None and doc.folded[first : m.start()].strip():
            flags = ("implicit_subject",)  # "... اعلام کرد و افزود": the same speaker
        scope_start = scope_after(doc, m.end(), ce)
    if subject_span is None and not flags:
        return None
    phrase = doc.original(*subject_span) if subject_span else None
    subject = resolver.party(*phrase) if phrase else None
    content = scope_start > (
        subject_span[1] if subject_span and subject_span[0] > m.end() else m.end()
    )
    scope = doc.original(scope_start, min(ce, scope_start + MAX_SCOPE))
    trailing = subject_span and not after_quote and verb not in lx.VSO_VERBS and verb.isascii()
    if (
        trailing
        and subject_span
        and scope_start == m.end()
        and len(doc.folded[slice(*subject_span)].split()) <= 10
        # not "X, who is on mission, said, “...”", "X told his critics "to go hang"": the
        # verb introduces words after it
        and not _QUOTE_NEXT.match(doc.folded, m.end(), ce)
        and not _QUOTE_OPENS.search(doc.text, *doc.original(
            m.end(), m.end() + len(_COMMA.split(doc.folded[m.end() : ce], 1)[0])))
        # what follows the verb is short: an addressee, an adverbial, ", adding that ..."
        and len(after := _COMMA.split(doc.folded[m.end() : ce], 1)[0].split()) <= 8
        # and not a complement ("said Krajisnik played a role", "condemned the horrors")
        and (not after or after[0].strip("\"“”.;:") in ("", *_ADVERBIAL_START)
             or verb in _TO_SOMEONE)  # "..., a former inmate told the Centre."
        and doc.folded[max(cs, subject_span[0] - 200) : subject_span[0]].rstrip()[-1:] in (
            ",", "،")  # r"[,،]\s*$"
        and len(doc.folded[max(cs, subject_span[0] - 200) : subject_span[0]].split()) >= 3
    ):
        # "..., Caspian Justice Watch said in a report.": the sentence before the subject,
        # over any words in marks that split its clauses
        scope = doc.original(min(cs, doc.at(sentence.start)), subject_span[0])
    if verb in lx.FOLLOWING_ONLY:  # "X issued a statement": never the speaker of words before
        flags = (*flags, "follows_only")
    return Frame(kind, cue, subject, scope, sentence, flags, phrase, content)


# words that open what may follow a reporting verb at the end of a sentence: an addressee, a
# time, a place or manner, a participle ("..., the group said on Monday in a statement")
_ADVERBIAL_START = frozenset([
    "on", "in", "at", "to", "during", "last", "this", "yesterday", "today", "tonight",
    "earlier", "late", "early", "after", "before", "from", "through", "via", "when",
    "recently", "previously", "also", "again", "by", "with", "of", "for", "while", "as",
    "adding", "citing", "noting", "according", "without", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
])
# verbs whose object is the addressee, not what was said
_TO_SOMEONE = frozenset(("told", "tells", "tell", "informed", "informs", "assured", "warned",
                         "reminded"))


def _label(
    doc: Folded, layout: Layout, sentence: Sentence, resolver: PartyResolver
) -> Frame | None:
    """ "JFC: the commission members ..." — a line that names who says it."""
    # (only labels ending at most 2 before the sentence or later can match; none starting
    # at its end or after)
    for start, end in layout.labels_from(sentence.start - 2):
        if start >= sentence.end:
            break
        if start <= sentence.start <= end + 2 or (sentence.start <= start < sentence.end):
            dateline = DATELINE_LEAD.match(doc.text, start, end)
            if dateline is not None:  # "Washington, DC - X, Title:": X, not the place
                start = dateline.end()
            party = resolver.party(start, end, require_known=True)
            if party is not None:
                return Frame("label", (start, end), party, (end + 1, sentence.end), sentence)
    return None
