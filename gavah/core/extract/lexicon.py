"""Words that signal attribution, per language: reporting verbs (with the claim kind
they imply), "according to" frames, titles and pronouns. Kept as data so a reviewer can
read and extend them; everything is matched on `fold`ed text, so entries are folded here
once (ي/ی, ك/ک, hamza seats, ZWNJ and case do not matter)."""

from __future__ import annotations

import re

from gavah.core.text import fold


def _folded(words: str) -> list[str]:
    return sorted({fold(w.strip()) for w in words.split("|") if w.strip()}, key=len, reverse=True)


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in words)


# A statement issued, whose words follow it: never the speaker of words before it
_STATEMENT_ISSUED = ("issued a statement|issued the following statement|released a statement|"
                     "released the following statement|issues a statement|releases a statement")
# Reporting verbs per language, by the claim kind each implies.
_VERBS = {
    ("en", "other"): "said|say|says|stated|states|noted|notes|added|adds|told|tells|wrote|writes|"
    "declared|declares|explained|explains|warned|warns|announced|announces|argued|argues|"
    "emphasized|emphasised|stressed|stresses|confirmed|confirms|acknowledged|acknowledges|"
    "admitted|admits|admit|urged|urges|remarked|commented|observed|concluded|concludes|"
    "insisted|insists|asserted|asserts|maintained|maintain|maintains|estimated|estimates|estimate|"
    "reported|reports|documented|asked|asks|replied|answered|testified|recalled|"
    "described|describes|tweeted|called|calls|puts the number at|put the number at|"
    "puts the toll at|"
    "put the toll at|puts the figure at|put the figure at|put the number|puts the number|"
    "commended|commends|praised|praises|shouted|chanted|yelled|"
    # "expressed “outrage”", "voices ‘outrage’": only before a quotation (see frames)
    "expressed|expresses|voiced|voices|"
    "condemned|condemns|welcomed|welcomes|criticized|criticised|criticizes|criticises|"
    "deplored|deplores|lamented|laments|underscored|underscores|reiterated|reiterates|"
    "expressed alarm|expressed concern|expressed deep concern|voiced concern|informed|"
    # a stance with the owner's pronoun, its words often quoted: "expressed its “utmost
    # concern”"
    "expressed its|expressed his|expressed her|expressed their|voiced its|voiced his|"
    "voiced her|voiced their|"
    # an interview introduced, its words in the paragraphs after: "she spoke to VOA about"
    "spoke to|spoke with|speaks to|speaks with|talked to|talked with|"
    # a statement's words given after it: "X issued a statement ... . “...”"
    f"{_STATEMENT_ISSUED}",
    ("en", "denial"): "denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|refuted|"
    "refutes|disputed|disputes",
    (
        "en",
        "allegation",
    ): "alleged|alleges|allege|accused|accuses|claimed|claims|claim|charged|charges",
    ("fa", "other"): "گفت|گفته است|می‌گوید|می‌گویند|گفتند|افزود|اظهار داشت|اظهار کرد|اعلام کرد|"
    "اعلام کردند|اعلام داشت|تأکید کرد|تصریح کرد|خاطرنشان کرد|نوشت|نوشته است|توضیح داد|هشدار داد|"
    "پرسید|گزارش داد|گزارش دادند|اعتراف کرد|یادآور شد|ادامه داد|نگاشت|نوشته|گفته|اعلام کرده است|"
    "اعلام کرده|افزوده است|افزوده|تاکید کرد|تاکید کرده است|عنوان کرد|خواند|"
    "اذعان می‌دارد|اذعان داشت|اذعان کرد|آمده است|آمده|تاکید شده است|تأکید شده است|"
    # the same verbs written with a space where a ZWNJ belongs
    "می گوید|می گویند|اذعان می دارد|گفته اند|گفته‌اند|اعلام کرده اند|اعلام کرده‌اند|"
    "گزارش داده است|گزارش داده‌اند|گزارش داده اند|اعلام نمود|نگاشته است|نگاشته|"
    "توییت کرد|توئیت کرد|توییت کرده است|توئیت کرده است|"
    # asking, calling and describing ("از X خواست", "را «...» خواند/دانست") and the Dari
    # forms ("اضافه کرد", "بیان می‌کند")
    "خواست|خواستار شد|خواستار شدند|خواستار شده است|خواستند|خوانده است|خواندند|دانست|"
    "دانستند|می‌داند|میداند|می‌دانند|میدانند|"
    "دانسته است|توصیف کرد|توصیف کرده است|اضافه کرد|اضافه کرده است|بیان کرد|بیان کرده است|"
    "بیان می‌کند|بیان داشت|گفته بود|نوشته بود|اعلام کرده بود|می‌افزاید|می‌نویسد|"
    "تصریح کرده است|هشدار داده است|یادآوری کرد|ابراز نگرانی کرد|اظهار نگرانی کرد|"
    "محکوم کرد|محکوم کرده است|محکوم کرده|محکوم کردند|خوانده|"
    # estimating ("X تخمین میکند که ...")
    "تخمین میکند|تخمین می‌کند|تخمین میزند|تخمین می‌زند|تخمین زد|تخمین زده است|برآورد کرد|"
    "برآورد کرده است|برآورد میکند|برآورد می‌کند|"
    # shouted words ("فریاد نمود «...»")
    "فریاد زد|فریاد زدند|فریاد نمود|فریاد کشید|فریاد کشیدند|شعار دادند",
    ("fa", "denial"): "تکذیب کرد|رد کرد|انکار کرد",
    ("fa", "allegation"): "ادعا کرد|مدعی شد|متهم کرد|ادعا کرده است|مدعی شده است",
    ("ar", "other"): "قال|قالت|يقول|تقول|يقولون|أضاف|أضافت|أكد|أكدت|صرح|صرحت|أشار|أشارت|أوضح|"
    "أوضحت|ذكر|ذكرت|أعلن|أعلنت|كتب|كتبت|تابع|تابعت|شدد|شددت|أفاد|أفادت|اعتبر|اعتبرت|أقر|اعترف",
    ("ar", "denial"): "نفى|نفت|رفض|رفضت",
    ("ar", "allegation"): "زعم|زعمت|ادعى|ادعت|اتهم|اتهمت",
}
# Participles that continue the statement of the subject before them: "X said, adding that
# ...", "..., مضيفاً أن ...". Their subject is not written.
_PARTICIPLES = {
    "other": "adding|noting|saying|stressing|insisting|arguing|warning|explaining|"
    "مضيفا|مضيفة|مشيرا|مشيرة|مؤكدا|مؤكدة|موضحا|موضحة",
    "denial": "denying|نافيا|نافية",
    "allegation": "claiming|alleging|accusing|مدعيا|مدعية",
}
PARTICIPLES = frozenset(v for words in _PARTICIPLES.values() for v in _folded(words))
for _kind, _words in _PARTICIPLES.items():
    _VERBS[("participle", _kind)] = _words
