"""The committed keyphrase ranker: made from the current feature code and parameters, and used for English."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from article_core.analyze import keyphrase_ranker
from article_core.analyze.keywords import candidate_table, extract_keywords, ranked_keywords
from benchmarks.train_keyphrases import DATA, PARAMS, data_sha256, feature_code_sha256

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
TEXT = (
    "The central bank raised interest rates on Tuesday. The bank said inflation remained high. "
    "Interest rates have risen five times this year, and the bank expects inflation to fall."
)


def _model(language: str) -> dict[str, Any]:
    model: dict[str, Any] = json.loads((DATA / keyphrase_ranker.weights_file(language)).read_text(encoding="utf-8"))
    return model


@pytest.mark.parametrize("language", sorted(keyphrase_ranker.LANGUAGES))
def test_weights_match_their_recipe(language: str) -> None:
    # Given the weights and the recipe written beside them by benchmarks/train_keyphrases.py
    model = _model(language)
    recipe = model["recipe"]
    # When the candidate rules, the feature code and the parameters are hashed now
    # Then they are what the weights were trained with (a change needs `make train-keyphrases`)
    assert recipe["feature_code_sha256"] == feature_code_sha256()
    assert recipe["params"] == PARAMS
    assert model["features"] == list(keyphrase_ranker.FEATURES)
    assert len(model["weights"]) == len(keyphrase_ranker.FEATURES)


@pytest.mark.parametrize("language", sorted(keyphrase_ranker.LANGUAGES))
def test_weights_were_trained_on_the_corpus_dev_part(language: str) -> None:
    # Given the shared corpus (present on the development machine, absent in CI)
    if not (CORPUS / "keyphrase-en-dev").exists():
        pytest.skip("corpus not present")
    # When its dev part is hashed / Then it is the data the weights were trained on
    recipe = _model(language)["recipe"]
    assert recipe["data_sha256"] == data_sha256(CORPUS, f"keyphrase-{language}-dev")


def test_english_is_ordered_by_the_ranker_and_french_by_the_counting_scorer() -> None:
    # Given an English article / When extracted / Then the order is the ranker's, not the counting scorer's
    table = candidate_table(TEXT, "en")
    by_rules = [keyword.text for keyword in ranked_keywords(table, table.scores)]
    by_model = {key: keyphrase_ranker.probability(vector, "en") for key, vector in table.vectors.items()}
    learned = [keyword.text for keyword in ranked_keywords(table, by_model)]
    assert [keyword.text for keyword in extract_keywords(TEXT, "en")] == learned
    assert learned != by_rules and set(learned) == set(by_rules)  # reordered, from the candidates the rules keep
    kept = {key for key, score in table.scores.items() if score > 0}
    assert set(table.vectors) <= kept and len(table.vectors) == min(len(kept), keyphrase_ranker.SHORTLIST)
    # And French (no model: the ranker lost to the rules there) keeps the counting scorer's order
    assert "fr" not in keyphrase_ranker.LANGUAGES
    french = "La réforme des retraites divise. Les syndicats refusent la réforme des retraites. La grève dure."
    table = candidate_table(french, "fr", vectors=False)
    assert table.vectors == {}
    assert extract_keywords(french, "fr") == ranked_keywords(table, table.scores)
