"""The body a staff member speaks for, from how the document introduces them.

"OHCHR spokesperson Ravina Shamdasani", "the head of the UN Office on Drugs and Crime, Yuri
Fedotov", "Axel Bisschop, UNHCR Representative in Sudan", "Diana Eltahawy, Amnesty
International's deputy director", "ند پرایس، سخنگوی وزارت خارجه آمریکا": the annotation
guide gives such a speaker an organisation level in the attribution chain. Holders of a
named office (High Commissioner, Special Rapporteur, a Special Representative of the
Secretary-General, Secretary of State, ambassador) speak in that office's name and get none,
so only staff titles are read here, and only where the text writes the body's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gavah.core.extract import lexicon as lx
from gavah.core.extract.bodies import one_word_body
from gavah.core.text import CASE_EXTRA, fold, lower_starts, matches_at

# staff titles: a spokesperson, head, director, researcher or representative of a body
# (a "Special Representative" or "Special Rapporteur" holds a named office: not here)
_TITLE = (
    r"(?<!Special )(?<!special )"
    r"(?:(?:chief|deputy|senior|regional|country|executive|acting|principal|lead)\s+)*"
    r"(?:spokesperson|spokesman|spokeswoman|spokespersons|head|director[- ]general|director|"
    r"researcher|representative|official|officer|coordinator|campaigner|adviser|advisor|"
    r"counsel+or|"
    # the head or a manager of a body speaks for it too ("Director-General of UNESCO",
    # "Public Relations Manager of Kenya Red Cross", "deputy secretary ... of the faction")
    r"manager|chair(?:man|woman|person)?|(?:deputy|executive)\s+secretary|"
    # a court's prosecutor and registrar speak for it ("the Mechanism’s Prosecutor")
    r"prosecutor|registrar)"
    r"(?:\s+for\s+[a-z]+(?:\s+[a-z]+){0,2}(?=\s+of\s))?"  # "... for international affairs of"
)
# a body's name as written: capitalised words, acronyms, "U.S.", joined by of/for/on/and/the
# (a possessive ends the name: "Ban Ki-moon’s Special Representative" is no body's; but a
# plural of people owns inside one: "the UN Children’s Fund", "Women’s Refugee Commission")
_CAP = (r"(?:U\.S\.|U\.N\.|(?:Children|Women|People|Peoples|Workers)[’']s|"
        r"[A-Z][\w-]*(?:[’'](?!s\b)[\w-]+)?)")


def _cap_run(joiners: str) -> str:
    """Capitalised words (a body's name) joined by any of `joiners` ("of|for|the")."""
    return rf"{_CAP}(?:\s+(?:(?:{joiners})\s+)*{_CAP})*"


_ORG = (
    # "UN rights office", "UN refugee agency" (first: "UN" alone is a name of the next form)
    r"(?:U\.?N\.?(?:\s+[A-Za-z][a-z]+){1,3}\s+(?:office|agency)"
    rf"|{_CAP}(?:\s+{_CAP})*(?:,\s+{_CAP})+,?\s+and\s+{_CAP}(?:\s+{_CAP})*"  # "Educational,"
    rf"|{_cap_run('of|for|on|and|the')}(?:\s+faction\b)?)"  # "the X faction"
    r"(?:\s+\([A-Z]{2,}\))?"  # "UN rights office (OHCHR)"
)
_BEFORE = [
    # "OHCHR spokesperson Ravina Shamdasani", "Amnesty International's deputy director X"
    re.compile(rf"(?<![\w’'])(?P<org>{_ORG})(?:’s|'s)?\s+(?i:{_TITLE})\s*,?\s*$"),
    # "The head of the UN Office on Drugs and Crime, Yuri Fedotov", "Director of the Office
    # of Foreign Assets Control Andrea M. Gacki"
    # ("Spokesperson for his Office, OHCHR, X": the office named by its acronym after it)
    # ("The head of office for the UN agency in South Sudan, X": where it works, after it)
    re.compile(rf"(?i:{_TITLE})(?:\s+of\s+office)?\s+(?:of|for|at)\s+"
               rf"(?:the\s+|(?:his|her|its)\s+Office,?\s+)?"
               rf"(?P<org>{_ORG})(?:\s+in\s+{_CAP}(?:\s+{_CAP})*)?\s*,?\s*$"),
    # "At the State Department, deputy spokesman Adam Ereli said": the body the sentence
    # opens with
    re.compile(rf"(?:^|[.!?]\s+|\n)At\s+the\s+(?P<org>{_ORG}),\s+(?:the\s+)?"
               rf"(?:[\w-]+\s+){{0,2}}?(?i:{_TITLE})\s*,?\s*$"),
]
# the region or programme a title covers, before the body it works at: "director of Africa
# Programs at Amnesty International", "researcher for the Middle East and North Africa with HRW"
_REGION = (r"(?:(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,4}\s+"
           r"(?=(?:at|with)\s))?")
_AFTER = [
    # "Axel Bisschop, UNHCR Representative in Sudan", "X, Amnesty International's director"
    re.compile(rf"\s*,\s*(?:the\s+)?(?P<org>{_ORG})(?:’s|'s)?\s+(?i:{_TITLE})(?![\w])"),
    # "X, spokesperson for the UN Human Rights Office", "X, a researcher at Amnesty"
    re.compile(rf"\s*,\s*(?:the\s+|an?\s+)?(?i:{_TITLE})\s+{_REGION}(?:of|for|at|with)\s+(?:the\s+)?"
               rf"(?P<org>{_ORG})"),
    # "X, Special Representative of the Secretary-General and Head of the United Nations
    # Assistance Mission in Afghanistan": an office held with the head of a body
    re.compile(rf"\s*,\s*(?:the\s+)?[A-Z][^.;:\n]{{0,80}}?\s+and\s+(?:the\s+)?[Hh]ead\s+of\s+"
               rf"(?:the\s+)?(?P<org>{_ORG})"),
]
# "Joe Stork is deputy Middle East director at the New York-based organization": a title
# given in a sentence of its own; "the X-based organization" is the body named before
_IS_TITLE = re.compile(
    rf"\s+(?:is|was)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){{0,4}}?(?i:{_TITLE})\s+"
    rf"{_REGION}(?:of|for|at|with)\s+(?:the\s+)?(?P<org>(?:[A-Z][\w-]*\s+)*[\w-]+-based\s+"
    rf"(?:organi[sz]ation|group|watchdog)|{_ORG})"
)
_BASED = re.compile(r"-based\s+(?:organi[sz]ation|group|watchdog)$")
# the name a sentence of its own introduces with a staff title ("Jane Doe is a spokesperson
# for the UNHCR."): a person named, whom "she said" may refer to later
_INTRODUCED_NAME = re.compile(r"(?<![\w.’'-])[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}$")
_IS = re.compile(r" (?:is|was) ")


# "Jane Doe is a former school teacher who ...", "John Roe is the head of the refugee
# community": a person introduced by what they are, in a sentence that opens with the name
_IS_PERSON = re.compile(
    r"\s+(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:teacher|mother|father|"
    r"grandmother|grandfather|widow|son|daughter|brother|sister|wife|husband|student|activist|"
    r"lawyer|journalist|reporter|refugee|farmer|resident|doctor|nurse|soldier|worker|"
    r"survivor|witness|member|leader|head|founder|pastor|imam|cleric|blogger|poet|writer|"
    r"artist|engineer|shopkeeper|driver|villager|prisoner|detainee|defender)(?![\w-])")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?”\"]\s+|\n\s*)$")


