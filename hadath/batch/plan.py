"""Inputs to partitions: a stable list of small work items, N documents each.

The plan walks the inputs in the order ``hadath read`` would (folders sorted,
globs sorted), finds each document's place without reading documents whole
(JSON Lines: byte ranges of lines; WARC: offsets of HTML records), and cuts
the sequence into partitions of N documents. A partition travels to a worker
as paths and byte offsets only. Its key hashes what it covers (paths, sizes,
modification times, offsets), so a re-run over unchanged inputs finds the
same partitions and can skip those already written.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from hadath import __version__
from hadath.batch import warc
from hadath.readers import JSONL_SUFFIXES, KNOWN_SUFFIXES, path_kind

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileSlice:
    """One text or HTML file: one document."""

    path: str  # as recorded in ``source.path`` (the name the user gave)
    where: str
    open_path: str  # absolute, so workers elsewhere can open it


@dataclass(frozen=True, slots=True)
class LinesSlice:
    """Consecutive lines of a JSON Lines file, ``[start, end)`` in bytes."""

    path: str
    where: str
    open_path: str
    start: int
    end: int
    first_line: int  # 1-based number of the line at ``start``


@dataclass(frozen=True, slots=True)
class WarcSlice:
    """HTML response records of one WARC file: (offset, stored length) each."""

    path: str
    where: str
    open_path: str
    records: tuple[tuple[int, int], ...]


Slice = FileSlice | LinesSlice | WarcSlice


@dataclass(frozen=True, slots=True)
class Task:
    """One partition: what a worker needs to write ``part-NNNNN``."""

    index: int
    key: str
    documents: int
    slices: tuple[Slice, ...]

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    reason: str


@dataclass(slots=True)
class Plan:
    tasks: list[Task] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count
    failed: list[Problem] = field(default_factory=list)  # found while planning
    broken: int = 0  # WARC records too damaged or too large to read (also in ``failed``)

    @property
    def documents(self) -> int:
        return sum(t.documents for t in self.tasks)


# ---- discovering files ------------------------------------------------------


def _walk(folder: Path) -> Iterator[Path]:
    """Like the readers' walk (same order, hidden files skipped), WARC files included."""
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or any(part.startswith(".") for part in p.relative_to(folder).parts):
            continue
        if p.suffix.lower() in KNOWN_SUFFIXES or warc.is_warc(p.name):
            yield p


def files(inputs: Iterable[str | Path], failed: list[Problem]) -> Iterator[tuple[Path, str]]:
    """(path, where) for every file of every input, in input order."""
    for raw in inputs:
        name = str(raw)
        if name == "-":
            failed.append(Problem("<stdin>", "batch reads files, not standard input"))
            continue
        path = Path(name)
        kind, why = path_kind(path)
        if kind == "dir":
            for p in _walk(path):
                yield p, str(p)
        elif kind == "file":
            yield path, name
        elif why is not None:
            failed.append(Problem(name[:80], why))
        elif glob.has_magic(name):
            matches = sorted(glob.glob(name, recursive=True))  # noqa: PTH207 (patterns with a root)
            if not matches:
                failed.append(Problem(name, "no file matches this pattern"))
            for m in matches:
                yield from files([m], failed)
        else:
            failed.append(Problem(name, "no such file or folder"))


# ---- documents of one file -------------------------------------------------


def _nonblank_lines(fh: IO[bytes]) -> Iterator[tuple[int, int, int]]:
    """(line number, start, end) of each non-blank line, streamed in chunks."""
    pos = start = 0
    line = 1
    nonblank = False
    while chunk := fh.read(_CHUNK):
        i = 0
        while True:
            j = chunk.find(b"\n", i)
            if not nonblank and chunk[i : len(chunk) if j < 0 else j].strip():
                nonblank = True
            if j < 0:
                break
            end = pos + j + 1
            if nonblank:
                yield line, start, end
            line += 1
            start = end
            nonblank = False
            i = j + 1
        pos += len(chunk)
    if nonblank:
        yield line, start, pos


