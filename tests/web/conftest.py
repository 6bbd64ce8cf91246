"""Stores for the web tests: records we wrote by hand, and records the pipeline read
from texts we wrote (plus the founding page, read from $HADATH_SHARED)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from webdata import AR_TEXT, EN_TEXT, HOSTILE, HOSTILE_HTML, SEED, TOKEN, hostile_record, shared_dir

from hadath.store import Store
from hadath.web.app import create_app


@pytest.fixture(scope="session")
def seed_file() -> Path:
    path = shared_dir() / SEED
    if not path.is_file():
        pytest.skip(f"the founding page {path} is absent; set HADATH_SHARED to run this test")
    return path


@pytest.fixture(scope="session")
def pipeline_records() -> dict[str, dict[str, Any]]:
    """Records the pipeline made from our own texts and our hostile page."""
    import hadath
    from hadath.api import process
    from hadath.context import default_context
    from hadath.model import to_record
    from hadath.readers import from_text

    ctx = default_context()
    # from_text, not hadath.read: the hostile text must stay text, not be sniffed as HTML
    hostile_text = to_record(process(from_text(HOSTILE + "\n"), ctx))
    return {
        "en": hadath.read(EN_TEXT, ctx=ctx),
        "ar": hadath.read(AR_TEXT, ctx=ctx),
        "hostile_html": hadath.read(HOSTILE_HTML, ctx=ctx),
        "hostile_text": hostile_text,
    }


@pytest.fixture(scope="session")
def seed_record(seed_file: Path) -> dict[str, Any]:
    import hadath

    return hadath.read(seed_file)


@pytest.fixture(scope="session")
def db(
    tmp_path_factory: pytest.TempPathFactory,
    pipeline_records: dict[str, dict[str, Any]],
) -> Path:
    """A store holding the pipeline's records of our texts and the hand-made hostile record."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        summary = store.add([*pipeline_records.values(), hostile_record()])
    assert not summary.failed, summary.failed
    return path


@pytest.fixture(scope="session")
def seed_db(
    tmp_path_factory: pytest.TempPathFactory, db: Path, seed_record: dict[str, Any]
) -> Path:
    """The same store plus the founding page."""
    path = tmp_path_factory.mktemp("web-seed") / "seed.db"
    path.write_bytes(db.read_bytes())
    with Store(path) as store:
        store.add([seed_record])
    return path


@pytest.fixture(scope="session")
def pg_db(pg_session_url: str, pipeline_records: dict[str, dict[str, Any]]) -> str:
    """The same store as ``db``, in a PostgreSQL database."""
    with Store(pg_session_url) as store:
        summary = store.add([*pipeline_records.values(), hostile_record()])
    assert not summary.failed, summary.failed
    return pg_session_url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def client(request: pytest.FixtureRequest, db: Path) -> Iterator[TestClient]:
    """The app over ``db``, then over the same store on PostgreSQL."""
    target = str(db) if request.param == "sqlite" else request.getfixturevalue("pg_db")
    with TestClient(create_app(target)) as c:
        yield c


@pytest.fixture(params=["sqlite", "postgresql"])
def token_client(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """The app with POST /api/documents on, over a new store on each backend."""
    target = str(tmp_path / "w.db")
    if request.param == "postgresql":
        target = request.getfixturevalue("pg_url")
    with TestClient(create_app(target, token=TOKEN)) as c:
        yield c
