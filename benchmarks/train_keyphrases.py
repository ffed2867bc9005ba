"""Train the keyphrase ranker (a logistic regression) on the keyphrase corpora's dev parts only.

    python -m benchmarks.train_keyphrases CORPUS_ROOT [--cv]      (make train-keyphrases CORPUS=...)

Data: CORPUS_ROOT/keyphrase-en-dev (500N-KPCrowd, English) and CORPUS_ROOT/keyphrase-fr-dev (WikiNews
French, CC BY 2.5), minus their check splits (benchmarks/quality_keyphrases.check_ids), which are never read
here. Rows: the counting scorer's best keyphrase_ranker.SHORTLIST candidates of each article (the ones the
ranker reorders, keywords.candidate_table), labelled 1 when its shown form
matches a gold phrase under the corpus README's normalisation. One model per language in
keyphrase_ranker.LANGUAGES (English only: the French ranker lost to the counting scorer under --cv).
Only the weights ship (data/keyphrase_ranker_<lang>.json), with the recipe they were made from: the sha256 of the
feature code (keyphrase_candidates, keyphrase_rules, keywords, keyphrase_ranker), the parameters and the training
data; tests/unit/analyze/test_keyphrase_ranker.py checks it.

--cv prints, instead of training, F1@10 of the ranker and of the counting scorer under 5-fold cross-validation
over the dev part (documents split by SHA-256 of their id): the ranker ships only if it beats the scorer there.
Needs numpy (requirements-dev.txt); the layer never imports it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from article_core.analyze import keyphrase_candidates, keyphrase_ranker, keyphrase_rules, keywords
from article_core.analyze.keywords import CandidateTable, candidate_table, ranked_keywords
from benchmarks.quality_keyphrases import LANGUAGE, check_ids, f1_at_10, normalise, read_document

ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "layers" / "article_core"

DATA = LAYER / "article_core" / "data"
CORPORA = ("keyphrase-en-dev", "keyphrase-fr-dev")
# L2 strength on standardised features, Newton iterations.
PARAMS: dict[str, float | int] = {"l2": 1.0, "iterations": 30}
FOLDS = 5


def feature_code_sha256() -> str:
    """What the weights depend on: the candidate rules and the features."""
    digest = hashlib.sha256()
    for module in (keyphrase_candidates, keyphrase_rules, keywords, keyphrase_ranker):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()


def dev_documents(root: Path) -> list[tuple[str, str, str, str, set[str]]]:
    """(corpus, id, title, body, gold) for every dev-part document, check splits left out unread."""
    out = []
    for corpus in CORPORA:
        docs = sorted((root / corpus / "docs").glob("*.txt"))
        check = check_ids([doc.stem for doc in docs], corpus)
        for doc in docs:
            if doc.stem in check:
                continue
            keys = (root / corpus / "keys" / f"{doc.stem}.key").read_text(encoding="utf-8").splitlines()
            title, body = read_document(doc)
            out.append((corpus, doc.stem, title, body, {normalise(k) for k in keys} - {""}))
    return out


def data_sha256(root: Path, corpus: str) -> str:
    """The training data: one corpus's dev-part documents and gold phrases."""
    digest = hashlib.sha256()
    for doc_corpus, doc_id, title, body, gold in dev_documents(root):
        if doc_corpus != corpus:
            continue
        digest.update(f"{corpus}\0{doc_id}\0{title}\0{body}\0{sorted(gold)}\0".encode())
    return digest.hexdigest()


def _rows(table: CandidateTable, gold: set[str]) -> tuple[list[list[float]], list[int]]:
    keys = list(table.vectors)
    labels = [int(normalise(keywords._display(table.candidates[key], table.singular_ties)) in gold) for key in keys]
    return [table.vectors[key] for key in keys], labels


def fit(rows: list[list[float]], labels: list[int]) -> tuple[list[float], float]:
    """L2 logistic regression by Newton's method on standardised features, weights returned on raw features."""
    import numpy as np

    x, y = np.array(rows, dtype=float), np.array(labels, dtype=float)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / std])
    beta = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * float(PARAMS["l2"])
    penalty[0, 0] = 0.0
    for _ in range(int(PARAMS["iterations"])):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (p - y) + penalty @ beta
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        beta -= np.linalg.solve(hessian, gradient)
    raw = beta[1:] / std
    return [round(float(v), 6) for v in raw], round(float(beta[0] - (raw * mean).sum()), 6)


