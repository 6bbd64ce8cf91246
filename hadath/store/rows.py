"""Flattening a SCHEMA record into the rows of the store's tables.

Pure functions: a record that cannot be flattened raises ``ValueError`` and
is reported as a failure before anything touches the database.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from hadath.store.cameo import CameoTables
from hadath.store.happenings import assign
from hadath.store.normalize import fold
from hadath.store.schema import FACET_VALUES, happening_row

Row = tuple[Any, ...]
_SPACE = re.compile(r"\s+")

# The columns of an events row, in the order :func:`flatten` writes them (the table's
# columns after ``doc``); the PostgreSQL backend inserts them by these names.
EVENT_ROW = (
    "idx", "type", "mode", "cameo", "cameo_used", "quad", "goldstein",
    "source_actor", "source_country", "source_org", "source_sector", "source_start",
    "source_end", "target_actor", "target_country", "target_org", "target_sector",
    "target_start", "target_end", "status", "date", "date_from", "day", "place_name",
    "place_name_ar", "place_country", "lat", "lon", "sentence", "sentence_start",
    "sentence_end", "sentence_text", "trigger_start", "trigger_end", "rule", "confidence",
    "happening",
)  # fmt: skip
_EVENT_AT = {name: i for i, name in enumerate(EVENT_ROW)}
_FACET_AT = tuple(_EVENT_AT[c] for c in FACET_VALUES)


def _sql_order(value: Any) -> tuple[int, Any]:
    """SQL's order of a value for MAX(): NULL, then numbers, then text, then anything else."""
    if value is None:
        return (0, 0)
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, str):
        return (2, value)
    return (3, repr(value))


def facet_rows(events: list[Row], outlet: Any) -> list[Row]:
    """The ``happening_facets`` rows of one document's events rows, without ``doc``.

    The rows migration 3 makes of a stored document (its ``GROUP BY``): events
    of one happening with the same values share a row, whose ``idx`` is the
    first of them and ``confidence`` the highest (NULL only when none has one).
    """
    at_idx, at_happening = _EVENT_AT["idx"], _EVENT_AT["happening"]
    at_confidence = _EVENT_AT["confidence"]
    groups: dict[Any, list[Any]] = {}
    for n, event in enumerate(events):
        values = tuple(event[i] for i in _FACET_AT)
        idx, happening, confidence = event[at_idx], event[at_happening], event[at_confidence]
        key: Any = (happening, idx if happening is None else None, values)
        try:
            hash(key)
        except TypeError:  # a value the store will refuse anyway: a row of its own
            key = n
        group = groups.get(key)
        if group is None:
            groups[key] = [idx, happening, values, confidence]
            continue
        if _sql_order(idx) < _sql_order(group[0]):
            group[0] = idx
        if _sql_order(confidence) > _sql_order(group[3]):
            group[3] = confidence
    return [(idx, h, *values, outlet, conf) for idx, h, values, conf in groups.values()]


