"""A store that cannot be written can still be read: search, events, export and serve.

On SQLite that is a file nobody may write; on PostgreSQL, a role granted only SELECT.

Permissions do not stop root, so under root the commands run with the capabilities
that let root ignore them dropped (``setpriv``): the store is then as unwritable to
them as a read-only mount. Without ``setpriv`` a root user cannot be refused a write,
and only then are these tests skipped.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_records import AR_MEETING, EN_SHELLING

from hadath.errors import StoreError
from hadath.store import Store

_CAPS = "-dac_override,-dac_read_search,-fowner"

# What a user does with a store they may only read, in one process.
_SCRIPT = """
import io, json, sys
from fastapi.testclient import TestClient
from hadath.store import Store
from hadath.web.app import create_app

db = sys.argv[1]
with Store(db, readonly=True) as store:
    out = {"search": [r["id"] for r in store.search("rebel")],
           "events": [e["type"] for e in store.events()]}
    buf = io.StringIO()
    out["export"] = store.export("csv", buf)
with TestClient(create_app(db)) as client:
    r = client.get("/api/events")
    out["serve"] = [r.status_code, [e["type"] for e in r.json()["items"]]]
    r = client.post("/api/documents", json={"text": "x"})
    out["post"] = r.status_code
print(json.dumps(out))
"""


def _unwritable_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a root user cannot be refused writes")
    return [setpriv, f"--bounding-set={_CAPS}", f"--inh-caps={_CAPS}"]


def _run(prefix: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture()
def locked(tmp_path: Path) -> Iterator[Path]:
    """A store file 0444 in a folder 0555: nothing in it can be written or created."""
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "news.db"
    with Store(db) as store:
        store.add([AR_MEETING, EN_SHELLING])
    assert sorted(p.name for p in folder.iterdir()) == ["news.db"]
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)


def test_readonly_a_0444_store_in_a_locked_folder_is_searched_exported_and_served(
    locked: Path,
) -> None:
    prefix = _unwritable_prefix()
    probe = _run(prefix, "-c", f"open({str(locked)!r}, 'ab')")
    assert probe.returncode != 0, "the test process can still write the store"
    out = _run(prefix, "-c", _SCRIPT, str(locked))
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert sorted(p.name for p in locked.parent.iterdir()) == ["news.db"]  # nothing written
    with Store(locked, readonly=True) as store:
        types = [e["type"] for e in store.events()]
    assert sorted(types) == ["ASSAULT", "CONSULT"] and got["events"] == types
    assert got["search"] and got["export"] == len(types)
    assert got["serve"] == [200, types]
    assert got["post"] in (403, 503)  # storing is refused, reading is not


def test_readonly_a_locked_store_whose_log_holds_changes_is_refused_by_name(
    tmp_path: Path,
) -> None:
    prefix = _unwritable_prefix()
    live = tmp_path / "live.db"
    with Store(live) as store:
        store.add([AR_MEETING])
    writer = sqlite3.connect(live)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE documents SET title = 'changed'")
    writer.commit()
    folder = tmp_path / "ro"
    folder.mkdir()
    # a copy taken while the log held a commit: as a crashed writer leaves a medium
    shutil.copy(live, folder / "news.db")
    shutil.copy(live.with_name("live.db-wal"), folder / "news.db-wal")
    writer.close()
    for p in folder.iterdir():
        p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(0o555)
    try:
        code = "from hadath.store import Store; import sys; Store(sys.argv[1], readonly=True)"
        out = _run(prefix, "-c", code, str(folder / "news.db"))
    finally:
        folder.chmod(0o755)
    assert out.returncode != 0
    assert "write-ahead log (news.db-wal) holds changes" in out.stderr


# ---- PostgreSQL: read-only is a role's rights and a read-only session, not a file's mode ----


@pytest.fixture()
def pg_role(pg_url: str) -> Iterator[Callable[[str], str]]:
    """``grant(rights)``: a new login role holding ``rights`` on the store's tables, its URL."""
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    made: list[str] = []

    def grant(rights: str) -> str:
        role = f"hadath_role_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(pg_url, autocommit=True) as owner:
            owner.execute(f'CREATE ROLE "{role}" LOGIN')
            owner.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
            owner.execute(f'GRANT {rights} ON ALL TABLES IN SCHEMA public TO "{role}"')
        made.append(role)
        parts = urlsplit(pg_url)
        return urlunsplit(parts._replace(netloc=f"{role}@{parts.netloc.rpartition('@')[2]}"))

    yield grant
    with psycopg.connect(pg_url, autocommit=True) as owner:
        for role in made:
            owner.execute(f'DROP OWNED BY "{role}"')
            owner.execute(f'DROP ROLE "{role}"')


def test_readonly_a_role_that_may_only_read_postgresql_searches_exports_and_serves(
    pg_url: str, pg_role: Callable[[str], str]
) -> None:
    from fastapi.testclient import TestClient

    from hadath.web.app import create_app

    with Store(pg_url) as store:
        store.add([AR_MEETING, EN_SHELLING])
        types = [e["type"] for e in store.events()]
    reader = pg_role("SELECT")
    with Store(reader, readonly=True) as store:
        assert [e["type"] for e in store.events()] == types
        assert [h["id"] for h in store.search("rebel")] == ["en-shelling"]
        assert store.export("csv", io.StringIO()) == len(types) == 2
    # storing is refused by the server, named as a permission the owner can grant
    with Store(reader) as store:
        assert not store.can_write()
        with pytest.raises(StoreError, match=r"permission denied.*database owner"):
            store.add([dict(AR_MEETING, id="new", text="a new text")])
    with TestClient(create_app(reader, token="t")) as client:
        r = client.get("/api/events")
        assert r.status_code == 200 and [e["type"] for e in r.json()["items"]] == types
        r = client.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer t"})
        assert r.status_code == 503
    with Store(pg_url, readonly=True) as store:
        assert store.count() == 2  # nothing was written


def test_readonly_a_role_that_may_write_rows_ingests_into_a_postgresql_store_it_did_not_make(
    pg_url: str, pg_role: Callable[[str], str]
) -> None:
    with Store(pg_url) as store:
        store.add([AR_MEETING])
    writer = pg_role("SELECT, INSERT, UPDATE")  # no right to create or alter anything
    with Store(writer) as store:
        assert store.can_write()
        summary = store.add([AR_MEETING, EN_SHELLING])
        assert (summary.stored, summary.duplicates) == (1, 1)
    with Store(pg_url, readonly=True) as store:
        assert [d["id"] for d in store.documents()] == ["ar-meeting", "en-shelling"]
        assert store.events(dedup=True, limit=None)
