"""The subject of an English or Arabic reporting verb: the noun phrase that ends at the verb
("X said", "X, Title, said", "UNHCR Spokesman, Ron Redmond, says") or follows it ("قال X",
"..., said X, Title on ..."), with the appositions, datelines, adverbials, relative clauses
and headline labels around it set aside. Persian subjects are `fa_subject`'s.
"""

from __future__ import annotations

import re

from gavah.core.extract import lexicon as lx
from gavah.core.extract.textmap import Folded
from gavah.core.text import trie_alternation

_E = r"(?![^\W\d_])"  # a word ends here


_LEADING_ADVERBS = re.compile(
    # whole words only ("Soltani" is no "So"); "As X noted, “...”": X
    r"^\s*(?:(?:(?:later|then|also|meanwhile|however|yesterday|today|and|but|so|now|as)\b|"
    r"in response to [^,]+,|that(?=\s+(?:he|she|they|it|we)\b))\s*,?\s*)+",
    re.I,
)


_WHAT_SUBJECT = re.compile(r"\bwhat\s+(?P<s>(?:[\w’'-]+\s+){0,3}[\w’'-]+)\s*$")


_RELATIVE_HEAD = re.compile(
    r"(?s:.*)(?:\b(?:from|by|of|with)\s+|[–—,]\s*)(?:the\s+)?(?P<np>[^\s,–—(][^,–—()]{1,60}?)\s*$"
)


_PASSIVE_BY = re.compile(r"[^\W\d_]+\s+by\b")


_CITING_WHAT = re.compile(r"\s*(?:citing|quoting)\s+(?:what|which)\s+")


_SPEAKING_FROM = re.compile(
    r"[,،]\s*(?:speaking|writing|talking|briefing|reporting)\s+(?:from|in|at|to|by|via)\b[^,،]{0,60}[,،]?\s*$"
)


_APPOSITION = re.compile(r"(?:^|[,،])(?P<np>[^,،]*)[,،](?P<app>[^,،]{1,160})[,،]\s*$")


_ARTICLE_START = re.compile(r"\s*(?:a|an|the)\s", re.IGNORECASE)


# a staff title ending the noun phrase before an apposition (folded: lower case)
_STAFF_TITLE_END = re.compile(
    r"(?:^|\s)(?:spokesperson|spokesman|spokeswoman|director|researcher|representative|"
    r"coordinator|campaigner|adviser|advisor|prosecutor)(?:\s+(?:for|of|at|on)\s+[^,،]{1,60})?\s*$"
)


# the subject of a relative clause whose object is its head: "... who the UN says ..."
_RELATIVE_SUBJECT = re.compile(
    r"\s(?:who|whom)\s+(?P<s>(?:the\s+)?(?!(?:is|are|was|were|has|have|had)\b)"
    r"[\w.’'-]+(?:\s+[\w.’'-]+){0,3})\s*$"
)


# a person's name (two or three capitalised words) ending the text before ", who"
_NAME_ENDING = re.compile(
    r"(?<![\w’'-])(?!(?:Rights|Commissioner|General|Minister|Secretary|President|Director|"
    r"Rapporteur|Spokesperson|Nations|UN|Office|Council)\b)"
    r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}(?=\s*,?\s*$)"
)


# "X, who has described ...": the relative pronoun and an auxiliary before the verb
_WHO_AUX = re.compile(r"\s*(?:who|which)(?:\s+(?:has|have|had|is|was|were|are|also|later|"
                      r"previously|already|recently))+\s*")


# an office named before its holder: "the President of the UN General Assembly, X"
_TITLE_PHRASE = re.compile(
    r"\s*the\s+(?:[a-z-]+\s+){0,2}(?:president|chair|chairman|chairwoman|head|director|"
    r"secretary-general|secretary|spokesperson|spokesman|spokeswoman|rapporteur|envoy|"
    r"representative|commissioner|coordinator)\s+(?:of|for|to|on)\s+"
)


# a document that speaks for whoever issued it (folded: lower case)
_ISSUED_BY = re.compile(
    r"\s*(?:a|an|the)\s+(?:(?:joint|written|short|brief)\s+)?(?:news\s+release|press\s+release|"
    r"release|statement|communiqu[eé])\s+(?:from|by|of)\s+(?:the\s+)?"
)


