"""Numbers and figures: qualifiers, ranges, words, vague quantities, exclusions."""

from __future__ import annotations

import pytest

from gavah.core.extract import extract
from gavah.core.extract.numbers import find_numbers
from gavah.core.text import fold


@pytest.mark.parametrize(
    ("text", "value", "least"),
    [
        ("30,000", 30000, None),
        ("4.200", 4200, None),
        ("۳۰٬۰۰۰", 30000, None),
        ("30 thousand", 30000, None),
        ("۳۰ هزار", 30000, None),
        ("30 ألفاً", 30000, None),
        ("thirty thousand", 30000, None),
        ("two hundred and fifty", 250, None),
        ("سیصد و پنجاه", 350, None),
        ("ثلاثة آلاف", 3000, None),
        ("3.8 million", 3_800_000, None),
        ("thousands", None, 2000),
        ("هزاران", None, 2000),
        ("آلاف", None, 2000),
        ("tens of thousands", None, 20000),
        ("عشرات الآلاف", None, 20000),
        ("a few hundred", None, 200),
        ("مئات", None, 200),
        ("مئات الآلاف", None, 200_000),
        ("عدة مئات", None, 200),
        ("dozens", None, 24),
        # words to a scale, then digits after "and"; a scale run into the next word
        ("هشت مليون و ۴۰۰ هزار", 8_400_000, None),
        ("ده هزار و ۶۰۰", 10_600, None),
        ("50 هزارنفر", 50_000, None),
    ],
)
def test_numbers(text: str, value: float | None, least: float | None) -> None:
    (number,) = find_numbers(fold(text))
    assert (number.value, number.vague_min) == (value, least)


@pytest.mark.parametrize(("text", "value"), [
    ("دوداکتر کشته شدند", 2), ("دوسربازآمريکائی زخمی شدند", 2), ("دولت گفت", None),
    ("دوشنبه", None), ("دوزنده", None),
])
def test_a_small_persian_number_typed_onto_its_noun(text: str, value: int | None) -> None:
    """Older Dari pages type "دو" onto the noun it counts; "دولت", "دوشنبه" are words."""
    assert [n.value for n in find_numbers(fold(text), "fa")] == ([value] if value else [])


