"""``hadath ingest|search|events|export``: thin commands over ``hadath.store``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from hadath.checks import (
    MIN_CONFIDENCE_ENV,
    SORTS,
    BadValue,
    EventQuery,
    check_count,
    default_min_confidence,
)
from hadath.cli import HELP
from hadath.errors import InputError, UsageError
from hadath.store import Store
from hadath.store.export import FORMATS, WHATS
from hadath.store.progress import ProgressBar
from hadath.store.queries import GROUPS, PERIODS
from hadath.store.store import DEFAULT_DB, IngestSummary, default_db

DB_HELP = (
    "the store: an SQLite file, or a PostgreSQL URL such as postgresql://user@host/db"
    f" (needs the postgres extra); default $HADATH_DB, else {DEFAULT_DB}"
)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=default_db(), metavar="FILE|URL", help=DB_HELP)


def _store(args: argparse.Namespace, *, readonly: bool) -> Store:
    return Store(args.db, readonly=readonly)


def _event_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("event filters (codes: ISO alpha-3 country or org such as UN)")
    g.add_argument("--source", metavar="CODE", help="source actor country or org")
    g.add_argument("--target", metavar="CODE", help="target actor country or org")
    g.add_argument("--actor", metavar="CODE", help="country or org as source or target")
    g.add_argument("--dyad", metavar="A,B", help="events from A to B or from B to A")
    g.add_argument("--sector", metavar="SECTOR", help="sector (GOV, MIL...) as source or target")
    g.add_argument("--source-sector", metavar="SECTOR", help="source sector")
    g.add_argument("--target-sector", metavar="SECTOR", help="target sector")
    g.add_argument("--type", metavar="TYPE[,TYPE]", help="PLOVER event type(s), e.g. ASSAULT")
    g.add_argument("--status", metavar="STATUS[,...]", help="occurred, planned, negated...")
    g.add_argument("--since", metavar="DATE", help="events on or after DATE (YYYY[-MM[-DD]])")
    g.add_argument("--until", metavar="DATE", help="events on or before DATE (inclusive)")
    g.add_argument("--place", metavar="PLACE", help="place country code or place name")
    g.add_argument("--text", metavar="WORDS", help="words in the event's sentence")
    g.add_argument("--doc", metavar="ID", help="events of one document")
    g.add_argument("--outlet", metavar="NAME", help="events of one outlet's documents")
    g.add_argument(
        "--min-confidence", metavar="P",
        help=f"events at least this confident, 0-1 (default: ${MIN_CONFIDENCE_ENV}, else all)",
    )  # fmt: skip


def _filters(args: argparse.Namespace, *, events: bool = True) -> dict[str, Any]:
    """The event filters given, checked as the web checks them: a bad one is exit 2.

    ``events`` applies the default confidence filter ($HADATH_MIN_CONFIDENCE).
    """
    raw = {k: getattr(args, k, None) for k in EventQuery.__slots__}
    try:
        if raw["min_confidence"] is None and events:
            raw["min_confidence"] = default_min_confidence()
        return EventQuery.checked(**raw).filters()
    except BadValue as exc:
        where = exc.name if exc.name == MIN_CONFIDENCE_ENV else exc.option
        raise UsageError(where, exc.problem) from None


def _count(name: str, value: int, low: int) -> int:
    try:
        return check_count(name, value, low)
    except BadValue as exc:
        raise UsageError(exc.option, exc.problem) from None


def run_ingest(args: argparse.Namespace) -> int:
    _count("batch", args.batch, 1)
    bar = ProgressBar(sys.stderr) if sys.stderr.isatty() and not args.quiet else None
    # a `hadath batch` output folder holds finished records: store them as they are;
    # one still being written (or stopped) is refused, not read as articles
    from hadath.batch.output import UNFINISHED, is_batch_output, is_unfinished_batch, load_outputs

    for path in args.paths:
        if is_unfinished_batch(path):
            raise InputError(path, UNFINISHED)
    done = [p for p in args.paths if is_batch_output(p)]
    rest = [p for p in args.paths if p not in done]
    parts: list[IngestSummary] = []
    with _store(args, readonly=False) as store:
        try:
            for folder in done:
                parts.append(store.add(load_outputs(folder), progress=bar, batch_size=args.batch))
            if rest:
                parts.append(store.ingest(rest, progress=bar, batch_size=args.batch))
        finally:
            if bar is not None:
                bar.close()
    summary = IngestSummary(
        stored=sum(p.stored for p in parts),
        duplicates=sum(p.duplicates for p in parts),
        failed=tuple(f for p in parts for f in p.failed),
        seconds=sum(p.seconds for p in parts),
    )
    rate = summary.documents / summary.seconds if summary.seconds else 0.0
    print(
        f"{summary.stored} stored, {summary.duplicates} skipped as duplicates,"
        f" {len(summary.failed)} failed ({summary.documents} documents in"
        f" {summary.seconds:.1f} s, {rate:.1f} documents/s) -> {store.name}",
        file=sys.stderr,
    )
    for failure in summary.failed:
        print(f"failed: {failure.input}: {failure.reason}", file=sys.stderr)
    return 3 if summary.failed else 0


def run_search(args: argparse.Namespace) -> int:
    _count("limit", args.limit, 1)
    _count("offset", args.offset, 0)
    with _store(args, readonly=True) as store:
        hits = store.search(args.query, limit=args.limit, offset=args.offset)
    for hit in hits:
        if args.format == "jsonl":
            print(json.dumps(hit, ensure_ascii=False))
            continue
        text, out, at = hit["snippet"], [], 0
        for start, end in hit["highlights"]:
            out += [text[at:start], "«", text[start:end], "»"]
            at = end
        out.append(text[at:])
        snippet = " ".join("".join(out).split())
        print(f"{hit['id']}\t{hit['published'] or ''}\t{hit['title'] or ''}\n    {snippet}")
    return 0


_TABLE = ("day", "parties", "type", "status", "confidence", "words", "title")
_DEDUP_TABLE = ("day", "parties", "type", "status", "mentions", "confidence", "words", "title")
_WORDS, _TITLE = 60, 40  # characters of the sentence start and of the title in a table


def _short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _side(row: dict[str, Any], side: str) -> str:
    code = row.get(f"{side}_country") or row.get(f"{side}_org") or ""
    return " ".join(p for p in (code, row.get(f"{side}_sector") or "") if p) or "—"


def _event_cell(row: dict[str, Any], col: str) -> str:
    """One cell of the events table: the dyad, the trigger and its sentence, the title."""
    if col == "parties":
        arrow = "<->" if row.get("mutual") else "->"
        return f"{_side(row, 'source')} {arrow} {_side(row, 'target')}"
    if col == "words":
        sentence = row.get("sentence_text") or ""
        start, end, at = row.get("trigger_start"), row.get("trigger_end"), row.get("sentence_start")
        trigger = ""
        if isinstance(start, int) and isinstance(end, int) and isinstance(at, int):
            trigger = " ".join(sentence[start - at : end - at].split())
        return _short(f"{trigger}: {sentence}" if trigger else sentence, _WORDS)
    if col == "title":
        return _short(row.get("title"), _TITLE)
    if col == "confidence" and isinstance(row.get("confidence"), float):
        return f"{row['confidence']:.2f}"
    return "" if row.get(col) is None else str(row[col])


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...], events: bool = False) -> None:
    def cell(row: dict[str, Any], col: str) -> str:
        if events:
            return _event_cell(row, col)
        return "" if row.get(col) is None else str(row[col])

    cells = [[cell(r, c) for c in columns] for r in rows]
    if events:  # the same words read twice (a mirrored pair, a repeated sentence): one line
        cells = list({tuple(r): r for r in cells}.values())
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for r in cells:
        print("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())


def run_events(args: argparse.Namespace) -> int:
    filters = _filters(args)
    _count("limit", args.limit, 1)
    _count("offset", args.offset, 0)
    with _store(args, readonly=True) as store:
        if args.series:
            rows = store.series(args.series, args.by, **filters)
            columns = tuple(rows[0]) if rows else ("period", "events")
        else:
            rows = store.events(
                limit=args.limit, offset=args.offset, dedup=args.dedup, sort=args.sort, **filters
            )
            columns = _DEDUP_TABLE if args.dedup else _TABLE
    if args.format == "table":
        _table(rows, columns, events=not args.series)
    else:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    return 0


def run_export(args: argparse.Namespace) -> int:
    filters = _filters(args, events=args.what in (None, "events", "documents"))
    if args.what == "quotes" and "actor" in filters:
        filters["speaker"] = filters.pop("actor")
    if args.what == "actors" and "actor" in filters:
        filters["country"] = filters.pop("actor")
    if args.dedup:
        filters["dedup"] = True
    out: Any = args.output or (sys.stdout.buffer if args.format == "parquet" else sys.stdout)
    with _store(args, readonly=True) as store:
        try:
            n = store.export(args.format, out, what=args.what, **filters)
        except ValueError as exc:
            print(f"hadath export: {exc}", file=sys.stderr)
            return 2
    print(f"{n} rows written to {args.output or 'stdout'}", file=sys.stderr)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the store commands to the ``hadath`` command line."""
    fmt = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "ingest",
        help=HELP["ingest"],
        formatter_class=fmt,
        description="Read text, HTML and JSON Lines files and folders (recursively) through the"
        " pipeline and store each record with its actors, events, quotes and claims.\n"
        "Documents already stored (same id or same text) are skipped; re-running after an"
        " interrupted ingest completes it without duplicates. Failed documents are listed at"
        " the end and do not stop the others (exit code 3 if any failed, 4 if the store"
        " cannot be written). A `hadath batch` output folder is loaded as records once"
        " every part matches its manifest (a damaged part, or a folder with no manifest yet,"
        " is refused: exit 3).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    _db(p)
    p.add_argument("--batch", type=int, default=200, metavar="N", help="documents per commit")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    p.set_defaults(func=run_ingest)

    p = sub.add_parser(
        "search",
        help=HELP["search"],
        formatter_class=fmt,
        description="Search titles, texts and quotes, best match first (bm25).\n"
        "Arabic is matched with or without harakat, tatweel and hamza forms (أ إ آ ٱ = ا,"
        ' ى = ي, ة = ه); words are ANDed, "a phrase" in double quotes is a phrase and'
        " word* a prefix. Other characters are taken literally. A word given twice counts"
        " once; a search takes at most 32 different words, 8 of them prefixes (exit 2).",
    )
    p.add_argument("query", metavar="QUERY", help="words to find")
    _db(p)
    p.add_argument("--limit", type=int, default=20, metavar="N", help="hits to show (20)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="hits to skip")
    p.add_argument("--format", choices=("text", "jsonl"), default="text", help="output format")
    p.set_defaults(func=run_search)

    p = sub.add_parser(
        "events",
        help=HELP["events"],
        formatter_class=fmt,
        description="List events matching the filters (JSON Lines, or a table), or count them"
        " per period with --series. Dated events come first. The table shows the date, the"
        " parties (<-> for a mutual act), type, status, confidence, the trigger and the start"
        " of its sentence, and the document's title; identical lines are shown once.\n"
        "--series day|week|month|year --by dyad|quad|type gives event counts and Goldstein"
        " totals per period (weeks start on Monday). Events without a CAMEO code are scored"
        " with their PLOVER type's default code (hadath/data/cameo/quad.tsv).\n"
        "--dedup keeps one row per happening: one type, status, pair of parties in either"
        " order and day, so a mutual act (A -> B and B -> A from the same words) and the same"
        " act mentioned in several sentences or documents are one row, with the number of"
        " mentions and each mention as evidence. --series always counts happenings.",
    )
    _db(p)
    _event_filters(p)
    p.add_argument("--series", choices=tuple(PERIODS), help="count events per period")
    p.add_argument("--by", choices=tuple(GROUPS), default="dyad", help="series groups (dyad)")
    p.add_argument("--dedup", action="store_true", help="one row per happening")
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl", help="output format")
    p.add_argument("--limit", type=int, default=100, metavar="N", help="events to list (100)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="events to skip")
    p.add_argument(
        "--sort", choices=SORTS, default="date",
        help="date (oldest first, the default), confidence (most confident first), type"
        " or dyad (source, then target, codes)",
    )  # fmt: skip
    p.set_defaults(func=run_events)

    p = sub.add_parser(
        "export",
        help=HELP["export"],
        formatter_class=fmt,
        description="Stream a filtered selection to a file (constant memory).\n"
        "  jsonl    SCHEMA records (--what documents, the default), or rows of --what\n"
        "  csv      one row per event/quote/actor/claim, with document id and sentence\n"
        "  parquet  the same rows in Parquet row groups (needs pyarrow)\n"
        "  plover   PLOVER JSON, one record per happening (the manual's layout: actor and\n"
        "           recipient lists, event, mode, context, date, event_loc, cite_info with\n"
        "           publication; evidence lists every mention); needs a date and an actor\n"
        "  cameo    Phoenix-style tab-separated lines, one per happening (Date YYYYMMDD,\n"
        "           actors, EventCode, QuadClass, GoldsteinScore, URLs, NewsSources,\n"
        "           DocumentID, Sentence, Mentions); undated events left out\n"
        "CSV and TSV are written by the csv module: a value holding a quote mark, a tab or a\n"
        "line break is quoted (CAMEO folds white space, so each event is one line). A file\n"
        "given with -o is written beside it under a temporary name and renamed when\n"
        "complete: an export that fails leaves no partial file.",
    )
    _db(p)
    p.add_argument("--format", choices=FORMATS, default="jsonl", help="output format (jsonl)")
    p.add_argument("--what", choices=WHATS, help="what to export (jsonl: documents, else events)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default: stdout)")
    p.add_argument("--dedup", action="store_true", help="csv/jsonl/parquet: one row per happening")
    _event_filters(p)
    p.set_defaults(func=run_export)
