"""Quotation spans from well-formed and broken quotation marks."""

from __future__ import annotations

from gavah.core.extract import extract
from gavah.core.extract.quotes import find_quotations
from gavah.core.extract.textmap import fold_text


def quotes(text: str) -> list[tuple[str, bool, tuple[str, ...]]]:
    return [(q.text, q.speech, q.flags) for q in find_quotations(fold_text(text))]


def test_marks_of_every_kind() -> None:
    assert quotes('He said: "We will return to the graves every year."') == [
        ("We will return to the graves every year.", True, ())
    ]
    assert (
        quotes("“We stand by every name in our list,” she said.")[0][0]
        == "We stand by every name in our list,"
    )
    assert quotes("وی گفت: «همه این افراد محاکمه شدند و وکیل داشتند.»")[0][0].startswith("همه")
    assert quotes("Er sagte: „Wir bleiben hier, bis alle Namen bekannt sind.“")[0][1]
    assert quotes("Sie sagte: »Wir bleiben hier, bis alle Namen bekannt sind.«")[0][1]


def test_run_on_quotation_over_paragraphs() -> None:
    """A quotation run on over paragraphs (each reopens, only the last closes) is a
    quotation a paragraph, as a reader sees them marked, each the speaker's."""
    text = "“It is not enough to remember.\n\n“The files must be opened now.” Ahmadvand noted."
    assert quotes(text) == [
        ("It is not enough to remember.", True, ("run_on",)),
        ("The files must be opened now.", True, ()),
    ]
    claims = [c for c in extract(text, publisher="Qalat Radio").claims if c.kind == "quotation"]
    assert [[p.name for p in c.attribution] for c in claims] == [["Qalat Radio", "Ahmadvand"]] * 2
    # a paragraph that does not reopen is no run-on: one quotation to its closing mark
    ((content, speech, flags),) = quotes(
        "“It is not enough to remember.\n\nThe files must be opened now.” Ahmadvand noted.")
    assert content.endswith("opened now.") and speech and flags == ()


def test_unclosed_quotation_ends_at_its_paragraph() -> None:
    text = (
        "Niknam said: “We will come back every year until the graves are "
        "marked.\n\nA banner read «justice»."
    )
    found = quotes(text)
    assert found[0] == (
        "We will come back every year until the graves are marked.",
        True,
        ("unclosed_quote",),
    )
    assert found[1][0] == "justice" and not found[1][1]


def test_closing_mark_without_opening_mark() -> None:
    text = (
        "Intro line.\n\nIn 2018 our organization documented how the commission "
        "sent thousands of prisoners "
        "to their deaths in secret.\n\nThe fate of the victims is still "
        "concealed by the authorities. “ "
        "Callamard noted."
    )
    ((content, speech, flags),) = quotes(text)
    assert content.startswith("In 2018") and content.endswith("authorities.")
    assert speech and flags == ("unopened_quote",)


def test_scare_quotes_apostrophes_and_nesting() -> None:
    text = (
        "The ‘death commission’ met in Iran’s prisons; prisoners’ families "
        "said: “The ‘trials’ took minutes.”"
    )
    found = quotes(text)
    assert ("death commission", False, ("quoted_term",)) in found  # after a determiner: a term
    assert ("The ‘trials’ took minutes.", True, ()) in found
    assert all("s prisons" not in q[0] for q in found)


def test_stray_marks_do_not_crash() -> None:
    for text in ['"', "«", "»»»", "“”", '" "" """', "‘", "a”b“c", "\u202b«متن»\u202c"]:
        assert quotes(text) == quotes(text)


def test_a_quotation_between_ascii_single_marks() -> None:
    """FICTIONAL: "'Alarming as they are, numbers cannot express ...,' said Karimi." is a
    quotation with its speaker; an apostrophe inside ("Qalat's") does not end it, and a
    scare-quoted word ('rebels') is no quotation."""
    text = ("FICTIONAL. UN Human Rights Chief Leila Karimi spoke today.\n"
            "'Alarming as they are, numbers cannot express what Qalat's people endure,' said "
            "Karimi. Officials called them 'rebels' again.")
    quotes = [c for c in extract(text, publisher="Qalat Radio").claims if c.kind == "quotation"]
    assert [(c.text, [p.name for p in c.attribution]) for c in quotes] == [
        ("Alarming as they are, numbers cannot express what Qalat's people endure,",
         ["Qalat Radio", "Leila Karimi"])]


def test_a_headlines_word_quoted_again_in_the_story_is_the_speakers() -> None:
    """FICTIONAL bulletin: the headline's "appalled" is the word the story quotes again,
    with its speaker; a word quoted once in a headline stays a headline's term."""
    text = ('Qalat rights chief "appalled" by mass execution\n\n'
            'FICTIONAL. Qalat High Commissioner Leila Karimi said she is "appalled" at the '
            'execution of prisoners over the weekend.\n\n'
            'Journalists held "incommunicado" in Dashtabad\n\nNo charges have been made.')
    quotes = [(c.text, c.speaker.name if c.speaker else None)
              for c in extract(text, publisher="Qalat Radio").claims if c.kind == "quotation"]
    assert quotes == [("appalled", "Leila Karimi"), ("appalled", "Leila Karimi")]
