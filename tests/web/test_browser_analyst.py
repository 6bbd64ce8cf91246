"""The analyst's pages in headless Chromium (Debian's): facets, map, timeline, actors, direction.

Each test keeps a screenshot of what it saw (in ``$HADATH_SCREENSHOTS`` when set).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from test_browser import CHROMIUM_ARGS, Watch, _screenshot_dir, browser, server

__all__ = ["CHROMIUM_ARGS", "browser", "server"]  # fixtures, used by name below


def _open(browser: Any, server: str, path: str) -> tuple[Any, Watch]:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    watch = Watch(page, server)
    response = page.goto(server + path)
    page.wait_for_load_state("networkidle")
    assert response is not None and response.status == 200, path
    return page, watch


def _rows_column(page: Any, index: int) -> list[str]:
    cells = page.locator(f".events-table tbody tr td:nth-child({index})")
    return [cells.nth(i).inner_text().strip() for i in range(cells.count())]


def _points(page: Any) -> dict[str, int]:
    points = page.locator("svg.map a.pt")
    return {
        points.nth(i).get_attribute("data-place"): int(points.nth(i).get_attribute("data-count"))
        for i in range(points.count())
    }


def test_browser_facet_click_filters_table_and_map(
    browser: Any, server: str, tmp_path: Path
) -> None:
    page, watch = _open(browser, server, "/events")
    before = _points(page)
    total = int(page.locator("#total").get_attribute("data-total"))
    assert before and total > 0
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "events.png"), full_page=True)

    # click the commonest type: the table, the total and the map follow
    first = page.locator('[data-facet="type"] li a').first
    value = first.get_attribute("data-value")
    count = int(page.locator('[data-facet="type"] li .n').first.inner_text().replace(",", ""))
    first.click()
    page.wait_for_load_state("networkidle")
    assert parse_qs(urlsplit(page.url).query)["type"] == [value]
    assert int(page.locator("#total").get_attribute("data-total")) == count < total
    types = _rows_column(page, 2)
    assert types and set(types) == {value}
    after = _points(page)
    assert after and set(after) <= set(before)
    assert all(n <= before[name] for name, n in after.items())
    assert sum(after.values()) < sum(before.values())

    # then a place on the map: only that place's happenings of that type remain
    name, n = max(after.items(), key=lambda item: item[1])
    page.locator(f'svg.map a.pt[data-place="{name}"] circle').click()
    page.wait_for_load_state("networkidle")
    query = parse_qs(urlsplit(page.url).query)
    assert query["place"] == [name] and query["type"] == [value]
    assert int(page.locator("#total").get_attribute("data-total")) == n
    assert set(_points(page)) >= {name}
    assert page.locator(".chip", has_text=name).count() == 1
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "events-filtered.png"), full_page=True)
    watch.check()
    page.close()


def test_browser_map_draws_the_founding_page_places_offline(
    browser: Any, server: str, seed_record: dict[str, Any], tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    watch = Watch(page, server)
    loaded: list[str] = []
    page.on("requestfinished", lambda r: loaded.append(r.url))
    page.goto(f"{server}/events?doc={seed_record['id']}")
    page.wait_for_load_state("networkidle")
    placed = {
        (e.get("place") or {}).get("name") or (e.get("place") or {}).get("name_ar")
        for e in seed_record["events"]
        if (e.get("place") or {}).get("lat") is not None
    }
    assert placed, "the founding page names places with coordinates"
    assert set(_points(page)) == placed
    assert f"{server}/static/world.svg" in loaded  # the outlines, from this app
    box = page.locator("svg.map").bounding_box()
    assert box and box["width"] > 300
    for name in placed:
        circle = page.locator(f'svg.map a.pt[data-place="{name}"] circle').bounding_box()
        assert circle and circle["width"] >= 5, name  # drawn, not a zero-size dot
        assert box["x"] <= circle["x"] and circle["x"] + circle["width"] <= box["x"] + box["width"]
        assert (
            box["y"] <= circle["y"] and circle["y"] + circle["height"] <= box["y"] + box["height"]
        )
    # the land is drawn: the map is not one flat colour
    png = page.locator("svg.map").screenshot(path=str(_screenshot_dir(tmp_path) / "map.png"))
    assert len(png) > 20_000
    watch.check()  # among others: no request left 127.0.0.1
    page.close()


def test_browser_timeline_shows_empty_months(browser: Any, server: str, tmp_path: Path) -> None:
    page, watch = _open(browser, server, "/events")
    labels = page.locator("#timeline svg text")
    shown = [labels.nth(i).text_content() for i in range(labels.count())]
    months = [s for s in shown if s and len(s) == 7 and s[4] == "-"]
    assert len(months) >= 2
    page.locator(".chart-data summary").first.click()
    rows = page.locator(".chart-data tbody tr")
    table = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    labels_all = [r[0] for r in table]
    # every month from the first to the last, those without events at zero
    year, month = int(labels_all[0][:4]), int(labels_all[0][5:])
    for label in labels_all:
        assert label == f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    empty = [r for r in table if r[1:] == ["0", "0", "0", "0"]]
    assert empty, "the stored months leave gaps, shown as empty months"
    assert page.locator("#timeline svg").bounding_box()["width"] > 300
    page.locator("#timeline").screenshot(path=str(_screenshot_dir(tmp_path) / "timeline.png"))
    watch.check()
    page.close()


def test_browser_actors_page_and_unknown_actor(browser: Any, server: str, tmp_path: Path) -> None:
    page, watch = _open(browser, server, "/actors")
    assert page.locator('tr[data-code="RUS"]').count() == 1
    arabic = page.locator('tr[data-code="RUS"] td[lang="ar"]')
    assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert arabic.inner_text().strip()
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "actors.png"), full_page=True)
    page.locator('tr[data-code="RUS"] a[href="/actor/RUS"]').click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "RUS"
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "actor.png"), full_page=True)
    page.goto(server + "/dyad/RUS/USA")
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "dyad.png"), full_page=True)
    watch.check()
    page.close()
    # an unknown code: a 404 page (Chromium logs the status, so no Watch here)
    page = browser.new_page()
    response = page.goto(server + "/actor/XQZ")
    assert response is not None and response.status == 404
    assert "XQZ" in page.locator(".error").inner_text()
    assert page.locator("h1").inner_text() == "Error 404"
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "actor-404.png"))
    page.close()


def test_browser_arabic_and_english_on_one_line_in_order(
    browser: Any, server: str, seed_record: dict[str, Any], tmp_path: Path
) -> None:
    """The document's metadata line: date, (how it was found, in Arabic), outlet, language."""
    assert seed_record.get("outlet") and seed_record.get("published_from")
    page, watch = _open(browser, server, f"/doc/{seed_record['id']}")
    boxes = [
        page.locator(f".doc-head .meta {cls}").bounding_box()
        for cls in (".m-date", ".m-from", ".m-outlet", ".m-lang")
    ]
    assert all(boxes)
    for left, right in pairwise(boxes):
        same_line = abs(left["y"] - right["y"]) < left["height"]
        assert same_line and left["x"] + left["width"] <= right["x"] + 1, (left, right)
    assert page.locator(".m-outlet").inner_text() == seed_record["outlet"]
    # an actor's names, each followed by its count: an Arabic name does not pull the number
    # after it to its left (where it would read as the count of the name before)
    page.goto(server + "/actor/RUS")
    names = page.locator("p.names bdi")
    arabic = 0
    for i in range(names.count()):
        name = names.nth(i)
        count = page.locator("p.names .n").nth(i)
        nb, cb = name.bounding_box(), count.bounding_box()
        assert nb and cb and abs(nb["y"] - cb["y"]) < nb["height"]
        assert nb["x"] + nb["width"] <= cb["x"] + 1, (name.inner_text(), count.inner_text())
        arabic += any("\u0600" <= ch <= "\u06ff" for ch in name.inner_text())
    assert arabic, "the actor page names Russia in Arabic too"
    # Arabic sentence links are not underlined (the line cuts the dots under the letters)
    page.goto(server + "/events")
    link = page.locator("td.sentence a").first
    assert link.evaluate("el => getComputedStyle(el).textDecorationLine") == "none"
    link.hover()
    assert link.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    page.goto(f"{server}/doc/{seed_record['id']}")
    page.locator(".doc-head").screenshot(path=str(_screenshot_dir(tmp_path) / "doc-meta.png"))
    watch.check()
    page.close()