def _figures(text: str) -> list[tuple[float | None, float | None, float | None, str]]:
    return [(f.value, f.min, f.max, f.qualifier) for f in extract(text).figures]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 4,200 political prisoners were executed.", (None, 4200, None, "at least")),
        ("More than 30,000 people were killed.", (None, 30000, None, "more than")),
        ("About 200 women were held there.", (200, None, None, "about")),
        ("Nearly 60 of them never came back.", (60, None, None, "nearly")),
        ("Up to 700 prisoners were killed.", (None, None, 700, "up to")),
        ("Fewer than 300 people were executed.", (None, None, 300, "fewer than")),
        ("The number did not exceed 300.", (None, None, 300, "up to")),
        ("Between 2,800 and 5,000 prisoners died.", (None, 2800, 5000, "range")),
        ("From 2,800 to 5,000 prisoners died.", (None, 2800, 5000, "range")),
        ("Thousands of families are waiting.", (None, 2000, None, "vague")),
        ("Twelve provinces reported cases.", (12, None, None, "exact")),
        ("دست‌کم ۴۲۰۰ زندانی سیاسی اعدام شدند.", (None, 4200, None, "at least")),
        ("بیش از ۳۰ هزار زندانی سیاسی اعدام شدند.", (None, 30000, None, "more than")),
        ("کمتر از ۳۰۰ نفر مجازات شدند.", (None, None, 300, "fewer than")),
        ("أعدم ما لا يقل عن 4200 سجين سياسي.", (None, 4200, None, "at least")),
        ("أعدم 4200 سجين على الأقل.", (None, 4200, None, "at least")),
        # Dari writes حد اقل apart (FICTIONAL sentence)
        ("حد اقل ۱۶ نفر ملکی کشته شدند.", (None, 16, None, "at least")),
        ("ده ها تن زخمی شدند.", (None, 24, None, "vague")),
        ("العدد يتراوح بين 2800 و5000.", (None, 2800, 5000, "range")),
        # a first number with no noun of its own shares the second's (FICTIONAL)
        ("Five to seven civilians were killed.", (None, 5, 7, "range")),
        ("5-7 people were hurt.", (None, 5, 7, "range")),
        ("پنج تا هفت نفر ملکی کشته شدند.", (None, 5, 7, "range")),
        ("حد اقل ۳۰ تا ۳۵ تندرو کشته شدند.", (None, 30, 35, "at least")),
        # "in the month of February", not "a month" (FICTIONAL)
        ("آمار ۱۲۵ بازداشت در ماه فوریه ثبت شده است.", (125, None, None, "exact")),
    ],
)
def test_qualifiers_and_ranges(text: str, expected: tuple[float | None, ...]) -> None:
    assert _figures(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "In 1988 they waited thirty-five years.",
        "He was aged 17 when arrested.",
        "They paid $5,000 in fines.",
        "About 70 percent of them were young.",
        "Under Article 7 of the statute.",
        "Testimony T-017 was recorded.",
        "1. The Panel met.\n2. It adjourned.",
        "We met at 10:30 in the morning.",
        "One question was asked.",
        "۲۰ درصد آنها",
        "He spent 12 months in prison.",
        # FICTIONAL: a date, a parent's children, a report's pages, a Persian "not"
        "The monitor reported it in an Oct. 4 tweet.",
        "She is the mother of two young children.",
        "The 124-page report was published.",
        "در گزارشی که روز چهارشنبه ۱۴ اسفندماه منتشر شد",
        "باید به حرف مردم گوش دهند، نه آنکه به آنها شلیک کنند.",
        "به هر خانواده ۱۵۰ دالر پرداخت می شود.",
        # a capacity, "all but two", and "scores" (not a vague amount in the annotation guide)
        "The camp is ready to receive up to 11,000 people.",
        "All but two said they had been beaten.",
        "Scores of civilians were reportedly killed.",
        # a shot list's numbers and a web address's (FICTIONAL)
        "SHOTLIST\n1 Wide shot, exterior\n2 Med shot, speakers\n5 SOUNDBITE (English)",
        "The release is here: http://example.org/News.aspx?NewsID=20271&LangID=E",
        # a rank among things (FICTIONAL)
        "Strikes hit the two largest cities of Qalat.",
        "The prison can host only 4,050 individuals.",
        "It breaches the 8 th Amendment of the Qalat charter.",
    ],
)
def test_numbers_that_are_not_counts(text: str) -> None:
    assert extract(text).figures == ()


def test_counts_and_period() -> None:
    (first, second) = extract(
        "Raisi oversaw the executions of 251 individuals in 2019, 267 people in 2020."
    ).figures
    assert first.counts == "individuals executions" and first.period and first.period.text == "2019"
    assert second.value == 267 and second.period and second.period.text == "2020"
    (figure,) = extract(
        "In the summer of 1988, more than 30,000 political prisoners were executed."
    ).figures
    assert figure.counts == "political prisoners executed"
    assert figure.period is not None and figure.period.precision == "season"


def test_figure_without_counted_noun_is_flagged() -> None:
    (figure,) = extract("These groups once claimed 30,000.").figures
    assert figure.value == 30000 and "counts_unknown" in figure.flags


def test_what_is_counted_stays_with_its_own_figure() -> None:
    """FICTIONAL sentences: a number after "and" opens the next figure; an event before
    "and" belongs to the figure before it; a dash ends the noun phrase; the verb after
    "who were" says what happened to bare "people"."""
    first, second = extract("The attack killed six guards and five nurses in Dashtabad.").figures
    assert (first.value, first.counts) == (6, "guards killed")
    assert (second.value, second.counts) == (5, "nurses")
    killed, wounded = extract("In Dashtabad 24 people were killed and 43 others wounded.").figures
    assert (killed.value, killed.counts) == (24, "people killed")
    assert (wounded.value, wounded.counts) == (43, "others wounded")
    (figure,) = extract("The court sentenced the five others -- Leila Karimi among them.").figures
    assert figure.counts == "others sentenced"
    (figure,) = extract("This includes 203 people who were delivered there on 3 May.").figures
    assert figure.counts == "people delivered"
    six, five = extract("در این حمله شش پلیس و پنج کارمند صحی کشته شدند.").figures
    assert (six.value, six.counts) == (6, "پلیس کشته")
    assert (five.value, five.counts) == (5, "کارمند صحی کشته")


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("FICTIONAL: the ministry is designating 15 individuals for their role.",
         "individuals designating"),
        ("گزارش‌ها از دستگیری حدود ۹۰ نفر در قلات حکایت دارد.", "نفر دستگیری"),
        # a month's name before the number says nothing of them
        ("این نهاد شمار را تا تاریخ دوم قوس ۱۸۰۵۹ نفر اعلام کرد.", "نفر"),
    ],
)
def test_bare_people_take_the_word_their_number_hangs_on(text: str, counts: str) -> None:
    (figure,) = extract(text).figures
    assert figure.counts == counts