VERB_KIND = {verb: kind for (_, kind), words in _VERBS.items() for verb in _folded(words)}
ALL_VERBS = sorted(VERB_KIND, key=len, reverse=True)
# cues that report only what follows them (`_STATEMENT_ISSUED`), folded
FOLLOWING_ONLY = frozenset(_folded(_STATEMENT_ISSUED))
# Arabic verbs put their subject after them (قال X) and take attached conjunctions (وقال).
VSO_VERBS = frozenset(
    v for (lang, _), words in _VERBS.items() if lang == "ar" for v in _folded(words)
)

# "According to X": the claim is X's. Reporter frames: X carries someone else's words.
ACCORDING = _folded(
    "according to|as reported by|به گفته|بنا به گفته|از قول|به اعتقاد|"
    # "در تازه‌ترین گزارش X، ...": the report's author says what follows
    "در تازه‌ترین گزارش|در تازه ترین گزارش|در آخرین گزارش|در جدیدترین گزارش|"
    "بحسب|حسب|وفقا ل|وفقا لـ|طبقا ل|على لسان|بحسب ما قال"
)
REPORTER = _folded("به گزارش|بر اساس گزارش|بنا بر گزارش|طبق گزارش|به نقل از|نقلا عن|نقلاً عن")
THAT = _folded("that|که|ان|بان|بانه|بانها|انه|انها")
PRONOUNS = frozenset(_folded("he|she|they|وی|او|ایشان|این مقام|این مقام مسئول|هو|هي"))
TITLES = _folded(
    "secretary general|secretary-general|spokesman|spokeswoman|spokesperson|deputy minister|"
    "minister|president|prosecutor|judge|grand ayatollah|ayatollah|hojatoleslam|dr|mr|mrs|ms|"
    "prof|professor|general|colonel|director|chairman|chairwoman|chair|head|chief|"
    "special rapporteur|rapporteur|ambassador|senator|imam|sheikh|lawyer|attorney|former prisoner|"
    "researcher|activist|journalist|counselor|counsellor|"
    "آیت‌الله|حجت‌الاسلام|دکتر|آقای|خانم|سرتیپ|سردار|سرهنگ|قاضی|دادستان|وزیر|معاون|سخنگوی|"
    "دبیرکل|رئیس|مدیر|نماینده|امام|شیخ|"
    "السيد|السيدة|الدكتور|الدكتورة|الشيخ|القاضي|الوزير|وزير|الأمين العام|الأمينة العامة|"
    "المتحدث باسم|المتحدثة باسم|رئيس|مدير|مديرة|العميد|اللواء|آية الله|حجة الإسلام"
)
# one word of a title, which is no part of a name written after it ("Attorney General
# Raman", "High Commissioner Zeid", "Deputy Director Smith")
TITLE_WORDS = frozenset(
    {t for t in TITLES if t.isascii() and " " not in t}
    | {"acting", "assistant", "deputy", "associate", "executive", "senior", "high",
       "commissioner", "special", "principal", "under", "vice", "attorney", "secretary",
       "secretary-general"}
)
ORG_WORDS = frozenset(
    _folded(
        "organization|organisation|council|committee|commission|ministry|agency|network|watch|centre|"
        "center|foundation|institute|court|union|association|front|party|news|radio|tv|television|"
        "observatory|panel|office|judiciary|government|mission|tribunal|amnesty|international|"
        "university|treasury|police|army|guard|guards|prison|"
        "سازمان|کمیته|شورای|وزارت|انجمن|شبکه|خبرگزاری|روزنامه|دیدهبان|دادگاه|کانون|"
        "منظمة|لجنة|مجلس|وزارة|جمعیة|شبکة|وکالة|صحیفة|المرصد|مرصد|محکمة|قناة"
    )
)
# Persian plurals of "officials" (as written, with and without ZWNJ): "یکی از مقام‌های
# وزارت ...", one of a body's officials (staff.official_body, resolve's partitive)
FA_OFFICIALS = ("مقام‌های", "مقامهای", "مقامات", "مسئولان", "مسئولین", "مسوولان", "سخنگویان",
                "نمایندگان", "کارمندان", "دیپلمات‌های", "دیپلماتهای")
