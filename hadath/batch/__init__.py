"""Batch reading: many inputs into a folder of partitions, on local processes or Dask.

>>> from hadath.batch import run_batch, load_outputs
>>> summary = run_batch(["crawl.warc.gz", "articles.jsonl"], "out/", workers=2)
>>> for record in load_outputs("out/"):
...     print(record["id"], len(record["events"]))

This is an outer layer: it calls the readers and ``hadath.process`` and no
core module imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hadath.lazy import lazy_attributes

if TYPE_CHECKING:
    from hadath.batch.output import event_schema, is_batch_output, load_events, load_outputs
    from hadath.batch.plan import Plan, Task, make_plan
    from hadath.batch.run import BatchSummary, run_batch

# Imported on first use: a worker process (spawned, or on Dask) imports only
# ``hadath.batch.worker`` and what reading needs, not the runner and its pools.
_LAZY = {
    "event_schema": "hadath.batch.output",
    "is_batch_output": "hadath.batch.output",
    "load_events": "hadath.batch.output",
    "load_outputs": "hadath.batch.output",
    "Plan": "hadath.batch.plan",
    "Task": "hadath.batch.plan",
    "make_plan": "hadath.batch.plan",
    "BatchSummary": "hadath.batch.run",
    "run_batch": "hadath.batch.run",
}


__getattr__ = lazy_attributes("hadath.batch", _LAZY, globals())


__all__ = [
    "BatchSummary",
    "Plan",
    "Task",
    "event_schema",
    "is_batch_output",
    "load_events",
    "load_outputs",
    "make_plan",
    "run_batch",
]