@pytest.mark.parametrize(
    ("text", "value", "counts"),
    [
        ("FICTIONAL: Qalat executed five activists, four of whom were Kurds.", 4, "Kurds"),
        ("FICTIONAL: the monitor said three of the activists were tortured.", 3,
         "activists tortured"),
    ],
)
def test_a_number_before_of_counts_what_follows(text: str, value: int, counts: str) -> None:
    figures = [f for f in extract(text).figures if f.value == value]
    assert len(figures) == 1 and (figures[0].counts or "").startswith(counts)


def test_of_the_most_is_no_count() -> None:
    text = "FICTIONAL: they are two of the most feared officials in Qalat."
    assert extract(text).figures == ()


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("FICTIONAL: در این انفجار دست کم ۱۸ نفرکشته شدند.", "نفر کشته"),
        ("FICTIONAL: طالبان ۳۰ نفررا در قلات کشتند.", "نفر کشتند"),
    ],
)
def test_a_classifier_run_together_with_the_next_word(text: str, counts: str) -> None:
    (figure,) = extract(text).figures
    assert figure.counts == counts


@pytest.mark.parametrize(
    ("text", "value", "counts"),
    [
        # Dari news: "N others were wounded" in the words old Dari news uses
        ("FICTIONAL: در این انفجار حداقل ۲۳ نفر کشته شده و ۱۲ تن دیگر زخم برداشته اند.", 12,
         "تن زخم"),
        ("FICTIONAL: انفجار بم در قلات دو نفر را کشت و پنج تن دیگر را مجروح کرد.", 5,
         "تن مجروح"),
        ("FICTIONAL: این حمله به هلاکت هیچ کس نینجامید اما نُه نفر جراحت برداشتند.", 9,
         "نفر جراحت"),
        ("FICTIONAL: در این انفجار دست کم ۲۱ تن هلاک شدند.", 21, "تن هلاک"),
        # Dari's light verbs end the noun phrase: "... باعث هلاکت سه نفر گردید"
        ("FICTIONAL: یک بمگزار خود را در قلات منفجر ساخته و باعث هلاکت سه نفر گردید.", 3,
         "نفر هلاکت"),
        ("FICTIONAL: شمار اجساد به ۴۵۳ جسد افزايش يافت.", 453, "جسد"),
        # "rose to N people" in Dari, and "died" as one word
        ("FICTIONAL: انفجارها شمار کشته‌شدگان را به ۹۹ نفر بلند برده است.", 99,
         "نفر کشته\u200cشدگان"),
        ("FICTIONAL: در سه انفجار در قلات ۱۵ تن جانسپردند و ۲۰ نفر مجروح شدند.", 15,
         "تن جانسپردند"),
    ],
)
def test_dari_words_for_the_wounded_and_killed_say_what_is_counted(
        text: str, value: int, counts: str) -> None:
    figures = [f for f in extract(text).figures if f.value == value or f.min == value]
    assert len(figures) == 1 and figures[0].counts == counts


@pytest.mark.parametrize(
    ("text", "value", "counts"),
    [
        ("FICTIONAL: the attack killed 15 people and torched houses in Qalat.", 15,
         "people killed"),
        ("FICTIONAL: the bombs went off, killing 26 people and wounding many more.", 26,
         "people killing"),
    ],
)
def test_a_verb_after_and_is_no_second_noun_counted(text: str, value: int, counts: str) -> None:
    figures = [f for f in extract(text).figures if f.value == value]
    assert len(figures) == 1 and figures[0].counts == counts


