"""The shipped weights: they load offline, and the learned path explains what it keeps."""

from __future__ import annotations

import pytest

from hadath.api import process
from hadath.context import Context
from hadath.readers import from_text
from hadath.stages.decide import Models

# a sentence we wrote
TEXT = "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان أمس."


def test_shipped_models_load_all_six() -> None:
    models = Models.load()
    assert models is not None
    assert models.keys is not None and models.quotes is not None
    assert all(0.0 < m.threshold < 1.0 for m in (models.eventness, models.keys, models.quotes))


def test_learned_path_is_on_by_default_and_off_with_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HADATH_LEARNED", raising=False)
    assert Context().learned and Context().models() is not None
    for off in ("0", "false", "No", " off "):
        monkeypatch.setenv("HADATH_LEARNED", off)
        assert Context().models() is None, off
    monkeypatch.setenv("HADATH_LEARNED", "1")
    assert Context().models() is not None
    monkeypatch.setenv("HADATH_LEARNED", "0")
    assert Context(learned=True).models() is not None, "an explicit choice wins"


def test_learned_path_explains_what_it_keeps() -> None:
    ctx = Context(learned=True, explain=True)
    models = ctx.models()
    assert models is not None
    doc = process(from_text(TEXT, id="x", fmt="text"), ctx)
    assert doc.events, "the meeting is read"
    for e in doc.events:
        assert e.confidence >= models.eventness.threshold - 1e-3
        assert e.why, "each learned event says which features weighed most"