# "said a deserter of the army and a former intelligence officer, Hla Win.": who the
# description is, named after it
_INDEFINITE = re.compile(r"\s*an?\s+")
_HOLDER_AFTER = re.compile(
    r"\s*,\s*(?P<name>[A-Z][\w’'-]+(?:\s+(?:[A-Z][\w’'-]+|de|la|del|al|von|van|bin)){1,4})"
    r"(?=\s*(?:[,.;:]|$|\s+(?:on|in|at|during|last|this|told|who)\b))"
)


# a quoted adverb before the verb: 'X, "unequivocally" rejected'
QUOTED_ADVERB = re.compile(r"\s*[\"“][a-z]+ly[\"”]\s*$")


# a lower-case staff title with its body after a name and a comma (folded text)
_TITLE_CHUNK = re.compile(
    r"\s*(?:[a-z'’-]+\s+){0,2}(?:spokesperson|spokesman|spokeswoman|director|representative|"
    r"coordinator|adviser|advisor|officer|head|chief)\s+(?:for|of|at|with)\s+(?:the\s+)?\S"
)
# a person's full name as written: two to four capitalised words, initials and particles
_FULL_NAME = re.compile(
    r"[A-Z][\w’'-]+(?:\s+(?:[A-Z]\.|[A-Z][\w’'-]+|de|van|von|der|al|bin|da|dos)){1,3}"
)


_FOR_APPOSITION = re.compile(r"\s*(?:for|of|from)\s+(?:the\s+)?[a-z]")


_TRAILING_ADVERBIAL = re.compile(
    r"\s+(?:on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|today|yesterday|"
    r"in a (?:statement|report|press conference|[\w ]{0,20}interview)|last (?:week|month|year)|"
    r"this (?:week|month|year)|(?:روز )?(?:شنبه|یکشنبه|دوشنبه|سهشنبه|چهارشنبه|پنجشنبه|جمعه)|"
    r"امروز|دیروز|الیوم|امس)(?:\s*\([^()]{1,20}\))?\s*$"  # "on Friday (6 Dec)"
)


_NP_AFTER = re.compile(
    rf"\s*(?P<np>[^:،,.«»\"“”؛;]+?)\s*(?=[:،,.«»\"“”؛;]|\s(?:{trie_alternation(lx.THAT)}){_E}|"
    rf"\s(?:{trie_alternation(lx.ALL_VERBS)}){_E}|$)"
)


_DATELINE = re.compile(r"\d[^\n]{0,40}?(?:\s[—–-]|\)\s*[—–-]|\s*[—–])\s+")


_TOLD = re.compile(r"\b(?:told|informed|assured|briefed|reminded)\s*$")


_ADDRESSEE = re.compile(
    r"\s*(?:reporters|journalists|the (?:press|media|council|assembly|committee|audience)|"
    r"lawmakers|legislators|diplomats|delegates|members|parliament|(?:a |the )?(?:news |press )?"
    r"(?:conference|briefing)|voa|voice of america)\b(?:\s+(?:on|in|at) \w+)?(?:\s+that\b)?"
)


_ABBREVIATION_DOT = re.compile(r"\b(dr|mr|mrs|ms|prof|gen|col|lt|st|sr|jr)\.")


_INTRO = re.compile(r"(?:(?<=\s)|^)\d{1,3}[.)]\s+|^\s*(?:a|q)\s*:\s*", re.I)


# "X condemned the raids and said": a second verb after "and" shares the first one's subject
AND_END = re.compile(r"(?<![^\W\d_])and\s*$")
_FIRST_WORD = re.compile(r"\s*([a-z]+)\b")
# past tenses not in -ed that open a second verb phrase: "X, Title, met ... and said"
_PAST_IRREGULAR = frozenset(("met", "went", "spoke", "took", "gave", "made", "came", "led",
                             "sent", "wrote", "told", "left", "held", "saw", "found"))


def _first_verb(doc: Folded, at: int) -> bool:
    """The chunk at folded offset `at` opens with a verb in the past, in lower case."""
    word = _FIRST_WORD.match(doc.text, doc.original(at, at)[0])
    return word is not None and (word.group(1).endswith("ed")
                                 or word.group(1) in _PAST_IRREGULAR)