Unit = tuple[str, int, int, int]  # kind ("file", "line", "warc"), a, b, c


def _units(path: Path, where: str, plan: Plan) -> Iterator[Unit]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        try:
            with path.open("rb") as fh:
                for line, start, end in _nonblank_lines(fh):
                    yield ("line", start, end, line)
        except OSError as exc:
            plan.failed.append(Problem(where, f"cannot read: {exc.strerror or exc}"))
        return
    if warc.is_warc(path.name):
        try:
            size = path.stat().st_size
            with path.open("rb") as fh:
                for item in warc.scan(fh, size):
                    if isinstance(item, warc.Page):
                        yield ("warc", item.offset, item.length, 0)
                    elif isinstance(item, warc.Skipped):
                        plan.skipped[item.reason] = plan.skipped.get(item.reason, 0) + 1
                    else:
                        plan.failed.append(Problem(f"{where}@{item.offset}", item.reason))
                        plan.broken += 1
        except OSError as exc:
            plan.failed.append(Problem(where, f"cannot read: {exc.strerror or exc}"))
        return
    yield ("file", 0, 0, 0)


# ---- partitions ------------------------------------------------------------


class _Builder:
    """Groups documents into partitions; runs of one file merge into one slice."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.tasks: list[Task] = []
        # open slices as (kind, path, where, absolute, numbers), frozen on flush
        self.open: list[tuple[str, str, str, str, list[int]]] = []
        self.count = 0

    def add(self, path: Path, where: str, unit: Unit) -> None:
        kind, a, b, c = unit
        absolute = str(path.absolute())
        last = self.open[-1] if self.open else None
        if kind != "file" and last is not None and last[0] == kind and last[3] == absolute:
            if kind == "line":
                last[4][1] = b  # extend the byte range to this line's end
            else:
                last[4].extend((a, b))
        else:
            nums = [a, b] if kind == "warc" else [a, b, c]
            self.open.append((kind, str(path), where, absolute, nums))
        self.count += 1
        if self.count >= self.size:
            self.flush()

    def flush(self) -> None:
        if not self.count:
            return
        slices: list[Slice] = []
        for kind, recorded, where, absolute, nums in self.open:
            if kind == "line":
                slices.append(LinesSlice(recorded, where, absolute, nums[0], nums[1], nums[2]))
            elif kind == "warc":
                records = tuple(zip(nums[::2], nums[1::2], strict=True))
                slices.append(WarcSlice(recorded, where, absolute, records))
            else:
                slices.append(FileSlice(recorded, where, absolute))
        frozen = tuple(slices)
        self.tasks.append(Task(len(self.tasks), partition_key(frozen), self.count, frozen))
        self.open = []
        self.count = 0


def _stamp(open_path: str) -> list[int]:
    try:
        st = Path(open_path).stat()
    except OSError:
        return [-1, -1]
    return [st.st_size, st.st_mtime_ns]


def partition_key(slices: tuple[Slice, ...]) -> str:
    """A hash of what the partition covers and of the inputs' sizes and times."""
    h = hashlib.sha1(f"hadath {__version__}\n".encode())
    for s in slices:
        desc = {"kind": type(s).__name__, **asdict(s), "stamp": _stamp(s.open_path)}
        h.update(json.dumps(desc, sort_keys=True, default=list).encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def make_plan(inputs: Iterable[str | Path], partition_size: int = 100) -> Plan:
    """Partitions of ``partition_size`` documents over all inputs, in input order."""
    if partition_size < 1:
        raise ValueError("partition size must be at least 1")
    plan = Plan()
    builder = _Builder(partition_size)
    for path, where in files(inputs, plan.failed):
        for unit in _units(path, where, plan):
            builder.add(path, where, unit)
    builder.flush()
    plan.tasks = builder.tasks
    return plan
