"""Suggested claims from one text: `extract(text, publisher=..., gazetteer=...)`.

Pure and deterministic: the same text, publisher and gazetteer give the same claims,
with the same ids, in the same order, so re-running extraction is idempotent. Work per
document is capped (`Limits`): text beyond `max_chars` is not read and is reported as a
skipped segment with the flag "truncated"; every other cap that is reached adds a flag.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from itertools import pairwise

from gavah.core.dates import find_dates
from gavah.core.extract import lexicon as lx
from gavah.core.extract.attribution import Attribution, Attributor
from gavah.core.extract.author import statement_author
from gavah.core.extract.bodies import body_before, body_named_before
from gavah.core.extract.builder import NEAR, ClaimBuilder, same_party
from gavah.core.extract.coref import FA_TITLES
from gavah.core.extract.figures import find_figures
from gavah.core.extract.frames import find_frames
from gavah.core.extract.labels import shot_list_speaker
from gavah.core.extract.language import detect_language
from gavah.core.extract.learned import FigureModel, filter_figures, shipped
from gavah.core.extract.mentions import Gazetteer
from gavah.core.extract.model import (
    Claim,
    Extraction,
    Figure,
    Party,
    Quotation,
    Segment,
)
from gavah.core.extract.named_before import (
    BARE_SPOKESPERSON,
    fa_surname_named_before,
    fullest_office,
    office_before,
    office_of_holder,
    surname_named_before,
    unnamed_office,
)
from gavah.core.extract.offices import office_holder
from gavah.core.extract.patterns import (
    EntityRecognizer,
    merge_mentions,
    ner_mentions,
    pattern_mentions,
)
from gavah.core.extract.publisher import publisher_from_metadata
from gavah.core.extract.quoted_words import SaidWith, partial_quotations
from gavah.core.extract.quotes import find_quotations
from gavah.core.extract.resolve import PartyResolver
from gavah.core.extract.segments import layout as read_layout
from gavah.core.extract.spans import Spans
from gavah.core.extract.speaker_model import Chooser, Context, choose_speaker
from gavah.core.extract.speaker_model import shipped as shipped_speaker_model
from gavah.core.extract.speakers import is_name
from gavah.core.extract.staff import trim_body
from gavah.core.extract.textmap import fold_text
from gavah.core.text import fold


@dataclass(frozen=True)
class Limits:
    max_chars: int = 1_000_000  # about 300 pages; the rest is reported, not read
    max_items: int = 5_000  # per kind: quotations, figures, dates
    max_mentions: int = 20_000


def _publisher(name: str | None, gazetteer: Gazetteer | None) -> Party | None:
    if not name:
        return None
    entity_id = None
    if gazetteer is not None:
        found = gazetteer.find(fold_text(name))
        if len(found) == 1 and found[0].text == name.strip() and found[0].entity_id:
            entity_id = found[0].entity_id
    return Party(name, entity_id, "publisher")


def extract(text: str, *, publisher: str | None = None, gazetteer: Gazetteer | None = None,
            recognizer: EntityRecognizer | None = None, limits: Limits = Limits(),
            metadata: Mapping[str, object] | None = None,
            figure_model: FigureModel | bool = False,
            speaker_model: Chooser | bool = False) -> Extraction:
    """Claims, quotations, figures, dates and mentions of `text`, anchored to its offsets.
    Without a `publisher`, the page's own metadata (`og:site_name`, author...) names it.
    `figure_model`: the learned check on figure claims (`learned`): True for the shipped
    weights, or a model of one's own; off by default (see docs/annotation-guide.md, "The
    figure model": cross-validated, it trades recall for precision, no better overall).
    When on, the extraction carries the flag "figure_model". `speaker_model`: the learned
    choice of a quotation's speaker among candidates (`speaker_model`): True for the shipped
    weights, or a chooser of one's own; off by default (on from the blind6 run, off again by
    the rule registered before the blind37 run, bench/RESULTS.md); when on, the flag
    "speaker_model"."""
    publisher = publisher or publisher_from_metadata(metadata)
    flags: list[str] = []
    skipped: list[Segment] = []
    if len(text) > limits.max_chars:
        skipped.append(Segment(limits.max_chars, len(text), "truncated"))
        flags.append("truncated")
    body = text[: limits.max_chars]
    doc = fold_text(body)
    language = detect_language(body, doc.runs)
    layout = read_layout(body)
    skipped = list(layout.skipped) + skipped
    if not layout.sentences:
        flags.append("no_sentences")

    def kept(start: int) -> bool:
        return not layout.is_skipped(start)

    found_dates = find_dates(body, language=language.code, max_dates=limits.max_items,
                             folded_map=(doc.folded, doc.origin), runs=doc.runs,
                             digits=doc.digits)
    dates = [d for d in found_dates if kept(d.start)]
    known = gazetteer.find(doc, max_mentions=limits.max_mentions) if gazetteer is not None else []
    extra = ner_mentions(doc, recognizer, gazetteer) if recognizer is not None else []
    mentions = [m for m in merge_mentions(known, pattern_mentions(doc), extra) if kept(m.start)]
    quotes = [q for q in find_quotations(doc, limits.max_items) if kept(q.start)]
    for name, items in (("dates", found_dates), ("quotations", quotes)):
        if len(items) >= limits.max_items:
            flags.append(f"capped:{name}")
    pub = _publisher(publisher, gazetteer)
    resolver = PartyResolver(doc, mentions, pub)
    witness = resolver.party(*layout.witness) if layout.witness else None
    frames = find_frames(doc, layout, resolver, quotes)
    quotes = partial_quotations(quotes, frames, layout)
    spoken = [(q.start, q.end) for q in quotes if q.speech]
    within = Spans(spoken)
    people = [Party(m.text, m.entity_id, "speaker", m.start, m.end) for m in mentions
              if m.kind == "Person" and not within.holds(m.start)]
    attributor = Attributor(body, layout, frames, quotes, witness, people, statement_author(body))
    figures = find_figures(doc, dates, layout, limits.max_items, language.code)
    figures = _periods_within_quotations(figures, quotes)
    build = ClaimBuilder(body, pub, mentions, dates)
    build.learn_speakers(attributor.frames)
    chooser: Chooser | None = None
    context: Context | None = None
    if speaker_model is not False:
        chooser = shipped_speaker_model() if speaker_model is True else speaker_model
        context = Context(body, layout, attributor.frames, mentions, pub, language.code,
                          lambda a, last: _refine(build, a, last),
                          lambda f, pos: attributor.for_frame(f, pos, 0.8), _reads_last)
        flags.append("speaker_model")
    claims = _claims(build, attributor, quotes, figures, context, chooser)
    if figure_model is not False:
        model = shipped() if figure_model is True else figure_model
        claims = filter_figures(claims, body, language.code, model, spoken)
        flags.append("figure_model")
    return Extraction(language, tuple(claims), tuple(quotes), tuple(figures), tuple(dates),
                      tuple(mentions), tuple(sorted(skipped, key=lambda s: s.start)), tuple(flags),
                      len(text), len(body))


def _periods_within_quotations(figures: list[Figure], quotes: list[Quotation]) -> list[Figure]:
    """A figure quoted from someone takes its period from their words, not from the date
    of the attribution ("“Fewer than 300 ...,” X said on 3 August")."""
    spans = sorted((q.start, q.end) for q in quotes if q.speech)
    starts = [s for s, _ in spans]
    out = []
    for f in figures:
        i = bisect.bisect_right(starts, f.start)
        quote = next(((s, e) for s, e in spans[max(0, i - 3):i] if s <= f.start < e), None)
        if quote and f.period and not quote[0] <= f.period.start < quote[1]:
            f = replace(f, period=None)
        out.append(f)
    return out


_STATE_VOICE = re.compile(
    r"^(?:the\s+)?(?:United States|U\.S\.?|US|USA|America|Washington|government|"
    r"administration|ایالات متحده|آمریکا|امریکا|واشنگتن|دولت)$",
    re.IGNORECASE,
)

_GOVERNMENT_BODY = re.compile(
    r"department|ministry|white house|foreign office|embassy|government|state council|"
    r"وزارت|کاخ سفید|سفارت|دولت",
    re.IGNORECASE,
)


_FA_TITLE_FIRST = re.compile(rf"^(?:{'|'.join(FA_TITLES)})\s+(?=\S)")
_SHOT_PREFIX = re.compile(r"^\d+\.\s*SOUNDBITE\s*\([^)]*\)\s*")
# "کمیته راهبردی این ائتلاف": a part of a body named before, which speaks for it
_FA_PART_OF_THIS = re.compile(
    r"^(?P<unit>(?:کمیته|شورای|هیئت|هیات|دفتر|بخش|واحد|دبیرخانه|شاخه)(?:\s+[^\s،,.:«»]+){0,2}?)"
    r"\s+(?P<this>(?:این|آن)\s+(?:ائتلاف|سازمان|نهاد|گروه|انجمن|کانون|کمیسیون|جمعیت|اتحادیه))$"
)
_THE_EXPERTS = re.compile(r"^(?:the|these|those)\s+(?:independent\s+|UN\s+)?experts$", re.I)
_EXPERTS = re.compile(
    r"(?:independent\s+)?(?:UN|U\.N\.|United Nations)\s+(?:[a-z][\w-]*\s+){0,4}experts\b\*?"
)


def _reads_last(a: Attribution, last: Party | None) -> bool:
    """Whether `_refine(build, a, last)` reads `last` beyond there being none: for a
    demonstrative, a pronoun or a fragment (the branches that take the speaker before),
    or a last speaker who holds an office (which a bare "the spokesperson" takes); any
    other reading is the same whoever spoke last."""
    speaker = a.speaker
    if speaker is None:
        return False
    if "demonstrative" in speaker.flags or (
        ("pronoun" in speaker.flags or not is_name(speaker.name))
        and unnamed_office(speaker.name) is None
    ):
        return True
    return last is not None and "office" in last.flags


def _refine(build: ClaimBuilder, a: Attribution, last: Party | None) -> Attribution:
    """The speaker a reader would name and the body they speak for (see `speakers`): a
    pronoun or a fragment takes the last named speaker before it, else no speaker."""
    if a.speaker is None:
        return a
    speaker = a.speaker
    if "demonstrative" in speaker.flags and last is None and speaker.start is not None:
        body = body_before(build.text, speaker.start)  # "این نهاد": the body named before
        if body is not None:
            speaker = replace(speaker, name=body, flags=("demonstrative_resolved",))
            a = replace(a, speaker=speaker)
    if ("pronoun" in speaker.flags or not is_name(speaker.name)) and (
        unnamed_office(speaker.name) is None  # "او نوشت" after "یک سخنگوی وزارت ..."
    ):
        outer = a.reporters[-1] if a.reporters else None
        if (
            outer is not None
            and a.frame is not None
            and outer.start is not None
            and outer.start >= a.frame.sentence.start
            and "pronoun" not in outer.flags
            and "outlet" not in outer.flags
            and is_name(outer.name)
        ):
            # "X ... گفت که ...، افزود: «...»": one subject for both verbs, so the outer
            # frame's X speaks rather than the fragment the inner verb was given
            a = replace(a, speaker=replace(outer, role="speaker"), reporters=a.reporters[:-1],
                        flags=(*a.flags, "speaker_from_clause"))
            return _refine(build, a, last)
        if last is None:
            body = None
            if speaker.start is not None and BARE_SPOKESPERSON.match(speaker.name):
                body = office_before(build.text, speaker.start)
            elif speaker.start is not None and fold(speaker.name.strip()) in _PERSONAL:
                # "یک سخنگوی وزارت ... تشریح کرد. او ... گفت": the unnamed spokesperson of
                # the sentence before, no one named since
                body = office_before(build.text, speaker.start, _PRONOUN_REACH)
            if body is not None:  # "این سخنگو ... گفت" after "یک سخنگوی وزارت ..."
                holder = Party(fullest_office(build.text, body), None, "speaker", speaker.start,
                               speaker.end, ("office",))
                return replace(a, speaker=holder, flags=(*a.flags, "office_resolved"))
            return replace(a, speaker=None, flags=(*a.flags, "speaker_unresolved"))
        return replace(a, speaker=replace(last, start=speaker.start, end=speaker.end),
                       flags=(*a.flags, "speaker_from_context"))
    person, org = build.affiliation(speaker)
    person, org = build.speakers.complete(person, org)
    if org is None and person.start is not None:
        person, org = surname_named_before(build.text, person)
        person = fa_surname_named_before(build.text, person)
    if org is None and "speaker_from_pronoun" in person.flags and person.start is not None:
        # "Spokesperson X of the Office ..., called it “...,” saying ...": the body
        # given where the name was written
        at = build.text.rfind(person.name, max(0, person.start - 600), person.start)
        if at >= 0:
            _, org = build.affiliation(replace(person, start=at, end=at + len(person.name)))
    described = build.described(person)
    if org is None and described.start != person.start and described.start is not None:
        # "A top UN investigator ... . Mike Smith, who's president of the Commission, ...":
        # the body written where the name is
        _, org = build.affiliation(described)
    person = described
    if person.name[:1].isdigit() and _SHOT_PREFIX.match(person.name):
        # "3. SOUNDBITE (English) Joel Millman"
        person = replace(person, name=_SHOT_PREFIX.sub("", person.name))
    if not person.name.isascii() and (title := _FA_TITLE_FIRST.match(person.name)) and not any(
            fold(w) in lx.ORG_WORDS for w in person.name[title.end():].split()):
        # "پرزیدنت ترامپ", "سناتور بن کاردین": the person, not their title
        person, _ = build.speakers.complete(
            replace(person, name=person.name[title.end():]), None)
    if person.name.lower().endswith("experts") and _THE_EXPERTS.match(person.name) and (
            group := _EXPERTS.search(build.text)):
        # "the experts said": the experts as the text names them ("UN human rights experts")
        person = replace(person, name=group.group().rstrip("*"), flags=(*person.flags,
                                                                         "described"))
    if not person.entity_id and person.start is not None and (
        named := office_holder(build.text, person.name, person.start)
    ) is not None:  # "said the UN envoy": the Special Representative the text names
        person = replace(person, name=named, flags=(*person.flags, "office_holder"))
    # a reporter level is a name too, never a fragment ("In reports published Monday, ...")
    reporters = tuple(r for r in a.reporters if is_name(r.name) and "pronoun" not in r.flags)
    if _STATE_VOICE.match(person.name) and reporters and reporters[-1].start is not None:
        # "State Department spokesperson X told reporters the United States condemns ...
        # “...”": the official speaks for the state (see the annotation guide)
        outer = replace(reporters[-1], role="speaker")
        o_person, o_org = build.affiliation(outer)
        if o_org is not None and _GOVERNMENT_BODY.search(o_org.name):
            person, org = build.speakers.complete(o_person, o_org)
            reporters = reporters[:-1]
    if org is None and not person.name[:1].isascii() and is_name(person.name) and (
            "pronoun" not in person.flags):
        # "جان کربی: «...»" with his body given below. Not in English, where a body
        # written as a title ("UN Human Rights Chief X", the briefing's "X, spokesperson
        # for ...") is no level of its own (the annotation guide); a Latin name is English
        org = build.body_written_with(person)
        if org is None and person.start is not None and (
                body := office_of_holder(build.text, person.name, person.start)):
            org = Party(body, None, "organisation")  # "سخنگوی وزارت ...", then "ند پرایس"
    office = unnamed_office(person.name)
    if office is not None and person.start is not None and not person.name.startswith("یک"):
        # "سخنگوی وزارت ... گفت: «...»", then "ند پرایس ... گفت": the holder speaks, for
        # the office
        named_holder = _holder_named_next(build, office, person.start)
        if named_holder is not None:
            person, org, office = named_holder, Party(office, None, "organisation"), None
    if office is not None:
        # "یک سخنگوی وزارت امور خارجه ...", "a foreign ministry spokesperson": nobody is
        # named, so the office speaks (see the annotation guide)
        person = replace(person, name=office, entity_id=None, flags=(*person.flags, "office"))
        if org is not None and same_party(org, person):
            org = None
    elif BARE_SPOKESPERSON.match(person.name):
        # "این سخنگو", "سخنگو افزود", "the spokesperson added": the office named before
        if last is not None and "office" in last.flags:
            person = replace(last, start=person.start, end=person.end)
        elif person.start is not None and (body := office_before(build.text, person.start)):
            person = replace(person, name=body, entity_id=None, flags=(*person.flags, "office"))
    if org is None and person.start is not None and not person.name.isascii() and (
            part := _FA_PART_OF_THIS.match(person.name)) and (
            body := body_named_before(build.text, part.group("this"), person.start)):
        org = Party(body, None, "organisation")
        person = replace(person, name=part.group("unit"), end=person.start + part.end("unit"))
    if "office" in person.flags:
        person = replace(person, name=fullest_office(build.text, person.name))
    # the speaker resolved from a title may be the reporter the frame found ("Name ...
    # urges" in the headline): a person is not their own reporting level
    reporters = tuple(r for r in reporters if not same_party(r, person))
    if org is not None and (trimmed := trim_body(org.name)) != org.name:
        org = replace(org, name=trimmed)
    if org is not None and not any(same_party(org, r) for r in reporters):
        reporters = (*reporters, org)
    # `replace(a, speaker=person, reporters=reporters)`, built directly: every claim and
    # candidate comes here, and `replace` reads the fields one by one
    return Attribution(person, reporters, a.kind, a.frame, a.confidence, a.flags)


def _holder_named_next(build: ClaimBuilder, office: str, at: int) -> Party | None:
    """The person the text names next as a speaker, when the office written at `at` is the
    one their first, bare mention follows (`office_of_holder`)."""
    for person in build.subjects:
        start = person.start or 0
        if start <= at:
            continue
        if start > at + 1500:
            break
        if office_of_holder(build.text, person.name, start) == office:
            return replace(person, start=at, end=at, flags=(*person.flags, "office_holder"))
    return None


# a word that is a speaker's whole name only as a fragment of the sentence: a pronoun or a
# determiner left alone ("It", "This", "Some", "other"), a quantifier ("all", "several"),
# a relative ("who"), a letter ("P" of "P.J. Crowley" cut short)
_NO_NAME_ALONE = frozenset((
    "it", "this", "these", "those", "that", "some", "other", "others", "the", "a", "an", "no",
    "we", "i", "i am", "all", "who", "there", "several", "numerous", "many", "both", "each",
    "یک", "ای", "این", "آن",
))


_PERSONAL = frozenset(fold(w) for w in ("he", "she", "او", "وی"))
_PRONOUN_REACH = 400  # characters back from "او" to an unnamed spokesperson it stands for
_ANTECEDENT_REACH = 800  # characters back from a pronoun to the speaker it stands for


_Named = tuple[list[int], list[Party]]  # starts, and the parties, in text order


def _named_in_order(build: ClaimBuilder,
                    quoted: Callable[[int], tuple[int, int] | None]) -> _Named:
    """Every speaker a frame names and every person the text names outside quotations,
    in text order (their starts, and the parties): what a pronoun may stand for."""
    found = [(p.start or 0, p) for p in build.subjects
             if "pronoun" not in p.flags and is_name(p.name)]
    found += [(m.start, Party(m.text, m.entity_id, "speaker", m.start, m.end))
              for m in build.mentions if m.kind == "Person" and quoted(m.start) is None]
    found.sort(key=lambda item: item[0])
    return [start for start, _ in found], [p for _, p in found]


def _antecedent(named: _Named, a: Attribution,
                last: Party | None) -> Party | None:
    """Whom a quotation's pronoun ("He also warned that “...”") stands for: the speaker or
    person named last before it, after the last quotation's speaker ("..., said Mr. Zeid.
    He also warned"; "Spokesperson X called the attack ... . He also said"), a person for
    "he"/"she" and a body for "it"; else the last quotation's speaker."""
    speaker = a.speaker
    if speaker is None or speaker.start is None:
        return last
    personal = fold(speaker.name.strip()) in _PERSONAL
    if not personal and "it" not in speaker.flags:
        return last
    starts, parties = named
    since = last.start if last is not None and last.start is not None else -1
    i = bisect.bisect_left(starts, speaker.start)
    while i > 0 and starts[i - 1] > max(since, speaker.start - _ANTECEDENT_REACH):
        i -= 1
        party = parties[i]
        body = fold(party.name.split()[-1]) in lx.ORG_WORDS  # not "UN spokesperson X Y"
        if body != personal:
            return party
    return last


