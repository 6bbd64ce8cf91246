"""Run a plan: serially, on local processes, or on a Dask distributed cluster.

Whatever runs the partitions, each one is read and written the same way by
``run_partition``; the records do not depend on the partition size or on the
number of workers, only on the inputs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath import __version__
from hadath.batch import output
from hadath.batch.plan import Plan, Problem, Task, make_plan
from hadath.batch.worker import (
    PartResult,
    finished,
    run_partition,
    warm_process,
    worker_context,
)

# Called after each partition: (partitions done, partitions in all, documents done, seconds).
Progress = Callable[[int, int, int, float], None]


@dataclass(slots=True)
class BatchSummary:
    out: str
    documents: int = 0  # documents found (read or failed)
    records: int = 0
    events: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failed: list[Problem] = field(default_factory=list)
    partitions: int = 0
    resumed: int = 0  # partitions already written by an earlier run, not redone
    seconds: float = 0.0
    parts: list[PartResult] = field(default_factory=list)
    stored: int = 0  # with db: records this run stored, and records the store held already
    duplicates: int = 0

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    @property
    def rate(self) -> float:
        """Documents per second over the partitions this run actually read."""
        fresh = sum(p.documents for p in self.parts if not p.resumed)
        return fresh / self.seconds if self.seconds > 0 else 0.0


def _serial(tasks: list[Task], out: str, db: str | None) -> Iterator[PartResult]:
    for task in tasks:
        yield run_partition(task, out, db)


def start_method() -> str:
    """How local workers start: ``fork`` where it is safe, else ``spawn``.

    A forked worker starts from this process with the context already loaded: it imports and
    loads nothing (a spawned one imports the pipeline and loads the lexicons again, about
    1 s to 2.5 s of CPU each). Fork is not safe on macOS (its system libraries are not
    fork-safe; Python spawns there too), nor while another thread runs here (a lock it holds
    would stay held in the child), and Windows has none.
    """
    if not hasattr(os, "fork") or sys.platform == "darwin" or threading.active_count() > 1:
        return "spawn"
    return "fork"


def _processes(tasks: list[Task], out: str, workers: int, db: str | None) -> Iterator[PartResult]:
    method = start_method()
    if method == "fork":
        # load once here; the workers share its pages until they write to them, and the
        # collector's frozen generation keeps them from touching (copying) every object
        worker_context()
        gc.freeze()
    mp = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(
        workers, mp_context=mp, initializer=warm_process, initargs=(os.getpid(),)
    )
    try:
        futures = [pool.submit(run_partition, task, out, db) for task in tasks]
    finally:
        if method == "fork":  # the workers are started by the first submit
            gc.unfreeze()
    try:
        for future in as_completed(futures):
            yield future.result()
    except BaseException:
        # Interrupted (Ctrl-C, SIGTERM) or failed: stop the workers now rather than let
        # them finish their partitions; each partition's files are written atomically,
        # so a re-run redoes exactly the unfinished ones. Cancelling the futures instead
        # makes Python 3.11's pool raise InvalidStateError (CANCELLED) in its own thread.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=True)
        raise
    pool.shutdown(wait=True)


def _dask(tasks: list[Task], out: str, client: Any, db: str | None) -> Iterator[PartResult]:
    import distributed

    dask_completed: Any = distributed.as_completed  # untyped in distributed

    futures = [
        client.submit(
            run_partition, task, out, db, key=f"hadath-{task.name}-{task.key}", pure=False
        )
        for task in tasks
    ]
    try:
        for future in dask_completed(futures):
            result: PartResult = future.result()
            yield result
    except BaseException:
        client.cancel(futures)
        raise


def _remove_stale(out: Path, keep: set[str]) -> None:
    """Drop parts left by an earlier run with more partitions (another partition size)."""
    for path in out.glob("part-*"):
        if path.name.split(".")[0] not in keep:
            path.unlink(missing_ok=True)


def run_batch(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    partition_size: int = 100,
    workers: int = 1,
    scheduler: str | None = None,
    client: Any = None,
    progress: Progress | None = None,
    db: str | None = None,
) -> BatchSummary:
    """Read every input into ``out`` (see ``hadath.batch.output``); skip finished partitions.

    ``workers`` > 1 runs local processes (forked from this one once it has loaded the
    context, which it then keeps, where ``start_method`` allows); ``scheduler`` (an address such as
    ``tcp://host:8786``) or ``client`` (a ``distributed.Client``) runs on Dask.
    ``db``, a PostgreSQL URL, has every worker store its partitions there too, each in
    one transaction (see ``run_partition``); a partition not yet stored there is redone.
    """
    started = time.perf_counter()
    names = [str(i) for i in inputs]
    plan: Plan = make_plan(names, partition_size)
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    # until this run completes, the folder is not a finished batch
    (root / output.MANIFEST).unlink(missing_ok=True)
    summary = BatchSummary(str(root), skipped=dict(plan.skipped), failed=list(plan.failed))
    summary.partitions = len(plan.tasks)
    todo: list[Task] = []
    for task in plan.tasks:
        done = finished(task, root, db)
        if done is None:
            todo.append(task)
        else:
            summary.parts.append(done)
    summary.resumed = len(summary.parts)
    docs_done = sum(p.documents for p in summary.parts)

    own_client = None
    if todo and client is None and scheduler is not None:
        import distributed

        make_client: Any = distributed.Client  # untyped in distributed
        client = own_client = make_client(scheduler)
    try:
        if not todo:
            results: Iterator[PartResult] = iter(())
        elif client is not None:
            results = _dask(todo, str(root), client, db)
        elif workers > 1 and len(todo) > 1:
            results = _processes(todo, str(root), min(workers, len(todo)), db)
        else:
            results = _serial(todo, str(root), db)
        for result in results:
            summary.parts.append(result)
            docs_done += result.documents
            if progress is not None:
                progress(len(summary.parts), summary.partitions, docs_done, _since(started))
    finally:
        if own_client is not None:
            own_client.close()

    summary.parts.sort(key=lambda p: p.index)
    for part in summary.parts:
        summary.documents += part.documents
        summary.records += part.records
        summary.events += part.events
        summary.failed.extend(Problem(w, r) for w, r in part.failed)
        if not part.resumed:
            summary.stored += part.stored
            summary.duplicates += part.duplicates
    summary.documents += plan.broken
    summary.seconds = _since(started)
    _remove_stale(root, {t.name for t in plan.tasks})
    output.write_json(root / output.MANIFEST, _manifest(names, partition_size, summary))
    return summary


def _since(t: float) -> float:
    return time.perf_counter() - t


def _manifest(inputs: list[str], size: int, s: BatchSummary) -> dict[str, Any]:
    return {
        "format": output.FORMAT,
        "version": 1,
        "hadath": __version__,
        "inputs": inputs,
        "partition_size": size,
        "documents": s.documents,
        "records": s.records,
        "events": s.events,
        "skipped": s.skipped,
        "failed": [{"where": f.where, "reason": f.reason} for f in s.failed],
        "partitions": [
            {
                "name": p.name,
                "key": p.key,
                "documents": p.documents,
                "records": p.records,
                "events": p.events,
                "files": output.file_sums_json(p.files),
            }
            for p in s.parts
        ],
    }