def _one_comma_at_end(region: str) -> bool:
    r"""One comma (not two) ends the region, before any spaces: r"[^,،][,،]\s*$" without
    trying the pattern at every position (`\s` and str.rstrip() agree on spaces)."""
    tail = region.rstrip()
    return len(tail) >= 2 and tail[-1] in ",،" and tail[-2] not in ",،"


# a description of someone the apposition after it names: "One of the lawyers, Otto Saki of
# the Zimbabwe Lawyers for Human Rights, said" (folded: lower case; "the chair, Judge X,"
# is read as before)
_DESCRIPTION = re.compile(
    r"\s*(?:(?:one|some|several|many|each|two|three)\s+of\s+(?:the|their|its)|a|an)"
    r"(?:\s+[a-z'’-]+){1,3}\s*$"
)
_NAME_OF = re.compile(r"(?:[A-Z][\w’'-]+\s+){1,3}of\s+(?:the\s+)?[A-Z]")


def _titled_name(doc: Folded, start: int, apposition: re.Match[str]) -> bool:
    """Whether an apposition is the name of the staff title before it: "UNHCR Spokesman,
    Ron Redmond," (capitalised words, not "the spokesman, who ..."), or of the description
    before it: "One of the lawyers, Otto Saki of the Zimbabwe Lawyers for Human Rights,"."""
    a, b = doc.original(start + apposition.start("app"), start + apposition.end("app"))
    name = doc.text[a:b].strip()
    if not _STAFF_TITLE_END.search(apposition.group("np")):
        return bool(_DESCRIPTION.fullmatch(apposition.group("np"))) and (
            _NAME_OF.match(name) is not None
            or (2 <= len(name.split()) <= 3 and all(w[:1].isupper() for w in name.split())))
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def subject_before(doc: Folded, start: int, end: int) -> tuple[int, int] | None:
    """Folded span of the subject noun phrase ending at a verb (SVO/SOV)."""
    start = max(start, end - 300)  # a subject is near its verb; long sentences stay linear
    if _TOLD.search(doc.folded, max(0, start - 12), start):
        # "X told reporters the government condemns ...": the addressee is not the subject
        addressee = _ADDRESSEE.match(doc.folded, start, end)
        start = addressee.end() if addressee else start
    region = doc.folded[start:end].rstrip()
    if region.endswith(("ly\"", "ly”")):
        region = QUOTED_ADVERB.sub("", region)
    trimmed = _TRAILING_ADVERBIAL.sub("", region)  # "X on Wednesday rejected"
    trimmed = _SPEAKING_FROM.sub(",", trimmed)  # "X, Title, speaking from Cairo, said"
    apposition = _APPOSITION.search(trimmed)  # "X, an opposition group, puts": X and its apposition
    if apposition and _titled_name(doc, start, apposition):
        # "UNHCR Spokesman, Ron Redmond, says": the name is the subject, its title before it
        # (read with the name by the staff rules)
        trimmed = trimmed.rstrip().rstrip(",،")
        apposition = None
    if (
        apposition is None
        and _one_comma_at_end(trimmed)
        and not _PASSIVE_BY.match(doc.folded, end)  # "X, announced by the media": passive
    ):
        trimmed = trimmed.rstrip().rstrip(",،")  # "Title Name, said on Friday that ...": one comma
    if apposition and apposition.group("np").strip():
        chunk_start = apposition.start("np")
        # "X, a member of Y, an opposition group, told": two appositions; X opens the first
        second = _APPOSITION.search(trimmed, 0, apposition.start("np") + len(apposition.group("np"))
                                    + 1) if _ARTICLE_START.match(apposition.group("np")) else None
        if second and second.group("np").strip() and not _ARTICLE_START.match(second.group("np")):
            chunk_start = second.start("np")
    else:
        last_comma = max(trimmed.rfind(","), trimmed.rfind("،"))
        chunk_start = last_comma + 1 if last_comma >= 0 else 0
        if last_comma > 0 and _FOR_APPOSITION.match(trimmed, chunk_start):
            # "X, for the United Nations Children's Fund (UNICEF) said": X and its body
            prev_comma = max(trimmed.rfind(",", 0, last_comma), trimmed.rfind("،", 0, last_comma))
            chunk_start = prev_comma + 1 if prev_comma >= 0 else 0
        elif last_comma > 0 and _TITLE_CHUNK.match(trimmed, chunk_start):
            # "“...,” Pia Prytz Phiri, country representative for the UN High Commissioner
            # for Refugees (UNHCR) said": the name before the title, read with its body
            prev = max(trimmed.rfind(",", 0, last_comma), trimmed.rfind("،", 0, last_comma),
                       trimmed.rfind("”", 0, last_comma), trimmed.rfind('"', 0, last_comma))
            a, b = doc.original(start + prev + 1, start + last_comma)
            if _FULL_NAME.fullmatch(doc.text[a:b].strip()):
                chunk_start = prev + 1
    if (chunk_start > 0 and AND_END.search(trimmed, chunk_start)
            and _first_verb(doc, start + chunk_start) and trimmed[:chunk_start].rstrip(" ,،")):
        # "The governor, Jane Roe, toured the site and told": the verbs share the subject
        # before the apposition's comma, the words between them are no speaker (read as if
        # the verb followed the comma: "X, Title, said")
        return subject_before(doc, start, start + chunk_start)
    what = _WHAT_SUBJECT.search(trimmed, chunk_start) if "what" in trimmed else None
    if what:  # "what the ministry called “...”": the relative clause's own subject
        chunk_start = what.start("s")
    intro = _LEADING_ADVERBS.match(trimmed, chunk_start) or _INTRO.match(trimmed, chunk_start)
    if intro:
        chunk_start = intro.end()
    cited = _CITING_WHAT.match(trimmed, chunk_start)  # "citing what it said": "it" says
    if cited:
        chunk_start = cited.end()
    datelines = list(_DATELINE.finditer(trimmed, chunk_start))
    if datelines:  # "Geneva, 14 March 2023 — X said": X, not the dateline
        chunk_start = datelines[-1].end()
    chunk = trimmed[chunk_start:]
    relative = _RELATIVE_SUBJECT.search(chunk) if " " in chunk else None
    if relative:  # "two journalists who the UN says were held": the UN says it
        chunk_start += relative.start("s")
        chunk = trimmed[chunk_start:]
    label = chunk.find(": ")
    if label > 0 and len(chunk[:label].split()) <= 3 and chunk[label + 2 :].strip():
        # a headline's topic: "Ukraine: UN’s Bachelet condemns ...": the subject after it
        chunk_start += label + 2
        chunk = trimmed[chunk_start:]
    if chunk_start > 0 and (chunk.strip() in ("who", "which") or _WHO_AUX.fullmatch(chunk)):
        # "... condemnation from UN-appointed rights experts, who called her ...": the
        # noun phrase the relative pronoun stands for
        np = _RELATIVE_HEAD.match(trimmed, 0, chunk_start - 1)
        if np:
            return start + np.start("np"), start + np.end("np")
        a, b = doc.original(start, start + chunk_start - 1)
        name = _NAME_ENDING.search(doc.text, max(a, b - 80), b)
        if name:  # "... and UN High Commissioner X Y, who has described ...": X Y
            return doc.at(name.start()), doc.at(name.end())
    if not chunk.strip():
        return None
    lead = len(chunk) - len(chunk.lstrip())
    return start + chunk_start + lead, start + len(trimmed.rstrip())


def subject_after(doc: Folded, start: int, end: int) -> tuple[int, int] | None:
    """Folded span of the subject after a verb (Arabic VSO, English "said X")."""
    window = doc.folded[start : min(end, start + 200)]
    if "." in window:  # "dr." -> "dr ": the abbreviation's dot ends no phrase
        window = _ABBREVIATION_DOT.sub(r"\1 ", window)
    m = _NP_AFTER.match(window)
    if not m or not m.group("np").strip() or m.group("np").strip() in lx.THAT:
        return None
    issued = _ISSUED_BY.match(m.group("np"))
    if issued and issued.end() < len(m.group("np").rstrip()):
        # "stated a news release from her office": the office the release is from
        return start + m.start("np") + issued.end(), start + m.end("np")
    if _TITLE_PHRASE.match(m.group("np")) or _INDEFINITE.match(m.group("np")):
        # "said the President of the UN General Assembly, María Fernanda Espinosa on
        # Monday": the office's holder, named after it
        a = doc.original(start + m.end("np"), start + m.end("np"))[0]
        named = _HOLDER_AFTER.match(doc.text, a)
        if named:
            return doc.at(named.start("name")), doc.at(named.end("name"))
    return start + m.start("np"), start + m.end("np")