def text_hash(text: str) -> str:
    """sha1 of the text with Unicode composed and white space collapsed."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class DocumentRows:
    id: str
    text_hash: str
    document: Row  # without rowid, in documents column order after rowid
    search: tuple[str, str, str]
    segments: list[Row]
    actors: list[Row]
    events: list[Row]
    quotes: list[Row]
    claims: list[Row]
    happenings: list[Row]  # one per distinct happening of the events
    facets: list[Row]  # the happening_facets rows (facet_rows), no doc


def _dict(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not an object")
    return value


def _list(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = record.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"'{key}' is not a list of objects")
    return value


def _span(text: str, start: Any, end: Any) -> str | None:
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text):
        return text[start:end]
    return None


def quoted_text(text: str, spans: list[tuple[Any, Any]]) -> str:
    """The text of the quotes, each stretch once: overlapping quotes are merged.

    Quotes can nest (each "said" of a sentence opening one that runs to its end), so
    their texts one by one can be far longer than the document: 1,002 quotes of an
    11 kB text came to 5.5 MB, and FTS5's snippet over that column ran for minutes.
    """
    merged: list[list[int]] = []
    for start, end in sorted(
        (s, e) for s, e in spans if isinstance(s, int) and isinstance(e, int) and 0 <= s < e
    ):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return "\n".join(text[s:e] for s, e in merged)


def _party(party: dict[str, Any]) -> Row:
    return (
        party.get("actor"),
        party.get("country"),
        party.get("org"),
        party.get("sector"),
        party.get("start"),
        party.get("end"),
    )


def flatten(record: dict[str, Any], tables: CameoTables) -> DocumentRows:
    if not isinstance(record, dict):
        raise ValueError("record is not an object")
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("record has no 'text'")
    doc_id = record.get("id")
    thash = text_hash(text)
    if doc_id is None or doc_id == "":
        doc_id = thash
    doc_id = str(doc_id)
    source = _dict(record.get("source"), "'source'")
    published = record.get("published")
    sentences = _list(record, "sentences")

    def sentence(index: Any) -> tuple[Any, Any, str | None]:
        if isinstance(index, int) and 0 <= index < len(sentences):
            s = sentences[index]
            return s.get("start"), s.get("end"), _span(text, s.get("start"), s.get("end"))
        return None, None, None

    segments = [
        (i, s.get("kind"), s.get("lang"), s.get("start"), s.get("end"))
        for i, s in enumerate(_list(record, "segments"))
    ]
    actors = [
        (
            i,
            a.get("name"),
            a.get("name_ar"),
            a.get("kind"),
            a.get("country"),
            a.get("sector"),
            a.get("org"),
            a.get("role"),
            a.get("kb"),
            len(a.get("mentions") or []),
        )
        for i, a in enumerate(_list(record, "actors"))
    ]
    events: list[Row] = []
    found = assign(record)
    for i, e in enumerate(_list(record, "events")):
        ptype = e.get("type")
        code = tables.code_for(ptype, e.get("cameo"))
        place = _dict(e.get("place"), "event 'place'")
        trigger = _dict(e.get("trigger"), "event 'trigger'")
        s_start, s_end, s_text = sentence(e.get("sentence"))
        date = e.get("date")
        events.append(
            (
                i,
                ptype,
                e.get("mode"),
                e.get("cameo"),
                code,
                tables.quad_of(ptype, code),
                tables.score(code),
                *_party(_dict(e.get("source"), "event 'source'")),
                *_party(_dict(e.get("target"), "event 'target'")),
                e.get("status"),
                date,
                e.get("date_from"),
                date or published,
                place.get("name"),
                place.get("name_ar"),
                place.get("country"),
                place.get("lat"),
                place.get("lon"),
                e.get("sentence"),
                s_start,
                s_end,
                s_text,
                trigger.get("start"),
                trigger.get("end"),
                e.get("rule"),
                e.get("confidence"),
                found[i].id,
            )
        )
    happenings = list({h.id: happening_row(h) for h in found}.values())
    quotes: list[Row] = []
    for i, q in enumerate(_list(record, "quotes")):
        sp = _dict(q.get("speaker"), "quote 'speaker'")
        cue = _dict(q.get("cue"), "quote 'cue'")
        code = (sp.get("country") or sp.get("org") or "") + (sp.get("sector") or "")
        quotes.append(
            (
                i,
                sp.get("actor"),
                sp.get("country"),
                sp.get("org"),
                sp.get("sector"),
                code or None,
                q.get("kind"),
                q.get("start"),
                q.get("end"),
                _span(text, q.get("start"), q.get("end")),
                cue.get("start"),
                cue.get("end"),
                q.get("sentence"),
            )
        )
    claims = [
        (
            i,
            c.get("start"),
            c.get("end"),
            c.get("value"),
            c.get("value_max"),
            c.get("unit"),
            c.get("qualifier"),
            c.get("speaker"),
            _span(text, c.get("start"), c.get("end")),
            c.get("sentence"),
        )
        for i, c in enumerate(_list(record, "claims"))
    ]
    title = record.get("title")
    quote_text = quoted_text(text, [(q[7], q[8]) for q in quotes if q[9]])
    document = (
        doc_id,
        thash,
        title,
        record.get("language"),
        published,
        record.get("outlet"),
        source.get("path"),
        source.get("url"),
        source.get("format"),
        len(events),
        json.dumps(record, ensure_ascii=False, separators=(",", ":")),
    )
    return DocumentRows(
        doc_id,
        thash,
        document,
        (fold(title or ""), fold(text), fold(quote_text)),
        segments,
        actors,
        events,
        quotes,
        claims,
        happenings,
        facet_rows(events, record.get("outlet")),
    )
