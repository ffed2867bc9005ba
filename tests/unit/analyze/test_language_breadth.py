"""Breadth language identification: py3langid's model scored without numpy, plus the group supplement."""

from pathlib import Path

import pytest

from article_core.analyze import language_breadth
from article_core.analyze.language import detect_language

SAMPLE = [
    "Serikali imetangaza mpango mpya wa kuboresha huduma za afya vijijini.",
    "Hallitus ilmoitti keskiviikkona uudesta eläkeuudistuksesta.",
    "Rząd ogłosił w środę nową reformę emerytalną.",
    "Hükümet çarşamba günü yeni bir emeklilik reformu açıkladı.",
    "Chính phủ đã công bố một cải cách lương hưu mới vào thứ Tư.",
    "Правителството обяви в сряда нова пенсионна реформа.",
    "Уряд оголосив у середу нову пенсійну реформу.",
    "Η κυβέρνηση ανακοίνωσε την Τετάρτη μια νέα μεταρρύθμιση.",
    "सरकार ने बुधवार को नई पेंशन सुधार योजना की घोषणा की।",
    "Regeringen meddelade på onsdagen ett nytt förslag om pensionerna.",
    "Le gouvernement a annoncé mercredi une réforme.",
    "The government announced a new pension reform on Wednesday.",
]


@pytest.mark.parametrize("text", SAMPLE)
def test_the_pure_python_scorer_makes_py3langids_decision(text: str) -> None:
    # Given py3langid itself (a dev dependency) and the packed copy of its model
    py3langid = pytest.importorskip("py3langid")
    # When both classify a sentence / Then the top label is the same
    assert language_breadth.top_raw_label(text) == py3langid.classify(text)[0]


def test_the_packed_model_holds_py3langids_arrays() -> None:
    # Given py3langid's bundled model and the packed file built from it (the training recipe is a copy)
    pytest.importorskip("py3langid")
    import py3langid
    from py3langid.modelio import load_model

    ptc, pc, classes, _, _, output = load_model(Path(py3langid.__file__).parent / "data" / "model.npz.xz")
    packed = language_breadth.load_model()
    # When compared / Then labels, priors, features and DFA outputs are the same
    assert list(packed.classes) == list(classes)
    assert list(packed.pc) == pytest.approx(pc.tolist(), rel=1e-6)
    assert len(packed.ptc) == ptc.size * 2
    assert list(packed.output) == list(output)
    # And ptc is held as exact integers: -512 * py3langid's float16 values, every one of them
    stored = packed.ptc.cast("H").tolist()
    assert stored == (-ptc.astype("float64").ravel() * packed.ptc_scale).tolist()


def test_a_groups_column_sums_are_the_sums_of_its_rows() -> None:
    # Given the packed model and more features than one 16-bit field can sum at once (8), some repeated
    model = language_breadth.load_model()
    features = [0, 5, 17, 99, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000, 17, 50_000, model_rows(model) - 1]
    # When their rows are summed as big integers
    sums = language_breadth._column_sums(model, features)
    # Then each class's sum is the plain sum of its integers
    rows = model.ptc.cast("H")
    width = len(model.classes)
    assert list(sums) == [sum(rows[f * width + c] for f in features) for c in range(width)]


def model_rows(model: language_breadth.BreadthModel) -> int:
    return len(model.ptc) // (2 * len(model.classes))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serikali imetangaza mpango mpya wa kuboresha huduma za afya vijijini.", "sw"),
        ("Rząd ogłosił w środę nową reformę emerytalną i podniesienie płac.", "pl"),
        ("Правителството обяви в сряда нова пенсионна реформа.", "bg"),
        ("Уряд оголосив у середу нову пенсійну реформу.", "uk"),
        ("Hükümet çarşamba günü yeni bir emeklilik reformu açıkladı.", "tr"),
        ("Chính phủ đã công bố một cải cách lương hưu mới vào thứ Tư.", "vi"),
    ],
)
def test_languages_beyond_the_own_models_are_named(text: str, expected: str) -> None:
    # Given a news sentence in a language neither the fr/en model nor the function-word lists know well
    # When detected / Then the breadth model names it with an ISO 639-1 code
    assert detect_language(text).language == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ka nui ake ngā whatu o ngā tamariki i te kura i tēnei tau.", "mi"),
        ("Leswi swi vuriwa hikuva a tikomba wonge u lo tshama endzhutini wa murhi.", "ts"),
        ("Ke fa Direlang a simolola go itirela thata ka diatla ka a supa fa a sa tsena sekolo.", "tn"),
    ],
)
def test_languages_the_breadth_model_lacks_are_settled_by_the_supplement(text: str, expected: str) -> None:
    # Given a sentence in Maori, Tsonga or Tswana (py3langid has no class for them; training-part lines)
    # When detected / Then the group supplement names the language instead of a neighbour's code
    assert detect_language(text).language == expected


def test_a_text_without_letters_has_no_language() -> None:
    # Given punctuation, digits and symbols only / When detected / Then `und`
    assert detect_language("12:30 — 45 % — 2012-06-22 !!!").language == "und"


def test_the_supplements_cached_log_probabilities_are_the_formulas() -> None:
    # Given a language of a supplement group, a gram its table lists and one it cannot list
    import math

    from article_core.analyze import language_supplement as supplement

    model = supplement._supplement()
    listed, count = next(iter(model.counts["id"].items()))
    # When the cached values are read
    logged, unseen = supplement._log_probabilities("id")
    # Then they are log(count + smoothing) - denominator, with a count of 0 for an unlisted gram
    denominator = model.denominators["id"]
    assert logged[listed] == math.log(count + supplement.SMOOTHING) - denominator
    assert "@@" not in logged
    assert unseen == math.log(supplement.SMOOTHING) - denominator
