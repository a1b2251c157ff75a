"""The body a staff member speaks for, on FICTIONAL texts (names and bodies invented)."""

from __future__ import annotations

import pytest

from gavah.core.extract import extract
from gavah.core.extract.staff import staff_body
from tests.core.extract.claim_views import chains as _chains


@pytest.mark.parametrize(
    ("text", "name", "body"),
    [
        ("said DRWO spokesperson Leila Karimi.", "Leila Karimi", "DRWO"),
        ("The head of the Dashtabad Rights Office, Omid Farahani, said", "Omid Farahani",
         "Dashtabad Rights Office"),
        ("said Omid Farahani, DRWO Representative in Qalat.", "Omid Farahani", "DRWO"),
        ("Leila Karimi, Justice Watch's deputy director for the region, said", "Leila Karimi",
         "Justice Watch"),
        ("Dashtabad Foreign Ministry Spokesperson Leila Karimi said", "Leila Karimi",
         "Dashtabad Foreign Ministry"),
        ("said Director of the Office of Asset Control Omid Farahani.", "Omid Farahani",
         "Office of Asset Control"),
        ("UN rights office (DRWO) spokesperson Leila Karimi warned", "Leila Karimi",
         "UN rights office"),
        ("Spokesperson Leila Karimi, of the Office of the Ombudsman in Qalat, said",
         "Leila Karimi", "Office of the Ombudsman"),
        # a title in a sentence of its own; "the X-based organization" is the body before
        ("Justice Watch says the raids go on. Omid Farahani is deputy Qalat director at the "
         "Geneva-based organization.", "Omid Farahani", "Justice Watch"),
        ("Omid Farahani is a researcher at Justice Watch.", "Omid Farahani", "Justice Watch"),
        # a UN body by what it does, by its acronym where the text writes it
        ("UNHCR counts arrivals. U.N. refugee spokeswoman, Leila Karimi, tells the radio",
         "Leila Karimi", "UNHCR"),
        ("U.N. refugee spokeswoman, Leila Karimi, tells the radio", "Leila Karimi", None),
        ("لیلا کریمی، سخنگوی وزارت خارجه داشت‌آباد، گفت", "لیلا کریمی", "وزارت خارجه داشت‌آباد"),
        ("سخنگوی وزارت خارجه داشت‌آباد لیلا کریمی گفت", "لیلا کریمی", "وزارت خارجه داشت‌آباد"),
        # the last body of "X's Special Representative and DRWO head"; a possessive ends a name
        ("said Karimi’s Special Representative and DRWO head Omid Farahani.", "Omid Farahani",
         "DRWO"),
        # the head or a manager of a body speaks for it; a name holding a list is one body
        ("said Leila Karimi, Director-General of the Qalat Educational, Scientific and "
         "Cultural Organization (QESCO).", "Leila Karimi",
         "Qalat Educational, Scientific and Cultural Organization"),
        ("Omid Farahani is Public Relations Manager of Qalat Red Cross. He told the radio",
         "Omid Farahani", "Qalat Red Cross"),
        ("Leila Karimi, deputy secretary for international affairs of the Farahani faction, "
         "said", "Leila Karimi", "Farahani faction"),
        # the body the sentence opens with
        ("Earlier. At the Qalat Foreign Ministry, deputy spokesman Omid Farahani said",
         "Omid Farahani", "Qalat Foreign Ministry"),
        # a surname alone, asked of its full name with initials or a first name
        ("Qalat Foreign Ministry spokesman P.J. Farahani hailed her.", "Farahani",
         "Qalat Foreign Ministry"),
        ("DRWO spokesperson Leila Karimi spoke.", "Karimi", "DRWO"),
        # named offices speak in the office's name: no body
        ("Omid Farahani, the Secretary-General's Special Representative for Qalat, said",
         "Omid Farahani", None),
        ("Special Rapporteur Leila Karimi said", "Leila Karimi", None),
        # a title without a body's name, or a group that is not a body
        ("spokesperson Leila Karimi said", "Leila Karimi", None),
        ("Dashtabad spokesman Omid Farahani said", "Omid Farahani", None),
    ],
)
def test_staff_body(text: str, name: str, body: str | None) -> None:
    assert staff_body(text, name) == body


def test_the_body_is_a_level_of_every_quotation_of_its_speaker() -> None:
    text = (
        "FICTIONAL. Qalat Daily. DRWO spokesperson Leila Karimi said the raids must stop. "
        '"We have counted every detainee," she said. Later Ms. Karimi added: '
        '"Their families have not been told where they are."'
    )
    chains = _chains(text, None)
    assert chains and all(chain[-2:] == ["DRWO", "Leila Karimi"] for chain in chains)


def test_no_level_when_the_body_is_the_publisher() -> None:
    text = ('FICTIONAL. "We have counted every detainee," said DRWO spokesperson Leila Karimi.')
    (quote,) = [c for c in extract(text, publisher="DRWO").claims if c.kind == "quotation"]
    assert [p.name for p in quote.attribution] == ["DRWO", "Leila Karimi"]


def test_a_fragment_is_no_level_of_the_chain() -> None:
    """FICTIONAL briefing notes: "read the following statement" and the shot list's "Here's"
    are not levels between the publisher and the speaker."""
    text = (
        "FICTIONAL briefing notes\n\n"
        "Leila Karimi, for the Office of the Dashtabad Ombudsman (ODO), read the following "
        'statement:\n\n"We are deeply concerned about the raids on the Qalat villages and call '
        'for the release of every detainee."\n\n'
        "Here's Omid Farahani, spokesperson for the Qalat Prison Monitor (QPM):\n\n"
        '"Forty people were taken from their homes in the night."'
    )
    chains = _chains(text, "Qalat Radio")
    assert chains == [
        ["Qalat Radio", "Office of the Dashtabad Ombudsman", "Leila Karimi"],
        ["Qalat Radio", "Qalat Prison Monitor", "Omid Farahani"],
    ]


