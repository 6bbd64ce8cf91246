"""A batch output folder: per partition JSON Lines of records, a Parquet table of events,
and a done marker; ``_manifest.json`` for the whole run.

    out/part-00000.jsonl            SCHEMA records, in input order
    out/part-00000.events.parquet   one row per event
    out/part-00000.done.json        written last: the partition's key and counts
    out/_manifest.json              the run: inputs, partitions, skipped, failed

Every file is written to a temporary name and renamed, so a killed run never
leaves a half-written file under a final name.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from hadath.errors import InputError

MANIFEST = "_manifest.json"
FORMAT = "hadath-batch"

_ARG = (
    ("actor", pa.int32()),
    ("name", pa.string()),
    ("country", pa.string()),
    ("sector", pa.string()),
    ("org", pa.string()),
    ("start", pa.int32()),
    ("end", pa.int32()),
)
EVENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("event", pa.int32()),
        ("language", pa.string()),
        ("published", pa.string()),
        ("url", pa.string()),
        ("path", pa.string()),
        ("type", pa.string()),
        ("mode", pa.string()),
        ("cameo", pa.string()),
        ("status", pa.string()),
        ("date", pa.string()),
        ("date_from", pa.string()),
        ("sentence", pa.int32()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("trigger", pa.string()),
        ("rule", pa.string()),
        ("confidence", pa.float64()),
        *((f"source_{k}", t) for k, t in _ARG),
        *((f"target_{k}", t) for k, t in _ARG),
        ("place_name", pa.string()),
        ("place_name_ar", pa.string()),
        ("place_country", pa.string()),
        ("place_lat", pa.float64()),
        ("place_lon", pa.float64()),
        ("quote", pa.int32()),
        ("speaker", pa.int32()),
    ]
)


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
    table = pa.Table.from_pylist(rows, schema=EVENT_SCHEMA)
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


def is_batch_output(folder: str | Path) -> bool:
    manifest = read_json(Path(folder) / MANIFEST)
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT


def part_names(folder: Path) -> list[str]:
    """The finished partitions of an output folder, in order."""
    manifest = read_json(folder / MANIFEST)
    if isinstance(manifest, dict) and manifest.get("format") == FORMAT:
        return [str(p["name"]) for p in manifest.get("partitions", [])]
    return sorted(p.name.removesuffix(".done.json") for p in folder.glob("part-*.done.json"))


def load_outputs(folder: str | Path) -> Iterator[dict[str, Any]]:
    """Every record of a batch output folder, in input order (streamed, part by part)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(str(folder), "no such folder")
    names = part_names(root)
    if not names and not (root / MANIFEST).exists():
        raise InputError(str(folder), "not a batch output folder (no _manifest.json, no parts)")
    for name in names:
        path = root / f"{name}.jsonl"
        try:
            with path.open("rb") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)
        except OSError as exc:
            raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def load_events(folder: str | Path) -> Iterable[pa.Table]:
    """The events tables of a batch output folder, part by part."""
    root = Path(folder)
    for name in part_names(root):
        yield pq.read_table(root / f"{name}.events.parquet")
