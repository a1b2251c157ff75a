"""Speakers, organisations in chains, publishers from metadata, and numbers that are not
counts. Every name and statement here is FICTIONAL."""

from __future__ import annotations

import pytest

from gavah.core.extract import Claim, extract
from gavah.core.extract import claims as claims_module
from gavah.core.extract.publisher import publisher_from_metadata
from tests.core.extract.claim_views import chains as _chains


def _quotes(text: str, **kw: object) -> list[Claim]:
    return [c for c in extract(text, **kw).claims if c.kind == "quotation"]  # type: ignore[arg-type]


def _figures(text: str) -> list[Claim]:
    return [c for c in extract(text, publisher="Meridian Wire").claims if c.kind == "figure"]


def _chain(c: Claim) -> list[str]:
    return [p.name for p in c.attribution]


def test_organisation_before_the_name_is_a_level_of_the_chain() -> None:
    text = (
        '"We have counted every case we could verify," Tarsa Rights Office spokesperson '
        "Lena Varga told reporters."
    )
    (q,) = _quotes(text, publisher="Meridian Wire")
    assert _chain(q) == ["Meridian Wire", "Tarsa Rights Office", "Lena Varga"]


def test_organisation_after_the_name_is_a_level_of_the_chain() -> None:
    text = (
        '"The families were never told where the bodies are," said Omar Kessel, who is head '
        "of the Inquiry Panel on Dashtabad."
    )
    (q,) = _quotes(text, publisher="Meridian Wire")
    assert _chain(q) == ["Meridian Wire", "Inquiry Panel on Dashtabad", "Omar Kessel"]


def test_title_and_initials_are_not_the_name() -> None:
    text = (
        '"Our position has not changed," said Karanis Ministry Under Secretary for Records '
        "Paul J. Hadley."
    )
    (q,) = _quotes(text, publisher="Meridian Wire")
    assert q.speaker is not None and q.speaker.name == "Paul J. Hadley"
    assert _chain(q) == ["Meridian Wire", "Karanis Ministry", "Paul J. Hadley"]


def test_shot_list_names_the_speaker_on_the_line_before() -> None:
    text = (
        "SOUNDBITE (English) Lena Varga, Spokesperson, Tarsa Rights Office (TRO):\n"
        "“Forty families are still waiting for an answer.”\n"
    )
    (q,) = _quotes(text, metadata={"og:site_name": "Example Newsfeed"})
    assert q.speaker is not None and q.speaker.name == "Lena Varga"
    assert _chain(q) == ["Example Newsfeed", "Tarsa Rights Office", "Lena Varga"]


def test_a_soundbite_runs_on_over_the_quoted_lines_after_it() -> None:
    """FICTIONAL shot list: the lines after a soundbite's first, each quoted, are the same
    speaker's; a shot between ends the rules' run."""
    text = (
        "SOUNDBITE (English) Lena Varga, Spokesperson, Tarsa Rights Office (TRO):\n"
        "“Forty families are still waiting for an answer.”\n"
        "“Last month we counted 12 detainees moved without notice.”\n"
        "“We ask for every name.”\n"
        "4. Wide shot, courtyard\n"
        "“Nobody told us where they went.”\n"
    )
    quotes = _quotes(text, metadata={"og:site_name": "Example Newsfeed"}, speaker_model=False)
    assert [q.speaker.name if q.speaker else None for q in quotes] == [
        "Lena Varga", "Lena Varga", "Lena Varga", None]
    assert _chain(quotes[1]) == ["Example Newsfeed", "Tarsa Rights Office", "Lena Varga"]
    result = extract(text, metadata={"og:site_name": "Example Newsfeed"})
    (figure,) = [c for c in result.claims if c.kind == "figure" and c.figure
                 and c.figure.value == 12]
    assert figure.speaker is not None and figure.speaker.name == "Lena Varga"


