"""Failure causes found on the development corpus (issue 14, the session after blind22
joined it), as general rules: each case is phrased differently from where it was found.
All names, organisations and statements here are FICTIONAL."""

from __future__ import annotations

from gavah.core.extract.builder import ClaimBuilder
from gavah.core.extract.frames import Frame
from gavah.core.extract.model import Party
from gavah.core.extract.segments import Sentence
from tests.core.extract.claim_views import PUBLISHER, quotes

WIRE = "Meridian Wire"


# 1. A surname of more than one word ("Van Tassel", "Abu Rami") later in the text is the
# full name written before, with the body given there.
def test_surname_of_two_words_takes_the_full_name_and_body() -> None:
    text = (
        "Kavir Watch researcher Lina van Tassel said the camp holds 900 detainees.\n\n"
        "“The guards beat them every night,” she said.\n\n"
        "Officials denied it.\n\n"
        "Van Tassel said, “Nobody has been allowed to visit the camp since May.”"
    )
    got = {t[:12]: (speaker, chain) for t, speaker, chain in quotes(text, WIRE)}
    assert got["Nobody has b"] == ("Lina van Tassel", [WIRE, "Kavir Watch", "Lina van Tassel"])


def test_two_word_surname_matching_nobody_stays_as_written() -> None:
    text = "Abu Rami said, “The bridge was shelled twice this week.”"
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Abu Rami"
    assert chain == [WIRE, "Abu Rami"]


# 2. "“...,” NAME, title for BODY (ACRONYM) said": the name before the title is the
# speaker and the body its level, not the title alone.
def test_name_then_title_with_body_before_said() -> None:
    text = (
        "“These permits will let families move freely,” Oskar Dunmore Vell, senior "
        "representative for the Kavir Relief Agency (KRA) said, adding that 300 were "
        "issued."
    )
    [(_, speaker, chain)] = quotes(text, WIRE)
    assert speaker == "Oskar Dunmore Vell"
    assert chain == [WIRE, "Kavir Relief Agency", "Oskar Dunmore Vell"]


def test_a_title_after_a_word_that_is_no_name_keeps_its_own_reading() -> None:
    text = (
        "“These permits will let families move freely,” he added. Meanwhile, country "
        "director for the Kavir Relief Agency said the permits were late."
    )
    assert all(speaker != "Meanwhile" for _, speaker, _ in quotes(text, WIRE))


# 3. A Persian speaker named alone in a headline ("X: «...»") or before the surname that
# speaks takes the body the text gives where it writes the full name with a title.
def test_persian_headline_speaker_takes_the_body_given_below() -> None:
    text = (
        "دیدار در کاویر؛ دارا کوهیار: «راه گفت‌وگو باز است»\n\n"
        "در همین حال، دارا کوهیار، هماهنگ‌کننده ارتباطات شورای امنیت ملی کاویر، در "
        "گفت‌وگویی با این خبرگزاری گفت: «ما آماده گفت‌وگو با همه طرف‌ها هستیم.»"
    )
    got = {t[:6]: chain for t, _, chain in quotes(text)}
    assert got["راه گف"] == [PUBLISHER, "شورای امنیت ملی کاویر", "دارا کوهیار"]


def test_persian_full_name_with_body_and_no_verb_gives_the_surname_its_body() -> None:
    text = (
        "دارا کوهیار، رییس ادارۀ رسانه‌های کاویر، و سیما راد روز سه شنبه در جلسه حاضر "
        "شدند.\n\nکوهیار در پاسخ گفت: «من این تعریف را قبول ندارم.»"
    )
    [(_, speaker, chain)] = quotes(text)
    assert (speaker, chain) == ("دارا کوهیار", [PUBLISHER, "ادارۀ رسانه‌های کاویر", "دارا کوهیار"])


def test_persian_speaker_named_nowhere_with_a_body_keeps_none() -> None:
    text = "دارا کوهیار در گفت‌وگو با این خبرگزاری گفت: «راه گفت‌وگو باز است.»"
    [(_, speaker, chain)] = quotes(text)
    assert (speaker, chain) == ("دارا کوهیار", [PUBLISHER, "دارا کوهیار"])


# 4. "BODY says ... “...,” said spokesperson NAME": a title that names no body is held in
# the body that has just spoken, and the surname later speaks for it too; a body named
# long before, or a title with its own body, is not borrowed.
def test_bare_title_after_a_body_speaks_for_that_body() -> None:
    text = (
        "Kavir Watch says in its yearly report that 40 teachers were jailed. “We counted "
        "every case we could confirm,” said acting director Mina Solberg. Solberg said "
        "the real number is higher. “Many families are too afraid to call us,” she said."
    )
    chains = [chain for _, _, chain in quotes(text, WIRE)]
    assert chains and all(c == [WIRE, "Kavir Watch", "Mina Solberg"] for c in chains)


def test_bare_title_far_from_any_body_borrows_none() -> None:
    text = (
        "Kavir Watch says in its yearly report that 40 teachers were jailed. "
        + "The schools reopened in the spring and classes went on as before. " * 8
        + "“We counted every case,” said spokesperson Mina Solberg."
    )
    [(_, _, chain)] = quotes(text, WIRE)
    assert chain == [WIRE, "Mina Solberg"]


def test_two_bodies_speaking_from_one_place_do_not_break_the_lookup() -> None:
    # two frames may give subjects that start together ("Kavir Watch" and "Kavir Watch
    # Council" read from the same words): the bodies are ordered by place alone
    text = "Kavir Watch Council said so. “Yes,” said spokesperson Mina Solberg."
    sentence = Sentence(0, len(text), False)
    frames = [
        Frame("other", (20, 24), Party(name, None, "speaker", 0, len(name)), (0, 0), sentence)
        for name in ("Kavir Watch Council", "Kavir Watch")
    ]
    build = ClaimBuilder(text, None, [], [])
    build.learn_speakers(frames)
    at = text.index("Mina")
    _, org = build.affiliation(Party("Mina Solberg", None, "speaker", at, at + 12))
    assert org is not None and org.name.startswith("Kavir Watch")
