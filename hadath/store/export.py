"""Streaming exports: JSON Lines, CSV, Parquet, PLOVER JSON and CAMEO/Phoenix TSV.

Every format iterates a cursor and writes as it goes (Parquet in row groups),
so memory stays flat whatever the size of the selection. Text goes through the
csv module (RFC 4180 quoting: any quote mark, tab, CR or LF in a value is
quoted), so every file reads back with as many rows as were written. An export
to a path is written to a temporary file beside it and renamed when complete:
an export that fails leaves no partial file behind, and any older file intact.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from hadath.store import plover, queries
from hadath.store.dialect import Db

FORMATS = ("jsonl", "csv", "parquet", "plover", "cameo")
WHATS = ("documents", "events", "quotes", "actors", "claims")
ROW_GROUP = 10_000

# Phoenix flat-file columns (openeventdata/phoenix_pipeline), then ours.
CAMEO_COLUMNS = (
    "EventID", "Date", "Year", "Month", "Day",
    "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
    "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
    "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues",
    "Lat", "Lon", "LocationName", "StateName", "CountryCode", "SentenceID", "URLs",
    "NewsSources", "DocumentID", "Sentence", "Mentions",
)  # fmt: skip

_EVENT_FILTERS = frozenset(queries.EventFilter.__dataclass_fields__)
_ALLOWED = {
    "documents": _EVENT_FILTERS,
    "events": _EVENT_FILTERS | {"dedup"},
    "quotes": frozenset({"speaker", "sector", "kind", "text", "doc", "since", "until"}),
    "actors": frozenset({"country", "org", "sector", "kind", "name", "doc"}),
    "claims": frozenset({"doc"}),
}


def rows(conn: Db, what: str, filters: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Flat rows of ``what`` (events, quotes, actors, claims) under ``filters``."""
    if what == "events":
        dedup = bool(filters.pop("dedup", False))
        flt = queries.EventFilter(**filters)
        if dedup:
            for row in queries.iter_dedup_events(conn, flt):
                row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
                row["parties"] = " ".join(row["parties"])
                yield row
        else:
            yield from queries.iter_events(conn, flt)
    elif what == "quotes":
        yield from queries.iter_quotes(conn, **filters)
    elif what == "actors":
        yield from queries.iter_actors(conn, **filters)
    elif what == "claims":
        yield from queries.iter_claims(conn, **filters)
    elif what == "documents":
        cur = conn.execute(f"SELECT {queries.DOCUMENT_COLUMNS} FROM documents d ORDER BY d.rowid")
        names = [c[0] for c in cur.description]
        for row in cur:
            yield dict(zip(names, row, strict=True))
    else:
        raise ValueError(f"--what must be one of {', '.join(WHATS)}")


def _records(conn: Db, filters: dict[str, Any]) -> Iterator[str]:
    """SCHEMA records as stored; with event filters, the documents holding a matching event."""
    if any(v for v in filters.values()):
        where, args = queries.EventFilter(**filters).where(conn.dialect)
        cur = conn.execute(
            "SELECT d.record FROM documents d WHERE d.rowid IN"
            f" (SELECT e.doc FROM events e JOIN documents d ON d.rowid = e.doc WHERE {where})"
            " ORDER BY d.rowid",
            args,
        )
    else:
        cur = conn.execute("SELECT record FROM documents ORDER BY rowid")
    for (record,) in cur:
        yield str(record)


