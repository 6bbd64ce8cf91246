"""The pages in a real headless Chromium (Debian's package; never `playwright install`).

Outside CI the tests skip when Chromium is missing; in CI (CI=true) they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hadath.web import render
from hadath.web.app import create_app

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _chromium() -> str:
    found = os.environ.get("HADATH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(found).is_file():
        message = (
            f"Chromium not found ({found}): install Debian's package (apt-get install -y"
            " chromium) or set HADATH_CHROMIUM; the browser tests cannot run without it"
        )
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(seed_db: Path) -> Iterator[str]:
    """uvicorn on a free loopback port, in a thread, over the store with the founding page."""
    import uvicorn

    port = _free_port()
    app = create_app(seed_db, allowed_hosts=["127.0.0.1"])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


class Watch:
    """Everything a page does that a safe page never does: dialogs, errors, foreign requests."""

    def __init__(self, page: Any, base: str) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []

        def on_dialog(dialog: Any) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        def on_console(msg: Any) -> None:
            if msg.type in ("error", "warning"):
                self.errors.append(f"console {msg.type}: {msg.text}")

        def on_request(request: Any) -> None:
            if not request.url.startswith((base + "/", "data:", "about:")):
                self.foreign.append(request.url)

        page.on("dialog", on_dialog)
        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.on("request", on_request)

    def check(self) -> None:
        assert not self.dialogs, f"a script ran: {self.dialogs}"
        assert not self.errors, self.errors
        assert not self.foreign, f"requests outside the app: {self.foreign}"


def _screenshot_dir(tmp_path: Path) -> Path:
    out = Path(os.environ.get("HADATH_SCREENSHOTS") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    return out


def _moscow_consult(record: dict[str, Any]) -> int:
    """The CONSULT event whose trigger lies in the sentence naming موسكو; else the first event."""
    for i, event in enumerate(record["events"]):
        sentence = record["sentences"][event["sentence"]]
        text = record["text"][sentence["start"] : sentence["end"]]
        if event["type"] == "CONSULT" and "موسكو" in text:
            return i
    return 0


def test_browser_founding_page_document_view(
    browser: Any, server: str, seed_record: dict[str, Any], tmp_path: Path
) -> None:
    record = seed_record
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    watch = Watch(page, server)
    page.goto(f"{server}/doc/{record['id']}")
    page.wait_for_load_state("networkidle")

    direction = "el => getComputedStyle(el).direction"
    bodies = page.locator('section.seg-body[lang="ar"] .seg-text')
    assert bodies.count() > 0
    for i in range(bodies.count()):
        assert bodies.nth(i).evaluate(direction) == "rtl"
    captions = page.locator('section.seg-caption[lang="en"] .seg-text')
    assert captions.count() == sum(
        1 for s in record["segments"] if s["kind"] == "caption" and s["lang"] == "en"
    )
    assert captions.count() > 0, "the founding page has English captions"
    for i in range(captions.count()):
        assert captions.nth(i).evaluate(direction) == "ltr"

    # every quote is marked with its speaker's name, Kerry's among them when the stage finds it
    for i, quote in enumerate(record["quotes"]):
        label = page.locator(f'.spk[data-speaker-of="{i}"]')
        assert label.count() == 1, f"quote {i} has no speaker mark"
        segment_lang = next(
            s["lang"] for s in record["segments"] if s["start"] <= quote["start"] < s["end"]
        )
        assert label.inner_text().strip() == render.speaker_name(record, quote, segment_lang)
        assert label.is_visible()
    kerry = [
        i
        for i, q in enumerate(record["quotes"])
        if (q.get("speaker") or {}).get("actor") is not None
        and "Kerry" in (record["actors"][q["speaker"]["actor"]].get("name") or "")
    ]
    for i in kerry:
        assert page.locator(f'.spk[data-speaker-of="{i}"]').inner_text().strip() in (
            "جون كيري", "John Kerry",
        )  # fmt: skip

    # clicking the Moscow CONSULT event highlights its words and its sentence
    assert record["events"], "the founding page has events"
    index = _moscow_consult(record)
    event = record["events"][index]
    page.locator(f"#event-{index}").click()
    assert page.locator(f"#event-{index}").get_attribute("aria-pressed") == "true"
    sentence = page.locator(".hl-sent")
    assert sentence.count() > 0
    assert {sentence.nth(i).get_attribute("data-s") for i in range(sentence.count())} == {
        str(event["sentence"])
    }
    s = record["sentences"][event["sentence"]]
    shown = "".join(sentence.nth(i).inner_text() for i in range(sentence.count()))
    assert shown.replace("\n", "") == record["text"][s["start"] : s["end"]].replace("\n", "")
    if event["type"] == "CONSULT":
        assert "موسكو" in shown
    words = page.locator(".hl")
    assert words.count() > 0
    trigger = record["text"][event["trigger"]["start"] : event["trigger"]["end"]]
    assert trigger in "".join(words.nth(i).inner_text() for i in range(words.count()))
    background = page.locator(".hl").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")

    # clicking a quote moves the highlight to the quote's words
    if record["quotes"]:
        page.locator("#quote-0").click()
        assert page.locator(f"#event-{index}").get_attribute("aria-pressed") == "false"
        assert page.locator('.hl[data-q~="0"]').count() > 0

    page.locator(f"#event-{index}").click()
    shot = _screenshot_dir(tmp_path) / "founding-page.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    watch.check()
    page.close()


def test_browser_hostile_pages_run_no_script(
    browser: Any, server: str, pipeline_records: dict[str, Any], tmp_path: Path
) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    ids = ["hostile-handmade", pipeline_records["hostile_html"]["id"],
           pipeline_records["hostile_text"]["id"]]  # fmt: skip
    for doc_id in ids:
        page.goto(f"{server}/doc/{doc_id}")
        page.wait_for_load_state("networkidle")
        items = page.locator(".item[data-event], .item[data-quote], .item[data-actor]")
        for i in range(items.count()):
            items.nth(i).click()
        # hovering the marked words must not fire anything either
        for i in range(min(page.locator("[data-a], [data-q]").count(), 20)):
            page.locator("[data-a], [data-q]").nth(i).hover()
    page.goto(f"{server}/doc/hostile-handmade")
    assert page.locator("img, iframe, svg:not(.chart), script:not([src])").count() == 0
    assert "<img src=x onerror=alert(1)>" in page.locator("#doc-text").inner_text()
    page.screenshot(path=str(_screenshot_dir(tmp_path) / "hostile.png"))
    for path in ("/?q=onerror", "/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "/events",
                 "/events?actor=EGY", "/actor/EGY", "/dyad/RUS/USA", "/docs"):  # fmt: skip
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    watch.check()
    page.close()


def test_browser_event_link_opens_with_event_selected(
    browser: Any, server: str, seed_record: dict[str, Any]
) -> None:
    page = browser.new_page()
    watch = Watch(page, server)
    page.goto(f"{server}/events?doc={seed_record['id']}")
    page.goto(f"{server}/doc/{seed_record['id']}#event-1")
    page.wait_for_load_state("networkidle")
    assert page.locator("#event-1").get_attribute("aria-pressed") == "true"
    assert page.locator(".hl-sent").count() > 0
    watch.check()
    page.close()
