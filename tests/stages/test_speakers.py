"""The learned speaker's candidates: each quote's own, read from views made once per document."""

from __future__ import annotations

from dataclasses import replace

from hadath.api import read_document
from hadath.context import Context
from hadath.stages.quotes import MAX_QUOTES_PER_SENTENCE, find_quotes, quote_cues
from hadath.stages.speakers import NEAREST, Around, candidates, decide

_PARAGRAPH = (
    "قال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مع واشنطن كانت مثمرة.\n"
    'وأضاف الوزير: "سنواصل العمل مع شركائنا من أجل وقف إطلاق النار".\n'
    "The US Secretary of State said on Monday that the talks would resume next week.\n"
)


def test_speakers_candidates_the_same_from_the_shared_view() -> None:
    doc = read_document(_PARAGRAPH * 6, ctx=Context(learned=True))
    quoted = [q for q in doc.quotes if q.cue is not None]
    assert len(quoted) >= 6
    around = Around(doc)
    for q in quoted:
        assert candidates(doc, q, around) == candidates(doc, q)
    # each copy of the paragraph offers its own mentions, not those of copies far before it
    for q in quoted:
        assert all(q.cue.start - c.start < 2 * len(_PARAGRAPH) for c in candidates(doc, q))


def test_speakers_segment_kind_when_segments_overlap() -> None:
    doc = read_document(_PARAGRAPH, ctx=Context(learned=True))
    first = doc.segments[0]
    # a segment list out of reading order is still read as the first segment holding a place
    shuffled = replace(doc, segments=(replace(first, kind="caption"), *doc.segments))
    around = Around(shuffled)
    assert around.segment_kind(first.start) == "caption"
    assert Around(doc).segment_kind(first.start) == first.kind
    assert Around(doc).segment_kind(len(doc.text) + 5) is None


def test_speakers_a_sentence_of_many_reports_gives_each_quote_its_own_speaker() -> None:
    # one sentence of 2,000 reports: every quote could weigh 2,000 mentions of Kerry; each
    # weighs the nearest on either side and is given the Kerry right before its own cue
    text = "Talks\n\n" + 'Kerry said that "a b" and ' * 2000
    ctx = Context(learned=True)
    doc = read_document(text, ctx=ctx)
    assert doc.actors[0].name == "John Kerry" and len(doc.actors[0].mentions) == 2000
    found = find_quotes(doc, quote_cues())
    assert len(found) == MAX_QUOTES_PER_SENTENCE
    models = ctx.models()
    assert models is not None
    for q in decide(doc, found, models.speaker):
        assert q.cue is not None and q.speaker is not None
        assert text[q.speaker.start : q.cue.start] == "Kerry "
        assert text[q.start : q.end] == "a b"
        assert len(candidates(doc, q)) <= 2 * NEAREST + 1
