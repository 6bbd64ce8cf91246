"""Stage: which events each related-story summary holds."""

from __future__ import annotations

from dataclasses import replace

from hadath.context import Context
from hadath.model import Document


def related_events(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    if not doc.related:
        return doc
    related = []
    for r in doc.related:
        idx = tuple(
            i
            for i, e in enumerate(doc.events)
            if r.summary_start <= e.trigger.start < r.summary_end
        )
        related.append(replace(r, events=idx))
    return replace(doc, related=tuple(related))
