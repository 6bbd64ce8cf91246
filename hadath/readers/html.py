"""HTML pages: the article body from trafilatura, plus what extractors drop.

trafilatura keeps the running text; analysts also need the title, photo
captions, bylines and source lines, related-story summaries with their dates,
and the publication date from metadata. Those come from one selectolax parse.
The page becomes plain text, one block a line, and each block keeps a hint of
what the markup said it was, for the layout stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from hadath.errors import InputError
from hadath.model import Block

_META_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_SPACE = re.compile(r"\s+")
_RELATED_CLASS = re.compile(r"related|more-stories|read-more|also-read|suggest", re.IGNORECASE)
_BYLINE_CLASS = re.compile(r"byline|author|writer", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    text: str
    blocks: tuple[Block, ...]
    title: str | None
    meta_published: str | None
    url: str | None
    outlet: str | None
    lang: str | None


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or "<head" in head or "<div" in head or "<p>" in head
    )


def _clean(s: str | None) -> str:
    return _SPACE.sub(" ", s or "").strip()


def _meta_date(tree: HTMLParser) -> str | None:
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name") or "").strip()
        key = key or (node.attributes.get("itemprop") or "")
        if key.lower() in {k.lower() for k in _META_DATE_KEYS}:
            m = _ISO_DATE.search(node.attributes.get("content") or "")
            if m:
                return m.group(0)
    for node in tree.css("time[datetime]"):
        m = _ISO_DATE.search(node.attributes.get("datetime") or "")
        if m:
            return m.group(0)
    return None


def _texts(nodes: list[Node]) -> list[str]:
    out = []
    for n in nodes:
        t = _clean(n.text(separator=" "))
        if t:
            out.append(t)
    return out


def read_html(html: str, where: str, url: str | None = None) -> HtmlPage:
    """Turn an HTML page into text blocks with hints; refuse pages with no text."""
    try:
        tree = HTMLParser(html)
    except Exception as exc:  # selectolax raises plain errors on hostile input
        raise InputError(where, f"cannot parse HTML: {exc}") from None
    root = tree.root
    lang = None
    if root is not None:
        lang = (root.attributes.get("lang") or "").split("-")[0].lower() or None
    title_node = tree.css_first("h1")
    title = _clean(title_node.text(separator=" ")) if title_node else ""
    if not title:
        og = tree.css_first('meta[property="og:title"]')
        title = _clean(og.attributes.get("content") if og else "")
    if not title:
        t = tree.css_first("title")
        title = _clean(t.text() if t else "")
    captions = _texts(tree.css("figcaption")) + _texts(tree.css("[class*=caption]"))
    bylines = [t for t in _texts(tree.css("[rel=author], [class*=byline]")) if len(t) < 120]
    related: list[str] = []
    for node in tree.css("[class]"):
        cls = node.attributes.get("class") or ""
        if _RELATED_CLASS.search(cls):
            related.extend(t for t in _texts(node.css("a")) if len(t) > 15)
    meta_published = _meta_date(tree)
    outlet = _meta_outlet(tree)

    import trafilatura  # here, not at the top: reading plain text never needs it

    extracted = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    body_lines: list[str] = []
    if isinstance(extracted, dict):  # older trafilatura releases return a dict
        extracted = None
    if extracted is not None:
        body_lines = [_clean(line) for line in (extracted.text or "").split("\n")]
        title = title or _clean(extracted.title)
        meta_published = meta_published or extracted.date
        outlet = outlet or extracted.sitename
    body_lines = [b for b in body_lines if b]
    if body_lines and title and body_lines[0] == title:
        body_lines = body_lines[1:]
    if not body_lines and not title:
        raise InputError(where, "no article text found in the HTML page")

    seen: set[str] = set()
    blocks: list[Block] = []
    parts: list[str] = []
    pos = 0

    def add(line: str, hint: str) -> None:
        nonlocal pos
        if not line or line in seen:
            return
        seen.add(line)
        blocks.append(Block(pos, pos + len(line), hint))
        parts.append(line)
        pos += len(line) + 1

    add(title, "title")
    body_set = set(body_lines)
    for line in bylines:
        if line not in body_set:
            add(line, "byline")
    for line in body_lines:
        hint = "caption" if line in captions else "body"
        add(line, hint)
    for line in captions:
        add(line, "caption")
    for line in related:
        add(line, "related")
    return HtmlPage(
        text="\n".join(parts),
        blocks=tuple(blocks),
        title=title or None,
        meta_published=meta_published,
        url=url,
        outlet=outlet,
        lang=lang,
    )


# Where pages name their publication, most specific first (Open Graph, then plain metadata).
_OUTLET_META = (
    'meta[property="og:site_name"]',
    'meta[name="og:site_name"]',
    'meta[name="publisher"]',
    'meta[name="application-name"]',
    'meta[name="apple-mobile-web-app-title"]',
)


def _meta_outlet(tree: HTMLParser) -> str | None:
    for selector in _OUTLET_META:
        node = tree.css_first(selector)
        name = _clean(node.attributes.get("content") if node else "")
        if name and len(name) <= 200 and not name.startswith(("http:", "https:")):
            return name
    return None