def _fragment_speaker(name: str) -> bool:
    """A speaker a reader would not name: no name ("In Nepal"), an honorific alone ("mr"),
    a verb's words ("citing numerous"), a possessive alone ("Annan's"), a word alone that
    names nobody ("It", "Some", "all"), a clause's "that ..." ("that court documents")."""
    words = name.split()
    first = words[0] if words else ""
    if fold(name).strip(" .,") in _NO_NAME_ALONE or (len(name) == 1 and name.isalpha()) or (
            first == "that" and len(words) > 1):
        return True
    return not is_name(name) or name.endswith(("'s", "’s")) or (
        first.isascii() and first.isalpha() and first.islower()
        and ((len(words) == 1 and first in ("mr", "ms", "mrs", "dr", "prof"))
             or first.endswith(("ing", "ed"))))  # "guards told her" is someone


def _we_the_author(a: Attribution, author: Party | None) -> Attribution:
    """ "We urge ...", "we have received reports" in a statement whose header names its
    author: the author speaks (a briefing note's spokesperson, a statement's issuer)."""
    if (author is not None and a.speaker is not None
            and fold(a.speaker.name).strip() in ("we", "i", "i am")):
        who = replace(author, start=a.speaker.start, end=a.speaker.end)
        return replace(a, speaker=who, flags=(*a.flags, "speaker_is_author"))
    return a


