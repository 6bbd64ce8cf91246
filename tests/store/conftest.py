"""A fresh store per test, holding the hand-made records of ``store_records``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from store_records import RECORDS

from hadath.store import Store


@pytest.fixture
def records() -> list[dict[str, Any]]:
    return [dict(r) for r in RECORDS]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, db_path: Path) -> str:
    """A new store on each backend: an SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(db_path)
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def store(target: str, records: list[dict[str, Any]]) -> Iterator[Store]:
    with Store(target) as s:
        s.add(records)
        yield s
