"""Stage: the article's publication date and why we believe it.

Evidence, strongest first: the date the input or the HTML metadata gave; a
dated line or photo caption of the article itself (not of a related story);
then a weekday named as "today" in the body ("اليوم الخميس") confirms a date
or, alone, cannot fix one. The reason is kept in ``published_from``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hadath.context import Context
from hadath.model import Document
from hadath.text.dates import DateMention, find_dates, parse_iso

# Lines of the article (not of a related story) whose dates date the article itself.
_DATED_KINDS = frozenset({"caption", "credit"})


def find_published(doc: Document) -> tuple[str | None, str | None]:
    """The publication date (ISO) and a short reason, or (None, None).

    Lines are read only when their answer can matter: not at all when the
    metadata gives the date, and the body's weekday only once a caption or
    credit has given one.
    """
    meta = parse_iso(doc.meta_published)
    if meta is not None:
        return meta.isoformat(), "metadata"
    dated = _dated_lines(doc)
    if not dated:
        return None, None
    # the most recent article date: a caption may show an older file photo
    date, reason = max(dated)
    today_weekday = _today_weekday(doc)
    if today_weekday is not None and today_weekday.weekday == date.weekday():
        words = doc.text[today_weekday.start : today_weekday.end]
        return date.isoformat(), f"{reason} + '{words}'"
    if today_weekday is not None:
        return date.isoformat(), f"{reason} (the body's weekday disagrees)"
    return date.isoformat(), reason


def _dated_lines(doc: Document) -> list[tuple[dt.date, str]]:
    """The absolute dates of the article's captions and credits, with the kind of line."""
    dated: list[tuple[dt.date, str]] = []
    for seg in doc.segments:
        if seg.kind in _DATED_KINDS:
            for m in find_dates(doc.text, seg.start, seg.end):
                if m.date is not None:
                    dated.append((m.date, f"{seg.kind} date"))
    return dated


def _today_weekday(doc: Document) -> DateMention | None:
    """The first weekday named as "today" in the body ("اليوم الخميس"), if any."""
    for seg in doc.segments:
        if seg.kind == "body":
            for m in find_dates(doc.text, seg.start, seg.end):
                if m.granularity == "weekday-today":
                    return m
    return None


def published(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    date, reason = find_published(doc)
    return replace(doc, published=date, published_from=reason)


__all__ = ["find_published", "published"]
