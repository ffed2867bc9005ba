"""html_blocks: the text key two spellings of a text share."""

from __future__ import annotations

from article_core.clean.html_blocks import text_key


def test_a_text_key_is_the_same_whether_the_text_is_short_enough_to_be_memoised_or_not() -> None:
    # Given a short sentence, and a page-sized text made of it
    sentence = "L’Élysée a dit — « non » — à 20h30, Mr. O'Neil_2 said!\n"
    long_text = sentence * 500
    # When both are keyed (the short one twice: the second read comes from the memo)
    short_key = text_key(sentence)
    # Then the key is the lower-case words joined by single spaces, alike on both paths
    assert short_key == text_key(sentence) == "l élysée a dit non à 20h30 mr o neil_2 said"
    assert text_key(long_text) == " ".join([short_key] * 500)