def test_a_pronoun_with_nobody_before_it_is_no_speaker() -> None:
    (q,) = _quotes('"Nobody came back from the eastern wing," he said.', publisher="Meridian Wire")
    assert q.speaker is None and "speaker_unresolved" in q.flags


def test_a_pronoun_takes_the_speaker_named_before() -> None:
    text = '"The list is incomplete," Lena Varga said. "We add names every week," she added.'
    quotes = _quotes(text, publisher="Meridian Wire")
    assert [q.speaker.name if q.speaker else None for q in quotes] == ["Lena Varga"] * 2


def test_a_definite_description_resolves_to_the_body_named_before() -> None:
    text = (
        "The Karanis District Court heard the case for 40 days. "
        'The court said the killings were "a grave breach of the law of war".'
    )
    (q,) = _quotes(text, publisher="Meridian Wire")
    assert q.speaker is not None and q.speaker.name == "Karanis District Court"


def test_persian_writing_verb_attributes_the_quotation() -> None:
    text = 'کمیته حقیقت‌یاب کاراناس روز پنجشنبه نگاشت: "هیچ خانواده‌ای پاسخی دریافت نکرده است."'
    (q,) = _quotes(text, publisher="رادیو مریدین")
    assert q.speaker is not None and "کاراناس" in q.speaker.name


def test_publisher_comes_from_the_page_metadata_when_the_ingest_gives_none() -> None:
    assert publisher_from_metadata({"og:site_name": "Meridian Wire - Home"}) == "Meridian Wire"
    assert publisher_from_metadata({"author": "Lena Varga"}) == "Lena Varga"
    assert publisher_from_metadata({"keywords": "x"}) is None
    claims = extract(
        "At least 40 prisoners were executed.", metadata={"site_name": "Meridian Wire"}
    ).claims
    assert claims and all(c.publisher and c.publisher.name == "Meridian Wire" for c in claims)


def test_years_identifiers_and_measures_are_not_counts() -> None:
    text = (
        "Relatives gathered to remember the 1988 executions. The designations were made "
        "under Executive Order 13553 and 13846. The prison lies 20 km west of the city."
    )
    assert _figures(text) == []


def test_persian_and_dari_month_days_are_not_counts() -> None:
    assert _figures("اعتراضات از ۲۸ دسمبر به اینسو ادامه دارد و سه شنبه نیز برگزار شد.") == []


def test_plus_sign_and_part_of_a_whole() -> None:
    (plus,) = _figures("Casualties: 305+ protesters killed.")
    assert (plus.figure.min, plus.figure.qualifier) == (305, "more than")  # type: ignore[union-attr]
    (part,) = _figures("Protesters were killed in 25 of Karanis's 31 provinces.")
    assert part.figure.value == 25 and "provinces" in (part.figure.counts or "")  # type: ignore[union-attr]


def test_a_generic_noun_takes_the_verb_that_says_what_happened() -> None:
    (f,) = _figures("Almost 300,000 people had arrived in the city since February.")
    assert "arrived" in (f.figure.counts or "")  # type: ignore[union-attr]


def test_a_persons_description_is_the_person_named_with_that_noun() -> None:
    # FICTIONAL: "the lawyer", "his mother" name nobody; the text named them before
    cases = {
        "Karim Navaei, a lawyer for the family, met the prisoner on Monday. "
        '"He was beaten in custody," the lawyer said.': "Karim Navaei",
        "Human rights researcher Leyla Mahan documented the arrests. "
        '"These are not isolated cases," the researcher said.': "Leyla Mahan",
        "The prisoner's mother, Parvin Jalali, spoke to reporters. "
        '"I have not seen my son for a year," his mother said.': "Parvin Jalali",
        "Minister of Justice Davood Rahimi denied the report. "
        '"No one was executed without trial," the minister said.': "Davood Rahimi",
    }
    for text, name in cases.items():
        (q,) = _quotes(text, publisher="Meridian Wire")
        assert q.speaker is not None and q.speaker.name == name, text
        assert _chain(q)[-1] == name


