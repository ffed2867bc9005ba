"""html_blocks: the text key two spellings of a text share; class-name patterns searched folded."""

from __future__ import annotations

import re

import pytest

from article_core.clean.html_blocks import FoldedPattern, text_key


def test_a_text_key_is_the_same_whether_the_text_is_short_enough_to_be_memoised_or_not() -> None:
    # Given a short sentence, and a page-sized text made of it
    sentence = "L’Élysée a dit — « non » — à 20h30, Mr. O'Neil_2 said!\n"
    long_text = sentence * 500
    # When both are keyed (the short one twice: the second read comes from the memo)
    short_key = text_key(sentence)
    # Then the key is the lower-case words joined by single spaces, alike on both paths
    assert short_key == text_key(sentence) == "l élysée a dit non à 20h30 mr o neil_2 said"
    assert text_key(long_text) == " ".join([short_key] * 500)


def test_a_folded_pattern_finds_what_its_case_insensitive_pattern_finds() -> None:
    # Given a case-insensitive pattern of lower-case ASCII and class names in several cases and scripts
    pattern = re.compile(r"pop-?up|modal|exit-?intent|sr-only", re.IGNORECASE)
    folded = FoldedPattern(pattern)
    names = ["Modal-Box", "POP-UP x", "exitIntent", "site-header", "SR-ONLY", "popſup", "modal \u212a", "ſr-only"]
    names += ["", "pop up", "EXIT-INTENT", "Pop-Up modale", "café-popup", "\u0130nline"]
    # When each is searched / Then the folded search agrees with the pattern's, ASCII or not
    for name in names:
        assert folded.search(name) == (pattern.search(name) is not None), name
    assert folded.search("ſr-only")  # Unicode folding ("ſ" matches "s") still applies to non-ASCII text


def test_a_folded_pattern_refuses_a_pattern_it_would_not_search_alike() -> None:
    # Given patterns that are case-sensitive or hold upper-case letters / When folded / Then they are refused
    with pytest.raises(ValueError, match="lower-case ASCII"):
        FoldedPattern(re.compile(r"modal"))
    with pytest.raises(ValueError, match="lower-case ASCII"):
        FoldedPattern(re.compile(r"Modal", re.IGNORECASE))
