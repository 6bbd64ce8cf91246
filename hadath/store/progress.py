"""A one-line progress display for ingest, written only to a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    """Callable ``(documents, elapsed_seconds)``; redraws at most five times a second."""

    def __init__(self, stream: TextIO, *, every: float = 0.2) -> None:
        self.stream = stream
        self.every = every
        self._last = 0.0

    def __call__(self, documents: int, elapsed: float) -> None:
        now = time.monotonic()
        if now - self._last < self.every:
            return
        self._last = now
        rate = documents / elapsed if elapsed > 0 else 0.0
        spin = "|/-\\"[int(now * 5) % 4]
        self.stream.write(f"\r{spin} {documents:,} documents  {rate:,.1f} documents/s ")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()