def test_a_description_takes_the_last_person_named_with_it_and_only_that_noun() -> None:
    # FICTIONAL: two lawyers, then a doctor nobody named
    text = (
        "Karim Navaei, a lawyer for the family, filed the appeal. Later Omid Sarvi, a lawyer "
        'from the capital, joined him. "The court refused to hear us," the lawyer said. '
        '"He needs care," the doctor said.'
    )
    lawyer, doctor = _quotes(text, publisher="Meridian Wire")
    assert lawyer.speaker is not None and lawyer.speaker.name == "Omid Sarvi"
    assert doctor.speaker is not None and doctor.speaker.name == "the doctor"


def test_a_clause_after_a_name_does_not_give_it_the_noun() -> None:
    # FICTIONAL: Navaei met the lawyer; he is not the lawyer
    text = (
        "Karim Navaei, who met the lawyer on Monday, asked for the file. "
        '"The file was never shown to us," the lawyer said.'
    )
    (q,) = _quotes(text, publisher="Meridian Wire")
    assert q.speaker is not None and q.speaker.name != "Karim Navaei"


def test_a_title_before_a_surname_is_the_person_named_in_full_before() -> None:
    """FICTIONAL: "Secretary Karimi" and "پرزیدنت کریمی" are the person named in full."""
    text = (
        'Dashtabad Foreign Secretary Leila Karimi said on Monday: "The releases must go on." '
        'Later Secretary Karimi added: "We welcome this step."'
    )
    assert [q.speaker.name for q in _quotes(text) if q.speaker] == ["Leila Karimi"] * 2
    text = (
        "لیلا کریمی، رئیس جمهور داشت‌آباد، گفت: «آزادی‌ها باید ادامه یابد.» "
        "پرزیدنت کریمی افزود: «ما از این گام استقبال می‌کنیم.»"
    )
    assert [q.speaker.name for q in _quotes(text) if q.speaker] == ["لیلا کریمی"] * 2


def test_the_experts_are_the_experts_the_text_names() -> None:
    """FICTIONAL: "the experts" is the group as the text names it."""
    text = (
        "GENEVA (26 January 2026) – A group of UN human rights experts* has called on Qalat "
        'to halt executions. "We are appalled by the sentences," the experts said.'
    )
    assert [q.speaker.name for q in _quotes(text) if q.speaker] == ["UN human rights experts"]


def test_a_shot_lists_soundbite_number_is_not_the_name() -> None:
    """FICTIONAL shot list: "3. SOUNDBITE (English) X, DRWO Spokesperson:" names X of DRWO."""
    text = (
        "FICTIONAL shot list\n\n3. SOUNDBITE (English) Leila Karimi, DRWO Spokesperson:\n"
        '"Forty people were taken from their homes in the night."\n'
    )
    (q,) = _quotes(text, publisher="Qalat Feed")
    assert _chain(q) == ["Qalat Feed", "DRWO", "Leila Karimi"]


def test_a_persian_title_before_a_name_is_not_the_name() -> None:
    """FICTIONAL: "پرزیدنت کریمی" is کریمی (the person named in full before, if any)."""
    text = "لیلا کریمی گفت: «آزادی‌ها باید ادامه یابد.» پرزیدنت کریمی افزود: «ما استقبال می‌کنیم.»"
    assert [q.speaker.name for q in _quotes(text) if q.speaker] == ["لیلا کریمی"] * 2
    (q,) = _quotes("سناتور امید فراهانی گفت: «این حکم ناعادلانه است.»")
    assert q.speaker is not None and q.speaker.name == "امید فراهانی"


def test_a_preposition_is_no_speaker() -> None:
    """FICTIONAL: "despite declared truces" reads "declared" as a verb; "despite" is nobody."""
    text = ("FICTIONAL. The ombudsman urged the forces fighting in Qalat, despite declared "
            'truces, to spare civilians. "The province is already a graveyard," he said.')
    names = {p.name for c in extract(text, publisher="Qalat Radio").claims
             for p in c.attribution}
    assert "despite" not in names


