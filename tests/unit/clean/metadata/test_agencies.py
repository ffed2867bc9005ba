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
