"""The subject of a Persian reporting verb (SOV): the noun phrase opening its clause.

"X تعداد بازداشت شدگان را ... اعلام کرد", "در پیامی که ... منتشر شد، X اعلام کرد",
"پیشتر X در گزارشی نوشته بود", "«...»، این را X گفت": X, and no subject at all for a verb
coordinated with the one before ("X گفت: ... و افزود").
"""

from __future__ import annotations

import re

from gavah.core.extract.textmap import Folded
from gavah.core.text import fold

_FA_PREPOSITION = frozenset(
    ["با", "به", "در", "از", "طی", "روز", "برای", "درباره", "پیرامون", "ضمن", "هنگام", "پس",
     "پیش", "بنا", "بر", "طبق",
     # "اندکی بعد از آنکه ...، X گفت": shortly after, a time clause before X
     "اندکی", "بعد", "قبل"]
)
# a time that opens a clause before a comma ("ماۀ گذشته، X ...", "بروز سه شنبه، X ..."):
# an adverbial, as a preposition's phrase is
_FA_WHEN = frozenset(
    ["بروز", "ماه", "هفته", "سال", "دیروز", "امروز", "امسال", "پارسال", "صبح", "عصر", "شب",
     "دیشب", "امشب", "اوایل", "اواسط", "اواخر"]
)
_FA_OBJECT = frozenset(["را", "تعداد", "شمار", "آمار", "رقم", "که"])
# "... و افزود", "و همچنین تاکید کرد": a verb coordinated with the one before, no subject
FA_AND_VERB = re.compile(r"(?:^|\s)و(?:\s+(?:همچنین|نیز|سپس|در\s+ادامه))?\s*$")
_FA_ADVERB = frozenset(
    # (folded words, as they are compared: no ZWNJ, no tanween)
    ["پیشتر", "همچنین", "سپس", "اخیرا", "همزمان", "بعدا", "بعدها", "قبلا"]
)
# "as" opening a clause ("طوریکه ... گفت", "چنانکه ... گفت") and "lately" after it
_FA_AS = frozenset(["طوریکه", "چنانکه", "همانطورکه"])
_LATELY = ["در", "این", "اواخر"]
# words that end a subject: a time or an adverb after it ("X بروز سه شنبه گفت", "X نیز
# گفت", "X امروز نشر نمود": X)
_FA_AFTER_SUBJECT = _FA_ADVERB | frozenset(
    ["بروز", "امروز", "دیروز", "امشب", "دیشب", "ناوقت", "اکنون", "همچنان", "نیز", "بعد", "هم",
     # "موسوی متعاقبا هنگامی که ... گفت": "subsequently", "when" open a clause after X
     "متعاقبا", "هنگامی", "زمانی", "وقتی"]
)
# nouns that open the object of "را" after the subject ("ایران تصمیم شورای ... را «...»
# خوانده است", "وزارت خارجه آمریکا گزارش فارس ... را «...» خواند"): the subject ends
# before them
_FA_OBJECT_HEADS = frozenset(fold(w) for w in (
    "تصمیم", "گزارش", "اقدام", "حکم", "احکام", "اتهام", "اتهامات", "سخنان", "اظهارات", "ادعا",
    "ادعای", "ادعاهای", "قطعنامه", "خبر", "اخبار", "حمله", "حملات", "مجازات", "طرح", "قانون",
    "موضع", "رفتار", "سیاست", "نتایج", "درخواست", "پیشنهاد", "توافق"))
# the verb that ends the clause before, left at the opening of this one ("... کشته شدند
# مقامات گفتند": مقامات)
_FA_CLAUSE_END = frozenset(["شد", "شدند", "است", "اند", "بود", "بودند", "گردید", "گردیدند"])
# the day after "بروز" ("بروز سه شنبه", "بروز پنجشنبه"), folded
_FA_WEEKDAY = frozenset(["شنبه", "یکشنبه", "دوشنبه", "سه", "سهشنبه", "چهارشنبه", "پنجشنبه",
                         "جمعه"])
# office titles that open a subject ("رئیس کمیته ...", "سخنگوی وزارت ..."), folded
_FA_HEADS = frozenset(fold(w) for w in ("رئیس", "رئيس", "سخنگوی", "وزیر", "نماینده", "دبیرکل",
                                        "سفیر", "معاون", "گزارشگر", "دادستان"))
_FA_PARTITIVE = frozenset(["یکی", "برخی", "بعضی", "شماری", "تعدادی", "بسیاری", "گروهی", "هریک"])


