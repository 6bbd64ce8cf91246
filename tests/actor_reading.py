"""Reading a sentence we wrote through the actor, quote and event stages, and finding the actor
on its words: shared by the actor tests (tests/ is on the path, as for warc_records)."""

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
