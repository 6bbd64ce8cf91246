"""The name tagger's report: the tagger and the lexicon alone scored on the same test tokens
(a small test file in ANERcorp's layout, written by us)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from hadath.context import Context
from hadath.learn import ner
from hadath.text.normalize import fold_form

_TEST_FILE = """\
التقى O
الرئيس O
فلاديمير B-PERS
بوتين I-PERS
في O
موسكو B-LOC
المتحدث O
جون B-PERS
سميث I-PERS
. O
"""


def _words(sentence: str) -> list[str]:
    return [fold_form(w) or w for w in sentence.split()]


def test_ner_lexicon_tags_known_people_places_and_bodies(ctx: Context) -> None:
    words = _words("التقى الرئيس فلاديمير بوتين وفد الأمم المتحدة في موسكو .")
    tags = ner.lexicon_tags(words, ctx)
    assert list(ner.spans(tags)) == [("PERS", 2, 4), ("ORG", 5, 7), ("LOC", 8, 9)]
    # a name the lexicon has never seen, a role and a nationality: no name of the lexicon's
    assert set(ner.lexicon_tags(_words("قال المتحدث جون سميث إن الجيش الروسي انسحب"), ctx)) == {"O"}


def test_ner_evaluate_reports_tagger_and_lexicon_on_the_same_tokens(
    ctx: Context, tmp_path: Path
) -> None:
    test_file = tmp_path / ner.ANERCORP_TEST
    test_file.parent.mkdir(parents=True)
    test_file.write_text(_TEST_FILE, encoding="utf-8")
    model = importlib.resources.files("hadath") / "data" / "models" / ner.MODEL_FILE
    with importlib.resources.as_file(model) as path:
        figs = ner.evaluate(tmp_path, path, ctx)
    assert (figs["sentences"], figs["tokens"]) == (1, 10)
    # the lexicon knows Putin and Moscow, not John Smith
    assert figs["lexicon"]["PERS"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "gold": 2}
    assert figs["lexicon"]["LOC"]["f1"] == 1.0
    assert {c: figs["tagger"][c]["gold"] for c in ner.CLASSES} == {"PERS": 2, "LOC": 1, "ORG": 0}
