"""The analyst's pages through TestClient: totals, pages, sorting, facets, map, timeline, actors."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from test_pages import audit
from webdata import hostile_record

from hadath.store import Store, TimeLimit
from hadath.web.app import create_app


@pytest.fixture(scope="module")
def pg_seed_store(
    new_pg: Callable[[], str],
    pipeline_records: dict[str, dict[str, Any]],
    seed_record: dict[str, Any],
) -> str:
    """The records of ``seed_db``, stored in the same order in a PostgreSQL database."""
    url = new_pg()
    with Store(url) as store:
        assert not store.add([*pipeline_records.values(), hostile_record()]).failed
        assert not store.add([seed_record]).failed
    return url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seed_store(request: pytest.FixtureRequest, seed_db: Path) -> str:
    """The store of ``seed_db``, then the same records in PostgreSQL."""
    if request.param == "sqlite":
        return str(seed_db)
    url: str = request.getfixturevalue("pg_seed_store")
    return url


@pytest.fixture(scope="module")
def seed_client(seed_store: str) -> Iterator[TestClient]:
    with TestClient(create_app(seed_store)) as c:
        yield c


def dated_record(doc_id: str, day: str, ptype: str) -> dict[str, Any]:
    """A hand-made English record: Russia acts towards Ukraine (``ptype``) on ``day``."""
    text = f"Russia and Ukraine. On {day} Russia acted against Ukraine."
    source = {"start": text.index("Russia acted"), "end": text.index("Russia acted") + 6}
    target = {"start": text.rindex("Ukraine"), "end": text.rindex("Ukraine") + 7}
    actors = [
        {"name": name, "name_ar": name_ar, "kind": "country", "country": code, "sector": None,
         "org": None, "role": None, "kb": None, "mentions": [span]}
        for name, name_ar, code, span in (
            ("Russia", "روسيا", "RUS", source), ("Ukraine", "أوكرانيا", "UKR", target)
        )
    ]  # fmt: skip
    return {
        "id": doc_id, "source": {"path": None, "url": None, "format": "text"}, "text": text,
        "language": "en", "title": None, "published": day, "outlet": "Test Wire",
        "segments": [{"kind": "body", "lang": "en", "start": 0, "end": len(text)}],
        "related": [], "sentences": [{"start": 0, "end": len(text), "segment": 0}],
        "actors": actors,
        "events": [{
            "type": ptype, "mode": None, "cameo": None, "status": "occurred", "date": day,
            "source": {"actor": 0, "country": "RUS", "sector": None, "org": None, **source},
            "target": {"actor": 1, "country": "UKR", "sector": None, "org": None, **target},
            "place": None, "sentence": 0, "trigger": {"start": text.index("acted"),
            "end": text.index("acted") + 5}, "rule": "hand", "confidence": 0.9,
        }],
        "quotes": [], "claims": [],
    }  # fmt: skip


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def dated_client(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A store of two hand-made records, in January and April 2016 (nothing in between);
    an SQLite file, then a PostgreSQL database."""
    path = str(tmp_path_factory.mktemp("dated") / "dated.db")
    if request.param == "postgresql":
        path = request.getfixturevalue("new_pg")()
    with Store(path) as store:
        store.add(
            [
                dated_record("jan", "2016-01-12", "ACCUSE"),
                dated_record("apr", "2016-04-05", "ASSAULT"),
            ]
        )
    with TestClient(create_app(path)) as c:
        yield c


def _rows(html: str) -> list[str]:
    body = html.split('<table class="events-table">', 1)[1].split("<tbody>", 1)[1]
    return re.findall(r"<tr>(.*?)</tr>", body.split("</tbody>", 1)[0], flags=re.S)


def _cells(row: str) -> list[str]:
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return [re.sub(r"<[^>]+>", "", unescape(c)).strip() for c in cells]


def _total(html: str) -> int:
    found = re.search(r'id="total" data-total="(\d+)"', html)
    assert found, "the page states no total"
    return int(found.group(1))


