"""The pipeline: a bare document through every stage, in one readable order."""

from __future__ import annotations

from collections.abc import Callable

from hadath.context import Context
from hadath.model import Document
from hadath.stages.actors import actors
from hadath.stages.claims import claims
from hadath.stages.events import events
from hadath.stages.layout import layout
from hadath.stages.published import published
from hadath.stages.quotes import quotes
from hadath.stages.related import related_events
from hadath.stages.sentences import sentences

Stage = Callable[[Document, Context], Document]

# Order matters: quotes need actors for speakers; events need quotes to know
# what is reported speech; claims need quotes for their speakers.
DEFAULT_STAGES: tuple[Stage, ...] = (
    layout,
    sentences,
    published,
    actors,
    quotes,
    events,
    claims,
    related_events,
)


def run(doc: Document, ctx: Context, stages: tuple[Stage, ...] = DEFAULT_STAGES) -> Document:
    for stage in stages:
        doc = stage(doc, ctx)
    return doc