# "Rupert Colville, spokesperson for the UN Office ..., voiced alarm": a name and its staff
# title in apposition, whatever verb follows
_COMMA_TITLE = re.compile(
    rf",\s+(?:the\s+|an?\s+)?(?:[A-Z][\w.-]*\s+){{0,3}}?(?i:{_TITLE})\s+(?:of|for|at|with)\s")


# "The U.S. special envoy to the region, Jane Roe, is in ...": a name in apposition after
# a role, between commas
_COMMA_NAME = re.compile(
    r",\s+(?P<name>[A-Z][a-z’'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z’'-]+){1,2}),\s")
_ROLE_BEFORE = re.compile(
    r"(?<![\w-])(?i:envoy|ambassador|minister|rapporteur|commissioner|spokes(?:man|woman|person)|"
    r"director|secretary|representative|coordinator|prosecutor|judge)(?![\w-])[^.;:,\n]{0,60}$")


# "روضا اوتین بایفا، رهبر حکومت انتقالی ...، ...": a Persian name opening its paragraph or
# sentence, a title in apposition after its comma
_FA_NAME_COMMA_TITLE = re.compile(
    r"(?:^|(?<=[\n.!؟]))[ \t]*(?P<name>[^\W\d_][^\s،,.:«»\"()\d]*(?:[ \t]+[^\s،,.:«»\"()\d]+){1,3})"
    r"[ \t]*،[ \t]*(?:رهبر|سخنگوی|سخنگوي|نطاق|رئیس|رییس|رئيس|وزیر|وزير|نماینده|نماينده|مدیر|"
    r"مدير|دبیرکل|دبيرکل|سفیر|سفير|معاون|فرمانده|قوماندان|والی|والي)[ \t]")