# first words of a Persian state body's name ("وزارت امور خارجه", "کاخ سفید")
FA_OFFICE_BODIES = ("وزارت", "دفتر", "سازمان", "کاخ", "نهاد", "شورای", "دولت", "نیروی", "قوه",
                    "اداره", "کمیسیون", "سفارت", "هیئت", "هیات", "ستاد", "دادستانی")
# Words that end the subject noun phrase of a reporting verb.
NP_STOP = frozenset(
    _folded(
        "in|on|at|during|by|from|for|with|who|which|whom|whose|that|on wednesday|today|yesterday|"
        "also|later|again|then|recently|has|have|had|was|were|is|are|will|would|could|"
        "در|با|به|از|روز|امروز|دیروز|همچنین|نیز|که|را|فقط|هم|طی|ضمن|صبح|شب|سپس|تاکنون|درباره|برای|"
        # a day's name after the subject: "روزنامه خراسان دوشنبه ۱۶ مرداد ... نوشت"
        "شنبه|یکشنبه|دوشنبه|سهشنبه|سه‌شنبه|چهارشنبه|پنجشنبه|پنج‌شنبه|جمعه|ناوقت|"
        "في|على|عن|مع|الیوم|امس|خلال|امام|منذ|ایضا|هذه|هذا"
    )
)
# Contrastive conjunctions and semicolons: one clause's attribution ends there.
_CLAUSE_MARKS = [";", "؛"]
_CLAUSE_WORDS_EN = ["while", "whereas", "but", "though"]  # ("though" in "although" too)
_CLAUSE_WORDS = _folded("بینما|في حین|فیما|ولی|اما|در حالی که|درحالیکه")
CLAUSE_BREAK = re.compile(
    "|".join(
        _CLAUSE_MARKS
        + [r"\bwhile\b", r"\bwhereas\b", r"\bbut\b(?!\s+that\b)",  # as _CLAUSE_WORDS_EN
           r"\b(?:al)?though\b(?!\s*,)"]  # ("He said, though, that": an adverb, no break)
        + [rf"(?<![^\W\d_]){re.escape(w)}(?![^\W\d_])" for w in _CLAUSE_WORDS]
    )
)
# Every CLAUSE_BREAK match holds one of these (keep them in step): most sentences hold
# none, and testing for them is far cheaper than the scan.
CLAUSE_BREAK_LITERALS = (*_CLAUSE_MARKS, *_CLAUSE_WORDS_EN, *_CLAUSE_WORDS)
QUOTING = re.compile(  # Arabic "نقلت X عن Y قوله": X quotes Y
    rf"(?:و|ف)?نقل\w*\s+(?P<reporter>[^،,:«\"]{{2,80}}?)\s+عن\s+(?P<speaker>[^،,:«\"]{{2,120}}?)\s+"
    rf"(?:{alternation(_folded('قوله|قولها|قولهم|القول'))})"
)