def test_persian_subject_after_a_fronted_adverbial_and_before_an_apposition() -> None:
    """FICTIONAL: "در همین حال، X، سمت او، در گفت‌وگویی با ... گفت": X speaks."""
    text = ("در همین حال، لیلا کریمی، هماهنگ‌کننده ارتباطات دفتر داشت‌آباد، در گفت‌وگویی با "
            "رادیو قلات گفت: «بهترین‌ها را برای مردم آرزومندیم.»")
    (quote,) = [c for c in extract(text, publisher="رادیو قلات").claims
                if c.kind == "quotation"]
    assert quote.attribution[-1].name == "لیلا کریمی"


@pytest.mark.parametrize(("text", "who"), [
    ("وزارت خارجه آماده نوروز؛ لیلا کریمی: «بهترین‌ها را برای مردم آرزومندیم»\n\nمتن ساختگی.",
     "لیلا کریمی"),
    ('Qalat ministry ready for Nowruz; Leila Karimi: "We wish the people the best"\n\nFICTIONAL.',
     "Leila Karimi"),
])
def test_a_headline_label_after_a_semicolon_is_the_speaker(text: str, who: str) -> None:
    """FICTIONAL headlines: "...؛ X: «...»" gives X the quotation."""
    (quote,) = [c for c in extract(text, publisher="Qalat Radio").claims
                if c.kind == "quotation"]
    assert quote.attribution[-1].name == who


def test_a_persian_surname_after_an_honorific_ends_the_subject() -> None:
    """FICTIONAL: "خانم کریمی درد بزرگ ... را دانست" is Ms Karimi ("لیلا کریمی" named before);
    "خانم لیلا کریمی" written twice keeps both names."""
    text = ("صفحه لیلا کریمی این گفتگو را بازنشر کرد. خانم کریمی درد بزرگ کنونی را دفن حقیقت "
            "دانست. او با تاکید بر اینکه «تلاش حکومت برای دفن حقیقت وحشتناک است» سخن گفت.")
    names = [c.attribution[-1].name for c in extract(text, publisher="رادیو قلات").claims
             if c.kind == "quotation"]
    assert names and all(n.endswith("کریمی") and "درد" not in n for n in names)


def test_a_persian_group_called_by_name_is_the_name() -> None:
    """FICTIONAL: "گروه حقوق بشری موسوم به دیده‌بان قلات ... اعلام کرد": the group's name."""
    text = ("گروه حقوق بشری موسوم به دیده‌بان قلات که اعدام‌ها را ثبت می‌کند، اعلام کرد: "
            "«دست‌کم ۱۲ زندانی اعدام شدند.»")
    (quote,) = [c for c in extract(text, publisher="رادیو قلات").claims
                if c.kind == "quotation"]
    assert quote.attribution[-1].name == "دیده‌بان قلات"


def test_a_links_leftover_markup_and_a_radio_clip_line() -> None:
    """FICTIONAL: '“...,” <"http://...">said UN High Commissioner X.' is X's, with no "UN
    High" level; "Here's UN Spokesperson Y." introduces the clip after it."""
    text = ('FICTIONAL. “The situation is deteriorating alarmingly,” <"http://example.org/N.aspx?'
            'ID=1">said UN High Commissioner for Human Rights Leila Karimi.\n\n'
            "Here's UN Spokesperson Omid Farahani.\n\n"
            '"He called such killings illegal and a breach of fundamental rights."')
    chains = _chains(text, "Qalat Radio")
    assert chains == [["Qalat Radio", "Leila Karimi"], ["Qalat Radio", "Omid Farahani"]]


