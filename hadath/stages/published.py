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

_ARTICLE_KINDS = {"title", "lede", "body", "caption", "credit", "source"}


def find_published(doc: Document) -> tuple[str | None, str | None]:
    """The publication date (ISO) and a short reason, or (None, None)."""
    dated: list[tuple[dt.date, str]] = []
    today_weekday: DateMention | None = None
    for seg in doc.segments:
        if seg.kind not in _ARTICLE_KINDS:
            continue
        for m in find_dates(doc.text, seg.start, seg.end):
            if m.date is not None and seg.kind in {"caption", "credit"}:
                dated.append((m.date, f"{seg.kind} date"))
            elif m.granularity == "weekday-today" and seg.kind == "body" and today_weekday is None:
                today_weekday = m
    meta = parse_iso(doc.meta_published)
    if meta is not None:
        return meta.isoformat(), "metadata"
    if not dated:
        return None, None
    # the most recent article date: a caption may show an older file photo
    date, reason = max(dated)
    if today_weekday is not None and today_weekday.weekday == date.weekday():
        words = doc.text[today_weekday.start : today_weekday.end]
        return date.isoformat(), f"{reason} + '{words}'"
    if today_weekday is not None:
        return date.isoformat(), f"{reason} (the body's weekday disagrees)"
    return date.isoformat(), reason


def published(doc: Document, ctx: Context) -> Document:  # noqa: ARG001 - stage signature
    date, reason = find_published(doc)
    return replace(doc, published=date, published_from=reason)


__all__ = ["find_published", "published"]
