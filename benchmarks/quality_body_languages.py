"""The body kept in every language: langid-dev sentences made into article files, cleaned as plain text and as HTML.

    python -m benchmarks.quality_body_languages CORPUS_ROOT

A probe built on the corpus, not a quality figure of real pages: for each language of `langid-dev/`, its first 30
sentences become 10 paragraphs of 3 sentences, between a four-line menu and a copyright line (the plain file), or in
an <article> between a <nav> and a <footer> (the page). The score is the extraction benchmark's page F1 (token
4-grams, `quality_extraction.match`) of the cleaned body against the 10 paragraphs, averaged over languages; the lowest
are listed. It catches a cleaner that takes a language's prose for a menu: a script without spaces between words, a
sentence mark other than ".", no function words it knows. (Exact paragraph matches would also count the sanitiser's
repairs: private-use characters and mojibake in a few of the source sentences.)
"""

from __future__ import annotations

import html
import statistics
import sys
from pathlib import Path

from article_core.clean import clean
from article_core.decode import decode
from benchmarks.quality_extraction import match, page_f1

SENTENCES, PER_PARAGRAPH = 30, 3
MENU = ["Home", "World", "Sport", "Contact us"]
FOOTER = "© 2025 Example Media. All rights reserved."


def paragraphs_of(sentences_file: Path) -> list[str]:
    """The language's first sentences, three to a paragraph."""
    lines = [line.strip() for line in sentences_file.read_text(encoding="utf-8").split("\n") if line.strip()]
    lines = lines[:SENTENCES]
    return [" ".join(lines[i : i + PER_PARAGRAPH]) for i in range(0, len(lines), PER_PARAGRAPH)]


def plain_file(paragraphs: list[str]) -> bytes:
    return "\n".join([*MENU, *paragraphs, FOOTER]).encode()


def html_page(paragraphs: list[str]) -> bytes:
    nav = "<nav><ul>" + "".join(f"<li><a href='/s{i}'>{item}</a></li>" for i, item in enumerate(MENU)) + "</ul></nav>"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><title>Story - Example Media</title></head><body>{nav}<article><h1>Story</h1>{body}</article>"
        f"<footer><p>{FOOTER}</p></footer></body></html>"
    ).encode()


def body_f1(raw: bytes, name: str, paragraphs: list[str]) -> float:
    return page_f1(match("\n".join(paragraphs), "\n".join(clean(decode(raw, name=name)).paragraphs)))


def scores(root: Path) -> dict[str, dict[str, float]]:
    """{"plain" | "html": {language: body F1}}."""
    found: dict[str, dict[str, float]] = {"plain": {}, "html": {}}
    for sentences_file in sorted((root / "langid-dev").glob("*.txt")):
        paragraphs = paragraphs_of(sentences_file)
        if len(paragraphs) < SENTENCES // PER_PARAGRAPH:
            continue  # an empty or short file (ja): nothing to judge
        language = sentences_file.stem
        found["plain"][language] = body_f1(plain_file(paragraphs), "story.txt", paragraphs)
        found["html"][language] = body_f1(html_page(paragraphs), "story.html", paragraphs)
    return found


def report(found: dict[str, dict[str, float]]) -> str:
    lines = ["langid-dev sentences as articles (10 paragraphs of 3, menu and footer around): body 4-gram F1"]
    for kind, by_language in found.items():
        lowest = sorted(by_language.items(), key=lambda item: (item[1], item[0]))[:5]
        lowest_text = ", ".join(f"{language} {share:.2f}" for language, share in lowest)
        lines.append(
            f"  {kind:<5} mean {statistics.fmean(by_language.values()):.3f} over {len(by_language)} languages"
            f" (lowest: {lowest_text})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not (Path(args[0]) / "langid-dev").is_dir():
        print(__doc__, file=sys.stderr)
        return 2
    print(report(scores(Path(args[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
