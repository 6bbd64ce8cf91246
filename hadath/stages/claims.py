"""Stage: figures stated in the text (placeholder until the claim finder lands)."""

from __future__ import annotations

from hadath.context import Context
from hadath.model import Document


def claims(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    return doc