# fmt: off
# Figures. Qualifiers written before a number, by what they make of it (see model.QUALIFIERS).
QUALIFIERS_BEFORE = [
    ("at least", "at least|no fewer than|no less than|not less than|a minimum of|دست‌کم|دست کم|"
                 "کم از کم|حداقل|حد اقل|لااقل|لا اقل|ما لا يقل عن|لا يقل عن|على الأقل"),
    ("more than", "more than|over|in excess of|upwards of|above|exceeds|exceeded|exceeding|exceed|"
                  "tops|topped|surpassed|surpasses|"
                  "بیش از|بیشتر از|افزون بر|أكثر من|اكثر من|ما يزيد عن|ما يزيد على|يزيد عن|"
                  "يتجاوز|تجاوز|يفوق"),
    ("fewer than", "fewer than|less than|under|below|کمتر از|أقل من|اقل من"),
    ("up to", "up to|as many as|as high as|a maximum of|at most|no more than|not more than|"
              "did not exceed|does not exceed|never exceeded|حداکثر|تا|ما يصل إلى|يصل إلى|"
              "لم يتجاوز|لا يتجاوز|لم يزد عن"),
    ("nearly", "nearly|almost|close to|نزدیک به|قریب به|قرابة|ما يقرب من|ما يقارب|قرابه"),
    ("about", "about|around|approximately|roughly|some|an estimated|estimated|circa|حدود|در حدود|"
              "حدودا|تقریبا|نحو|حوالي|زهاء"),
]
# "did not exceed ... 300" may stand a few words before its number.
NOT_EXCEEDING = "did not exceed|does not exceed|never exceeded|لم يتجاوز|لا يتجاوز|لم يزد"
AT_LEAST_AFTER = "على الأقل|at least|or more|أو أكثر|و بیشتر"  # "4200 سجين على الأقل"
NOT_COUNT_AFTER = (  # a number followed by these is a percentage, a duration or money
    "percent|per cent|درصد|بالمئة|في المئة|بالمائة|years|year|months|month|weeks|week|days|day|"
    "hours|hour|hrs|minutes|mins|seconds|secs|decades|centuries|year-old|سال|ساله|ماه|روز|ساعت|هفته|دقیقه|دهه|قرن|"
    "عاما|عام|أعوام|سنة|سنوات|سنين|شهرا|شهور|أشهر|يوما|أيام|ساعة|ساعات|أسبوع|أسابيع|دقيقة|دقائق|"
    "dollars|dollar|euros|euro|pounds|rials|rial|tomans|toman|usd|eur|gbp|irr|afn|ریال|تومان|دلار|یورو|دولار|يورو|"
    "دالر|افغانی|درصدی|در صد|فیصد|فی صد|"  # Dari dollars and afghanis; percentages
    # measures, and the day of a month written in Persian or Dari ("۲۸ دسمبر")
    "km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile|metres|meters|tonnes|tons|"
    "metric tonnes|metric tons|kg|kilograms|hectares|acres|square kilometers|square kilometres|"
    "square miles|square meters|square metres|sq|کیلومتر|کیلومتری|کلیومتر|کلیومتری|کیلو متر|"
    "کیلو متری|متر|متری|ریکتر|ریشتر|richter|"  # magnitudes: "شش ریکتر"
    "ژانویه|فوریه|مارس|آوریل|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|جنوری|فبروری|مارچ|"
    "اپریل|جون|جولای|اگست|سپتمبر|اکتوبر|نومبر|دسمبر|حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|"
    "عقرب|قوس|جدی|دلو|حوت|فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|"
    "اسفند|شنبه|هفتهای|هفته‌ای|ماهه|روزه|سالهای|سالگی|ساعته|دقیقهای|دقیقه‌ای|ساعتهای|"
    # a Solar month written with ماه ("۱۴ اسفندماه"), a report's pages ("a 124-page report")
    "فروردینماه|اردیبهشتماه|خردادماه|تیرماه|مردادماه|شهریورماه|مهرماه|آبانماه|آذرماه|دیماه|"
    "بهمنماه|اسفندماه|page|pages|"
    # a duration with the indefinite suffix ("۷۵ سالی که ..."), a time of day ("۷ غروب")
    "سالی|ماهی|روزی|غروب|بامداد|ظهر|"
    # a multiplier or a ratio, not a count: "twice", "دو برابر", "nine out of 10"
    "times|fold|برابر|out of|از هر|"
    # times of day, and a body's vote tally ("25 in favour, 7 against and 14 abstentions")
    "am|pm|a.m.|p.m.|o'clock|o’clock|against|abstentions|abstention|in favour|in favor|votes|"
    "ممتنع|رای ممتنع|رأی ممتنع|رای موافق|رأی موافق|رای مخالف|رأی مخالف|صبح|بعدازظهر|عصر|شب|"
    # a rank among things, not a count of them: "the two largest cities"; an ordinal's
    # ending written apart ("the 8 th Amendment")
    "largest|biggest|smallest|deadliest|worst|highest|lowest|most|th|st|nd|rd")