def test_a_label_line_that_introduces_the_speaker_and_who_after_a_long_title() -> None:
    """FICTIONAL bulletin: "X is spokesperson for the Qalat Rights Office:" before the words;
    "... and Qalat High Commissioner for Rights Y, who has described it as “...”" is Y."""
    text = ("FICTIONAL. Concern is growing for two journalists held in Qalat.\n\n"
            "Leila Karimi is spokesperson for the Qalat Rights Office:\n\n"
            '"Detention without charge is a clear violation of the constitution."\n\n'
            "The statement joins condemnation from President Omid Farahani and Qalat High "
            "Commissioner for Rights Sara Tavan, who has described the rally as “a blood bath.”")
    chains = _chains(text, "Qalat Radio")
    assert chains == [["Qalat Radio", "Qalat Rights Office", "Leila Karimi"],
                      ["Qalat Radio", "Sara Tavan"]]


def test_a_persian_surname_takes_the_full_name_written_before() -> None:
    """FICTIONAL: "کریمی گفت" after "لیلا کریمی" was written is لیلا کریمی."""
    text = ("گزارش ساختگی. لیلا کریمی در نشستی در قلات حاضر شد. کریمی در این نشست گفت: "
            "«بازداشت‌ها باید متوقف شود.»")
    (quote,) = [c for c in extract(text, publisher="رادیو قلات").claims if c.kind == "quotation"]
    assert quote.attribution[-1].name == "لیلا کریمی"


def test_a_label_line_with_a_blank_line_before_the_words() -> None:
    """FICTIONAL bulletin: "X is a spokesperson with the Qalat rights office:", a blank line,
    then the words."""
    text = ("FICTIONAL. Forty-two people were hanged in one day.\n\n"
            "Leila Karimi is a spokesperson with the Qalat rights office:\n\n"
            '"The High Commissioner is absolutely appalled and shocked by the hangings."')
    assert _chains(text, "Qalat Radio") == [
        ["Qalat Radio", "Qalat rights office", "Leila Karimi"]]


def test_a_surname_after_a_long_title_speaks_for_the_body_written_at_the_full_name() -> None:
    """FICTIONAL release: "Assistant Attorney General X of the Qalat Department of Justice"
    is named in a list no reporting verb introduces; "said Acting Assistant Attorney General
    <surname>" later is X (not "General <surname>"), for that department."""
    text = ("FICTIONAL. The sentence was announced by Qalat Border Agency Director Omid Farahani "
            "and Assistant Attorney General Leila Karimi of the Qalat Department of Justice's "
            "(QDJ) Criminal Division.\n\n"
            '"He lied about his past to obtain refuge," said Acting Assistant Attorney General '
            'Karimi.')
    assert _chains(text, "Qalat Border Agency") == [
        ["Qalat Border Agency", "Qalat Department of Justice", "Leila Karimi"]]


@pytest.mark.parametrize(
    ("sentence", "chain"),
    [
        # the body before a title that runs into title words: "QBA", not "QBA Executive
        # Associate"
        ('"We will not forget," said QBA Executive Associate Director Leila Karimi.',
         ["Qalat Radio", "QBA", "Leila Karimi"]),
        # two words before the title after the name
        ('"We will act," said Leila Karimi, executive associate director of QBA.',
         ["Qalat Radio", "QBA", "Leila Karimi"]),
        # a title written capitalised after the name
        ('"We will act," said Leila Karimi, Head of the Qalat Justice Department’s Criminal '
         'Division.', ["Qalat Radio", "Qalat Justice Department’s Criminal Division",
                       "Leila Karimi"]),
        # a body written lower-case, as the text has it
        ('"We will act," said Leila Karimi, spokesperson for the office of the Qalat Rights '
         'Commissioner, on Friday.',
         ["Qalat Radio", "office of the Qalat Rights Commissioner", "Leila Karimi"]),
        # an office is no body
        ('"We will act," said Leila Karimi, Spokesperson for the Secretary-General.',
         ["Qalat Radio", "Leila Karimi"]),
        # "Spokesperson X from the Y said": the body after "from"
        ('Spokesperson Leila Karimi from the Qalat Rights Office said: "We are alarmed."',
         ["Qalat Radio", "Qalat Rights Office", "Leila Karimi"]),
        # the sentence's full stop after an acronym is no part of the body's name, and the
        # publisher's own name is no level
        ('"We will act," said Leila Karimi, who is also the head of QRS.',
         ["QRS", "Leila Karimi"]),
    ],
)
def test_the_body_of_a_title_written_around_the_name(sentence: str, chain: list[str]) -> None:
    """FICTIONAL releases."""
    publisher = chain[0]
    assert _chains("FICTIONAL.\n\n" + sentence, publisher) == [chain]