def _facet(html: str, name: str) -> list[tuple[str, int, str]]:
    """(value, count, address) of each value the page lists under facet ``name``."""
    section = html.split(f'data-facet="{name}"', 1)[1].split("</section>", 1)[0]
    return [
        (unescape(value), int(n.replace(",", "")), unescape(href))
        for href, value, n in re.findall(
            r'<a href="([^"]+)" data-value="([^"]*)">.*?</a> <span class="n">([\d,]+)</span>',
            section,
        )
    ]


def test_events_page_states_the_total_of_every_page(seed_client: TestClient) -> None:
    first = seed_client.get("/events", params={"limit": 5}).text
    total = _total(first)
    api = seed_client.get("/api/events", params={"dedup": "true", "limit": 500}).json()
    assert total == len(api["items"]) > 5
    assert f"<strong>{total:,}</strong> happenings" in first
    # walking the pages lists every happening once
    seen, offset = [], 0
    while offset < total:
        html = seed_client.get("/events", params={"limit": 5, "offset": offset}).text
        assert _total(html) == total
        seen += [_cells(r)[-1] for r in _rows(html)]
        offset += 5
    assert len(seen) == total
    last_page = -(-total // 5)
    assert f"offset={(last_page - 1) * 5}" in first  # the pager links to the last page
    mentions = seed_client.get("/events", params={"dedup": "0", "limit": 5}).text
    every = seed_client.get("/api/events", params={"limit": 500}).json()["items"]
    assert _total(mentions) == len(every)
    assert _total(mentions) > total and "events" in mentions


def test_events_page_sorts_by_type_confidence_and_dyad(seed_client: TestClient) -> None:
    def column(sort: str, index: int) -> list[str]:
        html = seed_client.get("/events", params={"sort": sort, "limit": 500}).text
        return [_cells(r)[index] for r in _rows(html)]

    types = column("type", 1)
    assert types == sorted(types) and len(set(types)) > 2
    confidences = [float(c) for c in column("confidence", 5)]
    assert confidences == sorted(confidences, reverse=True)
    sources = [s.split()[0] for s in column("dyad", 2) if s]
    assert sources == sorted(sources) and len(set(sources)) > 2
    assert seed_client.get("/events", params={"sort": "colour"}).status_code == 400


def test_events_page_facet_links_filter_to_their_counts(seed_client: TestClient) -> None:
    html = seed_client.get("/events").text
    audit(html)
    for name in ("type", "status", "source", "target", "sector", "place", "outlet"):
        values = _facet(html, name)
        assert values, f"facet {name} lists nothing"
        counts = [n for _, n, _ in values]
        assert counts == sorted(counts, reverse=True)
        value, n, href = values[0]
        filtered = seed_client.get(href).text
        assert _total(filtered) == n, (name, value)
        assert "remove this filter" in filtered
    # a type facet value filters the table to that type, and the other facets count within it
    value, n, href = _facet(html, "type")[0]
    filtered = seed_client.get(href).text
    assert {_cells(r)[1] for r in _rows(filtered)} == {value}
    assert sum(c for _, c, _ in _facet(filtered, "type")) == n
    assert [v for v, _, _ in _facet(filtered, "type")] == [value]


def test_events_page_map_points_filter_by_place(
    seed_client: TestClient, seed_record: dict[str, Any]
) -> None:
    html = seed_client.get("/events", params={"doc": seed_record["id"]}).text
    points = re.findall(
        r'<a href="([^"]+)" class="pt" data-place="([^"]*)" data-count="(\d+)">', html
    )
    named = {
        (e.get("place") or {}).get("name")
        for e in seed_record["events"]
        if (e.get("place") or {}).get("lat") is not None
    }
    assert named and {unescape(p) for _, p, _ in points} <= named | {None}
    assert '<image href="/static/world.svg"' in html
    href, place, count = points[0]
    query = parse_qs(urlsplit(unescape(href)).query)
    assert query["place"] == [unescape(place)] and query["doc"] == [seed_record["id"]]
    assert _total(seed_client.get(unescape(href)).text) == int(count)
    world = seed_client.get("/static/world.svg")
    assert world.status_code == 200 and world.text.count("<path") == 2


def _chart_rows(html: str, caption: str) -> dict[str, str]:
    table = html.split(caption, 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r"<tr><td>([\d-]+)</td>((?:<td>\d+</td>){4})</tr>", table))


