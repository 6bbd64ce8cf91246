"""hadath.batch: WARC records sorted, partitions deterministic, resumable, any scheduler."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("warcio")

from hadath.api import read_many
from hadath.batch import load_events, load_outputs, make_plan, run_batch, warc
from hadath.batch.run import start_method
from hadath.errors import InputError

MakeWarc = Callable[[Path], dict[str, int]]


def _records(out: Path) -> list[dict[str, Any]]:
    return list(load_outputs(out))


def test_warc_scan_sorts_records(tmp_path: Path, make_warc: MakeWarc) -> None:
    path = tmp_path / "crawl.warc.gz"
    expected = make_warc(path)
    with path.open("rb") as fh:
        items = list(warc.scan(fh, path.stat().st_size))
    pages = [i for i in items if isinstance(i, warc.Page)]
    skipped = sorted(i.reason for i in items if isinstance(i, warc.Skipped))
    broken = [i for i in items if isinstance(i, warc.Broken)]
    assert len(pages) == expected["pages"]
    assert skipped == ["not HTML (image/png)", "request record", "status 301"]
    assert len(broken) == expected["broken"]
    assert "truncated" in broken[-1].reason


def test_batch_warc_html_read_others_skipped_broken_reported(
    tmp_path: Path, make_warc: MakeWarc
) -> None:
    path = tmp_path / "crawl.warc.gz"
    make_warc(path)
    s = run_batch([path], tmp_path / "out", partition_size=2)
    assert s.records == 3  # the page after the damaged member was still read
    assert s.skipped == {"not HTML (image/png)": 1, "request record": 1, "status 301": 1}
    assert len(s.failed) == 2 and all("WARC record" in f.reason for f in s.failed)
    assert s.documents == 5
    records = _records(tmp_path / "out")
    assert [r["source"]["url"] for r in records] == [
        "http://news.test/1",
        "http://news.test/2",
        "http://news.test/3",
    ]
    assert {r["source"]["format"] for r in records} == {"warc"}
    assert records[1]["text"].startswith("الشرطة تعتقل")  # windows-1256 page decoded


def test_batch_warc_record_over_size_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_warc: MakeWarc
) -> None:
    path = tmp_path / "crawl.warc.gz"
    make_warc(path)
    monkeypatch.setenv("HADATH_MAX_BYTES", "300")
    s = run_batch([path], tmp_path / "out")
    assert s.records == 0
    assert sum("over the" in f.reason for f in s.failed) == 3


def test_batch_jsonl_matches_readers_and_limits_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ar_texts: tuple[str, ...]
) -> None:
    lines = [
        json.dumps({"id": f"n{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(ar_texts)
    ]
    lines.insert(1, json.dumps({"id": "big", "text": "كلمة " * 400}, ensure_ascii=False))
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("HADATH_MAX_BYTES", "1500")
    s = run_batch([path], tmp_path / "out", partition_size=1)
    assert [f.where for f in s.failed] == [f"{path}:2"]
    assert "over the" in s.failed[0].reason
    expected = [r.record for r in read_many([path]) if r.record is not None]
    assert _records(tmp_path / "out") == expected


def _compare_runs(inputs: Path, tmp_path: Path, client: Any) -> None:
    serial = run_batch([inputs], tmp_path / "serial", partition_size=3)
    local = run_batch([inputs], tmp_path / "local", partition_size=2, workers=2)
    dask = run_batch([inputs], tmp_path / "dask", partition_size=4, client=client)
    records = _records(tmp_path / "serial")
    assert records, "no record read"
    assert _records(tmp_path / "local") == records
    assert _records(tmp_path / "dask") == records
    for s in (serial, local, dask):
        assert (s.documents, s.records, s.skipped) == (14, 10, serial.skipped)
        assert [f.where for f in s.failed] == [f.where for f in serial.failed]
        # the context is loaded once per process, not per partition or document
        assert {p.context_loads for p in s.parts} == {1}
    assert len({p.pid for p in local.parts}) <= 2
    assert len({p.pid for p in dask.parts}) <= 2
    # outside WARC, the same records as `hadath read`
    plain = [p for p in sorted(inputs.iterdir()) if not p.name.endswith(".warc.gz")]
    expected = [r.record for r in read_many(plain) if r.record is not None]
    assert [r for r in records if r["source"]["format"] != "warc"] == expected


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_batch_same_records_serial_local_and_dask(inputs: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        _compare_runs(inputs, tmp_path, client)


def test_batch_local_workers_forked_from_a_loaded_parent(inputs: Path, tmp_path: Path) -> None:
    # `hadath batch` in a process of its own (this one may hold other tests' threads)
    out = tmp_path / "local"
    run = subprocess.Popen(
        [sys.executable, "-m", "hadath.cli", "batch", str(inputs), "--out", str(out),
         "--workers", "2", "--partition-size", "2", "--quiet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    _, err = run.communicate(timeout=300)
    assert run.returncode == 3, err  # two inputs are broken: reported, exit code 3
    serial = run_batch([inputs], tmp_path / "serial", partition_size=3)
    assert _records(out) == _records(tmp_path / "serial")
    parts = [json.loads(p.read_text()) for p in sorted(out.glob("part-*.done.json"))]
    assert sum(p["records"] for p in parts) == serial.records
    loaded_by = {p["context_pid"] for p in parts}
    workers = {p["pid"] for p in parts}
    assert 1 <= len(workers) <= 2 and run.pid not in workers
    if sys.platform != "darwin":  # forked: the context came loaded from the parent
        assert loaded_by == {run.pid}
    else:
        assert loaded_by == workers


def test_batch_local_workers_spawn_while_another_thread_runs(inputs: Path, tmp_path: Path) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert start_method() == "spawn"
        local = run_batch([inputs], tmp_path / "local", partition_size=2, workers=2)
    finally:
        stop.set()
        other.join()
    serial = run_batch([inputs], tmp_path / "serial", partition_size=7)
    assert _records(tmp_path / "local") == _records(tmp_path / "serial")
    assert local.records == serial.records
    # each spawned worker loaded its own context, once
    assert all(p.context_pid == p.pid != os.getpid() for p in local.parts)
    assert {p.context_loads for p in local.parts} == {1}


def test_batch_worker_imports_only_what_reading_needs() -> None:
    # what a spawned or Dask worker imports to run a partition: the main module's package
    # (hadath.cli, as `hadath batch` runs), the worker module, and the pipeline
    script = (
        "import json, sys\nimport hadath.cli, hadath.batch.worker\n"
        "from hadath.api import process\nprint(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=True
    )
    loaded = set(json.loads(done.stdout))
    assert {"hadath.batch.worker", "hadath.pipeline"} <= loaded
    unneeded = {
        "hadath.batch.run", "hadath.cli.batch", "hadath.cli.store", "hadath.store",
        "hadath.web", "warcio", "pyarrow", "distributed", "sqlite3",
    }  # fmt: skip
    assert not loaded & unneeded, sorted(loaded & unneeded)


def test_batch_rerun_skips_finished_partitions(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([inputs], out, partition_size=4)
    assert first.resumed == 0 and first.partitions == 3
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")}
    again = run_batch([inputs], out, partition_size=4)
    assert again.resumed == again.partitions == 3
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*")} == stamps
    assert _records(out) == _records(out)  # and the manifest is rewritten
    # a partition whose done marker is missing (a killed run) is written again, alone
    (out / "part-00001.done.json").unlink()
    third = run_batch([inputs], out, partition_size=4)
    assert third.resumed == 2
    assert (third.records, third.documents) == (first.records, first.documents)


def test_batch_partitions_are_stable_and_change_with_inputs(inputs: Path, tmp_path: Path) -> None:
    a = make_plan([inputs], partition_size=3)
    b = make_plan([inputs], partition_size=3)
    assert [t.key for t in a.tasks] == [t.key for t in b.tasks]
    assert [t.documents for t in a.tasks] == [3, 3, 3, 3]
    copy = tmp_path / "copy"
    copy.mkdir()
    for p in inputs.iterdir():
        (copy / p.name).write_bytes(p.read_bytes())
    (copy / "b_en.txt").write_text("Another text entirely.", encoding="utf-8")
    c, d = make_plan([copy], partition_size=3), make_plan([copy], partition_size=3)
    assert [t.key for t in c.tasks] == [t.key for t in d.tasks]
    assert c.tasks[0].key != a.tasks[0].key


def test_batch_tasks_are_small(inputs: Path) -> None:
    import pickle

    plan = make_plan([inputs], partition_size=100)
    assert len(pickle.dumps(plan.tasks[0])) < 2000  # paths and offsets, never the text


def test_batch_globs_and_missing_inputs(inputs: Path, tmp_path: Path) -> None:
    s = run_batch([str(inputs / "*.txt"), str(tmp_path / "nope.txt"), "y" * 300], tmp_path / "out")
    assert s.records == 2
    assert sorted(f.reason for f in s.failed) == [
        "cannot be looked up as a file: file name too long",
        "empty input: no text to read",
        "no such file or folder",
    ]


def test_load_outputs_refuses_other_folders(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(load_outputs(tmp_path))


def test_cli_batch_end_to_end(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    from hadath.cli.batch import register

    parser = argparse.ArgumentParser(prog="hadath")
    register(parser.add_subparsers(dest="command", required=True))
    out = tmp_path / "out"
    args = parser.parse_args(["batch", str(inputs), "--out", str(out), "--partition-size", "5"])
    assert args.func(args) == 3  # two inputs are broken: reported, exit code 3
    err = capsys.readouterr().err
    assert "14 documents: 10 read" in err and "3 skipped" in err and "4 failed" in err
    assert "failed: " in err and "d_articles.jsonl:4" in err
    manifest = json.loads((out / "_manifest.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in manifest["partitions"]] == ["part-00000", "part-00001", "part-00002"]
    records = _records(out)
    events = sum(len(t) for t in load_events(out))
    assert events == sum(len(r["events"]) for r in records)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_cli_batch_help_names_every_option() -> None:
    import argparse

    from hadath.cli.batch import register

    parser = argparse.ArgumentParser(prog="hadath")
    sub = parser.add_subparsers(dest="command")
    register(sub)
    text = sub.choices["batch"].format_help()
    for option in ("--out", "--workers", "--scheduler", "--partition-size", "--quiet"):
        assert option in text


def test_batch_html_page_we_wrote(tmp_path: Path, html_page: Callable[..., str]) -> None:
    page = tmp_path / "p.html"
    page.write_text(html_page("Turkey and Russia agree", ["They agreed on Monday."], "en"))
    s = run_batch([page], tmp_path / "out")
    assert s.records == 1 and not s.failed
    assert (tmp_path / "out" / "part-00000.events.parquet").is_file()


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _emptied(data: bytes) -> bytes:
    return data[:0]


def _one_line_short(data: bytes) -> bytes:
    return b"".join(data.splitlines(keepends=True)[:-1])


def _one_byte_changed(data: bytes) -> bytes:
    return data[:10] + bytes([data[10] ^ 1]) + data[11:]


@pytest.mark.parametrize(
    "damage", [_truncated, _emptied, _one_line_short, _one_byte_changed],
    ids=["truncated", "emptied", "one-line-short", "one-byte-changed"],
)  # fmt: skip
def test_batch_damaged_part_is_redone_and_refused_by_ingest(
    inputs: Path, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    out = tmp_path / "out"
    first = run_batch([inputs], out, partition_size=4)
    part = out / "part-00001.jsonl"
    good = part.read_bytes()
    part.write_bytes(damage(good))
    with pytest.raises(InputError) as refused:
        list(load_outputs(out))
    assert refused.value.where == str(part)
    assert refused.value.problem.startswith("damaged batch part: part-00001.jsonl ")
    again = run_batch([inputs], out, partition_size=4)
    assert again.resumed == 2  # the two sound parts are kept, the damaged one redone
    assert part.read_bytes() == good
    assert len(_records(out)) == first.records


def test_batch_missing_part_is_redone_and_refused_by_ingest(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([inputs], out, partition_size=4)
    (out / "part-00002.events.parquet").unlink()
    with pytest.raises(InputError, match=r"part-00002\.events\.parquet is missing"):
        list(load_outputs(out))
    assert run_batch([inputs], out, partition_size=4).resumed == 2
    assert (out / "part-00002.events.parquet").is_file()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_cli_ingest_refuses_an_unfinished_batch_folder(
    inputs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
    backend: str,
) -> None:
    from hadath.cli import main
    from hadath.store import Store

    out = tmp_path / "out"
    db = str(tmp_path / "news.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    run_batch([inputs], out, partition_size=4)
    (out / "_manifest.json").unlink()  # as a run that is under way (or was killed) leaves it
    assert main(["ingest", str(out), "--db", db, "-q"]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"hadath: {out}: an unfinished `hadath batch` output")
    with Store(db) as store:
        assert store.count() == 0  # its part files were not read as articles
    # a damaged part of a finished folder: refused by name before anything is stored
    run_batch([inputs], out, partition_size=4)
    part = out / "part-00001.jsonl"
    good = part.read_bytes()
    part.write_bytes(_one_line_short(good))
    assert main(["ingest", str(out), "--db", db, "-q"]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"hadath: {part}: damaged batch part: part-00001.jsonl ")
    with Store(db) as store:
        assert store.count() == 0
    run_batch([inputs], out, partition_size=4)  # redone: ingested as records
    assert part.read_bytes() == good
    assert main(["ingest", str(out), "--db", db, "-q"]) == 0
    # every record read (the same texts in several formats are stored once)
    assert f" 0 failed ({len(_records(out))} documents in" in capsys.readouterr().err
    with Store(db) as store:
        assert store.count() > 0