def _tables(root: Path) -> list[tuple[str, str, CandidateTable, set[str]]]:
    return [
        (corpus, doc_id, candidate_table(body, LANGUAGE[corpus], title), gold)
        for corpus, doc_id, title, body, gold in dev_documents(root)
    ]


def _training_set(tables: list[tuple[str, str, CandidateTable, set[str]]]) -> tuple[list[list[float]], list[int]]:
    rows: list[list[float]] = []
    labels: list[int] = []
    for _, _, table, gold in tables:
        x, y = _rows(table, gold)
        rows += x
        labels += y
    return rows, labels


def _f1(table: CandidateTable, scored: dict[tuple[str, ...], float], gold: set[str]) -> float:
    p, r = f1_at_10([k.text for k in ranked_keywords(table, scored)], gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def cross_validate(root: Path) -> None:
    """F1@10 per corpus of the ranker (trained on the other folds) and of the counting scorer, dev part only."""
    tables = _tables(root)
    # The counting scorer's own table: without vectors, as extract_keywords builds it for unranked languages
    # (the ranker's table keeps absorbed parts as candidates, keywords._restore_parts).
    counting = {
        doc_id: candidate_table(body, LANGUAGE[corpus], title, vectors=False)
        for corpus, doc_id, title, body, _ in dev_documents(root)
    }
    fold = {doc_id: int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % FOLDS for _, doc_id, _, _ in tables}
    results: dict[tuple[str, str], list[float]] = {}
    for k, corpus_model in ((k, c) for k in range(FOLDS) for c in CORPORA):
        weights, bias = fit(*_training_set([t for t in tables if fold[t[1]] != k and t[0] == corpus_model]))
        for corpus, doc_id, table, gold in tables:
            if fold[doc_id] != k or corpus != corpus_model:
                continue
            learned = {
                key: keyphrase_ranker.logistic(bias + sum(a * b for a, b in zip(weights, v, strict=True)))
                for key, v in table.vectors.items()
            }
            results.setdefault((corpus, "ranker"), []).append(_f1(table, learned, gold))
            plain = counting[doc_id]
            results.setdefault((corpus, "counting"), []).append(_f1(plain, plain.scores, gold))
    for (corpus, method), f1s in sorted(results.items()):
        print(f"{corpus} dev part, {FOLDS}-fold CV: {method:<9} F1@10 {sum(f1s) / len(f1s):.4f} ({len(f1s)} docs)")


def train(root: Path) -> None:
    """One model per language in keyphrase_ranker.LANGUAGES, from that language's dev part."""
    tables = _tables(root)
    for language in sorted(keyphrase_ranker.LANGUAGES):
        _train_one(root, language, [t for t in tables if LANGUAGE[t[0]] == language])


def _train_one(root: Path, language: str, tables: list[tuple[str, str, CandidateTable, set[str]]]) -> None:
    rows, labels = _training_set(tables)
    coefficients, bias = fit(rows, labels)
    corpus = next(c for c in CORPORA if LANGUAGE[c] == language)
    model = {
        "about": f"Keyphrase ranker weights (benchmarks/train_keyphrases.py), trained on {corpus}'s dev part",
        "features": list(keyphrase_ranker.FEATURES),
        "weights": coefficients,
        "bias": bias,
        "recipe": {
            "feature_code_sha256": feature_code_sha256(),
            "params": PARAMS,
            "data_sha256": data_sha256(root, corpus),
            "rows": len(labels),
            "positives": sum(labels),
        },
    }
    name = keyphrase_ranker.weights_file(language)
    (DATA / name).write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {name}: {len(labels)} rows, {sum(labels)} positive")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--cv", action="store_true", help="cross-validate on the dev part instead of training")
    args = parser.parse_args(argv)
    if args.cv:
        cross_validate(args.corpus)
    else:
        train(args.corpus)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
