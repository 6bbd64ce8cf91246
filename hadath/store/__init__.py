"""The hadath event store: SCHEMA records in SQLite, searchable and exportable.

from hadath.store import Store
with Store("hadath.db") as store:
    summary = store.ingest(["news/"])
    store.search("كيري")
    store.events(source="USA", target="RUS", since="2016-01-01")
    store.series("month", by="dyad", actor="SYR")
    store.export("csv", "events.csv", type="ASSAULT")
"""

from __future__ import annotations

from hadath.store.store import Failure, IngestSummary, Store, TimeLimit

__all__ = ["Failure", "IngestSummary", "Store", "TimeLimit"]
