"""What runs on a worker: one partition in, three files out, a small summary back.

The Context is loaded once per worker process (the process-wide one, warmed
under a lock so that a Dask worker with several threads still loads it once)
and kept for every partition that process runs; a local worker forked from a
parent that loaded it (``run.start_method``) inherits it and loads nothing. Only the Task (paths and
byte offsets) comes in and only counts and failures go back: records go to
disk on the worker, so the output folder must be visible to every worker.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.batch import output, warc
from hadath.batch.plan import FileSlice, LinesSlice, Slice, Task, WarcSlice
from hadath.context import Context, default_context
from hadath.errors import HadathError, InputError
from hadath.model import Document, to_record
from hadath.readers import _one_file, jsonl_item
from hadath.readers.decode import max_bytes
from hadath.readers.limits import read_line

_lock = threading.Lock()
# how many times this process loaded a context (should stay 1), and which process loaded it:
# this one, or the parent it was forked from
_loads = {"count": 0, "pid": 0}


def worker_context() -> Context:
    """This process's context, loaded on first use and then reused by every partition."""
    ctx = default_context()
    with _lock:
        if not _loads["count"]:
            ctx.warm()
            _loads["count"] += 1
            _loads["pid"] = os.getpid()
    return ctx


@dataclass(frozen=True, slots=True)
class PartResult:
    index: int
    name: str
    key: str
    documents: int
    records: int
    events: int
    failed: tuple[tuple[str, str], ...]  # (where, reason)
    seconds: float
    pid: int
    context_loads: int
    context_pid: int = 0  # the process that loaded the context: pid, or its forking parent
    peak_rss_mb: float = 0.0  # of the process that ran it, up to the end of this partition
    resumed: bool = False
    stored: int = 0  # records stored into the store of `hadath batch --db`, by this run
    duplicates: int = 0  # records that store held already
    store: str | None = None  # that store (a URL without its password)
    files: tuple[output.FileSum, ...] = ()  # the part's files as written: name, bytes, sha256

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["failed"] = [{"where": w, "reason": r} for w, r in self.failed]
        d["files"] = output.file_sums_json(self.files)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PartResult:
        failed = tuple((str(f["where"]), str(f["reason"])) for f in d.get("failed", []))
        fields = {f.name for f in dataclasses.fields(cls)}
        files = output.file_sums(d.get("files"))
        return cls(
            **{**{k: v for k, v in d.items() if k in fields}, "failed": failed, "files": files}
        )


# A bare document, or the error that stopped it, with where it came from.
Bare = tuple[str, Document | None, HadathError | None]


def _file_docs(s: FileSlice) -> Iterator[Bare]:
    for item in _one_file(Path(s.open_path), s.where):
        doc = item.doc
        if doc is not None and doc.source.path != s.path:
            # opened by absolute path, recorded under the name the user gave
            doc = dataclasses.replace(doc, source=dataclasses.replace(doc.source, path=s.path))
        yield item.where, doc, item.error


def _line_docs(s: LinesSlice) -> Iterator[Bare]:
    """The documents of a run of JSON Lines lines, as the readers would make them."""
    limit = max_bytes()
    with open(s.open_path, "rb") as fh:
        fh.seek(s.start)
        pos, line = s.start, s.first_line
        while pos < s.end:
            raw, size = read_line(fh, limit)
            if not size:
                break
            here = f"{s.where}:{line}"
            pos += size
            line += 1
            item = jsonl_item(raw, size, here, s.path)
            if item is not None:
                yield item.where, item.doc, item.error


def _warc_docs(s: WarcSlice) -> Iterator[Bare]:
    with open(s.open_path, "rb") as fh:
        for offset, length in s.records:
            here = f"{s.where}@{offset}"
            try:
                yield here, warc.read_page(fh, warc.Page(offset, length), s.path, here), None
            except HadathError as exc:
                yield here, None, exc


def bare_documents(slices: tuple[Slice, ...]) -> Iterator[Bare]:
    for s in slices:
        try:
            if isinstance(s, FileSlice):
                yield from _file_docs(s)
            elif isinstance(s, LinesSlice):
                yield from _line_docs(s)
            else:
                yield from _warc_docs(s)
        except OSError as exc:  # gone or unreadable since the plan was made
            yield s.where, None, InputError(s.where, f"cannot read: {exc.strerror or exc}")