def introduced_names(text: str) -> list[tuple[int, int]]:
    """Spans of names introduced by "NAME is/was [a] TITLE of/for/at BODY", by what the
    person is in a sentence the name opens ("NAME is a former school teacher"), by a
    staff title in apposition ("NAME, spokesperson for BODY, ...") or by a role before
    them ("the special envoy to the region, NAME, ...")."""
    out = []
    for m in _FA_NAME_COMMA_TITLE.finditer(text) if "،" in text else ():
        if not is_body(m.group("name")):
            out.append(m.span("name"))
    for m in _COMMA_NAME.finditer(text) if ", " in text else ():
        if _ROLE_BEFORE.search(text, max(0, m.start() - 80), m.start()) and not is_body(
                m.group("name")):
            out.append(m.span("name"))
    for m in _COMMA_TITLE.finditer(text) if _hinted(text) else ():
        name = _INTRODUCED_NAME.search(text, max(0, m.start() - 50), m.start())
        if name is not None and not is_body(name.group()):
            out.append(name.span())
    for m in _IS.finditer(text):
        name = _INTRODUCED_NAME.search(text, max(0, m.start() - 50), m.start())
        if name is None:
            continue
        if _IS_TITLE.match(text, m.start()) or (
                _IS_PERSON.match(text, m.start()) and not is_body(name.group())
                and _SENTENCE_OPENS.search(text, max(0, name.start() - 3), name.start())):
            out.append(name.span())
    return out
_ORG_RE = re.compile(_ORG)
# "U.N. refugee spokeswoman, X,": a UN body by what it does, named by its acronym when the
# text writes that too
_UN_DOING = re.compile(
    rf"(?:U\.N\.|UN|United\s+Nations)\s+(?P<what>(?i:refugee|human\s+rights|rights|children's|"
    rf"children’s|migration|food))\s+(?:(?i:agency)\s+)?(?i:{_TITLE})\s*,?\s*$"
)
_UN_BODIES = {"refugee": "UNHCR", "human rights": "OHCHR", "rights": "OHCHR",
              "children's": "UNICEF", "children’s": "UNICEF", "migration": "IOM", "food": "WFP"}
# "Spokesperson Ravina Shamdasani, of the Office of the High Commissioner"
_TITLE_BEFORE = re.compile(rf"(?i:{_TITLE})\s*$")
# "rights office spokesperson X": a body's last words in lower case, before a title
_KIND_BEFORE = re.compile(
    rf"(?<![\w’'.-])(?:the\s+)?(?P<org>[a-z]+\s+(?:office|agency))(?:’s|'s)?\s+"
    rf"(?i:{_TITLE})\s*,?\s*$")
_OF_AFTER = re.compile(rf"\s*,\s*of\s+(?:the\s+)?(?P<org>{_ORG})")
# (not a president's "رئیس جمهوری", a house's "رئیس مجلس" or its Speaker rendered "سخنگوی
# مجلس نمایندگان": offices of their own, no body's staff)
_FA_TITLE = (r"(?:سخنگوی(?!\s*مجلس\s+نمایندگان)|رئیس(?!\s*(?:جمهور|مجلس))|مدیر|پژوهشگر|"
             r"نماینده)")
