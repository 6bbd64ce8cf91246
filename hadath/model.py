"""The document model: one text, many labelled slices.

Every record holds code-point offsets into ``Document.text`` and indexes into
the document's other lists (actor 0, sentence 7), never object references, so
a document pickles for Dask and maps one-to-one onto the SCHEMA.md record.
Stages return new documents with ``dataclasses.replace``; nothing is mutated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SegmentKind = Literal[
    "title", "lede", "body", "caption", "credit", "source", "related", "furniture"
]
Status = Literal["occurred", "planned", "expected", "negated", "hypothetical"]

SEGMENT_KINDS: tuple[str, ...] = (
    "title",
    "lede",
    "body",
    "caption",
    "credit",
    "source",
    "related",
    "furniture",
)
STATUSES: tuple[str, ...] = ("occurred", "planned", "expected", "negated", "hypothetical")
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
SECTORS: tuple[str, ...] = (
    "GOV",
    "MIL",
    "POL",
    "JUD",
    "LEG",
    "PTY",
    "REB",
    "OPP",
    "CVL",
    "MED",
    "BUS",
    "NGO",
    "IGO",
    "REL",
)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str
    lang: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    segment: int


@dataclass(frozen=True, slots=True)
class Related:
    summary_start: int
    summary_end: int
    published: str | None
    events: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    name_ar: str | None
    kind: str  # person | organisation | country | group
    country: str | None
    sector: str | None
    org: str | None
    role: str | None
    kb: str | None
    mentions: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class ArgRef:
    """An event argument or a speaker: the actor, its code and the words naming it."""

    actor: int | None
    country: str | None
    sector: str | None
    org: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    name_ar: str | None
    country: str | None
    lat: float | None
    lon: float | None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    type: str
    mode: str | None
    cameo: str | None
    source: ArgRef | None
    target: ArgRef | None
    status: str
    date: str | None
    date_from: str | None
    place: Place | None
    sentence: int
    trigger: Span
    rule: str
    confidence: float
    quote: int | None = None  # index of the quote the event sits in, if any
    speaker: int | None = None  # actor index of that quote's speaker
    # the model features that weighed most, with their weights (only when asked to explain)
    why: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: ArgRef | None
    kind: str  # direct | indirect
    start: int
    end: int
    cue: Span | None
    sentence: int
    why: tuple[tuple[str, float], ...] = ()  # as for events: only when asked to explain


@dataclass(frozen=True, slots=True)
class Claim:
    start: int
    end: int
    value: float | None
    unit: str | None
    speaker: int | None
    qualifier: str | None = None
    value_max: float | None = None
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Source:
    path: str | None
    url: str | None
    format: str  # text | html | warc | jsonl


@dataclass(frozen=True, slots=True)
class Block:
    """A reader's hint about a stretch of ``text``: what the page markup said it was."""

    start: int
    end: int
    hint: str  # e.g. "title", "caption", "byline", "related", "furniture", "body"
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    source: Source
    text: str
    language: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    outlet: str | None = None
    country: str | None = None  # the country the story is about, when one clearly dominates
    blocks: tuple[Block, ...] = ()
    meta_published: str | None = None  # date from HTML metadata or the input record
    segments: tuple[Segment, ...] = ()
    related: tuple[Related, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def slice(self, start: int, end: int) -> str:
        return self.text[start:end]


def _arg(a: ArgRef | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "actor": a.actor,
        "country": a.country,
        "sector": a.sector,
        "org": a.org,
        "start": a.start,
        "end": a.end,
    }


def _place(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "name": p.name,
        "name_ar": p.name_ar,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "start": p.start,
        "end": p.end,
    }


def _why(why: tuple[tuple[str, float], ...]) -> dict[str, Any]:
    """The ``why`` field of an explained decision; nothing when it was not asked for."""
    return {"why": [[f, round(w, 3)] for f, w in why]} if why else {}


def to_record(doc: Document) -> dict[str, Any]:
    """The SCHEMA.md record of a document (plain JSON types)."""
    return {
        "id": doc.id,
        "source": {"path": doc.source.path, "url": doc.source.url, "format": doc.source.format},
        "text": doc.text,
        "language": doc.language,
        "title": doc.title,
        "published": doc.published,
        "published_from": doc.published_from,
        "outlet": doc.outlet,
        "country": doc.country,
        "segments": [
            {"kind": s.kind, "lang": s.lang, "start": s.start, "end": s.end} for s in doc.segments
        ],
        "related": [
            {
                "summary_start": r.summary_start,
                "summary_end": r.summary_end,
                "published": r.published,
                "events": list(r.events),
            }
            for r in doc.related
        ],
        "sentences": [
            {"start": s.start, "end": s.end, "segment": s.segment} for s in doc.sentences
        ],
        "actors": [
            {
                "name": a.name,
                "name_ar": a.name_ar,
                "kind": a.kind,
                "country": a.country,
                "sector": a.sector,
                "org": a.org,
                "role": a.role,
                "kb": a.kb,
                "mentions": [{"start": m.start, "end": m.end} for m in a.mentions],
            }
            for a in doc.actors
        ],
        "events": [
            {
                "type": e.type,
                "mode": e.mode,
                "cameo": e.cameo,
                "source": _arg(e.source),
                "target": _arg(e.target),
                "status": e.status,
                "date": e.date,
                "date_from": e.date_from,
                "place": _place(e.place),
                "sentence": e.sentence,
                "trigger": {"start": e.trigger.start, "end": e.trigger.end},
                "rule": e.rule,
                "confidence": round(e.confidence, 3),
                "quote": e.quote,
                "speaker": e.speaker,
                **_why(e.why),
            }
            for e in doc.events
        ],
        "quotes": [
            {
                "speaker": _arg(q.speaker),
                "kind": q.kind,
                "start": q.start,
                "end": q.end,
                "cue": None if q.cue is None else {"start": q.cue.start, "end": q.cue.end},
                "sentence": q.sentence,
                **_why(q.why),
            }
            for q in doc.quotes
        ],
        "claims": [
            {
                "start": c.start,
                "end": c.end,
                "value": c.value,
                "value_max": c.value_max,
                "unit": c.unit,
                "qualifier": c.qualifier,
                "speaker": c.speaker,
                "sentence": c.sentence,
            }
            for c in doc.claims
        ],
        "warnings": list(doc.warnings),
    }
