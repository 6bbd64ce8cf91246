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


@pytest.fixture
def store(db_path: Path, records: list[dict[str, Any]]) -> Iterator[Store]:
    with Store(db_path) as s:
        s.add(records)
        yield s
