"""HTML pages (not a test): the whole pipeline against the HTML extractor alone.

The baseline, run in the same process on the same pages, is trafilatura's
``bare_extraction`` with the arguments the reader uses. The ratio says what
hadath adds on top of extraction (target: at most 1.5x). Pages: the three
under ``$HADATH_SHARED/corpus/html/`` plus corpus articles wrapped in page
templates of our own (a news site, a blog, a print view).

    .venv/bin/python bench/bench_html.py [--pages 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

import hadath
from hadath.api import process
from hadath.context import Context
from hadath.model import to_record
from hadath.readers import from_html

SHARED = Path(os.environ.get("HADATH_SHARED", Path(__file__).resolve().parents[2] / "shared"))

# Our own templates: header, navigation, figure, related list, footer around the article.
_NEWS = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | موقع الأخبار</title>
<meta property="article:published_time" content="{date}T09:00:00+00:00">
<meta property="og:site_name" content="موقع الأخبار"></head><body>
<header><a href="/">الرئيسية</a> <a href="/world">العالم</a> <a href="/sport">رياضة</a></header>
<main><article><h1>{title}</h1><div class="byline">القسم الدولي</div>
<figure><img src="a.jpg"><figcaption>صورة أرشيفية</figcaption></figure>
{paragraphs}</article>
<aside class="related-stories"><h3>أخبار ذات صلة</h3><ul>
<li><a href="/r1">تطورات جديدة في الملف نفسه خلال الأسبوع الماضي</a></li>
<li><a href="/r2">ردود فعل دولية على القرار الأخير للحكومة</a></li></ul></aside></main>
<footer>جميع الحقوق محفوظة</footer></body></html>"""
_BLOG = """<html><head><title>{title}</title></head><body><div id="wrap">
<div class="sidebar"><ul><li>أرشيف</li><li>تصنيفات</li></ul></div>
<div class="post"><h2>{title}</h2><span class="date">{date}</span>
<div class="entry">{paragraphs}</div></div>
<div class="comments"><p>لا توجد تعليقات</p></div></div></body></html>"""
_PRINT = """<!DOCTYPE html><html lang="ar"><body><h1>{title}</h1>
<time datetime="{date}">{date}</time>{paragraphs}</body></html>"""
TEMPLATES = (_NEWS, _BLOG, _PRINT)


def generated_pages(n: int) -> list[str]:
    pages = []
    with (SHARED / "corpus" / "arabic_news_sample.jsonl").open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if len(pages) >= n:
                break
            a = json.loads(line)
            paras = [p.strip() for p in a["text"].split("\n") if p.strip()]
            body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
            tpl = TEMPLATES[i % len(TEMPLATES)]
            pages.append(
                tpl.format(
                    title=html.escape(a.get("title") or ""),
                    date=a.get("date") or "2014-01-01",
                    paragraphs=body,
                )
            )
    return pages


def shared_pages() -> list[str]:
    folder = SHARED / "corpus" / "html"
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*.html"))]


def best_of(repeat: int, *fns: Callable[[], None]) -> list[float]:
    """The best time of each function over ``repeat`` rounds, the functions taking turns in
    each round: a slow spell of a shared machine then falls on all of them, not on one."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            best[i] = min(best[i], time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200, help="generated pages (default 200)")
    ap.add_argument("--repeat", type=int, default=5, help="rounds, best kept (default 5)")
    args = ap.parse_args()
    print(f"cpu_count: {os.cpu_count()}  (one process)")
    print("hadath:", hadath.__file__, "(compiled)" if hadath.compiled() else "(pure Python)")
    ctx = Context().warm()
    sets = {"shared pages": shared_pages(), "generated pages": generated_pages(args.pages)}

    for name, pages in sets.items():
        if not pages:
            print(f"{name}: none found")
            continue

        def extract(pages: list[str] = pages) -> None:
            for page in pages:
                trafilatura.bare_extraction(
                    page, with_metadata=True, include_comments=False, include_tables=False
                )

        def read(pages: list[str] = pages) -> None:
            for i, page in enumerate(pages):
                from_html(page, f"page {i}")

        def pipeline(pages: list[str] = pages) -> None:
            for i, page in enumerate(pages):
                to_record(process(from_html(page, f"page {i}"), ctx))

        extract()  # warm trafilatura's caches before timing
        base, reader, whole = best_of(args.repeat, extract, read, pipeline)
        n = len(pages)
        print(
            f"{name}: {n} pages, extractor {n / base:,.1f} pages/s, reader {n / reader:,.1f}, "
            f"pipeline {n / whole:,.1f} pages/s; reader / extractor = {reader / base:.2f}x, "
            f"pipeline / extractor = {whole / base:.2f}x (target <= 1.5x: "
            f"{'met' if whole / base <= 1.5 else 'NOT met'})"
        )


if __name__ == "__main__":
    main()