def test_a_countrys_name_alone_is_no_level() -> None:
    """FICTIONAL: "U.S. Secretary of State X" speaks in the office's name, not for "U.S."."""
    text = ('FICTIONAL. U.S. Secretary of State Leila Karimi said: "The raids in Qalat must '
            'end now."')
    (quote,) = [c for c in extract(text, publisher="Qalat Radio").claims
                if c.kind == "quotation"]
    assert [p.name for p in quote.attribution] == ["Qalat Radio", "Leila Karimi"]


def test_an_office_before_the_body_is_trimmed_from_the_level() -> None:
    """FICTIONAL: "Karimi’s Special Representative and DRWO head X said" gives DRWO."""
    text = ('"This violence must stop," Secretary-General Leila Karimi’s Special '
            "Representative and DRWO head Omid Farahani said in a statement.")
    (quote,) = [c for c in extract(text, publisher="Qalat Radio").claims
                if c.kind == "quotation"]
    assert [p.name for p in quote.attribution] == ["Qalat Radio", "DRWO", "Omid Farahani"]


def test_a_name_set_off_after_its_title_is_the_speaker() -> None:
    """FICTIONAL: "DRWO Spokesman, Omid Farahani, says": the name, with DRWO as its level;
    "the spokesman, who ..." stays the phrase it is."""
    text = ('FICTIONAL. DRWO Spokesman, Omid Farahani, says: "The camp is a graveyard now." '
            'The spokesman, who visited the camp, says: "Nobody was spared."')
    chains = _chains(text, "Qalat Radio")
    assert chains == [["Qalat Radio", "DRWO", "Omid Farahani"]] * 2


def test_a_name_of_a_body_is_the_person_and_the_body() -> None:
    """FICTIONAL: "analyst Omid\nFarahani of the London-based Center for Qalat Studies":
    the person, with the body as a level; "Members of the Association" is nobody's name."""
    text = ('FICTIONAL. Qalat analyst Omid\nFarahani of the London-based Center for Qalat '
            'Studies,\nargues that the trials are staged:\n\n"It is part of the strategy to '
            'scare the public."\n\nMembers of the Qalat Association of Doctors say: "We '
            'treated about 160 people."')
    assert _chains(text, "Qalat Radio") == [
        ["Qalat Radio", "Center for Qalat Studies", "Farahani"],
        ["Qalat Radio", "Members of the Qalat Association of Doctors"],
    ]


def test_a_one_word_level_is_the_body_named_before_or_none() -> None:
    """FICTIONAL: "Agency spokesman X" after "the Qalat Refugee Agency" speaks for it;
    "Military spokesman Y" and "Presidential spokesman Z" have no body."""
    text = ('FICTIONAL. The Qalat Refugee Agency counts arrivals.\nAgency spokesman Omid '
            'Farahani says: "Registration is important."\nMilitary spokesman Leila Karimi '
            'said: "That is not true."\nPresidential spokesman Ali Dashti said: "There are no '
            'more prisoners."')
    assert _chains(text, "Qalat Radio") == [
        ["Qalat Radio", "Qalat Refugee Agency", "Omid Farahani"],
        ["Qalat Radio", "Leila Karimi"],
        ["Qalat Radio", "Ali Dashti"],
    ]


def test_a_court_s_prosecutor_speaks_for_the_court_named_before() -> None:
    """FICTIONAL: "The acting Prosecutor of the Court, X," after "the Special Court for
    Qalat" and "Y, the Mechanism’s Prosecutor," after "the Residual Mechanism for Qalat
    Tribunals": each speaks for the court the text named in full (no "United
    Nations-backed"); "Special Representative on Z in Conflict, W," is W."""
    text = ('FICTIONAL. The United Nations-backed Special Court for Qalat upheld the '
            'sentences.\n\nThe acting Prosecutor of the Court, Omid Farahani, welcomed the '
            'judgment, calling it “a final condemnation of the rebels.”\n\nThe Residual '
            'Mechanism for Qalat Tribunals heard the case.\n\nLeila Karimi, the Mechanism’s '
            'Prosecutor, said: “He has now been held accountable.”\n\nThe Special '
            'Representative on Sexual Violence in Conflict, Ali Dashti, today said that the '
            'verdict “sends a message to all that you will face the law.”')
    assert _chains(text, "Qalat Radio") == [
        ["Qalat Radio", "Special Court for Qalat", "Omid Farahani"],
        ["Qalat Radio", "Residual Mechanism for Qalat Tribunals", "Leila Karimi"],
        ["Qalat Radio", "Ali Dashti"],
    ]


def test_a_person_from_a_body_speaks_for_it_under_its_whole_name() -> None:
    """FICTIONAL radio items: "X from the Tarsa Rights Office says" is X for that office;
    "from the Committee to Protect Reporters" is no body named "Committee"."""
    text = ('FICTIONAL radio\n\nLena Varga from the Tarsa Rights Office says the executions '
            'continue. "Twelve men were hanged this week," Varga said.\n')
    assert _chains(text, "Fictional Wire") == [
        ["Fictional Wire", "Tarsa Rights Office", "Lena Varga"]]
    text = ('FICTIONAL radio\n\nOmid Farahani from the Committee to Protect Reporters says '
            'jails are full. "Forty reporters are behind bars," Farahani said.\n')
    (chain,) = _chains(text, "Fictional Wire")
    assert "Committee" not in chain and chain[-1] == "Omid Farahani"
