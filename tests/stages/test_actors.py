"""Actors: phrases, coreference and coding on sentences we wrote, dated as the news would be."""

from __future__ import annotations

from dataclasses import replace

from hadath.context import Context
from hadath.model import Actor, Document, Source
from hadath.pipeline import run
from hadath.stages.actors import actors
from hadath.stages.events import events
from hadath.stages.layout import layout
from hadath.stages.quotes import quotes
from hadath.stages.sentences import sentences


def read(text: str, ctx: Context, published: str | None = None) -> Document:
    """The document (a title line, then ``text``) after the actor, quote and event stages."""
    doc = Document("t", Source(None, None, "text"), "خبر\n\n" + text)
    doc = run(doc, ctx, (layout, sentences))
    return run(replace(doc, published=published), ctx, (actors, quotes, events))


def actor_at(doc: Document, words: str) -> Actor:
    """The actor with a mention on the first occurrence of ``words``."""
    at = doc.text.index(words)
    for a in doc.actors:
        if any(m.start <= at < m.end for m in a.mentions):
            return a
    raise AssertionError(f"no actor on {words!r}: {[a.name for a in doc.actors]}")


def speakers(doc: Document) -> list[tuple[str, str | None]]:
    """(quoted words, speaker's country-or-org) of each quote."""
    out = []
    for q in doc.quotes:
        sp = None if q.speaker is None else (q.speaker.country or q.speaker.org)
        out.append((doc.text[q.start : q.end], sp))
    return out


def test_actors_candidate_before_taking_office(ctx: Context) -> None:
    doc = read("قال دونالد ترامب في مقابلة إن الحملة تسير على نحو جيد.", ctx, "2015-09-01")
    trump = actor_at(doc, "دونالد ترامب")
    assert (trump.country, trump.sector, trump.kb) == ("USA", "PTY", "hadath:person/donald-trump")
    assert speakers(doc) == [("الحملة تسير على نحو جيد", "USA")]


def test_actors_former_president_keeps_his_country(ctx: Context) -> None:
    doc = read("وقال حسني مبارك إن صحته جيدة.", ctx, "2015-09-01")
    mubarak = actor_at(doc, "حسني مبارك")
    assert mubarak.country == "EGY" and mubarak.kb == "hadath:person/hosni-mubarak"