_FA_ORG = r"(?P<org>(?:{})[^،,.:؛«»\"\n]{{2,60}}?)".format(
    "|".join(sorted((w for w in lx.ORG_WORDS if not w.isascii()), key=len, reverse=True))
)
_FA_BEFORE = re.compile(rf"{_FA_TITLE}\s+{_FA_ORG}\s*،?\s*$")
_FA_AFTER = re.compile(rf"\s*،\s*{_FA_TITLE}\s+{_FA_ORG}\s*[،,.:؛\n]")
# every staff title holds one of these (keep in step with _TITLE and _FA_TITLE): most
# mentions of a name have none near them, and are not searched six times
_TITLE_HINT = re.compile(
    r"(?i:spokes|head|director|researcher|representative|official|officer|coordinator|"
    r"campaigner|advis|counsel|manager|chair|secretary|prosecutor|registrar)|سخنگو|رئیس|مدیر|پژوهشگر|نماینده"
)
_HINT_WORDS = ("spokes", "head", "director", "researcher", "representative", "official",
               "officer", "coordinator", "campaigner", "advis", "counsel", "manager", "chair",
               "secretary", "prosecutor", "registrar")
_HINT_FA = ("سخنگو", "رئیس", "مدیر", "پژوهشگر", "نماینده")
# the only letters beyond ASCII that the hint's words match without case (ı, İ, K, ſ)


def _hinted(text: str) -> bool:
    """`_TITLE_HINT.search(text) is not None`, by substring tests of the lower-cased text
    (which, without the four letters of CASE_EXTRA, gives the ASCII letters no other
    letter matches them with): the pattern tries each of its words at every position."""
    if any(c in text for c in CASE_EXTRA):
        return _TITLE_HINT.search(text) is not None
    low = text.lower()
    return any(w in low for w in _HINT_WORDS) or any(w in text for w in _HINT_FA)


# a body's name holds one of these words, or is an acronym ("UNHCR", "OFAC")
_BODY_WORDS = frozenset(("department", "bureau", "programme", "program", "fund", "service",
                         "secretariat", "coalition", "federation", "rights", "unit", "agency",
                         "faction", "cross", "crescent", "mechanism",
                         # Persian/Dari, folded: "ملل متحد", "عفو بین الملل", "دیده‌بان حقوق بشر"
                         "ملل", "عفو", "بینالملل", "دیدهبان", "یوناما"))
_ACRONYM = re.compile(r"[A-Z]{3,}")


@lru_cache(maxsize=4096)  # asked of a claim's speaker at every claim
def is_body(org: str) -> bool:
    """Whether a name is a body's: it holds a body word or is an acronym."""
    words = [fold(w.strip("().,’'")) for w in org.split()]
    if any(w in lx.ORG_WORDS or w in _BODY_WORDS for w in words):
        return True
    return any(_ACRONYM.fullmatch(w.strip("().,’'")) for w in org.split())


def _body_words(name: str) -> set[str]:
    return {w for w in fold(name).replace("’s", "").split() if len(w) > 2 and w != "the"}


def same_body(a: str, b: str) -> bool:
    """The same body, one name holding the other's words ("OHCHR" and "UN OHCHR")."""
    wa, wb = _body_words(a), _body_words(b)
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def within(a: str, b: str) -> bool:
    """Whether body `a`'s name is `b`'s or a shorter name of it ("OHCHR" of "UN OHCHR")."""
    wa = _body_words(a)
    return bool(wa) and wa <= _body_words(b)


def trim_body(org: str) -> str:
    """A body's name without the office written before it: "Secretary-General Ban
    Ki-moon’s Special Representative and UNAMA" is UNAMA."""
    # what follows the last possessive, but not a plural of people's ("Children’s Fund")
    after = re.split(r"(?<!Children)(?<!Women)(?<!People)(?<!Peoples)(?<!Workers)[’']s\s+",
                     org)[-1]
    # (a list inside one name, "UN Educational, Scientific and Cultural Organization", is
    # one body)
    last = after if "," in after else after.rsplit(" and ", 1)[-1]
    for part in (last, after):
        if part != org and is_body(part):
            return part
    return _without_function(org)


