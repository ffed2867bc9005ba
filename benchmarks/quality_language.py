"""Language-ID quality: 75 languages (langid-dev), French and English sentences from the dev corpora.

    python benchmarks/quality_language.py CORPUS_ROOT        (CORPUS_ROOT = ../shared/corpus)

- langid-dev (200 sentences in each of 75 languages): accuracy per language, mean over languages, fr and en,
  on the dev part (line index % 5 != 0) and the check split (index % 5 == 0, never tuned on), ours beside
  py3langid's own decision (the baseline). The supplement (data/language_supplement.txt) is trained on the dev
  part only, so its languages' check numbers are same-corpus, unseen sentences.
- fr/en sentences by length bucket (fr: keyphrase-fr-dev docs + ner-fr-dev; en: extraction-dev English
  articles): right / und / wrong. Baseline beside ours: "always fr/en by stop words", i.e. whichever of the
  two has more stop-word hits in the sentence (und on a tie), the guess a fr/en-only product could make cheaply.
- Other languages (de, es, it, pt, nl; benchmarks/language_sentences.py, written by hand): how often a
  short sentence is swallowed into fr/en, and how often it is right.
- Whole texts (keyphrase docs + extraction-dev, which includes a few non-English pages).
- Speed: first call in a fresh interpreter (import + table load) and warm time on the reference article.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from article_core.analyze import language_breadth  # noqa: E402
from article_core.analyze.language import detect_language  # noqa: E402
from article_core.analyze.sentences import sentences  # noqa: E402
from article_core.analyze.tokens import stopwords  # noqa: E402
from benchmarks.language_sentences import SENTENCES  # noqa: E402
from benchmarks.quality_keyphrases import _EXTRACTION_LANGUAGES  # noqa: E402

BUCKETS = {"3-5 words": (3, 5), "6-10 words": (6, 10), "11-25 words": (11, 25), "26+ words": (26, 10_000)}
REFERENCE = ROOT / "samples" / "figaro-afp-rubio-lavrov.txt"


def _ner_sentences(root: Path) -> list[str]:
    raw = (root / "ner-fr-dev" / "wikineural-fr-dev.conll").read_text(encoding="utf-8")
    out = []
    for block in raw.split("\n\n"):
        tokens = [line.split("\t")[1] for line in block.splitlines() if line.count("\t") >= 2]
        text = " ".join(tokens)
        text = re.sub(r"(\w') ", r"\1", text)
        text = re.sub(r" ([,.)])", r"\1", text)
        out.append(text)
    return out


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def stopword_baseline(text: str) -> str:
    """fr or en by stop-word hits; und on a tie."""
    tokens = [t.lower() for t in re.findall(r"[^\W\d_]+", text)]
    fr = sum(t in stopwords("fr") for t in tokens)
    en = sum(t in stopwords("en") for t in tokens)
    return "fr" if fr > en else "en" if en > fr else "und"


def _line(label: str, expected: str, labels: list[str]) -> str:
    counts = Counter(labels)
    n = len(labels)
    wrong = n - counts[expected] - counts["und"]
    return (
        f"{label:<28} n={n:5d}  right {counts[expected] / n:7.2%}  und {counts['und'] / n:6.2%}"
        f"  wrong {wrong / n:6.2%}  {dict(counts.most_common(4))}"
    )


def fr_en_sentences(root: Path, labelled: list[tuple[str, str]]) -> None:
    fr_docs = [p.read_text(encoding="utf-8") for p in sorted((root / "keyphrase-fr-dev" / "docs").glob("*.txt"))]
    samples = [("fr", s) for doc in fr_docs for s in sentences(doc)]
    samples += [("fr", s) for s in _ner_sentences(root)]
    samples += [("en", s) for language, body in labelled if language == "en" for s in sentences(body)]
    print("Language ID on sentences (fr: keyphrase docs + ner-fr-dev; en: extraction-dev English articles)")
    for name, (low, high) in BUCKETS.items():
        for language in ("fr", "en"):
            chosen = [s for lang, s in samples if lang == language and low <= _word_count(s) <= high]
            if chosen:
                print("  " + _line(f"{language} {name} ours", language, [detect_language(s).language for s in chosen]))
                print("  " + _line(f"{language} {name} stop-words", language, [stopword_baseline(s) for s in chosen]))


def other_languages() -> None:
    print("Other languages, hand-written sentences (swallowed = labelled fr or en)")
    totals: Counter[str] = Counter()
    for language, written in SENTENCES.items():
        for name, (low, high) in (("3-5 words", (0, 5)), ("6+ words", (6, 10_000))):
            chosen = [s for s in written if low <= _word_count(s) <= high]
            labels = [detect_language(s).language for s in chosen]
            swallowed = sum(label in ("fr", "en") for label in labels)
            totals["n"] += len(labels)
            totals["swallowed"] += swallowed
            totals["right"] += labels.count(language)
            print(f"  {_line(f'{language} {name}', language, labels)}  swallowed {swallowed / len(labels):6.2%}")
    n = totals["n"]
    print(f"  all: n={n}  right {totals['right'] / n:.2%}  swallowed into fr/en {totals['swallowed'] / n:.2%}")


def whole_texts(root: Path, labelled: list[tuple[str, str]]) -> None:
    fr_docs = [p.read_text(encoding="utf-8") for p in sorted((root / "keyphrase-fr-dev" / "docs").glob("*.txt"))]
    long_texts = [("fr", doc) for doc in fr_docs] + labelled
    guesses = [(language, detect_language(text)) for language, text in long_texts]
    misses = [(language, guess.language) for language, guess in guesses if guess.language != language]
    lowest = min(guess.confidence for _, guess in guesses)
    print(f"Language ID on whole texts: {len(guesses) - len(misses)}/{len(guesses)} right  misses={misses}")
    print(f"  lowest confidence {lowest:.3f}")


def speed() -> None:
    """Import cost of the language modules themselves (-X importtime self times), table load, warm detection."""
    code = (
        "import time, article_core.analyze.tokens; t=time.perf_counter(); "
        "from article_core.analyze.language import detect_language; t1=time.perf_counter(); "
        "detect_language('Le gouvernement a annoncé une réforme.'); t2=time.perf_counter(); "
        "detect_language('Serikali imetangaza mpango mpya wa kuboresha huduma za afya.'); "
        "print(f'{1000*(t2-t1):.1f} {1000*(time.perf_counter()-t2):.1f}')"
    )
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT / "layers" / "article_core",
    )
    own = sum(
        int(line.split("|")[0].split(":")[1])
        for line in run.stderr.splitlines()
        if line.rstrip().endswith(("analyze.language", "analyze.language_model", "analyze.language_breadth"))
    )
    text = REFERENCE.read_text(encoding="utf-8")
    detect_language(text)
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        detect_language(text)
    warm = 1000 * (time.perf_counter() - started) / runs
    first_fr, first_other = run.stdout.split()
    print(
        f"Speed: import of language modules {own / 1000:.1f} ms, first fr call (tables load) {first_fr} ms,"
        f" first non-fr/en call (breadth model load) {first_other} ms, reference article warm {warm:.3f} ms"
    )


def is_check(index: int) -> bool:
    """langid-dev's check split: every fifth line of each language file, carved before any tuning."""
    return index % 5 == 0


