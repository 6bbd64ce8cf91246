from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from hadath.errors import StoreError
from hadath.store import Store


def test_errors_locked_database(db_path: Path, records: list[dict[str, Any]]) -> None:
    Store(db_path).close()
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Store(db_path, timeout=0.1) as store, pytest.raises(StoreError) as err:
            store.add(records)
        assert err.value.where == str(db_path)
        assert "locked" in err.value.problem
        assert err.value.exit_code == 4
    finally:
        other.execute("ROLLBACK")
        other.close()


@pytest.mark.usefixtures("store")
def test_errors_readonly_store(target: str, records: list[dict[str, Any]]) -> None:
    with Store(target, readonly=True) as ro:
        assert ro.count() == 4
        with pytest.raises(StoreError, match="read-only"):
            ro.add(records)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_errors_readonly_file(db_path: Path, records: list[dict[str, Any]]) -> None:
    Store(db_path).close()
    db_path.chmod(0o444)
    with pytest.raises(StoreError, match="read-only"), Store(db_path) as store:
        store.add(records)


@pytest.mark.usefixtures("store")
def test_errors_readonly_connection_write(target: str) -> None:
    # bypass the read-only guard: the database itself refuses, and we say so clearly
    with Store(target, readonly=True) as ro:
        ro.readonly = False
        with pytest.raises(StoreError, match="read-only"):
            ro.add([{"id": "n", "text": "new text"}])


def test_errors_full_disk(db_path: Path) -> None:
    with Store(db_path) as store:
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        big = [{"id": f"d{i}", "text": f"document {i} " + "x " * 4000} for i in range(20)]
        with pytest.raises(StoreError, match="full"):
            store.add(big, batch_size=5)
        assert store.integrity() == "ok"


def test_errors_corrupt_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreError, match="not a hadath database"):
        Store(bad)


def test_errors_missing_readonly(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "nope.db", readonly=True)
