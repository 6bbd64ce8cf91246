"""Stage: sentences, within segments so that no sentence crosses a caption or a title."""

from __future__ import annotations

from dataclasses import replace

from hadath.context import Context
from hadath.model import Document, Sentence
from hadath.text.sentences import split_sentences


def find_sentences(doc: Document) -> list[Sentence]:
    out: list[Sentence] = []
    for i, seg in enumerate(doc.segments):
        for s, e in split_sentences(doc.text, seg.start, seg.end):
            out.append(Sentence(s, e, i))
    return out


def sentences(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    return replace(doc, sentences=tuple(find_sentences(doc)))