NOT_COUNT_BEFORE = (  # a number after these is an age or an identifier
    "aged|age of|ages of|no.|no|number|article|resolution|case|para|paragraph|section|page|p.|"
    "شماره|ماده|بند|قطعنامه|پرونده|المادة|القرار|الفقرة|عمر|سن|executive order|order|e.o.|"
    # a court's or a prison's branch: "Branch 26 of the Revolutionary Court", "شعبه ۲۶"
    "branch|شعبه|ward|room|chapter|prn|اجرایی|فرمان|بخش|اصل|بند|out of|in every|از هر|"
    "ساعت|الساعة|"  # "ساعت ۷": a clock time
    # a month abbreviated before its day ("an Oct. 4 tweet"), a parent's children
    "jan.|feb.|mar.|apr.|jun.|jul.|aug.|sep.|sept.|oct.|nov.|dec.|jan|feb|mar|apr|jun|jul|aug|"
    "sep|sept|oct|nov|dec|mother of|father of|مادر|پدر|"
    # a currency's code before an amount ("USD 64.5 million")
    "usd|us$|eur|chf|gbp|"
    # a capacity, not a count ("a camp ready to receive up to 11,000 people"), and "all but
    # two said" (all the others did)
    "receive up to|host up to|accommodate up to|hold up to|space for|capacity of|all but|"
    "can host only|can hold only|can host|can hold|built for|built to hold|designed for")
REFERS_BACK = "these|those|the same|آن|این|همان|همین|هؤلاء|أولئك|هذه|هذا|تلك|ذلك"
NOUN_PHRASE_STOP = (  # words that end what a number counts
    "the a an of in on at to by for from with and or but were was is are had has have been be who "
    "which that than this these those them their they it its as during since after before into "
    "over under between more most all each every only also not no behind near inside outside "
    "among across if unless when while because whether "
    "در به از را که و با برای تا این آن هم نیز بر ها ای شد شدند است بود بودند شده کرده بوده هنوز "
    "کرد کردند اعلام "
    "تاکنون دیگر همچنان اکنون حتی پشت جلوی کنار زیر روی داخل میان بین نزد "
    "في على من إلى الى عن مع و أن ان الذين التي الذي هذه هذا كان كانت أمام امام خلف داخل خارج "
    "بين عند حول لدى")
EVENT_WORDS = (  # what happened to those counted: "political prisoners executed"
    "executed killed hanged arrested detained disappeared tortured sentenced buried died "
    "imprisoned missing injured wounded displaced punished transferred executions killings "
    "deaths arrests "
    "executing killing hanging arresting detaining torturing "
    "affected fled assisted reached supported attacked destroyed occupied dead massacred "
    "designated sanctioned released pardoned charged convicted indicted death "
    "abducted kidnapped captured abductions "
    "اعدام کشته بازداشت ناپدید شکنجه دفن محکوم مجازات کشتند کشت زخمی دستگیر آواره "
    "مجروح زخم جراحت جراحات هلاک هلاکت ربوده جانسپردند جانسپرد جانباختند جانباخت "
    "جانباختگان کشتهشدگان بازداشتشدگان اعدامشدگان "
    # perished written apart ("جان باخته اند"), and Dari's arrested, killed, abducted,
    # expelled, displaced
    "جانباخته باخته باختند جانسپرده توقیف قتل اختطاف اخراج بیجا تیرباران "
    "أعدم أعدموا أعدمت إعدام الإعدام الإعدامات قتل قتلى قتلوا اعتقل اعتقال اختفاء تعذيب دفنوا")
# an event named by its noun right before "of" and the number: "the displacement of more
# than 22,000 people", "the massacre of over 800 people" (not "detention, dozens of ...")
EVENT_NOUNS_OF = "displacement massacre execution detention disappearance abduction"
# fmt: on
