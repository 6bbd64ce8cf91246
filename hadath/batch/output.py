"""A batch output folder: per partition JSON Lines of records, a Parquet table of events,
and a done marker; ``_manifest.json`` for the whole run.

    out/part-00000.jsonl            SCHEMA records, in input order
    out/part-00000.events.parquet   one row per event
    out/part-00000.done.json        written last: the partition's key, counts, and each
                                    file's size and SHA-256
    out/_manifest.json              the run: inputs, partitions (with their files' sums),
                                    skipped, failed

Every file is written to a temporary name and renamed, so a killed run never
leaves a half-written file under a final name; the sums find a part damaged
since (truncated, emptied, edited): a re-run redoes it and ingest refuses it.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.errors import InputError

MANIFEST = "_manifest.json"
FORMAT = "hadath-batch"
PART_FILES = (".jsonl", ".events.parquet")  # a partition's data files, beside its done marker
UNFINISHED = (
    "an unfinished `hadath batch` output (parts but no _manifest.json): run the same"
    " `hadath batch` again to finish it, then ingest it"
)

_ARG = (
    ("actor", "int32"),
    ("name", "string"),
    ("country", "string"),
    ("sector", "string"),
    ("org", "string"),
    ("start", "int32"),
    ("end", "int32"),
)
# The events table's columns and their Arrow types (pyarrow is imported only to write it).
_EVENT_COLUMNS = (
    ("doc_id", "string"),
    ("event", "int32"),
    ("language", "string"),
    ("published", "string"),
    ("url", "string"),
    ("path", "string"),
    ("type", "string"),
    ("mode", "string"),
    ("cameo", "string"),
    ("status", "string"),
    ("date", "string"),
    ("date_from", "string"),
    ("sentence", "int32"),
    ("trigger_start", "int32"),
    ("trigger_end", "int32"),
    ("trigger", "string"),
    ("rule", "string"),
    ("confidence", "float64"),
    *((f"source_{k}", t) for k, t in _ARG),
    *((f"target_{k}", t) for k, t in _ARG),
    ("place_name", "string"),
    ("place_name_ar", "string"),
    ("place_country", "string"),
    ("place_lat", "float64"),
    ("place_lon", "float64"),
    ("quote", "int32"),
    ("speaker", "int32"),
)


def _arrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or a clear error: Parquet is the ``parquet`` extra."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "hadath batch",
            "writes its events as Parquet, which needs pyarrow: pip install 'hadath[parquet]'",
        ) from None
    return pa, pq


def require_parquet() -> None:
    """Fail now, before reading anything, when pyarrow is missing."""
    _arrow()


def event_schema() -> Any:
    """The Arrow schema of the events table (one row per event)."""
    pa, _ = _arrow()
    return pa.schema([(name, getattr(pa, kind)()) for name, kind in _EVENT_COLUMNS])


def event_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The Parquet rows of one record's events (flat, one per event)."""
    text: str = record.get("text") or ""
    actors: list[dict[str, Any]] = record.get("actors") or []
    source = record.get("source") or {}
    for n, ev in enumerate(record.get("events") or []):
        trigger = ev.get("trigger") or {}
        place = ev.get("place") or {}
        row: dict[str, Any] = {
            "doc_id": record.get("id"),
            "event": n,
            "language": record.get("language"),
            "published": record.get("published"),
            "url": source.get("url"),
            "path": source.get("path"),
            "type": ev.get("type"),
            "mode": ev.get("mode"),
            "cameo": ev.get("cameo"),
            "status": ev.get("status"),
            "date": ev.get("date"),
            "date_from": ev.get("date_from"),
            "sentence": ev.get("sentence"),
            "trigger_start": trigger.get("start"),
            "trigger_end": trigger.get("end"),
            "trigger": text[trigger.get("start", 0) : trigger.get("end", 0)] or None,
            "rule": ev.get("rule"),
            "confidence": ev.get("confidence"),
            "place_name": place.get("name"),
            "place_name_ar": place.get("name_ar"),
            "place_country": place.get("country"),
            "place_lat": place.get("lat"),
            "place_lon": place.get("lon"),
            "quote": ev.get("quote"),
            "speaker": ev.get("speaker"),
        }
        for side in ("source", "target"):
            arg = ev.get(side) or {}
            actor = arg.get("actor")
            name = None
            if isinstance(actor, int) and 0 <= actor < len(actors):
                name = actors[actor].get("name")
            row[f"{side}_name"] = name
            for key, _ in _ARG:
                if key != "name":
                    row[f"{side}_{key}"] = arg.get(key)
        yield row


