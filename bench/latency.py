"""What the web benchmarks share: waiting for a started server to answer, and the latency lines
they print (per kind of request: count, median, p95, longest)."""

from __future__ import annotations

import statistics
import subprocess
import time

import httpx


def p95(values: list[float]) -> float:
    """The 95th percentile of sorted ``values`` (nearest rank)."""
    return values[min(len(values) - 1, int(0.95 * len(values)))]


def print_latencies(times: dict[str, list[float]], width: int = 14) -> None:
    """One line per kind of request with any timings (seconds in, milliseconds out)."""
    for name, values in times.items():
        if not values:
            continue
        values.sort()
        median = statistics.median(values) * 1000
        print(f"  {name:<{width}} n={len(values):5d}  median {median:7.1f} ms"
              f"  p95 {p95(values) * 1000:7.1f} ms  max {values[-1] * 1000:7.1f} ms")  # fmt: skip


def wait_until_answering(
    proc: subprocess.Popen[bytes], port: int, seconds: float, poll: float, timeout: float
) -> bool:
    """Whether the server ``proc`` started answers /api/documents on 127.0.0.1:``port`` within
    ``seconds`` (asked every ``poll`` seconds, each try given ``timeout``). It stops waiting if
    the process exits."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/documents?limit=1", timeout=timeout)
            return True
        except httpx.TransportError:
            time.sleep(poll)
    return False
