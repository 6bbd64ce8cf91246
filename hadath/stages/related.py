"""Stage: which events each related-story summary holds."""

from __future__ import annotations

import itertools
from bisect import bisect_left
from dataclasses import replace

from hadath.context import Context
from hadath.model import Document


def related_events(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    if not doc.related:
        return doc
    related = []
    starts = [e.trigger.start for e in doc.events]
    ordered = all(a <= b for a, b in itertools.pairwise(starts))
    for r in doc.related:
        # events in trigger order (as they are): the summary's are one run, found by bisection
        lo, hi = (
            (bisect_left(starts, r.summary_start), bisect_left(starts, r.summary_end))
            if ordered
            else (0, len(starts))
        )
        idx = tuple(i for i in range(lo, hi) if r.summary_start <= starts[i] < r.summary_end)
        related.append(replace(r, events=idx))
    return replace(doc, related=tuple(related))
