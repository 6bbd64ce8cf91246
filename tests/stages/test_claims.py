"""Claims: figures with unit, qualifier, range and speaker, and numbers that are not claims."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from hadath.model import ArgRef, Claim, Document, Quote, Sentence, Source, Span
from hadath.stages.claims import claim_lexicon, find_claims
from hadath.text.sentences import split_sentences

SHARED = Path(os.environ.get("HADATH_SHARED", "/work/shared"))


def make_doc(text: str) -> Document:
    sents = tuple(Sentence(s, e, 0) for s, e in split_sentences(text, 0, len(text)))
    return Document("t", Source(None, None, "text"), text, sentences=sents)


def figures(text: str) -> list[tuple[float | None, float | None, str | None, str | None]]:
    return [
        (c.value, c.value_max, c.unit, c.qualifier)
        for c in find_claims(make_doc(text), claim_lexicon())
    ]


def test_claims_percent_more_than_and_range() -> None:
    assert figures("ارتفعت الأسعار بأكثر من 40% خلال العام.") == [(40, None, "%", "more than")]
    assert figures("تراجعت البطالة بنسبة 12% إلى 15% في الربع الأخير.") == [(12, 15, "%", None)]
    assert figures("بلغت المشاركة ٦٢ في المئة.") == [(62, None, "%", None)]


def test_claims_counts_of_people() -> None:
    text = "أسفر القصف عن مقتل 17 شخصا وإصابة نحو 40 آخرين، واعتقل الأمن عشرات المتظاهرين."
    assert figures(text) == [
        (17, None, "killed", None),
        (40, None, "wounded", "about"),
        (10, None, "protesters", "tens of"),
    ]
    assert figures("Shelling killed at least 12 people and 30 were wounded.")[0] == (
        12,
        None,
        "killed",
        "at least",
    )
    assert figures("Dozens of protesters gathered outside.") == [
        (12, None, "protesters", "dozens of")
    ]


def test_claims_money_with_scale_and_number_words() -> None:
    assert figures("خصصت الحكومة 500 مليون دولار للإعمار.") == [(500e6, None, "USD", None)]
    assert figures("ستدفع الجمعية ثلاثة آلاف دولار لكل أسرة.") == [(3000, None, "USD", None)]
    assert figures("The fund pledged $2 billion to the agency.") == [(2e9, None, "USD", None)]


def test_claims_years_dates_times_and_labels_are_not_claims() -> None:
    text = (
        "وقع الاتفاق عام 2015 في 24/3/2016 عند الساعة 10:30، وفق المادة 5 من القرار 2254، "
        "واتصلوا على الرقم 0501234567. The talks began in 1998 and resumed on March 3."
    )
    assert figures(text) == []


def test_claims_speaker_from_reported_speech() -> None:
    text = "وقال الوزير إن الصادرات زادت بنسبة 30% هذا العام. وارتفع الدين بنسبة 5%."
    doc = make_doc(text)
    q_start = text.index("الصادرات")
    speaker = ArgRef(0, "EGY", "GOV", None, 5, 11)
    quote = Quote(speaker, "indirect", q_start, text.index(" هذا العام"), Span(1, 4), 0)
    doc = replace(doc, quotes=(quote,))
    got = find_claims(doc, claim_lexicon())
    assert [(c.value, c.speaker) for c in got] == [(30, 0), (5, None)]


def test_claims_seed_figures_are_kerrys() -> None:
    path = SHARED / "seed" / "000_98d78d77fcb958ba.txt"
    if not path.is_file():
        pytest.skip("shared seed not available")
    text = path.read_text(encoding="utf-8")
    doc = make_doc(text)
    # Kerry's two indirect statements, as the quotes stage finds them
    spans = []
    for first, last in (("مستوى العنف", "على الهدنة"), ("رغم هشاشة", "85% إلى 90%")):
        s = text.index(first)
        spans.append((s, text.index(last, s) + len(last)))
    kerry = ArgRef(0, "USA", "GOV", None, 0, 4)
    doc = replace(doc, quotes=tuple(Quote(kerry, "indirect", s, e, None, 0) for s, e in spans))
    got: list[Claim] = find_claims(doc, claim_lexicon())
    assert [(c.value, c.value_max, c.unit, c.qualifier, c.speaker) for c in got] == [
        (85, None, "%", "more than", 0),
        (85, 90, "%", None, 0),
    ]