def test_events_page_timeline_shows_empty_months(dated_client: TestClient) -> None:
    html = dated_client.get("/events").text
    rows = _chart_rows(html, "Timeline data")
    assert list(rows) == ["2016-01", "2016-02", "2016-03", "2016-04"]
    assert rows["2016-01"] == "<td>0</td><td>0</td><td>1</td><td>0</td>"  # ACCUSE: verbal conflict
    assert rows["2016-02"] == rows["2016-03"] == "<td>0</td>" * 4  # empty months, shown at zero
    assert rows["2016-04"] == "<td>0</td><td>0</td><td>0</td><td>1</td>"  # ASSAULT: material
    assert ">2016-02</text>" in html and ">2016-03</text>" in html  # on the chart's axis too
    weeks = _chart_rows(dated_client.get("/events", params={"period": "week"}).text, "Timeline")
    labels = sorted(weeks)
    assert labels[0] == "2016-01-11" and labels[-1] == "2016-04-04"  # Mondays
    assert len(weeks) == 13
    # the timeline follows the filter
    assert list(_chart_rows(dated_client.get("/events?type=ASSAULT").text, "Timeline")) == [
        "2016-04"
    ]


def test_actor_and_dyad_charts_show_empty_months(dated_client: TestClient) -> None:
    for path in ("/actor/RUS", "/dyad/UKR/RUS"):
        rows = _chart_rows(dated_client.get(path).text, "Chart data")
        assert list(rows) == ["2016-01", "2016-02", "2016-03", "2016-04"], path
        assert rows["2016-02"] == "<td>0</td>" * 4


def test_actors_page_lists_codes_names_and_counts(client: TestClient, db: Path) -> None:
    html = client.get("/actors").text
    audit(html)
    codes = re.findall(r'<tr data-code="([A-Z_0-9]+)">', html)
    assert {"RUS", "USA", "EGY"} <= set(codes)
    row = html.split('<tr data-code="RUS">', 1)[1].split("</tr>", 1)[0]
    assert "Russia" in row or "Lavrov" in row
    assert "لافروف" in row or "روسيا" in row  # the Arabic names beside the English
    assert 'href="/actor/RUS"' in row and 'href="/events?actor=RUS"' in row
    with Store(db, readonly=True) as store:
        happenings = store.count_events(actor="RUS")
    assert f'<td class="num">{happenings:,}</td>' in row