def run_partition(task: Task, out: str, db: str | None = None) -> PartResult:
    """Read one partition through the pipeline and write its files; return its summary.

    With ``db`` (a PostgreSQL URL) the worker also stores the partition's records there, in
    one transaction, before marking the partition done: a worker killed before the commit
    stores nothing of it, one killed after stores it all, and the re-run that redoes the
    partition finds its records stored and adds nothing twice.
    """
    from hadath.api import process  # the pipeline loads in the worker, not in the planner

    started = time.perf_counter()
    ctx = worker_context()
    root = Path(out)
    failed: list[tuple[str, str]] = []
    rows: list[dict[str, Any]] = []
    kept: list[dict[str, Any]] = []  # the records, when they go to a store too
    documents = records = 0
    with output.atomic(root / f"{task.name}.jsonl") as tmp, tmp.open("w", encoding="utf-8") as fh:
        for where, bare, error in bare_documents(task.slices):
            documents += 1
            if error is not None or bare is None:
                failed.append((where, error.problem if error else "no document"))
                continue
            try:
                record = to_record(process(bare, ctx))
            except HadathError as exc:
                failed.append((where, exc.problem))
                continue
            except Exception as exc:  # a bug on one page must not lose a long run
                failed.append((where, f"unexpected error (a bug): {type(exc).__name__}: {exc}"))
                continue
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            rows.extend(output.event_rows(record))
            records += 1
            if db is not None:
                kept.append(record)
    output.write_events(root / f"{task.name}.events.parquet", rows)
    files = tuple(output.file_sum(root / f"{task.name}{suffix}") for suffix in output.PART_FILES)
    stored = duplicates = 0
    if db is not None:
        from hadath.store import Store  # only workers that write a store load it

        with Store(db) as store:
            summary = store.add_all(kept)
        stored, duplicates = summary.stored, summary.duplicates
        failed.extend((f.input, f.reason) for f in summary.failed)
    result = PartResult(
        index=task.index,
        name=task.name,
        key=task.key,
        documents=documents,
        records=records,
        events=len(rows),
        failed=tuple(failed),
        seconds=round(time.perf_counter() - started, 3),
        pid=os.getpid(),
        context_loads=_loads["count"],
        context_pid=_loads["pid"],
        peak_rss_mb=round(_peak_rss_mb(), 1),
        stored=stored,
        duplicates=duplicates,
        store=store_name(db),
        files=files,
    )
    output.write_json(root / f"{task.name}.done.json", result.as_dict())
    return result


def _peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # not on Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def store_name(db: str | None) -> str | None:
    if db is None:
        return None
    from hadath.store import pg

    return pg.display(db)


def finished(task: Task, out: Path, db: str | None = None) -> PartResult | None:
    """The summary of a partition already written with the same key (and, with ``db``,
    stored there), or None.

    None too when one of its files is missing or is not, byte for byte, what the
    partition wrote (its size and SHA-256 in the done marker): a truncated, emptied or
    edited part is redone, never taken as finished.
    """
    done = output.read_json(out / f"{task.name}.done.json")
    if not isinstance(done, dict) or done.get("key") != task.key:
        return None
    if db is not None and done.get("store") != store_name(db):
        return None
    result = PartResult.from_dict(done)
    if output.damaged(out, task.name, result.files) is not None:
        return None
    return dataclasses.replace(result, resumed=True)


def warm_process(parent: int | None = None) -> None:
    """Initializer for pool processes: die with the parent, leave Ctrl-C to it, load the context.

    A worker whose parent is killed (even by SIGKILL, which nothing can catch) would
    go on reading its partition for minutes: a watchdog thread ends it within half a
    second of the parent's death. Ctrl-C reaches every process of the terminal's
    group: the parent alone handles it, so workers print no traceback of their own.
    """
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker had the parent's handler
    worker_context()


def _watch_parent(parent: int) -> None:
    while True:
        if os.getppid() != parent:  # re-parented: the parent is gone
            os._exit(1)
        time.sleep(0.5)
