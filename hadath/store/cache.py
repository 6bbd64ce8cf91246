"""Answers of the analyst's aggregates (totals, facets, places, timelines), kept per store change.

A store counts its changes in the one row of ``store_changes``, bumped in the
transaction of every write that stores something, by any process (an ingest
beside a running server, a second writer on PostgreSQL). An answer is kept
under the count read *before* it was computed: once a write commits, every
reader reads the new count and computes afresh, so no reader is shown
counts older than the store it reads; the older answers are dropped.
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def key_of(value: Any) -> Hashable:
    """``value`` (filters of str, numbers, lists, dicts) as a hashable key, the same for equal
    filters given in another order or as a tuple instead of a list."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), key_of(v)) for k, v in value.items() if v is not None))
    if isinstance(value, list | tuple):
        return tuple(key_of(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot key a {type(value).__name__}")


class AnswerCache:
    """At most ``size`` answers, the least recently used dropped first; safe across threads.

    One per store (a web server's threads share one): the answers of one count of
    changes are only valid for the store that counted them.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._change: int | None = None  # the newest count seen
        self.hits = 0
        self.misses = 0

    def get(self, change: int, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer kept for ``key`` at ``change``, else ``compute()``'s, kept.

        The caller gets a copy (pages add to the rows they show); an answer whose
        computation raised (a time limit) is not kept.
        """
        with self._lock:
            if self._change is None or change > self._change:
                self._answers.clear()  # made before a write that has now committed
                self._change = change
            found = self._answers.get(key, _MISSING) if change == self._change else _MISSING
            if found is not _MISSING:
                self._answers.move_to_end(key)
                self.hits += 1
                return copy.deepcopy(found)  # type: ignore[no-any-return]
            self.misses += 1
        value = compute()
        with self._lock:
            if change == self._change:
                self._answers[key] = value
                while len(self._answers) > self.size:
                    self._answers.popitem(last=False)
        return copy.deepcopy(value)

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()


_MISSING: Any = object()

__all__ = ["AnswerCache", "key_of"]
