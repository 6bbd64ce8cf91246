"""Stage: who said what (placeholder until the quote finder lands)."""

from __future__ import annotations

from hadath.context import Context
from hadath.model import Document


def quotes(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    return doc