@pytest.mark.parametrize(
    ("text", "least", "counts"),
    [
        # no noun after the number: what the clause says of them
        ("FICTIONAL: 1.2 million people have been displaced, and over 70,000 have left the "
         "country.", 70000, "left"),
        ("FICTIONAL: thousands have joined the demonstrations in Qalat.", 2000,
         "joined"),
        # "more" between the number and its noun
        ("FICTIONAL: at least 600 more individuals are under trial.", 600, "individuals"),
    ],
)
def test_what_a_number_without_its_noun_counts(text: str, least: int, counts: str) -> None:
    figures = [f for f in extract(text).figures if f.min == least]
    assert len(figures) == 1 and (figures[0].counts or "").startswith(counts)


@pytest.mark.parametrize(
    ("text", "value", "least"),
    [
        ("FICTIONAL: hundreds of millions of people lack the right.", None, 200_000_000),
        ("FICTIONAL: ده ها هزار نفر در قلات آواره شدند.", None, 20_000),
        ("FICTIONAL: صد ها هزار نفر در محاصره هستند.", None, 200_000),
        ("FICTIONAL: half a million people fled Qalat.", 500_000, None),
        ("FICTIONAL: نیم میلیون نفر از قلات گریختند.", 500_000, None),
    ],
)
def test_vague_multiples_and_halves_of_a_scale(text: str, value: int | None,
                                               least: int | None) -> None:
    (figure,) = extract(text).figures
    assert (figure.value, figure.min) == (value, least)


def test_a_range_from_half_a_million() -> None:
    text = "FICTIONAL: half a million to one million people were killed in Qalat."
    (figure,) = extract(text).figures
    assert (figure.min, figure.max) == (500_000, 1_000_000)


def test_digits_typed_onto_az_as_old_dari_pages_have_them() -> None:
    """FICTIONAL: "بیش از٢٠٠ هزار آواره" is more than 200,000 (از and the digits glued); a
    word ending in the same letters ("ساز٢٠٠") is no number."""
    (figure,) = extract("FICTIONAL: این برنامه به بیش از٢٠٠ هزار آواره در قلات کمک می کند.").figures
    assert figure.min == 200_000
    assert extract("FICTIONAL: ساز٢٠٠ در قلات ساخته شد.").figures == ()
    # a number word typed onto از: "بیش ازیک میلیون" is more than a million
    (figure,) = extract("FICTIONAL: بیش ازیک میلیون نفر در قلات آواره شده اند.").figures
    assert figure.min == 1_000_000


def test_a_clock_time_and_an_area_are_no_counts() -> None:
    """FICTIONAL: "around 5 o’clock" (a curly apostrophe) and "175 square kilometers" count
    nothing; the armed men are counted."""
    text = ("FICTIONAL: early in the morning around 5 o’clock, a group of 150 armed men "
            "surrounded the village in Qalat. The camp covers about 175 square kilometers.")
    assert [f.value for f in extract(text).figures] == [150]


def test_a_persian_letter_name_is_no_thirty() -> None:
    """FICTIONAL: "سی" is the C of "یو ان اچ سی آر" and "سی ان ان", thirty before "نفر"."""
    text = ("FICTIONAL: سخنگوی اداره یو ان اچ سی آر در قلات میگوید که سی نفر کشته شدند و "
            "شبکه سی ان ان این را گزارش داد.")
    assert [f.value for f in extract(text).figures] == [30]


@pytest.mark.parametrize(("text", "value"), [
    ("FICTIONAL: an estimated quarter of a million civilians are trapped in Qalat.", 250_000),
    ("FICTIONAL: one-quarter of a million displaced people live in camps in Qalat.", 250_000),
    ("FICTIONAL: three quarters of a million people fled Qalat.", 750_000),
])
def test_a_quarter_of_a_scale(text: str, value: int) -> None:
    """A quarter of a million is 250,000, never the million alone."""
    (figure,) = extract(text).figures
    assert (figure.value or figure.min) == value


def test_vague_words_run_over_a_line_break() -> None:
    """FICTIONAL: "tens of\\nthousands" (a copy with hard line breaks) is one vague amount."""
    (figure,) = extract("FICTIONAL: tens of\nthousands of civilians fled Qalat.").figures
    assert figure.min == 20_000 and figure.text.startswith("tens of\nthousands")
