"""Batch reading: many inputs into a folder of partitions, on local processes or Dask.

>>> from hadath.batch import run_batch, load_outputs
>>> summary = run_batch(["crawl.warc.gz", "articles.jsonl"], "out/", workers=2)
>>> for record in load_outputs("out/"):
...     print(record["id"], len(record["events"]))

This is an outer layer: it calls the readers and ``hadath.process`` and no
core module imports it.
"""

from hadath.batch.output import event_schema, is_batch_output, load_events, load_outputs
from hadath.batch.plan import Plan, Task, make_plan
from hadath.batch.run import BatchSummary, run_batch

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