def test_a_long_name_after_a_title_is_whole_and_called_by_its_first_word() -> None:
    """FICTIONAL: "Qalat Rights High Commissioner Omid Ra'ad Al Farah said" is all four words
    (not the last two), and "Omid said" later is him (not "Commissioner Omid")."""
    text = ("FICTIONAL. Qalat Rights High Commissioner Omid Ra'ad Al Farah said he is "
            '"appalled" at the executions.\n\n'
            'The hangings raised "massive concerns", Omid said in a statement.')
    assert _chains(text, "Qalat Radio") == [["Qalat Radio", "Omid Ra'ad Al Farah"]] * 2


def test_a_persian_title_of_a_body_after_the_name() -> None:
    """FICTIONAL: "X، هماهنگ‌کننده ارتباطات شورای امنیت قلات، ... گفت" gives the council as
    X's body; a special rapporteur "of" a body speaks for the mandate, with no level."""
    text = ("گزارش ساختگی. لیلا کریمی، هماهنگ‌کننده ارتباطات راهبردی شورای امنیت قلات، در "
            "گفت‌وگویی گفت: «بهترین‌ها را برای مردم آرزومندیم.»\n\n"
            "امید فراهانی، گزارشگر ویژه سازمان ملل متحد در امور قلات، این اعدام‌ها را "
            "«نقض قوانین بین‌المللی» خواند.")
    assert _chains(text, "رادیو قلات") == [
        ["رادیو قلات", "شورای امنیت قلات", "لیلا کریمی"], ["رادیو قلات", "امید فراهانی"]]


def test_a_persian_kinship_description_is_the_person_named_with_it_before() -> None:
    """FICTIONAL: "پدر امید فراهانی ... گفت" after "حسن فراهانی، پدر نوجوان ..." is حسن فراهانی."""
    text = ("گزارش ساختگی.\n\nحسن فراهانی، پدر نوجوان شانزده ساله‌ای که در قلات کشته شد، به پلیس "
            "احضار شد.\n\nپدر امید فراهانی در گفت‌وگو با رادیو قلات گفت که پسرش «هیچ کاری "
            "نکرده بود.»")
    assert _chains(text, "رادیو قلات") == [["رادیو قلات", "حسن فراهانی"]]


def test_words_after_an_issued_statement_are_its_issuers_and_not_the_words_before() -> None:
    """FICTIONAL: "Minister X issued a statement ... . “...”" gives the words after it to X;
    "Here's Spokesperson Y." then a clip, then "The Board issued a statement ..." in the next
    paragraph: the clip stays Y's."""
    text = ("FICTIONAL.\n\nForeign Minister Leila Karimi issued a statement of support for the "
            "people of Qalat on Monday. “We honor the people of Qalat who are striving for "
            "democracy.”\n\n"
            "Here's UN Spokesperson Omid Farahani.\n\n"
            '"He called such killings illegal and a breach of fundamental rights."\n\n'
            "The Qalat Narcotics Board issued a statement calling for an inquiry.")
    assert _chains(text, "Qalat Radio") == [["Qalat Radio", "Leila Karimi"],
                                            ["Qalat Radio", "Omid Farahani"]]


