"""PLOVER JSON records in the layout of the PLOVER manual's "PLOVER JSON" table.

One record per happening (``hadath.store.happenings``), not per mention: the
manual writes an event once, with lists of entities as ``actor`` and
``recipient``. A mutual act (its mentions run both ways: "Kerry and Lavrov
held talks") has every party as ``actor`` and no ``recipient``, as the manual
codes a meeting with no host or visitor. Entities, the location, the text and
the citation are the manual's objects (entity, location, textInfo, citeInfo).

Fields beyond the manual's, which it allows ("Providers should feel free to
include named fields beyond those provided here"), are listed in ``EXTRA_FIELDS``:
``status`` (hadath's, e.g. planned or negated), ``confidence`` (the highest of
its mentions), ``mentions``, ``documents`` and ``evidence`` (every mention:
document, event index, sentence, trigger, direction, confidence, publication).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import Any

from hadath import __version__

EXTRA_FIELDS = ("status", "confidence", "mentions", "documents", "evidence")
Meta = Callable[[str], dict[str, Any]]

# context from the parties' sectors (the manual's general contexts of the same name)
_SECTOR_CONTEXT = {"MIL": "military", "JUD": "legal", "LEG": "legislative"}
_DIPLOMATS = {"GOV", "IGO", None}


def dates(day: str) -> tuple[str, str | None]:
    """``date`` and ``enddate``: a day, or the first and last day of a month or year."""
    if len(day) >= 10:
        return day[:10], None
    year = int(day[:4])
    if len(day) == 7:
        month = int(day[5:7])
        last = calendar.monthrange(year, month)[1]
        return f"{day[:7]}-01", f"{day[:7]}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def _span(text: str | None, start: Any, end: Any) -> str | None:
    if isinstance(text, str) and isinstance(start, int) and isinstance(end, int):
        return text[start:end] or None
    return None


def _entity(row: dict[str, Any], side: str, text: str | None) -> dict[str, Any] | None:
    code = row[f"{side}_country"] or row[f"{side}_org"]
    sector = row[f"{side}_sector"]
    if code is None and sector is None:
        return None
    entity: dict[str, Any] = {"code": code, "sector": sector}
    if row[f"{side}_org"] and row[f"{side}_country"]:
        entity["identifier_text"] = row[f"{side}_org"]
    words = _span(text, row[f"{side}_start"], row[f"{side}_end"])
    if words:
        entity["entity_text"] = words
    return entity


def _add(entities: list[dict[str, Any]], entity: dict[str, Any] | None) -> None:
    if entity is None:
        return
    if not any((e["code"], e["sector"]) == (entity["code"], entity["sector"]) for e in entities):
        entities.append(entity)


def _context(ptype: str | None, quad: Any, parties: list[dict[str, Any]]) -> list[str]:
    found = [_SECTOR_CONTEXT[p["sector"]] for p in parties if p["sector"] in _SECTOR_CONTEXT]
    codes = {p["code"] for p in parties if p["code"]}
    verbal = quad in (1, 3) and ptype is not None
    if verbal and len(codes) >= 2 and all(p["sector"] in _DIPLOMATS for p in parties):
        found.append("diplomatic")  # words between governments or bodies of states
    return list(dict.fromkeys(found))


def record(mentions: list[dict[str, Any]], meta: Meta) -> dict[str, Any] | None:
    """The PLOVER record of one happening's mentions; None when it has no day or no actor."""
    lead = max(mentions, key=lambda m: m["confidence"] if m["confidence"] is not None else -1.0)
    if not lead["day"]:
        return None  # the manual requires a date
    date, enddate = dates(str(lead["day"]))
    sources: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    pairs: set[tuple[Any, Any]] = set()
    triggers: list[str] = []
    evidence = []
    for m in mentions:
        doc = meta(m["doc_id"])
        _add(sources, _entity(m, "source", doc["text"]))
        _add(targets, _entity(m, "target", doc["text"]))
        s_code = m["source_country"] or m["source_org"]
        t_code = m["target_country"] or m["target_org"]
        pairs.add((s_code, t_code))
        trigger = _span(doc["text"], m["trigger_start"], m["trigger_end"])
        if trigger and trigger not in triggers:
            triggers.append(trigger)
        evidence.append(
            {
                "doc_id": m["doc_id"], "event": m["event"], "sentence": m["sentence_text"],
                "trigger": trigger, "source": s_code, "target": t_code,
                "confidence": m["confidence"], "publication": doc["outlet"],
            }
        )  # fmt: skip
    mutual = any((b, a) in pairs for a, b in pairs if a and b and a != b)
    if mutual:
        actor = list(sources)
        for t in targets:
            _add(actor, t)
        recipient: list[dict[str, Any]] = []
    else:
        actor = sources
        recipient = [t for t in targets if t not in actor]
    if not actor:
        return None  # the manual requires an actor: "X was shelled" has only a recipient
    lead_doc = meta(lead["doc_id"])
    place = None
    name = lead["h_place_name"] or lead["h_place_name_ar"]
    if name or lead["h_place_country"]:
        place = {
            "resolved_place": name,
            "country_code": lead["h_place_country"],
            "lat": lead["h_lat"],
            "lon": lead["h_lon"],
        }
    out: dict[str, Any] = {
        "id": f"hadath-{lead['happening']}",
        "date": date,
        **({"enddate": enddate} if enddate else {}),
        "actor": actor,
        "recipient": recipient,
        "event": [lead["type"]],
        "mode": sorted({m["mode"] for m in mentions if m["mode"]}),
        "context": _context(lead["type"], lead["quad"], actor + recipient),
        "event_loc": place,
        "event_text": triggers,
        "quad_code": lead["quad"],
        "event_scale": lead["goldstein"],
        "text": lead["sentence_text"],
        "text_info": {
            "sequence": lead["sentence"],
            "start": lead["sentence_start"],
            "end": lead["sentence_end"],
        },
        "cite_info": {
            "citation": lead["doc_id"],
            "url": lead_doc["url"],
            "title": lead_doc["title"],
            "language": lead_doc["language"],
            "publication": lead_doc["outlet"],
            "coder": f"hadath {__version__}",
            "codebook": "plover-base",
        },
        "coder": f"hadath:{lead['rule']}" if lead["rule"] else "hadath",
        "coded_date": dt.date.today().isoformat(),
        "status": lead["status"],
        "confidence": lead["confidence"],
        "mentions": len(mentions),
        "documents": len({m["doc_id"] for m in mentions}),
        "evidence": evidence,
    }
    return out
