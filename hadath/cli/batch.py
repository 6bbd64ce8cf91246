"""`hadath batch INPUTS... --out DIR`: read many inputs in parallel into a folder of partitions."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from hadath.cli import HELP
from hadath.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE
from hadath.store import Store, pg

if TYPE_CHECKING:
    from hadath.batch import BatchSummary

# Failures printed one per line; the rest are in _manifest.json.
_SHOW_FAILED = 20


def register(sub: Any) -> None:
    p = sub.add_parser(
        "batch",
        help=HELP["batch"],
        description="Read folders, globs, JSON Lines and WARC files (gzip or plain; only HTML "
        "responses with status 200 are read, other records are skipped and counted) into "
        "DIR: per partition, part-NNNNN.jsonl (records, in input order) and "
        "part-NNNNN.events.parquet (one row per event), then _manifest.json. A re-run "
        "skips partitions already written. Load the folder into a store with "
        "`hadath ingest DIR`. The output folder must be visible to every worker.",
    )
    p.add_argument("paths", nargs="+", metavar="INPUT", help="file, folder or glob pattern")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder (created)")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="local worker processes (default: 1, in this process)",
    )
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on an existing Dask cluster, e.g. tcp://host:8786",
    )
    p.add_argument(
        "--partition-size",
        type=int,
        default=100,
        metavar="N",
        help="documents per partition (default: 100)",
    )
    p.add_argument(
        "--db",
        metavar="FILE|URL",
        help="also store the records: with a PostgreSQL URL (postgresql://user@host/db) every"
        " worker writes its partitions straight into it, one transaction each, so a re-run"
        " stores nothing twice; with an SQLite file they are stored after the run by one"
        " writer, as `hadath ingest DIR` would",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


class _Bar:
    """Partitions done and documents/s on one redrawn line; at most five redraws a second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._last = 0.0

    def __call__(self, done: int, total: int, documents: int, elapsed: float) -> None:
        now = time.monotonic()
        if now - self._last < 0.2 and done < total:
            return
        self._last = now
        rate = documents / elapsed if elapsed > 0 else 0.0
        width = 24
        filled = width * done // total if total else width
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(
            f"\r[{bar}] {done}/{total} partitions  {documents:,} documents  {rate:,.1f}/s "
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


def print_summary(s: BatchSummary, stream: TextIO) -> None:
    skipped = ", ".join(f"{n} {reason}" for reason, n in sorted(s.skipped.items()))
    print(
        f"{s.documents} documents: {s.records} read ({s.events} events), "
        f"{s.skipped_total} skipped{f' ({skipped})' if skipped else ''}, {len(s.failed)} failed; "
        f"{s.partitions} partitions ({s.resumed} already done) in {s.seconds:.1f} s, "
        f"{s.rate:.1f} documents/s -> {s.out}",
        file=stream,
    )
    for f in s.failed[:_SHOW_FAILED]:
        print(f"failed: {f.where}: {f.reason}", file=stream)
    if len(s.failed) > _SHOW_FAILED:
        print(
            f"... and {len(s.failed) - _SHOW_FAILED} more failures (see {s.out}/_manifest.json)",
            file=stream,
        )


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    if args.workers < 1 or args.partition_size < 1:
        print("hadath batch: --workers and --partition-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    from hadath.batch import load_outputs, run_batch  # here: other commands never load it
    from hadath.batch.output import require_parquet

    require_parquet()

    bar = _Bar(sys.stderr) if sys.stderr.isatty() and not args.quiet else None
    postgres = args.db is not None and pg.is_url(args.db)
    # SIGTERM stops a run as Ctrl-C does: workers stopped, one line, no traceback
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = run_batch(
            args.paths,
            args.out,
            partition_size=args.partition_size,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=bar,
            db=args.db if postgres else None,
        )
    finally:
        signal.signal(signal.SIGTERM, previous)
        if bar is not None:
            bar.close()
    print_summary(summary, sys.stderr)
    failed = bool(summary.failed)
    if args.db is not None and not postgres:
        # SQLite keeps one writer: this process, once the workers are done
        with Store(args.db) as store:
            stored = store.add(load_outputs(args.out))
        summary.stored, summary.duplicates = stored.stored, stored.duplicates
        for f in stored.failed:
            print(f"failed: {f.input}: {f.reason}", file=sys.stderr)
        failed = failed or bool(stored.failed)
    if args.db is not None:
        name = pg.display(args.db) if postgres else args.db
        print(
            f"{summary.stored} records stored, {summary.duplicates} stored already -> {name}",
            file=sys.stderr,
        )
    return EXIT_INPUT if failed else EXIT_OK