@pytest.mark.parametrize(
    ("sentence", "chain"),
    [
        # a title holding titles names no body of its own; the publisher's acronym is the
        # publisher, no level
        ('"We will act," said the QBA Deputy Director and Senior Official Performing the '
         'Duties of Director Leila Karimi.', ["Qalat Border Agency", "Leila Karimi"]),
        # "X's Special Representative and QAM head Y": the body after "and"
        ('"This must stop," Secretary-General Omid Farahani’s Special Representative and QAM '
         'head Leila Karimi said.', ["Qalat Border Agency", "QAM", "Leila Karimi"]),
        # the publisher's acronym read from a staff title: its own officer, no level
        ('"We will not rest," said QBA Director Leila Karimi.',
         ["Qalat Border Agency", "Leila Karimi"]),
    ],
)
def test_titles_joined_by_and(sentence: str, chain: list[str]) -> None:
    """FICTIONAL releases."""
    text = "FICTIONAL.\n\nThe Qalat Border Agency (QBA) released this.\n\n" + sentence
    assert _chains(text, "Qalat Border Agency") == [chain]


def test_a_days_name_after_a_persian_subject_is_no_part_of_it() -> None:
    """FICTIONAL: "روزنامه قلات دوشنبه ۱۶ مرداد ... نوشت" is روزنامه قلات's."""
    text = ("گزارش ساختگی. روزنامه قلات دوشنبه ۱۶ مرداد از بازداشت یک زن خبر داد و در گزارشی "
            "نوشت که «تبادل متوقف شده است».")
    chains = _chains(text, "رادیو قلات")
    assert chains == [["رادیو قلات", "روزنامه قلات"]]


@pytest.mark.parametrize(("name", "fragment"), [
    ("In Qalat", True), ("citing numerous", True), ("mr", True), ("Farahani's", True),
    ("according to media", True),
    # a word alone that names nobody, a letter, a clause's "that ..."
    ("It", True), ("Some", True), ("several", True), ("P", True), ("that court documents", True),
    ("UN", False), ("Leila Karimi", False), ("senior United Nations humanitarian officials", False),
    ("the office", False), ("کمیسیون حقوق بشر", False), ("guards", False),
])
def test_a_fragment_is_never_a_quotations_speaker(name: str, fragment: bool) -> None:
    """FICTIONAL names: what a quotation's speaker or a figure's party can never be (it is
    left unresolved)."""
    assert claims_module._fragment_speaker(name) is fragment


@pytest.mark.parametrize("who", ["Several", "All", "Some"])
def test_a_fragment_asserts_no_reported_speech_or_figure(who: str) -> None:
    """FICTIONAL: "Several said that 40 detainees ..." names nobody: the statement and its
    figure are left unresolved, never given to "Several"."""
    text = f"FICTIONAL report. {who} said that 40 detainees had been moved to Qalat."
    claims = extract(text, metadata={"site_name": "Fictional Wire"}).claims
    assert {c.kind for c in claims} == {"figure", "other"}
    for claim in claims:
        assert claim.speaker is None
        assert [p.name for p in claim.attribution] == ["Fictional Wire"]


def test_a_description_the_next_sentence_names() -> None:
    """FICTIONAL: "the president of a rights group tells Qalat Radio that “...”" and the
    next sentence opens "Leila Karimi, president of the Qalat Rights Assembly, says ...": the
    words are Karimi's, for her assembly."""
    text = ("FICTIONAL.\n\nHowever, the president of a rights group in Qalat tells Qalat Radio "
            "that “so far, nobody was executed.”\n"
            "Leila Karimi, president of the Qalat Rights Assembly, says her information comes "
            "from journalists.")
    assert _chains(text, "Qalat Radio") == [
        ["Qalat Radio", "Qalat Rights Assembly", "Leila Karimi"]]


def test_a_surname_after_an_office_s_name_is_the_name_it_opens() -> None:
    """FICTIONAL: "High Commissioner for Human Rights Omid Ra’ad Al Farahani" then "said
    Omid": the name "Omid" opens, not "Rights Omid" (the office's last word)."""
    text = ('FICTIONAL. QALAT – UN High Commissioner for Human Rights Omid Ra’ad Al Farahani '
            'has hailed the conviction of Dashti.\n\n“Dashti presided over the darkest crimes '
            'in the region since the war,” said Omid, who served in the region.')
    assert _chains(text, "Qalat Radio") == [["Qalat Radio", "Omid Ra’ad Al Farahani"]]