def _unless_fragment(a: Attribution, author: Party | None) -> Attribution:
    """The attribution with "we" read as the author (`_we_the_author`), unresolved when
    its speaker is a fragment ("In Nepal", "citing numerous", "mr"): nobody is named,
    never a fragment."""
    a = _we_the_author(a, author)
    if a.speaker is not None and _fragment_speaker(a.speaker.name):
        return replace(a, speaker=None, reporters=(), flags=(*a.flags, "speaker_unresolved"))
    return a


def _in_remarks(a: Attribution, author: Party | None, at: int) -> Attribution:
    """Words a statement or remarks quote from someone else are reported by its author
    ("As prepared for delivery by Ambassador X": "President Y said that “...”")."""
    if (author is None or a.speaker is None or at < (author.end or 0)
            or any(same_party(p, author) for p in (*a.reporters, a.speaker))
            or a.speaker.name.split()[-1] in author.name.split()):  # "سفیر هیلی", "هیلی"
        return a
    return replace(a, reporters=(replace(author, role="reporter"), *a.reporters))


def _after(q: Quotation) -> int:
    return q.close_mark + 1 if q.close_mark is not None else q.end


def _next_line(text: str, end: int, start: int) -> bool:
    """Only a line break between two quotations: the next line opens with the next."""
    return text[end:start].strip() == "" and text.count("\n", end, start) == 1


