"""Response and request bodies of the HTTP API, as OpenAPI documents them.

Responses are the store's plain dicts; these models describe them. Every
model allows extra fields, because records may gain fields (SCHEMA.md).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_BODY = 2 * 1024 * 1024  # bytes of a request body; larger gets 413


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorMessage(BaseModel):
    detail: Any = Field(description="what was wrong with the request")


# ---- the SCHEMA record -------------------------------------------------------


class Span(_Open):
    start: int
    end: int


class Party(_Open):
    actor: int | None = None
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    start: int | None = None
    end: int | None = None


class Segment(_Open):
    kind: str = Field(description="title, lede, body, caption, credit, source, related, furniture")
    lang: str | None = None
    start: int
    end: int


class Sentence(_Open):
    start: int
    end: int
    segment: int | None = None


class Actor(_Open):
    name: str | None = None
    name_ar: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    role: str | None = None
    kb: str | None = None
    mentions: list[Span] = []


class Place(_Open):
    name: str | None = None
    name_ar: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class Event(_Open):
    type: str | None = Field(None, description="PLOVER event type")
    mode: str | None = None
    cameo: str | None = None
    source: Party | None = None
    target: Party | None = None
    status: str | None = None
    date: str | None = None
    date_from: str | None = None
    place: Place | None = None
    sentence: int | None = None
    trigger: Span | None = None
    rule: str | None = None
    confidence: float | None = None


class Quote(_Open):
    speaker: Party | None = None
    kind: str | None = None
    start: int
    end: int
    cue: Span | None = None
    sentence: int | None = None


class Record(_Open):
    """A document record as SCHEMA.md defines it; offsets are code points into ``text``."""

    id: str
    source: dict[str, Any] | None = None
    text: str
    language: str | None = None
    title: str | None = None
    published: str | None = None
    published_from: str | None = None
    outlet: str | None = None
    segments: list[Segment] = []
    related: list[dict[str, Any]] = []
    sentences: list[Sentence] = []
    actors: list[Actor] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    claims: list[dict[str, Any]] = []


# ---- store rows --------------------------------------------------------------


class DocumentSummary(_Open):
    id: str
    title: str | None = None
    language: str | None = None
    published: str | None = None
    outlet: str | None = None
    path: str | None = None
    url: str | None = None
    format: str | None = None
    n_events: int = 0
    added: str | None = None


class DocumentList(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class SearchHit(_Open):
    id: str
    title: str | None = None
    language: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    score: float
    snippet: str = Field(description="original text around the match (plain text, not HTML)")
    highlights: list[list[int]] = Field(description="[start, end) of matched words in snippet")


class SearchResults(BaseModel):
    query: str
    limit: int
    offset: int
    items: list[SearchHit]


class EventRow(_Open):
    """One event mention, with its document and sentence."""

    doc_id: str
    event: int = Field(description="index of the event in its record")
    type: str | None = None
    cameo_used: str | None = Field(None, description="own CAMEO code, else the type's default")
    quad: int | None = Field(None, description="PLOVER quad class 1..4")
    goldstein: float | None = None
    source_country: str | None = None
    source_org: str | None = None
    source_sector: str | None = None
    target_country: str | None = None
    target_org: str | None = None
    target_sector: str | None = None
    status: str | None = None
    date: str | None = None
    day: str | None = None
    place_name: str | None = None
    place_country: str | None = None
    sentence_text: str | None = None
    confidence: float | None = Field(None, description="how sure hadath is of the event (0-1)")
    happening: str | None = Field(None, description="id of the happening it mentions")


class Evidence(_Open):
    doc_id: str
    event: int
    sentence: str | None = None


class DedupEvent(_Open):
    """One happening (type, status, pair of parties in either order, day), its mentions as
    evidence; the other columns are those of its most confident mention."""

    happening: str
    day: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    status: str | None = None
    parties: list[str] = Field(default_factory=list, description="codes of its two sides")
    mutual: bool = Field(False, description="mentions run both ways (A -> B and B -> A)")
    mentions: int
    documents: int
    confidence: float | None = None
    evidence: list[Evidence]


class EventList(BaseModel):
    dedup: bool = Field(description="one row per happening")
    limit: int
    offset: int
    sort: str = Field("date", description="date (oldest first) or confidence (highest first)")
    items: list[EventRow | DedupEvent]


class ActorRow(_Open):
    doc_id: str
    actor: int
    name: str | None = None
    name_ar: str | None = None
    kind: str | None = None
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    role: str | None = None
    mentions: int | None = None


class ActorList(BaseModel):
    limit: int
    offset: int
    items: list[ActorRow]


class QuoteRow(_Open):
    doc_id: str
    quote: int
    speaker_code: str | None = None
    kind: str | None = None
    text: str | None = None
    published: str | None = None


class QuoteList(BaseModel):
    limit: int
    offset: int
    items: list[QuoteRow]


class SeriesRow(_Open):
    period: str
    events: int
    goldstein: float | None = None
    goldstein_mean: float | None = None
    source: str | None = None
    target: str | None = None
    quad: int | None = None
    quad_name: str | None = None
    type: str | None = None


class Series(BaseModel):
    period: str
    by: str
    items: list[SeriesRow]


class FacetValue(BaseModel):
    value: str
    count: int = Field(description="happenings (or mentions) with this value")


class Facets(BaseModel):
    dedup: bool = Field(description="counts of happenings (true) or of event mentions")
    total: int = Field(description="happenings (or mentions) matching the filters")
    facets: dict[str, list[FacetValue]] = Field(
        description="type, status, source, target, sector, place, outlet: top values, commonest"
        " first; each value's filter (type=, source=, place=, ...) finds its count"
    )


class PlacePoint(BaseModel):
    name: str
    name_ar: str
    country: str
    lat: float
    lon: float
    total: int
    quad: int = Field(description="the commonest quad class (0: none known)")
    quads: dict[str, int] = Field(description="count per quad class")


class Places(BaseModel):
    dedup: bool
    items: list[PlacePoint]


class Stored(BaseModel):
    id: str
    stored: bool = Field(description="false when the same document was already stored")
    events: int


# ---- requests ----------------------------------------------------------------


class ReadRequest(BaseModel):
    """A document as plain text, or as HTML with the URL it came from.

    Exactly one of ``text`` and ``html`` (a null counts as absent); ``url`` only
    with ``html``. A text or page with nothing to read (blank, or a page with no
    article text) gets a 400.
    """

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "oneOf": [
                {
                    "required": ["text"],
                    "properties": {
                        "text": {"type": "string", "pattern": r"\S"},
                        "html": {"type": "null"},
                        "url": {"type": "null"},
                    },
                },
                {
                    "required": ["html"],
                    "properties": {
                        "html": {"type": "string", "pattern": r"\S"},
                        "text": {"type": "null"},
                    },
                },
            ]
        },
    )

    text: str | None = Field(None, description="plain text of an article")
    html: str | None = Field(None, description="HTML of a news page")
    url: str | None = Field(None, max_length=2048, description="where the HTML came from")

    @model_validator(mode="after")
    def _one_input(self) -> ReadRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError('give exactly one of "text" or "html"')
        if self.text is not None and self.url is not None:
            raise ValueError('"url" goes with "html"')
        return self
