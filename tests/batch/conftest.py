"""Inputs we wrote for the batch tests: text, HTML, JSON Lines and a WARC with bad records."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

AR_TEXTS = (
    "وزير الخارجية الأمريكي يلتقي نظيره الروسي في موسكو\n\n"
    "التقى وزير الخارجية الأمريكي جون كيري اليوم الخميس نظيره الروسي سيرغي لافروف في موسكو. "
    "وقال كيري إن المحادثات كانت بناءة.",
    "الشرطة تعتقل متظاهرين في القاهرة\n\n"
    "اعتقلت الشرطة المصرية عشرات المتظاهرين أمس في وسط القاهرة. "
    "وطالب المحتجون بالإفراج عن المعتقلين.",
    "الأمم المتحدة تدعو إلى وقف إطلاق النار في سوريا\n\n"
    "دعا مبعوث الأمم المتحدة إلى سوريا جميع الأطراف إلى وقف إطلاق النار. "
    "وأعلنت الحكومة السورية أنها ستشارك في المحادثات الأسبوع المقبل.",
)
EN_TEXT = (
    "Turkey and Russia agree on a ceasefire\n\n"
    "Turkey and Russia agreed on Monday to a ceasefire in northern Syria. "
    "The Turkish foreign minister said talks would continue in Ankara."
)


def html_page(title: str, paragraphs: list[str], lang: str = "ar") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title}</title></head><body><nav><a href='/'>home</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article><footer>footer</footer></body></html>"
    )


def _pages() -> list[str]:
    pages = []
    for text in AR_TEXTS:
        title, _, body = text.partition("\n\n")
        pages.append(html_page(title, body.split(". ")))
    return pages


def make_warc(path: Path) -> dict[str, int]:
    """HTML responses, an image, a request, a redirect, a damaged member, a truncated end."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)

    def response(url: str, body: bytes, ctype: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(
            # an explicit length keeps warcio from buffering in a temporary file it never closes
            w.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
        )

    pages = _pages()
    response("http://news.test/1", pages[0].encode(), "text/html; charset=utf-8")
    response("http://news.test/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    request = b"GET /2 HTTP/1.1\r\nHost: news.test\r\n\r\n"
    w.write_record(
        w.create_warc_record(
            "http://news.test/2", "request", payload=io.BytesIO(request), length=len(request)
        )
    )
    response("http://news.test/old", b"", "text/html", status="301 Moved Permanently")
    response(
        "http://news.test/2", pages[1].encode("windows-1256"), "text/html; charset=windows-1256"
    )
    # a damaged gzip member in the middle: the scan reports it and finds the next record
    buf.write(b"\x1f\x8b\x08\x00" + b"this is not a warc record" * 4)
    response("http://news.test/3", pages[2].encode(), "application/xhtml+xml")
    # a record cut in half at the end of the file
    tail = io.BytesIO()
    w2 = WARCWriter(tail, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w2.write_record(
        w2.create_warc_record(
            "http://news.test/4",
            "response",
            payload=io.BytesIO(pages[0].encode()),
            length=len(pages[0].encode()),
            http_headers=headers,
        )
    )
    cut = tail.getvalue()
    buf.write(cut[: len(cut) // 2])
    path.write_bytes(buf.getvalue())
    return {"pages": 3, "skipped": 3, "broken": 2}


@pytest.fixture(name="make_warc")
def make_warc_fixture() -> Callable[[Path], dict[str, int]]:
    return make_warc


@pytest.fixture(name="html_page")
def html_page_fixture() -> Callable[..., str]:
    return html_page


@pytest.fixture(name="ar_texts")
def ar_texts_fixture() -> tuple[str, ...]:
    return AR_TEXTS


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small folder of every kind of input: 14 documents, 10 readable, 3 WARC records skipped."""
    root = tmp_path_factory.mktemp("inputs")
    (root / "a_ar.txt").write_text(AR_TEXTS[0], encoding="utf-8")
    (root / "b_en.txt").write_text(EN_TEXT, encoding="utf-8")
    title, _, body = AR_TEXTS[1].partition("\n\n")
    (root / "c_page.html").write_text(html_page(title, body.split(". ")), encoding="utf-8")
    lines = [
        json.dumps(
            {"id": f"j{i}", "title": t.split("\n")[0], "text": t.split("\n\n")[1]},
            ensure_ascii=False,
        )
        for i, t in enumerate(AR_TEXTS)
    ]
    lines.insert(1, "")  # blank lines are skipped, as the readers do
    lines.insert(3, '{"id": "broken", "text": ')  # a broken line is reported, not fatal
    lines.append(json.dumps({"id": "en1", "text": EN_TEXT}))
    (root / "d_articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    make_warc(root / "e_crawl.warc.gz")
    (root / "f_empty.txt").write_text("   \n", encoding="utf-8")  # refused by the reader
    return root
