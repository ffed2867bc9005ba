"""Train the entity tagger's CRF models (English, French) from the corpus's training splits.

    python -m benchmarks.train_ner CORPUS_ROOT [--language en|fr]      (make train-ner CORPUS=...)

Data: CORPUS_ROOT/ner-en-train/eng.train.conll (CoNLL-2003 English, Reuters, research use only: we ship the
weights, never the text) and CORPUS_ROOT/ner-fr-train/wikineural-fr-val.conll (WikiNEuRal French,
CC BY-NC-SA 4.0: the French model carries these terms). See NOTICE.

Check split, carved before anything else and never trained or tuned on: every sentence whose sha1 of its
text (tokens joined by single spaces, UTF-8) is 0 modulo 10 (`is_check`), about 10%; identical sentences
fall on the same side. benchmarks/quality_ner.py scores it.

Each model is written with a recipe (data/ner_crf_<lang>.json): the sha256 of the feature code and word
lists (`feature_code_sha256`), the training parameters, the training file's sha256 and the model's own.
tests/unit/analyze/test_entity_model.py checks that the committed model matches the current recipe.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "layers" / "article_core"

from article_core.analyze.entity_features import sequence_features  # noqa: E402
from article_core.analyze.entity_lexicon import load_lexicon  # noqa: E402
from article_core.analyze.entity_tagger import model_name  # noqa: E402
from article_core.analyze.entity_tokens import sequences, tokenize  # noqa: E402

DATA = LAYER / "article_core" / "data"
TRAIN_FILES = {"en": "ner-en-train/eng.train.conll", "fr": "ner-fr-train/wikineural-fr-val.conll"}
# L-BFGS with L1 (c1, prunes features: the model stays small) and L2 (c2) regularisation.
PARAMS: dict[str, dict[str, float | int | bool]] = {
    "en": {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True},
    "fr": {"c1": 0.1, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True},
}
# What the features are computed from: a change to any of these needs a new model.
FEATURE_INPUTS = (
    "analyze/entity_features.py",
    "analyze/entity_tokens.py",
    "analyze/entity_lexicon.py",
    "data/ner_cue_words.txt",
    "data/ner_common_words.txt",
    "data/ner_first_names.txt",
    "data/ner_places.txt",
    "data/ner_organisations.txt",
)
Sentence = tuple[list[str], list[str]]  # tokens, IOB2 tags


def read_conll(path: Path) -> list[Sentence]:
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            _, token, tag = line.split("\t")
            tokens.append(token)
            tags.append(tag)
        elif tokens:
            sentences.append((tokens, tags))
            tokens, tags = [], []
    return sentences


def is_check(tokens: list[str]) -> bool:
    """The check split's fixed rule: sha1 of the sentence text, modulo 10, is 0."""
    digest = hashlib.sha1(" ".join(tokens).encode("utf-8"), usedforsecurity=False).hexdigest()
    return int(digest, 16) % 10 == 0


def feature_code_sha256() -> str:
    digest = hashlib.sha256()
    for name in FEATURE_INPUTS:
        digest.update(name.encode() + b"\0" + (LAYER / "article_core" / name).read_bytes() + b"\0")
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def training_items(sentence: Sentence) -> list[tuple[list[list[bytes]], list[str]]]:
    """Our tokens of the sentence text, with the gold tags carried over by character offset, and features."""
    words, tags = sentence
    text = " ".join(words)
    owner: list[int] = []  # character -> index of the gold token it belongs to
    starts: set[int] = set()
    for index, word in enumerate(words):
        starts.add(len(owner))
        owner += [index] * len(word) + [-1]
    tokens = tokenize(text)
    labels = []
    for start in tokens.start:
        tag = tags[owner[start]]
        if tag.startswith("B-") and start not in starts:
            tag = "I-" + tag[2:]  # the second piece of a gold token we split ("U.S.-based")
        labels.append(tag)
    lexicon = load_lexicon()
    items = []
    for start, end in sequences(tokens):
        window = labels[start:end]
        if window[0].startswith("I-"):
            window = ["B-" + window[0][2:], *window[1:]]
        items.append((sequence_features(text, tokens[start:end], lexicon), window))
    return items


def train(corpus: Path, language: str) -> None:
    import pycrfsuite

    path = corpus / TRAIN_FILES[language]
    sentences = read_conll(path)
    kept = [s for s in sentences if not is_check(s[0])]
    print(f"{language}: {path} {len(sentences)} sentences, {len(sentences) - len(kept)} held out (check split)")
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in kept:
        for features, labels in training_items(sentence):
            trainer.append(features, labels)
    trainer.set_params(PARAMS[language])
    print(f"  features built in {time.perf_counter() - started:.0f} s; training ...", flush=True)
    model = DATA / model_name(language)
    trainer.train(str(model))
    attributes = write_attributes(model)
    recipe = {
        "language": language,
        "model": model.name,
        "model_sha256": file_sha256(model),
        "attributes_sha256": file_sha256(attributes),
        "feature_code_sha256": feature_code_sha256(),
        "params": PARAMS[language],
        "train_file": TRAIN_FILES[language],
        "train_sha256": file_sha256(path),
        "check_split": "sha1(' '.join(tokens)) % 10 == 0, never trained on",
        "sentences": {"total": len(sentences), "trained": len(kept)},
        "python-crfsuite": version("python-crfsuite"),
    }
    model.with_suffix(".json").write_text(json.dumps(recipe, indent=2) + "\n", encoding="utf-8")
    size = model.stat().st_size / 1e6
    print(f"  {model.name}: {size:.1f} MB, {time.perf_counter() - started:.0f} s in all", flush=True)


def model_attributes(model: Path) -> list[bytes]:
    """The attributes the model holds a weight for, sorted (CRFsuite keeps only those with a non-zero one)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return sorted({attribute.encode() for attribute, _label in tagger.info().state_features})


def write_attributes(model: Path) -> Path:
    """data/ner_crf_<lang>.attributes beside the model, one attribute a line: the tagger hands CRFsuite only
    these (an attribute the model does not know adds nothing to any score, and looking it up costs time)."""
    path = model.with_suffix(".attributes")
    path.write_bytes(b"\n".join(model_attributes(model)) + b"\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus_root", type=Path)
    parser.add_argument("--language", choices=sorted(TRAIN_FILES), action="append")
    args = parser.parse_args(argv)
    for language in args.language or sorted(TRAIN_FILES):
        train(args.corpus_root, language)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