# what a staff title is about, written between the body and the title ("UNICEF
# Communication Officer", "UNHCR Protection Officer"): no word of the body's name
_FUNCTION_WORDS = frozenset(("communication", "communications", "information", "press",
                             "media", "protection", "field", "emergency", "advocacy",
                             "external", "relations", "liaison"))


def _without_function(org: str) -> str:
    """"UNICEF Communication" is UNICEF, when what is left ends with an acronym or a body
    word (not "Department of Public Information")."""
    words = org.split()
    cut = len(words)
    while cut > 1 and fold(words[cut - 1]) in _FUNCTION_WORDS:
        cut -= 1
    if cut == len(words):
        return org
    rest = words[cut - 1].strip("().,’'")
    if _ACRONYM.fullmatch(rest) or fold(rest) in lx.ORG_WORDS or fold(rest) in _BODY_WORDS:
        return " ".join(words[:cut])
    return org


def _clean(org: str) -> str:
    org = re.sub(r"\s+\([A-Z]{2,}\)$", "", org.strip())  # "UN rights office (OHCHR)"
    org = re.sub(r"[’']s$", "", org)  # "Amnesty International's"
    return re.sub(r"^(?:the|The)\s+", "", org)


# the title words of _TITLE, as they end it (keep in step)
_TITLE_WORDS = ("spokesperson", "spokesman", "spokeswoman", "spokespersons", "head", "director",
                "researcher", "representative", "official", "officer", "coordinator",
                "campaigner", "adviser", "advisor", "counselor", "counsellor", "general",
                "manager", "chair", "chairman", "chairwoman", "chairperson", "secretary",
                "prosecutor", "registrar")


def _title_ends(before: str) -> bool:
    """Whether a staff title may end `before`, before spaces and a comma (as _BEFORE's
    first pattern and _TITLE_BEFORE end): told from its last 14 characters when they are
    ASCII (beyond ASCII, matching without case takes more letters: the patterns decide)."""
    tail = before.rstrip()
    if tail.endswith(","):
        tail = tail[:-1].rstrip()
    tail = tail[-14:]
    return not tail.isascii() or tail.lower().endswith(_TITLE_WORDS)


# a title's first word a body's capitalised run took ("UNICEF Executive Director X": the
# body is UNICEF, the title Executive Director)
_TITLE_ADJECTIVE_END = re.compile(
    r"\s+(?:Chief|Deputy|Senior|Regional|Country|Executive|Acting|Principal|Lead)$")
# the words a staff title can open with (_TITLE's adjectives and titles; keep in step)
_TITLE_OPENS = ("chief", "deputy", "senior", "regional", "country", "executive", "acting",
                "principal", "lead", "spokes", "head", "director", "researcher",
                "representative", "official", "officer", "coordinator", "campaigner", "advis",
                "counsel", "manager", "chair", "prosecutor", "registrar")