def test_unknown_actor_codes_are_404(client: TestClient) -> None:
    for path in ("/actor/XQZ", "/dyad/RUS/XQZ", "/dyad/XQZ/RUS"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"].startswith("text/html")
        assert "XQZ" in r.text
    assert client.get("/actor/RUS").status_code == 200


def test_api_events_outlet_filter(seed_client: TestClient, seed_record: dict[str, Any]) -> None:
    outlet = seed_record["outlet"]
    items = seed_client.get("/api/events", params={"outlet": outlet, "limit": 500}).json()["items"]
    assert items and {i["doc_id"] for i in items} >= {seed_record["id"]}
    assert seed_client.get("/api/events", params={"outlet": "no such outlet"}).json()["items"] == []


@pytest.mark.parametrize("sort", ["date", "confidence", "type", "dyad"])
def test_store_happening_page_is_the_dedup_page(seed_store: str, sort: str) -> None:
    """The page's two-step query lists the same happenings, in the same order of the sort key."""
    key = {
        "date": lambda r: (r["day"] is None, r["day"] or ""),
        "confidence": lambda r: -(r["confidence"] or 0),
        "type": lambda r: r["type"] or "",
        "dyad": lambda r: (r["source"] is None, r["source"] or "", r["target"] or ""),
    }[sort]
    with Store(seed_store, readonly=True) as store:
        whole = store.events(limit=None, dedup=True, sort=sort)
        pages = [
            row
            for offset in range(0, len(whole), 7)
            for row in store.happening_page(limit=7, offset=offset, sort=sort)
        ]
        rus = store.happening_page(limit=500, sort=sort, actor="RUS")
        assert {r["happening"] for r in rus} == {
            r["happening"] for r in store.events(limit=None, dedup=True, actor="RUS")
        }
    assert len(pages) == len(whole) > 7
    assert sorted(r["happening"] for r in pages) == sorted(r["happening"] for r in whole)
    assert [key(r) for r in pages] == [key(r) for r in whole]
    by_id = {r["happening"]: r for r in whole}
    assert all(r == by_id[r["happening"]] for r in pages)  # the same columns and evidence


def test_api_facets_and_places_match_the_page(seed_client: TestClient) -> None:
    params = {"actor": "RUS"}
    api = seed_client.get("/api/facets", params=params).json()
    html = seed_client.get("/events", params=params).text
    assert api["dedup"] is True and api["total"] == _total(html)
    for name, values in api["facets"].items():
        assert [(v["value"], v["count"]) for v in values] == [
            (value, n) for value, n, _ in _facet(html, name)
        ], name
    places = seed_client.get("/api/places", params=params).json()["items"]
    shown = dict(re.findall(r'class="pt" data-place="([^"]*)" data-count="(\d+)"', html))
    assert places and {unescape(k): int(v) for k, v in shown.items()} == {
        p["name"] or p["name_ar"]: p["total"] for p in places
    }
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    mentions = seed_client.get("/api/facets", params={**params, "dedup": "false"}).json()
    assert mentions["total"] > api["total"]
    bad = seed_client.get("/api/facets", params={"type": "NOPE"})  # outside the declared pattern
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "type"]


def test_store_time_limit_stops_a_long_query(seed_store: str) -> None:
    endless = (
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) FROM n"
    )
    with Store(seed_store, readonly=True) as store:
        with pytest.raises(TimeLimit), store.time_limit(0.05), store._guard():
            store._db.execute(endless).fetchone()
        assert store.count_events() > 0  # the connection still answers, with no limit left
        if store.postgres:
            assert store._conn.execute("SHOW statement_timeout").fetchone()[0] == "0"
        unlimited = store.facets()
        with store.time_limit(5):  # a block within its time answers as without one
            assert store.facets() == unlimited


def test_events_page_leaves_out_what_takes_too_long(
    seed_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hadath.web import pages

    monkeypatch.setattr(pages, "AGGREGATE_SECONDS", 0)
    monkeypatch.setattr(pages, "FACET_SECONDS", 0)
    r = seed_client.get("/events", params={"limit": 5})
    assert r.status_code == 200
    html = r.text
    assert len(_rows(html)) == 5  # the table is always listed
    assert 'data-total=""' in html and "not all counted within 0 s" in html
    assert html.count("not counted within 0 s") == 7  # each facet says so
    assert "map was not drawn" in html and "timeline was not drawn" in html
    assert "next →" in html  # a full page: there may be more
    audit(html)


def test_aggregates_are_the_same_on_sqlite_and_postgresql(
    seed_db: Path, pg_seed_store: str
) -> None:
    """Totals, facets, map places, the actor list and the happening pages, from the same records."""
    answers = []
    for target in (seed_db, pg_seed_store):
        with Store(target, readonly=True) as store:
            answers.append(
                {
                    "total": [store.count_events(), store.count_events(dedup=False, actor="RUS")],
                    "facets": [store.facets(), store.facets(dedup=False, place="SYR", top=50)],
                    "places": [p.as_dict() for p in store.places()]
                    + [p.as_dict() for p in store.places(dedup=False, type="ASSAULT")],
                    "actors": store.actor_list(),
                    "known": [store.actor_known(c) for c in ("RUS", "rus", "UN", "XXX")],
                    "pages": [
                        [r["happening"] for r in store.happening_page(limit=9, offset=4, sort=s)]
                        for s in ("date", "confidence", "type", "dyad")
                    ],
                }
            )
    sqlite, postgres = answers
    assert sqlite["total"][0] > 0 and sqlite["places"] and sqlite["actors"]
    for key in sqlite:
        assert postgres[key] == sqlite[key], key