def breadth_only(text: str) -> str:
    """Baseline: py3langid's decision alone (its packed model, labels folded to ISO 639-1)."""
    ranked = language_breadth.rank(text)
    return ranked[0][0] if ranked and ranked[0][0] != language_breadth.NO_LANGUAGE else "und"


def many_languages(root: Path) -> dict[str, float]:
    """langid-dev: accuracy per language, then the mean over languages; fr and en apart; dev part and check split."""
    files = sorted((root / "langid-dev").glob("*.txt"))
    split_lines: dict[tuple[str, str], list[str]] = {}
    empty = []
    for path in files:
        lines = path.read_text(encoding="utf-8").split("\n")  # the README: split on \n only
        kept = [(i, line) for i, line in enumerate(lines) if line.strip()]
        if not kept:
            empty.append(path.stem)
        for split in ("dev", "check"):
            split_lines[(path.stem, split)] = [line for i, line in kept if is_check(i) == (split == "check")]
    languages = sorted({lang for (lang, _), lines in split_lines.items() if lines})
    print(
        f"langid-dev: {len(languages)} languages with sentences (empty files: {', '.join(empty) or 'none'}); "
        "dev = line index % 5 != 0, check = index % 5 == 0"
    )
    results = {}
    for split in ("dev", "check"):
        for method, detect in (("ours", lambda t: detect_language(t).language), ("py3langid alone", breadth_only)):
            accuracy = {
                lang: sum(detect(line) == lang for line in split_lines[(lang, split)]) / len(split_lines[(lang, split)])
                for lang in languages
            }
            mean = sum(accuracy.values()) / len(accuracy)
            worst = ", ".join(f"{lang} {acc:.2f}" for lang, acc in sorted(accuracy.items(), key=lambda x: x[1])[:5])
            print(
                f"  {method:<16} {split:<5} mean {mean:.4f}  fr {accuracy['fr']:.4f}  en {accuracy['en']:.4f}"
                f"  (n={sum(len(split_lines[(lang, split)]) for lang in languages)}; lowest: {worst})"
            )
            results[f"{method} {split}"] = mean
    return results


def language_id(root: Path) -> None:
    many_languages(root)
    truth = json.loads((root / "extraction-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    labelled = [(_EXTRACTION_LANGUAGES.get(k[:8], "en"), v["articleBody"]) for k, v in sorted(truth.items())]
    fr_en_sentences(root, labelled)
    other_languages()
    whole_texts(root, labelled)
    speed()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__)
        return 2
    language_id(Path(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
