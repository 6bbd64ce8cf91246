"""What a request needs from the world: the store, the pipeline, the token.

SQLite connections belong to the thread that opened them, and FastAPI runs
handlers on a thread pool: each thread opens its own read-only ``Store``
once and keeps it; they share one cache of the aggregates' answers (totals, facets,
map, timeline), dropped whenever the store changes, by this server or another process
(:mod:`hadath.store.cache`). Writes (``POST /api/documents``) open a short-lived
writable store under a lock, so the server stays a single writer.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import secrets
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Request

from hadath.errors import StoreError
from hadath.store import IngestSummary, Store, pg
from hadath.store.cache import AnswerCache

log = logging.getLogger("hadath.web")

if TYPE_CHECKING:
    from hadath.context import Context


def _prepare(db_path: str) -> bool:
    """Create or migrate the store now, so that read-only opens succeed; whether it is writable.

    A store that cannot be written (a read-only mount, a 0444 file, a full disk; on
    PostgreSQL, a role that may only read) is still served, read-only: only storing
    documents is refused.
    """
    try:
        with Store(db_path) as store:
            return store.can_write()
    except StoreError:
        if not pg.is_url(db_path) and not Path(db_path).is_file():
            raise
        Store(db_path, readonly=True).close()  # raises when it cannot even be read
        return False


class Hub:
    def __init__(
        self, db_path: str | Path, token: str | None = None, min_confidence: float | None = None
    ) -> None:
        self.db_path = str(db_path)
        self.token = token or None
        # the confidence filter of a request that names none (hadath serve --min-confidence)
        self.min_confidence = min_confidence
        self.writable = _prepare(self.db_path)
        self.cache = AnswerCache()
        self._local = threading.local()
        self._opened: list[Store] = []  # the threads' PostgreSQL stores, closed at shutdown
        self._write_lock = threading.Lock()
        self._ctx_lock = threading.Lock()
        self._ctx: Context | None = None
        self._later: queue.Queue[Callable[[Store], Any] | None] | None = None
        self._later_thread: threading.Thread | None = None

    def later(self, compute: Callable[[Store], Any]) -> None:
        """Run ``compute(store)`` on a background thread of its own store, once the ones asked
        before are done: an aggregate a page left out fills the cache for the next view."""
        with self._ctx_lock:
            if self._later is None:
                self._later = queue.Queue(maxsize=64)
                # the thread holds its own queue: shutdown may clear ours before it starts
                self._later_thread = threading.Thread(
                    target=self._run_later, args=(self._later,), name="hadath-later", daemon=True
                )
                self._later_thread.start()
        with contextlib.suppress(queue.Full):  # a busy server drops the extra work
            self._later.put_nowait(compute)

    def _run_later(self, waiting: queue.Queue[Callable[[Store], Any] | None]) -> None:
        with Store(self.db_path, readonly=True, cache=self.cache) as store:
            while True:
                compute = waiting.get()
                if compute is None:  # the server stops
                    return
                try:
                    compute(store)
                except Exception:  # the page already said it was left out; log, go on
                    log.exception("a background aggregate failed")

    def store(self) -> Store:
        """This thread's read-only store."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db_path, readonly=True, cache=self.cache)
            self._local.store = store
            if store.postgres:  # an SQLite connection may only be closed by its own thread
                with self._ctx_lock:
                    self._opened.append(store)
        return store

    def close(self) -> None:
        """Close the PostgreSQL stores the threads opened (a connection each)."""
        with self._ctx_lock:
            opened, self._opened = self._opened, []
            waiting, thread = self._later, self._later_thread
            self._later = self._later_thread = None
        if waiting is not None and thread is not None:
            while True:  # what is still queued is dropped: the cache goes with the server
                try:
                    waiting.get_nowait()
                except queue.Empty:
                    break
            waiting.put(None)
            thread.join(timeout=30)
        for store in opened:
            store.close()

    def add(self, records: list[dict[str, Any]]) -> IngestSummary:
        with self._write_lock, Store(self.db_path) as store:
            return store.add(records)

    def context(self) -> Context:
        """The pipeline's context, loaded on the first read request."""
        with self._ctx_lock:
            if self._ctx is None:
                from hadath.context import default_context

                self._ctx = default_context().warm()  # built once, not by racing threads
            return self._ctx

    def token_ok(self, header: str | None) -> bool:
        if self.token is None or not header:
            return False
        scheme, _, value = header.partition(" ")
        return scheme.lower() == "bearer" and secrets.compare_digest(
            value.strip().encode("utf-8"), self.token.encode("utf-8")
        )


def get_hub(request: Request) -> Hub:
    hub: Hub = request.app.state.hub
    return hub
