"""analyze(): every step for French/English; language-specific steps skipped, and said so, for others."""

from datetime import UTC, datetime

from article_core.analyze import analyze
from article_core.models import Document
from article_core.settings import Limits

FRENCH = [
    "Le secrétaire d'État américain Marco Rubio a appelé mercredi Moscou à négocier avec l'Ukraine.",
    "La Russie a proposé à l'Ukraine une deuxième séance de pourparlers directs à Istanbul le 2 juin.",
    "Les deux camps s'étaient engagés à procéder à un échange de prisonniers d'une ampleur inédite.",
]
GERMAN = [
    "Die Regierung hat am Mittwoch eine neue Reform der Renten angekündigt, die im Herbst beginnen soll.",
    "Die Gewerkschaften kritisieren den Plan und rufen für Donnerstag zu Protesten in mehreren Städten auf.",
]


def test_french_article_gets_every_step() -> None:
    # Given a French article / When analysed / Then language, stats, readability, keywords, summary, fingerprint
    analysis = analyze(FRENCH, Document(title="Rubio appelle Moscou à négocier"))
    assert analysis.language == "fr"
    assert analysis.stats.sentences == 3 and analysis.stats.paragraphs == 3
    assert analysis.readability.kandel_moles is not None and analysis.readability.lix is not None
    assert analysis.keywords and 2 <= len(analysis.summary) <= 3
    assert analysis.fingerprint is not None and len(analysis.fingerprint.simhash) == 16
    assert not {"keywords", "entities", "quotes", "dates"} & set(analysis.skipped)


def test_other_language_skips_language_specific_steps_and_says_why() -> None:
    # Given a German article / When analysed / Then stats and fingerprint, and skipped steps with a reason
    analysis = analyze(GERMAN, Document())
    assert analysis.language == "de"
    assert analysis.stats.words > 20 and analysis.readability.lix is not None
    assert analysis.readability.flesch is None and analysis.keywords == []
    assert analysis.fingerprint is not None
    assert set(analysis.skipped) >= {"keywords", "entities", "quotes", "dates"}
    assert analysis.skipped["entities"] == "language 'de' not supported"


def test_truncation_is_recorded_but_fingerprint_covers_all_text() -> None:
    # Given a text longer than the analysis limit / When analysed / Then it says so and hashes the whole text
    limits = Limits(max_analysis_chars=120)
    short, full = analyze(FRENCH[:1], Document()), analyze(FRENCH, Document(), limits=limits)
    assert "truncated" in full.skipped
    assert full.stats.characters == 120
    assert full.fingerprint is not None and short.fingerprint is not None
    assert full.fingerprint.sha256 != short.fingerprint.sha256


def test_dates_resolve_on_the_articles_own_clock_and_say_so() -> None:
    # Given a 2012 story with its publication time, processed in 2026 (event time)
    published = datetime(2012, 7, 18, 12, 0, tzinfo=UTC)
    event = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    paragraphs = ["Le ministre a démissionné mardi, a annoncé le gouvernement dans un communiqué publié hier soir."]
    # When analysed with and without the publication time
    own = analyze(paragraphs, Document(published_at=published), reference_time=event)
    fallback = analyze(paragraphs, Document(), reference_time=event, reference_basis="event_time")
    # Then "mardi" is the Tuesday before the story and the record names the reference it used
    assert own.dates_reference == "published_at"
    assert own.dates_reference_time == published
    assert {d.text: d.value for d in own.dates}["mardi"] == "2012-07-17"
    assert fallback.dates_reference == "event_time"
    assert {d.text: d.value for d in fallback.dates}["mardi"] == "2026-12-01"