def test_a_clause_s_opening_word_is_no_body_and_no_part_of_a_name() -> None:
    """FICTIONAL: "As Ambassador X noted," is X's (no level "As"); "Soltani Karimi" and
    "Thenmozhi Rao" keep their first letters ("So", "Then" open no clause there); "stated a
    news release from the Qalat Rights Office" is the office's."""
    text = ('FICTIONAL. The Qalat Embassy echoes Ambassador Dashti. As Ambassador Dashti '
            'noted, “So long as the truth is denied, there can be no reconciliation.”\n\n'
            'Soltani Karimi said: “We will not stop until the truth is known to all.”\n\n'
            'Thenmozhi Rao said: “We will not stop until the graves are opened.”\n\n'
            '“The death penalty is opposed under any circumstance,” stated a news release '
            'from the Qalat Rights Office.')
    assert _chains(text, "Qalat Radio") == [
        ["Qalat Radio", "Dashti"],
        ["Qalat Radio", "Soltani Karimi"],
        ["Qalat Radio", "Thenmozhi Rao"],
        ["Qalat Radio", "Qalat Rights Office"],
    ]


def test_words_quoted_in_remarks_are_reported_by_their_author() -> None:
    """FICTIONAL: remarks "As prepared for delivery by Ambassador X to the Council" quote
    President Y: X reports Y's words; X's own words have no second level; "said the UN
    Special Rapporteur on Z, W," is W's."""
    text = ('On the Execution in Qalat\n\nAs prepared for delivery by Ambassador Omid '
            'Farahani to the Permanent Council,\n\nFICTIONAL. On May 2, President Dashti said '
            'that “what happened in Qalat is deeply troubling.”\n\n“We urge a review,” '
            'Ambassador Farahani said.\n\n“We are outraged at the allegations of mass '
            'killings in the region,” said the UN Special Rapporteur on freedom of assembly, '
            'Leila Karimi, and the Working Group on disappearances.')
    assert _chains(text, "Qalat Mission") == [
        ["Qalat Mission", "Ambassador Omid Farahani", "Dashti"],
        ["Qalat Mission", "Omid Farahani"],
        ["Qalat Mission", "Ambassador Omid Farahani", "Leila Karimi"],
    ]


def test_she_after_that_is_the_subject_who_noted_it() -> None:
    """FICTIONAL: "Governor X noted that she has asked “...”": the rules give X's words
    to X (no speaker "that she" under X), as "X said: “...”" reads."""
    text = ('FICTIONAL. Mr. Farahani’s execution was halted by the State of Qalat, and Mr. '
            'Farahani subsequently died of a heart attack. In a statement, Qalat Governor '
            'Leila Karimi noted that she has asked “the [Qalat] Department of Corrections to '
            'conduct a full review of the procedures to determine what happened and why.”')
    claims = extract(text, publisher="Qalat Radio", speaker_model=False).claims
    assert [[p.name for p in c.attribution] for c in claims if c.kind == "quotation"] == [
        ["Qalat Radio", "Qalat Governor Leila Karimi"]]


def test_a_persian_office_keeps_its_whole_long_name() -> None:
    """FICTIONAL: "یک سخنگوی وزارت امور خارجه جمهوری خیالی قلات ... گفت" is that ministry,
    all seven words of the subject (not cut after six, "... جمهوری خیالی")."""
    text = ("یک سخنگوی وزارت امور خارجه جمهوری خیالی قلات درباره بازداشت‌ها به رادیو قلات "
            "گفت که ۴۰ زندانی آزاد شده‌اند.")
    claims = extract(text, publisher="رادیو قلات").claims
    assert claims and all(
        c.speaker is not None and c.speaker.name == "وزارت امور خارجه جمهوری خیالی قلات"
        for c in claims)