def fa_subject(doc: Folded, first: int, verb: int) -> tuple[int, int] | None:
    """Folded span of a Persian subject: the noun phrase opening the clause, before any
    object ("X تعداد بازداشت شدگان را ... اعلام کرد": X), any prepositional phrase ("X
    به مناسبت ... با نشر بیانیه ای گفت": X) and any number. None when the clause has
    no subject of its own ("... و افزود")."""
    words = list(re.finditer(r"[^\s،,:]+|[،,:]", doc.folded[first:verb]))
    if not words:
        return None
    if words[0].group() in ("و", "ولی", "اما") and len(words) <= 2:
        return None
    if FA_AND_VERB.search(doc.folded, first, verb):
        return None  # "X گفت: ... و افزود": the coordinated verb keeps X as its subject
    commas = [i for i, w in enumerate(words) if w.group() in "،,"]
    if commas and words[0].group() in _FA_WHEN and commas[0] <= 3 and (
            commas[0] + 1 < len(words)):
        # "بروز سه شنبه، X ...": a short time before the first comma; X follows it
        return fa_subject(doc, first + words[commas[0]].end(), verb)
    if commas and words[0].group() in _FA_PREPOSITION and commas[-1] + 1 < len(words):
        if len(commas) >= 2 and words[commas[-1] + 1].group() in _FA_PREPOSITION:
            # "در همین حال، X، سمت او، در گفت‌وگویی با ... گفت": the last part is an
            # adverbial too; X follows the first one
            return fa_subject(doc, first + words[commas[0]].end(), verb)
        # "در پیامی که ... منتشر شد، X اعلام کرد": a fronted adverbial; X follows it
        return fa_subject(doc, first + words[commas[-1]].end(), verb)
    while len(words) > 1 and (words[0].group() in _FA_AFTER_SUBJECT
                              or words[0].group() in _FA_AS
                              or words[0].group() in _FA_CLAUSE_END):
        opener = words.pop(0).group()  # "پیشتر دیدبان حقوق بشر ... نوشت": not the subject
        while opener == "بروز" and len(words) > 1 and words[0].group() in _FA_WEEKDAY:
            words.pop(0)  # "بروز سه شنبه X گفت"
        if len(words) > 3 and [w.group() for w in words[:3]] == _LATELY:
            del words[:3]  # "طوریکه در این اواخر رئیس جمهور ترامپ گفت"
    if not commas and words[0].group() in _FA_PREPOSITION and (
            at := next((i for i, w in enumerate(words) if i >= 2 and w.group() in _FA_HEADS),
                       None)) is not None:
        # "با اعلام تمدید ... در زندان اوین رئیس کمیته ... روز جمعه ... نوشت": an
        # adverbial with no comma after it; the office that opens the subject ends it
        words = words[at:]
    while len(words) > 1 and words[0].group() in "،,:":
        words.pop(0)  # "«...»، X گفت": the comma after the quotation
    if len(words) > 2 and words[0].group() in ("این", "آن") and words[1].group() == "را":
        words = words[2:]  # "«...»، این را X گفت": "this" is the object, X the subject
        if words[0].group() in "،,":
            words = words[1:]
    kept: list[re.Match[str]] = []
    marked = any(w.group() == "را" for w in words)  # an object marker before the verb
    for i, w in enumerate(words):
        word = w.group()
        if marked and i and word in _FA_OBJECT_HEADS:
            break
        if word in _CALLED and kept and i + 2 < len(words) and words[i + 1].group() == "به":
            # "گروه حقوق بشری موسوم به ههنگاو": the group's name is the subject
            kept = []
            for name in words[i + 2 :]:
                if name.group() in "،,:" or name.group() in _FA_OBJECT or name.group() in (
                        _FA_PREPOSITION):
                    break
                kept.append(name)
            break
        if word in "،,:" or word in _FA_OBJECT or any(c.isdigit() for c in word):
            break
        if i and word in _FA_AFTER_SUBJECT:
            break
        if i and word in _FA_PREPOSITION and not (
            word == "از" and kept and kept[-1].group() in _FA_PARTITIVE  # "یکی از زندانیان"
        ):
            break
        kept.append(w)
    if not kept or (kept[0].group() in _FA_PREPOSITION and len(kept) < len(words)):
        return (first, verb)  # no opening noun phrase: leave it to the resolver
    if len(kept) > 2 and kept[0].group() in _FA_HONORIFIC and surname_only(
            doc.folded, kept[1].group(), kept[2].group()):
        # "خانم محمدی درد بزرگ ... را دانست": the surname the text writes after a first
        # name ("نرگس محمدی") ends the subject; the object follows it
        kept = kept[:2]
    return first + kept[0].start(), first + kept[-1].end()


_FA_HONORIFIC = frozenset(("خانم", "آقای"))
_CALLED = frozenset(("موسوم", "معروف"))


def surname_only(folded: str, first: str, second: str) -> bool:
    """Whether "خانم/آقای FIRST SECOND" names a person by surname alone: the text writes
    FIRST after another name word elsewhere ("نرگس محمدی") and never FIRST SECOND again
    ("خانم محمدی درد بزرگ ..." is Ms Mohammadi, then the object)."""
    if len(first) < 3:
        return False
    after_name = re.search(
        rf"(?<![^\s])(?!خانم|آقای)[^\s،,.:«»]{{2,}}\s+{re.escape(first)}(?![^\W\d_])", folded)
    if after_name is None:
        return False
    return len(re.findall(rf"(?<![^\s]){re.escape(first)}\s+{re.escape(second)}(?![^\W\d_])",
                          folded)) <= 1