def _clean(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def cameo_line(mentions: list[dict[str, Any]], meta: plover.Meta) -> list[str] | None:
    """One happening as a Phoenix line: its most confident mention, the URLs and outlets of all.

    As Phoenix's one-a-day filter did, the happening's mentions share one line:
    ``URLs`` and ``NewsSources`` list every document's (``;``-separated),
    ``Mentions`` counts them.
    """
    row = max(mentions, key=lambda m: m["confidence"] if m["confidence"] is not None else -1.0)
    day = (row["day"] or "")[:10]
    if len(day) != 10:
        return None  # CAMEO/Phoenix files have no room for undated events
    docs = [meta(d) for d in dict.fromkeys(m["doc_id"] for m in mentions)]
    urls = ";".join(dict.fromkeys(d["url"] for d in docs if d["url"]))
    outlets = ";".join(dict.fromkeys(d["outlet"] for d in docs if d["outlet"]))
    src = row["source_country"] or row["source_org"] or ""
    tgt = row["target_country"] or row["target_org"] or ""
    code = row["cameo_used"] or ""
    place = row["h_place_name"] or row["h_place_name_ar"] or row["place_name"]
    values = [
        row["happening"], day.replace("-", ""), day[:4], day[5:7], day[8:10],
        src + (row["source_sector"] or ""), src, row["source_sector"], "",
        tgt + (row["target_sector"] or ""), tgt, row["target_sector"], "",
        code, code[:2], row["quad"], row["goldstein"], "",
        row["h_lat"], row["h_lon"], place, "", row["h_place_country"],
        f"{row['doc_id']}_{row['sentence']}", urls, outlets, row["doc_id"], row["sentence_text"],
        len(mentions),
    ]  # fmt: skip
    return [_clean(v) for v in values]


def _doc_meta(conn: Db) -> Callable[[str], dict[str, Any]]:
    """A one-document cache: events come grouped by document often enough."""
    last: dict[str, Any] = {"id": None}

    def meta(doc_id: str) -> dict[str, Any]:
        if last["id"] != doc_id:
            row = conn.execute(
                f"SELECT language, outlet, url, title, {conn.dialect.record_text('record')}"
                " FROM documents WHERE id = ?",
                [doc_id],
            ).fetchone()
            last.update(
                id=doc_id, language=row[0], outlet=row[1], url=row[2], title=row[3], text=row[4]
            )
        return last

    return meta


def _parquet(out: IO[bytes], source: Iterator[dict[str, Any]]) -> int:
    try:
        import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]
        import pyarrow.parquet as pq  # type: ignore[import-untyped,unused-ignore]
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ValueError("Parquet export needs pyarrow: pip install pyarrow") from exc
    writer = None
    batch: list[dict[str, Any]] = []
    count = 0

    def write() -> None:
        nonlocal writer
        table = pa.Table.from_pylist(batch, schema=writer.schema if writer else None)
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema)
        writer.write_table(table, row_group_size=ROW_GROUP)

    for row in source:
        batch.append(row)
        count += 1
        if len(batch) >= ROW_GROUP:
            write()
            batch = []
    if batch or writer is None:
        write()
    if writer is not None:
        writer.close()
    return count


def export(
    conn: Db,
    fmt: str,
    out: str | Path | IO[Any],
    *,
    what: str | None = None,
    **filters: Any,
) -> int:
    """Write the selection to ``out``; returns the number of rows or records written.

    ``what`` defaults to ``documents`` (whole SCHEMA records) for jsonl and to
    ``events`` for every other format; plover and cameo are event formats.
    """
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}")
    what = what or ("documents" if fmt == "jsonl" else "events")
    if what not in WHATS:
        raise ValueError(f"--what must be one of {', '.join(WHATS)}")
    if fmt in ("plover", "cameo") and what != "events":
        raise ValueError(f"--format {fmt} exports events only")
    filters = {k: v for k, v in filters.items() if v not in (None, "", False)}
    unknown = set(filters) - _ALLOWED[what]
    if unknown:
        raise ValueError(f"filters not available for {what}: {', '.join(sorted(unknown))}")
    if not isinstance(out, str | Path):
        return _write(conn, fmt, what, out, filters)
    target = Path(out)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with ExitStack() as stack:
            mode = "wb" if fmt == "parquet" else "w"
            kwargs: dict[str, Any] = (
                {} if fmt == "parquet" else {"encoding": "utf-8", "newline": ""}
            )
            count = _write(
                conn, fmt, what, stack.enter_context(open(partial, mode, **kwargs)), filters
            )
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


def _write(conn: Db, fmt: str, what: str, stream: IO[Any], filters: dict[str, Any]) -> int:
    if fmt == "parquet":
        binary: IO[bytes] = getattr(stream, "buffer", stream)
        return _parquet(binary, rows(conn, what, filters))
    return _write_text(conn, fmt, what, stream, filters)


def _write_text(conn: Db, fmt: str, what: str, stream: IO[str], filters: dict[str, Any]) -> int:
    count = 0
    if fmt == "jsonl" and what == "documents":
        for record in _records(conn, filters):
            stream.write(record + "\n")
            count += 1
        return count
    if fmt == "jsonl":
        for row in rows(conn, what, filters):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
        return count
    if fmt == "csv":
        writer = None
        for row in rows(conn, what, filters):
            if writer is None:
                # \r\n as RFC 4180 says: with \n alone, csv leaves a lone \r unquoted
                writer = csv.DictWriter(stream, fieldnames=list(row), lineterminator="\r\n")
                writer.writeheader()
            writer.writerow(row)
            count += 1
        return count
    filters.pop("dedup", None)  # PLOVER and CAMEO files carry one record per happening
    meta = _doc_meta(conn)
    happenings = queries.iter_happenings(conn, queries.EventFilter(**filters))
    if fmt == "plover":
        for mentions in happenings:
            rec = plover.record(mentions, lambda d: dict(meta(d)))
            if rec is not None:
                stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
                count += 1
        return count
    # White space is folded to single spaces (one line per event, no tab in a value); a
    # quote mark is quoted the csv way ("a ""b"""), as pandas and pyarrow read it.
    tsv = csv.writer(stream, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    tsv.writerow(CAMEO_COLUMNS)
    for mentions in happenings:
        line = cameo_line(mentions, lambda d: dict(meta(d)))
        if line is not None:
            tsv.writerow(line)
            count += 1
    return count
