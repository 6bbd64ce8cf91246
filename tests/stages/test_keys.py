"""The document-level filters: keys (type, source, target) and quotes the document reports."""

from __future__ import annotations

from dataclasses import replace

from hadath.api import process
from hadath.context import Context
from hadath.learn.linear import LinearModel
from hadath.readers import from_text
from hadath.stages.keys import filter_keys, filter_quotes, key_of, keyed, quoted

# sentences we wrote
TEXT = (
    "التقى وزير الخارجية المصري سامح شكري نظيره الأردني أيمن الصفدي في عمان أمس.\n\n"
    'وقال شكري إن "المحادثات كانت مثمرة وصريحة".\n\n'
    "واندلعت اشتباكات في المدينة."
)


def _doc():  # type: ignore[no-untyped-def]
    return process(from_text(TEXT, id="keys", fmt="text"), Context(learned=False))


def _model(name: str, weights: dict[str, float]) -> LinearModel:
    return LinearModel(name, weights, 0.0, 0.5, {})


def test_keys_name_how_the_sides_are_filled() -> None:
    doc = _doc()
    feats = dict(keyed(doc, doc.events))
    consult = [k for k in feats if k[0] == "CONSULT"]
    assert ("CONSULT", "EGY", "JOR") in consult
    assert "sides=both" in feats[("CONSULT", "EGY", "JOR")]
    assert "type_sides=CONSULT:both" in feats[("CONSULT", "EGY", "JOR")]


def test_keys_filter_drops_every_event_of_a_low_key_and_keeps_the_rest() -> None:
    doc = _doc()
    one_sided = replace(doc.events[0], target=None)
    events = [*doc.events, one_sided]
    kept = filter_keys(doc, events, _model("keys", {"sides=no_target": -5.0}))
    assert one_sided not in kept
    assert [e for e in events if key_of(e)[2] is not None] == kept


def test_quote_filter_drops_a_quote_nobody_is_found_to_say() -> None:
    doc = _doc()
    said = [q for q in doc.quotes if q.speaker is not None]
    assert said, "the rules find Shoukry's quote"
    nobody = replace(said[0], speaker=None)
    feats = quoted(doc, [said[0], nobody])
    assert "speaker=coded" in feats[0] and "speaker=none" in feats[1]
    kept = filter_quotes(doc, [said[0], nobody], _model("quotes", {"speaker=none": -5.0}))
    assert kept == [said[0]]


def test_keys_filter_leaves_a_one_sentence_document_to_the_eventness_model() -> None:
    # fitted on articles, the key filter has nothing to weigh a key across in one sentence
    doc = process(
        from_text("شنت طائرات حربية غارات على مواقع في ريف إدلب.", id="one", fmt="text"),
        Context(learned=False),
    )
    assert len(doc.sentences) == 1 and doc.events
    events = [replace(e, source=None) for e in doc.events]
    assert filter_keys(doc, events, _model("keys", {"sides=no_source": -5.0})) == events