def _title_search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)` for a pattern that opens with a staff title, tried only
    where one of its words starts in the lower-cased text (which keeps the offsets and
    gives ASCII letters no other letter matches without case, unless it holds one of
    CASE_EXTRA): the case-blind pattern tries every character."""
    starts = lower_starts(text, _TITLE_OPENS)
    if starts is None:
        return pattern.search(text)
    return next(matches_at(pattern, text, starts), None)


_FIRST_NAME = re.compile(r"(?<![\w.])(?:[A-Z]\.(?:[A-Z]\.)*|[A-Z][a-z’'-]+)[ \t]+$")


def staff_body(text: str, name: str) -> str | None:
    """The body the text ties the named person to by a staff title, at the first
    introduction of the name that says one; None when it says none."""
    if len(name) < 4:
        return None
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        before, after = text[max(0, start - 140) : start], text[end : end + 160]
        if not _hinted(before[-120:]) and not _hinted(after[:120]):
            start = text.find(name, end)  # no staff title near this mention: nothing to read
            continue
        if " " not in name and (first := _FIRST_NAME.search(before)):
            # a surname asked of its full name: "spokesman P.J. Crowley" for "Crowley"
            before = before[: first.start()]
        # each search of `before` scans it to its end: only where what it looks for can be
        # (a title word in it, one ending it, a Persian title in a text that is not ASCII)
        hint = _hinted(before)
        ends = hint and _title_ends(before)
        doing = _UN_DOING.search(before) if ends else None
        if doing and (acronym := _UN_BODIES[" ".join(doing.group("what").lower().split())]) in text:
            return acronym
        found = [
            _BEFORE[0].search(before) if ends else None,
            _title_search(_BEFORE[1], before) if hint else None,
            _BEFORE[2].search(before) if ends and "At the " in before else None,
            _FA_BEFORE.search(before) if hint and not before.isascii() else None,
        ]
        found += [p.match(after) for p in (*_AFTER, _FA_AFTER)]
        if (said := _IS_TITLE.match(after)) and _BASED.search(said.group("org")):
            # the body is the last one the text named before the person
            bodies = [m.group() for m in _ORG_RE.finditer(text, 0, start)
                      if is_body(_clean(m.group()))]
            if bodies:
                return trim_body(_clean(bodies[-1]))
            said = None
        found.append(said)
        if ends and _TITLE_BEFORE.search(before):
            found.append(_OF_AFTER.match(after))
        for m in found:
            if m is not None and is_body(org := _TITLE_ADJECTIVE_END.sub("", _clean(
                    m.group("org")))):
                org = trim_body(org)
                # "the Mechanism’s Prosecutor": the body named before with that word
                return one_word_body(text, org, start) if " " not in org else org
        if ends and (kind := _KIND_BEFORE.search(before)):
            # "rights office spokesperson X": the body named before with those last words
            named = one_word_body(text, kind.group("org"), start)
            if named is not None and named != kind.group("org"):
                return named
        start = text.find(name, end)
    return None


# A body's name that may hold "to" ("Committee to Protect Journalists"); _ORG does not, as
# a staff title's "representative to the UN" must not run into the next words.
_ORG_TO = _cap_run("of|for|on|and|the|to")
# the kind of body a lower-case word before its name says it is ("analyst group Chatham
# House"): a name that holds no body word is a body's after one of these
_KIND = (r"(?:[a-z][\w-]*\s+){0,2}?(?:group|organi[sz]ation|watchdog|charity|think[- ]tank|"
         r"network|agency|coalition|campaign|institute|monitor)")
# "Robert Roe from the Committee to Protect Journalists says", "Jane Doe of Amnesty
# International said", "X of analyst group Y says": a person named with the body they come
# from, with no title; what follows the name ends a phrase (a verb, a comma, a full stop)
_MEMBER = re.compile(
    rf"\s+(?:from|of|with|at)\s+(?:the\s+)?(?:(?P<kind>{_KIND})\s+)?(?P<org>{_ORG_TO})"
    r"(?=\s*[,.;:]|\s+(?:says|said|told|tells|adds|added|noted|warned|explained|is|was|"
    r"who|has|had)\b)"
)
# "X, the author of the HRW report", "X, the author of Amnesty's 2012 report": a report's
# author speaks for the body whose report it is (the annotation guide)
_AUTHOR = re.compile(
    r"\s*,\s*(?:the\s+|an?\s+)?(?:co-?)?(?:lead\s+)?authors?\s+of\s+(?:the\s+|an?\s+)?"
    rf"(?:(?P<org>{_ORG_TO})(?:’s|'s)?\s+(?:[\w-]+\s+){{0,3}}?report"
    rf"|(?:[\w-]+\s+){{0,2}}?report\s+(?:by|from|of)\s+(?:the\s+)?(?P<by>{_ORG_TO}))"
)


def member_body(text: str, name: str) -> str | None:
    """The body a person named with no staff title comes from, where the text writes it
    right after a full name ("X from the Committee to Protect Journalists", "X, the author
    of the HRW report"), at the first mention of the name that says one; None otherwise."""
    if len(name) < 4 or " " not in name:
        return None
    # a transcript's "ROBERT ROE:" is the "Robert Roe from ..." the narration introduced
    for written in re.finditer(re.escape(name), text, re.I if name.isupper() else 0):
        after = text[written.end() : written.end() + 200]
        if (m := _AUTHOR.match(after)) is not None:
            org = _clean(m.group("org") or m.group("by"))
            if is_body(org):
                return trim_body(org)
        if (m := _MEMBER.match(after)) is not None:
            org = _clean(m.group("org"))
            if m.group("kind") or is_body(org):
                return org
    return None


# A court's prosecutor speaks for the court (the guide's organisation level): "Chief
# Prosecutor X", "X, who became chief prosecutor", where the court is named elsewhere
# ("the chief prosecutor of the International Criminal Court", "the Court’s Rome Statute")
# (the court's Prosecutor, capitalised, or its chief: a trial's "prosecutor X" is not)
_PROSECUTOR = r"(?:(?i:chief|deputy)\s+(?i:prosecutor)|Prosecutor)"
_PROSECUTOR_BEFORE = re.compile(rf"{_PROSECUTOR}\s*,?\s*$")
_PROSECUTOR_AFTER = re.compile(
    rf"\s*,\s*(?:who\s+(?:became|is|was)\s+|the\s+)?(?:the\s+)?{_PROSECUTOR}\b")
_COURT = re.compile(r"(?<![\w’'-])(?:[A-Z][\w-]*\s+){1,4}(?:Court|Tribunal)(?![\w-])"
                    r"(?:\s+(?:for|of)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?")


def court_body(text: str, name: str) -> str | None:
    """The court a prosecutor the text names speaks for: the only court the text names
    (its longest name), when a mention of the person is written with a prosecutor's title;
    None otherwise."""
    if "rosecutor" not in text or len(name) < 4:
        return None
    for written in re.finditer(re.escape(name), text):
        if (_PROSECUTOR_BEFORE.search(text, max(0, written.start() - 40), written.start())
                or _PROSECUTOR_AFTER.match(text, written.end())):
            break
    else:
        return None
    courts = {" ".join(m.group().split()).removeprefix("The ") for m in _COURT.finditer(text)}
    longest = {c for c in courts if not any(c != o and o.endswith(c) for o in courts)}
    return longest.pop() if len(longest) == 1 else None


# "سخنگوی ناتو", "سخنگوی وزارت خارجه ایران": a speaker named only as a body's spokesperson
# speaks for that body (the guide's organisation level; Persian writes no name more often)
_FA_SPOKESPERSON_OF = re.compile(
    r"^(?:یک\s+)?سخنگوی\s+(?P<org>[^\s،,.:«»\"]+(?:\s+[^\s،,.:«»\"]+){0,5})$"
)


def spokesperson_body(name: str) -> str | None:
    """The body of a speaker written as "سخنگوی BODY" and nothing else; None otherwise."""
    m = _FA_SPOKESPERSON_OF.match(name.strip())
    return m.group("org") if m else None


# "یکی از مقام‌های وزارت خارجه ایالات متحده": an unnamed official the text describes as one
# of a body's officials is named as described, and the body is their organisation level (the
# guide's round-25 rule). "یک مقام قصر سفید" stays the office's (earlier rounds' convention).
_FA_ONE_OF_OFFICIALS = re.compile(
    rf"^(?:یکی|برخی|شماری)\s+از\s+(?:{lx.alternation(list(lx.FA_OFFICIALS))})\s+"
    rf"(?P<org>(?:{lx.alternation([*lx.FA_OFFICE_BODIES, 'سپاه', 'پلیس', 'ارتش'])})"
    r"(?:\s+[^\s،,.:«»\"]+){1,6})$"
)


def official_body(name: str) -> str | None:
    """The body of a speaker written as "یکی از مقام‌های BODY" and nothing else."""
    m = _FA_ONE_OF_OFFICIALS.match(name.strip())
    return m.group("org") if m else None
