"""The committed entity models: built from the current feature code and parameters, small, loaded lazily."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from article_core.analyze.entity_features import sequence_features
from article_core.analyze.entity_lexicon import load_lexicon
from article_core.analyze.entity_tagger import load_tagger
from article_core.analyze.entity_tagger import model_attributes as model_attributes_of
from article_core.analyze.entity_tokens import sequences, tokenize
from benchmarks import build_ner_words
from benchmarks.train_ner import (
    DATA,
    PARAMS,
    TRAIN_FILES,
    feature_code_sha256,
    file_sha256,
    model_attributes,
    training_items,
)

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared" / "corpus"
LANGUAGES = sorted(TRAIN_FILES)


def _recipe(language: str) -> dict[str, object]:
    recipe: dict[str, object] = json.loads((DATA / f"ner_crf_{language}.json").read_text(encoding="utf-8"))
    return recipe


@pytest.mark.parametrize("language", LANGUAGES)
def test_model_matches_its_recipe(language: str) -> None:
    # Given the model and the recipe written beside it by benchmarks/train_ner.py
    recipe = _recipe(language)
    # When the feature code, word lists, parameters and model file are hashed now
    # Then they are what the model was trained with (a change needs `make train-ner`)
    assert recipe["feature_code_sha256"] == feature_code_sha256()
    assert recipe["params"] == PARAMS[language]
    assert recipe["model_sha256"] == file_sha256(DATA / f"ner_crf_{language}.crfsuite")


@pytest.mark.parametrize("language", LANGUAGES)
def test_model_was_trained_on_the_corpus_training_file(language: str) -> None:
    # Given the shared corpus (present on the development machine, absent in CI)
    path = CORPUS / TRAIN_FILES[language]
    if not path.exists():
        pytest.skip("corpus not present")
    # Then the training file is the one the recipe names
    assert _recipe(language)["train_sha256"] == file_sha256(path)


@pytest.mark.parametrize("language", LANGUAGES)
def test_model_is_small(language: str) -> None:
    # The layer stays lean: each model at most 4 MB
    assert (DATA / f"ner_crf_{language}.crfsuite").stat().st_size <= 4_000_000


def test_cue_word_file_is_what_its_build_script_writes() -> None:
    # Given data/ner_cue_words.txt and benchmarks/build_ner_words.py
    # Then the file is the script's output (edit the script, not the file)
    assert build_ner_words.main(["--check"]) == 0


def test_training_labels_follow_our_tokens() -> None:
    # Given a gold sentence whose tokens our tokenizer splits differently ("Trump's" is two of ours)
    words = ["Officials", "at", "Trump's", "U.S.-based", "firm", "said"]
    tags = ["O", "O", "B-PER", "B-LOC", "O", "O"]
    # When training items are built
    [(features, labels)] = training_items((words, tags))
    # Then each of our tokens carries the gold tag of the word it comes from, continued with I-
    assert labels == ["O", "O", "B-PER", "I-PER", "B-LOC", "I-LOC", "I-LOC", "O", "O"]
    assert len(features) == len(labels)


def test_the_tagger_loads_only_when_an_article_needs_entities() -> None:
    # Given a fresh interpreter that imports the analysis and analyzes a German text (no entity step)
    code = (
        "import sys; from article_core.analyze import analyze; from article_core.models import Document; "
        "analyze(['Die Regierung hat am Montag in Berlin neue Regeln beschlossen, sagte der Sprecher.'], Document()); "
        "print('pycrfsuite' in sys.modules)"
    )
    # When it runs
    env = {**os.environ, "PYTHONPATH": str(ROOT / "layers" / "article_core")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    # Then CRFsuite was never imported
    assert out.strip() == "False"


@pytest.mark.parametrize("language", LANGUAGES)
def test_attribute_list_is_the_models_own(language: str) -> None:
    # Given the attribute list written beside the model and recorded in its recipe
    path = DATA / f"ner_crf_{language}.attributes"
    assert _recipe(language)["attributes_sha256"] == file_sha256(path)
    # Then it holds exactly the attributes the model has weights for
    assert path.read_bytes() == b"\n".join(model_attributes(DATA / f"ner_crf_{language}.crfsuite")) + b"\n"


SAMPLES = {"en": "rail-strike-en.txt", "fr": "figaro-afp-rubio-lavrov.txt"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_leaving_out_unknown_attributes_changes_no_label(language: str) -> None:
    # Given a sample article's sentences and the model's attribute list
    text = (ROOT / "samples" / SAMPLES[language]).read_text(encoding="utf-8")
    tokens, lexicon, tagger = tokenize(text), load_lexicon(), load_tagger(language)
    known = model_attributes_of(language)
    left_out = 0
    for start, end in sequences(tokens):
        window = tokens[start:end]
        # When each sentence is tagged with every feature and with the known ones only
        full, kept = sequence_features(text, window, lexicon), sequence_features(text, window, lexicon, known)
        for every, some in zip(full, kept, strict=True):
            dropped = set(every) - set(some)
            assert set(some) <= set(every) and not dropped & known
            left_out += len(dropped)
        # Then the labels are the same
        assert tagger.tag(full) == tagger.tag(kept)
    # And features were left out (the filter did something)
    assert left_out > 0


def test_features_do_not_depend_on_the_hash_seed() -> None:
    # Given two interpreters with different hash seeds (set iteration order differs between them)
    code = (
        "from article_core.analyze.entity_features import sequence_features as f; "
        "from article_core.analyze.entity_lexicon import load_lexicon; "
        "from article_core.analyze.entity_tokens import tokenize; "
        "t = 'Mayor Linda Park of PARIS said BBC and NATO met on Monday.'; print(f(t, tokenize(t), load_lexicon()))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "layers" / "article_core")}
    # When each builds the features of the same sentence
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**env, "PYTHONHASHSEED": s}
        ).stdout
        for s in ("1", "2", "3")
    }
    # Then the features come in the same order (training is reproducible)
    assert len(outputs) == 1