@contextmanager
def atomic(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed over ``path`` only when the block succeeds."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        yield tmp
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def write_events(path: Path, rows: list[dict[str, Any]]) -> None:
    pa, pq = _arrow()
    table = pa.Table.from_pylist(rows, schema=event_schema())
    with atomic(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")


def write_json(path: Path, obj: Any) -> None:
    with atomic(path) as tmp:
        tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class FileSum:
    """A file as written: its name in the folder, size, SHA-256 and number of lines."""

    name: str
    bytes: int
    sha256: str
    lines: int


def file_sum(path: Path) -> FileSum:
    digest, size, lines = hashlib.sha256(), 0, 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
    return FileSum(path.name, size, digest.hexdigest(), lines)


def file_sums_json(sums: Iterable[FileSum]) -> dict[str, dict[str, Any]]:
    return {f.name: {"bytes": f.bytes, "sha256": f.sha256, "lines": f.lines} for f in sums}


def file_sums(obj: object) -> tuple[FileSum, ...]:
    """The sums of a done marker or manifest entry; () when absent or malformed."""
    if not isinstance(obj, dict):
        return ()
    try:
        return tuple(
            FileSum(str(name), int(v["bytes"]), str(v["sha256"]), int(v["lines"]))
            for name, v in obj.items()
        )
    except (KeyError, TypeError, ValueError):
        return ()


def damaged(folder: Path, name: str, sums: Iterable[FileSum]) -> str | None:
    """What is wrong with partition ``name``'s files against their sums, or None."""
    expected = {f.name: f for f in sums}
    for suffix in PART_FILES:
        path = folder / f"{name}{suffix}"
        if not path.is_file():
            return f"{path.name} is missing"
        want = expected.get(path.name)
        if want is None:
            return f"{path.name} has no checksum (written by an older hadath)"
        size = path.stat().st_size
        if size != want.bytes:
            return f"{path.name} is {size:,} bytes, {want.bytes:,} when written"
        if file_sum(path) != want:
            return f"{path.name} is not what was written (its SHA-256 differs)"
    return None


def is_batch_output(folder: str | Path) -> bool:
    manifest = read_json(Path(folder) / MANIFEST)
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT


def part_names(folder: Path) -> list[str]:
    """The finished partitions of an output folder, in order."""
    manifest = read_json(folder / MANIFEST)
    if isinstance(manifest, dict) and manifest.get("format") == FORMAT:
        return [str(p["name"]) for p in manifest.get("partitions", [])]
    return sorted(p.name.removesuffix(".done.json") for p in folder.glob("part-*.done.json"))


def is_unfinished_batch(folder: str | Path) -> bool:
    """A folder `hadath batch` is writing or was stopped in: parts, but no manifest yet."""
    root = Path(folder)
    if not root.is_dir() or (root / MANIFEST).exists():
        return False
    return any(root.glob("part-*.done.json")) or any(root.glob("part-*.events.parquet"))


def check_outputs(folder: Path) -> list[str]:
    """The partitions of a finished batch folder, each checked against the manifest.

    A part missing, or not what the run wrote (size, SHA-256, number of records), is an
    InputError naming it: ingest stores nothing from a damaged folder. Manifests written
    before the sums existed are checked by their record counts only.
    """
    manifest = read_json(folder / MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise InputError(str(folder), "not a batch output folder (no _manifest.json)")
    names = []
    for part in manifest.get("partitions", []):
        name = str(part["name"])
        sums = file_sums(part.get("files"))
        problem = damaged(folder, name, sums) if sums else _count_problem(folder, name, part)
        if problem is None and sums:
            lines = next(f.lines for f in sums if f.name == f"{name}.jsonl")
            if lines != part.get("records"):
                problem = f"{name}.jsonl holds {lines} records, the manifest {part.get('records')}"
        if problem is not None:
            raise InputError(
                str(folder / f"{name}.jsonl"),
                f"damaged batch part: {problem}; re-run the same `hadath batch` to redo it",
            )
        names.append(name)
    return names


def _count_problem(folder: Path, name: str, part: dict[str, Any]) -> str | None:
    path = folder / f"{name}.jsonl"
    if not path.is_file():
        return f"{path.name} is missing"
    lines = file_sum(path).lines
    if lines != part.get("records"):
        return f"{path.name} holds {lines} records, the manifest {part.get('records')}"
    return None


def load_outputs(folder: str | Path) -> Iterator[dict[str, Any]]:
    """Every record of a finished batch output folder, in input order (streamed, part by
    part), once every part is checked against the manifest (``check_outputs``)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(str(folder), "no such folder")
    if is_unfinished_batch(root):
        raise InputError(str(folder), UNFINISHED)
    names = check_outputs(root)
    for name in names:
        path = root / f"{name}.jsonl"
        try:
            with path.open("rb") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def load_events(folder: str | Path) -> Iterable[Any]:
    """The events tables (``pyarrow.Table``) of a batch output folder, part by part."""
    _, pq = _arrow()
    root = Path(folder)
    for name in part_names(root):
        yield pq.read_table(root / f"{name}.events.parquet")
