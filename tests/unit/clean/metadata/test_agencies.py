"""Wire agencies from datelines and credit lines at either end, in their own spellings."""

from __future__ import annotations

import pytest

from article_core.clean.metadata.agencies import agencies_in_body, find_agencies

BODY = "The minister said the talks would resume next week, according to officials familiar with them."


@pytest.mark.parametrize(
    ("paragraphs", "agencies"),
    [
        (["(Reuters) — The New York State Attorney General is investigating WeWork.", BODY], ["Reuters"]),
        (["LONDON, Nov 18 (Reuters) - Shares fell on Monday.", BODY], ["Reuters"]),
        (["PARIS (AFP) - Le gouvernement a annoncé mardi un plan.", BODY], ["AFP"]),
        ([BODY, "— The Associated Press"], ["AP"]),
        ([BODY, "PTI"], ["PTI"]),
        ([BODY, "The official said the inquiry would end soon. PTI ABC DEF"], ["PTI"]),
        ([BODY, "(With inputs from ANI)"], ["ANI"]),
        ([BODY, "Avec l'Agence France-Presse"], ["AFP"]),
        ([BODY, "The AP style guide was mentioned once in a long sentence about grammar and usage."], []),
    ],
)
def test_agencies_at_either_end_of_the_body(paragraphs: list[str], agencies: list[str]) -> None:
    # Given a body opening with a wire dateline or closing with a credit line
    # When agencies are read / Then the agency is found, and a mention inside prose is not a credit
    assert agencies_in_body(paragraphs) == agencies


def test_agency_spellings() -> None:
    # Given agencies in English, French and their own spellings / When searched / Then canonical names
    assert find_agencies("Press Trust of India") == ["PTI"]
    assert find_agencies("Deutsche Presse-Agentur") == ["dpa"]
    assert find_agencies("Agencia EFE y Kyodo News") == ["EFE", "Kyodo"]
    assert find_agencies("Xinhua, ANSA, Belga, UPI") == ["Xinhua", "ANSA", "Belga", "UPI"]
    assert find_agencies("Berlin (ANTARA News) - with Reuters and CNN Wire, then Reuters") == [
        "Antara",
        "Reuters",
        "CNN Wire",
    ]


def test_a_long_name_holding_another_agencys_name_is_one_agency() -> None:
    # Given the Australian agency's full name, which holds "Associated Press"
    # When searched / Then it is AAP alone, not AP as well
    assert find_agencies("Australian Associated Press") == ["AAP"]


def test_a_credit_line_has_at_most_twenty_words() -> None:
    # Given credit lines closing a body, of twenty and of twenty-one words
    from article_core.clean.metadata.agencies import agencies_in_body

    twenty = "With inputs from PTI " + " ".join(["word"] * 16)
    body = ["The minister said the talks would resume next week, and that both sides had agreed to meet."]
    # When the agencies are read, Then the twenty-word line is a credit and the longer one is prose
    assert agencies_in_body([*body, twenty]) == ["PTI"]
    assert agencies_in_body([*body, twenty + " more"]) == []


# Every spelling each agency's pattern knows, as it would stand in a credit line.
SPELLINGS = {
    "AFP": ["AFP", "Agence France-Presse", "Agence France Presse", "l'Agence France-Presse"],
    "Reuters": ["Reuters", "REUTERS", "Thomson Reuters"],
    "AP": ["AP", "Associated Press", "(AP)"],
    "Bloomberg": ["Bloomberg", "Bloomberg News"],
    "dpa": ["dpa", "DPA", "Deutsche Presse-Agentur"],
    "ANSA": ["ANSA"],
    "EFE": ["EFE", "Agencia EFE"],
    "Belga": ["Belga", "BELGA"],
    "ATS": ["ATS", "Agence télégraphique suisse"],
    "PA Media": ["PA Media", "Press Association"],
    "Xinhua": ["Xinhua", "Chine nouvelle"],
    "Kyodo": ["Kyodo", "Kyodo News"],
    "UPI": ["UPI", "United Press International"],
    "PTI": ["PTI", "Press Trust of India"],
    "ANI": ["ANI", "Asian News International"],
    "IANS": ["IANS", "Indo-Asian News Service"],
    "Yonhap": ["Yonhap"],
    "TASS": ["TASS", "Itar-Tass"],
    "Anadolu": ["Anadolu", "Anadolu Agency", "Anadolu Ajansı"],
    "CP": ["The Canadian Press", "La Presse canadienne"],
    "AAP": ["AAP", "Australian Associated Press"],
    "APA": ["APA", "Austria Presse Agentur"],
    "Europa Press": ["Europa Press"],
    "CNN Wire": ["CNN Wire", "CNN Newsource"],
    "Jiji": ["Jiji", "Jiji Press"],
    "Interfax": ["Interfax"],
    "RIA Novosti": ["RIA Novosti"],
    "Bernama": ["Bernama", "BERNAMA"],
    "Antara": ["ANTARA", "Antara News"],
    "Lusa": ["Lusa", "LUSA"],
    "ANP": ["ANP"],
    "NTB": ["NTB"],
    "IRNA": ["IRNA"],
    "KCNA": ["KCNA"],
    "Notimex": ["Notimex"],
    "Télam": ["Télam", "Telam"],
    "Adnkronos": ["Adnkronos"],
    "Prensa Latina": ["Prensa Latina"],
}


def test_every_spelling_of_every_agency_is_found() -> None:
    # Given each agency's spellings, alone and closing a sentence
    from article_core.clean.metadata.agencies import _AGENCY_PATTERNS

    assert set(SPELLINGS) == {name for name, _ in _AGENCY_PATTERNS}  # a new agency comes with its spellings here
    for name, spellings in SPELLINGS.items():
        for spelling in spellings:
            # When searched / Then the canonical name is found
            assert find_agencies(spelling) == [name], spelling
            assert find_agencies(f"Le maire a démissionné. ({spelling})") == [name], spelling
