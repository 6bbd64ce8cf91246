"""`hadath batch` workers die with their parent; Ctrl-C and SIGTERM stop it in one line."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SENTENCE = "The foreign minister met the envoy in Paris on Monday, the ministry said."

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


def _corpus(root: Path, n: int = 400) -> Path:
    folder = root / "pages"
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(f"{SENTENCE} Page {i}.\n" * 40, encoding="utf-8")
    return folder


def _children(parent: int) -> list[int]:
    """Live processes whose parent is ``parent`` (zombies count as dead)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    """A batch run with two workers, once both are up and reading."""
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "hadath.cli", "batch", str(_corpus(tmp_path)), "--out", str(out),
         "--workers", "2", "--partition-size", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        # the pool's workers: spawned or forked, not multiprocessing's resource tracker
        workers = [c for c in _children(proc.pid) if "resource_tracker" not in _cmdline(c)]
        if len(workers) == 2 and len(list(out.glob("part-*.done.json"))) >= 2:
            return proc, workers
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.kill()
    proc.communicate()
    raise AssertionError("the batch run did not start two working workers")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def test_batch_signals_kill_9_of_the_parent_leaves_no_worker_after_5_s(tmp_path: Path) -> None:
    proc, workers = _start(tmp_path)
    proc.kill()  # SIGKILL: the parent can run no cleanup at all
    proc.communicate()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:  # do not leave them behind this test either
        os.kill(w, signal.SIGKILL)
    assert left == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_batch_signals_interrupt_stops_in_one_line_without_traceback(
    tmp_path: Path, sig: signal.Signals
) -> None:
    proc, workers = _start(tmp_path)
    if sig == signal.SIGINT:  # Ctrl-C reaches the whole process group of the terminal
        for pid in (proc.pid, *workers):
            os.kill(pid, sig)
    else:
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err.decode().strip().splitlines() == ["hadath: interrupted"]
    assert not any(_alive(w) for w in workers)
