"""Shared fixtures: the shared folder (gold, corpus, seed) and the process-wide context."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from hadath.context import Context, default_context

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "hadath" / "samples"


def _shared() -> Path:
    env = os.environ.get("HADATH_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    path = _shared()
    if not (path / "gold").is_dir():
        pytest.skip(f"the shared folder is absent ({path}); set HADATH_SHARED to run this test")
    return path


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "seed" / "000_98d78d77fcb958ba.txt"


@pytest.fixture(scope="session")
def ctx() -> Context:
    """The default context: the rules propose, the shipped learned models decide."""
    return default_context()


@pytest.fixture(scope="session")
def rules() -> Context:
    """The rules alone (``HADATH_LEARNED=0``): for tests of what a rule proposes and decides
    where the learned models, on by default, choose otherwise."""
    return Context(learned=False)


@pytest.fixture(scope="session")
def seed_record(seed_path: Path, ctx: Context) -> dict[str, object]:
    import hadath

    return hadath.read(seed_path, ctx=ctx)


# ---- PostgreSQL: HADATH_TEST_PG is a server URL whose user may create databases ----------


def _pg_base() -> str:
    url = os.environ.get("HADATH_TEST_PG")
    if url:
        return url
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail("HADATH_TEST_PG is not set: CI runs every store test on PostgreSQL too")
    pytest.skip("set HADATH_TEST_PG=postgresql://user@host/db to run the PostgreSQL tests")


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@contextmanager
def new_pg_database() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database, dropped afterwards."""
    import psycopg

    base = _pg_base()
    name = f"hadath_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(base, name)
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    with new_pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for the whole session."""
    with new_pg_database() as url:
        yield url


@pytest.fixture(scope="session")
def new_pg() -> Iterator[Callable[[], str]]:
    """Makes fresh, empty PostgreSQL databases, each dropped at the end of the session."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(new_pg_database())