def _claims(build: ClaimBuilder, attributor: Attributor, quotes: list[Quotation],
            figures: list[Figure], context: Context | None = None,
            chooser: Chooser | None = None) -> list[Claim]:
    text = build.text
    speech = [q for q in quotes if q.speech]
    said_with = SaidWith(speech, attributor)
    q_spans = sorted((q.start, q.end) for q in speech)
    q_starts = [s for s, _ in q_spans]

    def quoted(pos: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(q_starts, pos)
        return next(((s, e) for s, e in q_spans[max(0, i - 3) : i] if s <= pos < e), None)

    # a run-on quotation's paragraph (each reopens, the last closes) is the words of whom
    # the run's attribution names, when nothing names a speaker of its own
    for q, nxt in reversed(list(pairwise(speech))):
        if ("run_on" in q.flags and nxt.open_mark is not None
                and not text[q.end : nxt.open_mark].strip()
                and attributor.by_quote[(q.start, q.end)].speaker is None):
            run = attributor.by_quote[(nxt.start, nxt.end)]
            attributor.by_quote[(q.start, q.end)] = replace(
                run, flags=(*run.flags, "speaker_from_run_on"))
    last: Party | None = None
    named = _named_in_order(build, quoted)
    before: Attribution | None = None  # the rules' reading of the quotation before
    picked: dict[tuple[int, int], Attribution] = {}  # the learned choice, where it differs
    prev: Quotation | None = None
    for q in speech:
        a = attributor.by_quote[(q.start, q.end)]
        if a.speaker is None:
            listed = shot_list_speaker(text, q.open_mark if q.open_mark is not None else q.start)
            bite = attributor.by_quote[(prev.start, prev.end)] if prev is not None else None
            if (listed is None and bite is not None and prev is not None
                    and "shot_list" in bite.flags and q.open_mark is not None
                    and _next_line(text, _after(prev), q.open_mark)):
                # a soundbite's words run on over the lines after its label, each quoted
                a = replace(bite, flags=(*bite.flags, "same_soundbite"))
            elif listed is not None:
                person, org = listed
                a = Attribution(person, (org,) if org else (), "quotation", None, 0.8,
                                ("shot_list",))
            elif (prev is not None and "run_on" in prev.flags and before is not None
                  and before.speaker is not None and q.open_mark is not None
                  and not text[prev.end : q.open_mark].strip()):
                # a run's next paragraph, when only the first names its speaker ("Michael
                # R. Pompeo, Secretary of State: "...\n\n"These political prisoners ...")
                a = replace(before, flags=(*before.flags, "speaker_from_run_on"))
            elif (again := said_with.quoted_again(q)) is not None:
                # a headline's "incommunicado" is the words the story quotes later, with
                # their speaker: "who the UN says have been held “incommunicado”"
                a = replace(again, flags=(*again.flags, "same_words"))
        rules = _refine(build, a, _antecedent(named, a, last))
        # the learned choice sees the rules' reading and replaces only this claim's speaker:
        # what later quotations and frames read ("he added") stays the rules'
        a = rules if chooser is None or context is None else choose_speaker(
            context, chooser, q, rules, last, before)
        last, before = rules.speaker or last, rules
        attributor.by_quote[(q.start, q.end)] = rules
        if a is not rules:
            picked[(q.start, q.end)] = a
        prev = q
        a = _unless_fragment(a, attributor.author)
        a = _in_remarks(a, attributor.author, q.start)
        kind = a.kind if a.kind in ("denial", "allegation") else "quotation"
        conf = min(q.confidence, a.confidence) - (0.2 if a.speaker is None else 0.0)
        flags = q.flags + a.flags + (() if a.speaker else ("unattributed",))
        build.add(kind, q.start, q.end, a, conf, flags, reported=(q.start, q.end))
    for f in figures:
        if f.counts is None and re.fullmatch(r"\d{3,}", f.text.strip()):
            continue  # "13553" with nothing counted: an identifier, not a count
        # a figure inside a quotation is its speaker's, as the quotation's claim reads it
        within = quoted(f.start)
        pick = picked.get(within) if within else None
        a = _refine(build, pick or attributor.at(f.start), None)
        a = _unless_fragment(a, attributor.author)
        sentence = attributor.layout.sentence_at(f.start)
        near = (0, 0)
        if sentence:
            near = (max(sentence.start, f.start - NEAR), min(sentence.end, f.end + NEAR))
        conf = min(f.confidence, a.confidence)
        build.add("figure", f.start, f.end, a, conf, f.flags + a.flags, f, near, quoted(f.start))
    # Frames that attribute a quotation, unless it is a phrase inside what they report
    # ("X added that F was one of them and »more than 200« never returned").
    quoting = {
        id(a.frame)
        for (qs, qe), a in attributor.by_quote.items()
        if a.frame is not None
        and not (a.frame.scope[0] <= qs and qe <= a.frame.scope[1]
                 and 2 * (qe - qs) < a.frame.scope[1] - a.frame.scope[0])
    }
    for frame in attributor.frames:  # reported speech: "X said that ...", "according to X, ..."
        if id(frame) in quoting or frame.kind == "reporter":
            continue  # a quotation claim holds it, or it only carries someone else's words
        if frame.kind == "label" and text[slice(*frame.scope)].rstrip()[-1:] not in ".!?؟\"”»":
            continue  # "MEK Iran: Crimes Against Humanity" is a headline, not a statement
        start, end = frame.scope
        while start < end and text[start] in " \t\n,،:;":
            start += 1
        while end > start and text[end - 1] in " \t\n.;،,":
            end -= 1
        i = bisect.bisect_left(q_starts, end)
        inside = [(s, e) for s, e in q_spans[max(0, i - 50) : i] if s < end and start < e]
        held = sum(min(e, end) - max(s, start) for s, e in inside)
        if (
            len(text[start : min(end, start + 200)].split()) < 3
            or 2 * held >= end - start
            or any(attributor.by_quote[q].frame is not frame for q in inside)
        ):
            continue  # too short to be a statement, or quotation claims hold its words
        a = _refine(build, attributor.for_frame(frame, start, 0.7), None)
        a = _unless_fragment(a, attributor.author)
        kind = a.kind if a.kind in ("denial", "allegation") else "other"
        build.add(kind, start, end, a, a.confidence, ("reported_speech", *a.flags))
    return sorted(build.out.values(), key=lambda c: (c.start, c.end, c.kind))
