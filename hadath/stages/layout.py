"""Cut a page into its parts: title, body, captions, credits, source, related stories, furniture.

Scraped news pages mix the article with what surrounds it: wire-photo
captions (often in another language than the article), agency credits, a
source line, related-story blocks with their own dates, and navigation. Each
line of a text page (or each block an HTML reader kept) is one candidate
segment; its kind comes from what it says and where it stands, never from a
template of one site.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hadath.context import Context
from hadath.model import Block, Document, Related, Segment
from hadath.text.dates import find_dates

# A line that names where the story came from: "المصدر : الجزيرة + وكالات", "Source: Reuters".
_SOURCE = re.compile(r"^\s*(?:المصدر|المصادر|مصدر الخبر|Source|Sources)\s*[:：]\s*(.{1,80})$", re.I)
# Headers that open a block of related stories; the header itself is furniture.
_RELATED_HEAD = re.compile(
    r"^\s*(?:حول هذه القصة|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|أخبار ذات صلة|مواضيع ذات صلة|ذات صلة|"
    r"قد يهمك أيضا|شاهد أيضا|About this story|Related(?: stories| articles| news)?|Read more|"
    r"More on this|See also|You may also like)\s*:?\s*$",
    re.I,
)
# Navigation and widgets: short lines that belong to the site, not the story.
_FURNITURE = re.compile(
    r"^\s*(?:المزيد من|الأكثر قراءة|الأكثر مشاهدة|الأكثر تداولا|شارك|مشاركة|تابعنا|تابعونا|"
    r"اشترك|النشرة البريدية|إعلان|اعلان|تعليقات|أضف تعليق|إضافة تعليق|الرئيسية|"
    r"Most read|Most popular|Share|Follow us|Subscribe|Advertisement|Comments|Home|Sign up)\b",
    re.I,
)
# A dated line of a story card: "Published On 24/3/2016", "نشر في 23/3/2016".
_PUBLISHED_LINE = re.compile(
    r"^\s*(?:Published\s+On|Published|Updated|Last update|نشر في|نشرت في|تاريخ النشر|"
    r"آخر تحديث|تم النشر)\s*[:：]?\s*(.{4,60})$",
    re.I,
)
# A wire-photo credit inside a caption: agencies and photographers.
_CAPTION_MARK = re.compile(
    r"\b(?:REUTERS|Reuters|AFP|EPA|AP Photo|Getty|Anadolu|ANADOLU|Xinhua|handout|Handout|"
    r"pictured|photograph|Photo|PHOTO|file photo|\((?:L|R|C|2nd [LR]|centre|center|left|right)\))"
)
# Short Arabic captions end with the agency in brackets: "(الأوروبية)", "(رويترز)".
_AR_CREDIT_END = re.compile(
    r"\((?:الأوروبية|الاوروبية|رويترز|الفرنسية|أسوشيتد برس|أسوشيتدبرس|الأناضول|الجزيرة|"
    r"أ ف ب|أ\.ف\.ب|غيتي|غيتي إيميجز|إي بي أي|أرشيف|أرشيفية|مواقع التواصل|ناشطون|"
    r"وكالات|سانا|الجزيرة نت|أ\.ب|أسوشييتد برس)\)\s*$"
)
# Bylines and credits: "حوار: X", "بقلم X", "By X", "REUTERS/Name".
_CREDIT = re.compile(
    r"^\s*(?:حوار|بقلم|كتب|كتبت|إعداد|تحرير|ترجمة|تصوير|By|Written by|Reporting by|Editing by)"
    r"\s*[:：]?\s*\S.{0,60}$|^\s*(?:REUTERS|AFP|EPA|AP)/[\w .]+$",
)
_LATIN = re.compile(r"[A-Za-z]")
_NOT_ARABIC_LEAD = bytes(b for b in range(256) if not 0xD8 <= b <= 0xDB)
_NOT_LATIN = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
# Letters and digits of Persian and Urdu that Arabic does not write (پ چ ژ گ ک ی ے ٹ ڈ ڑ ں ھ ہ
# ۀ and the Extended Arabic-Indic digits): Persian and Urdu text holds some in every line.
_FA_UR = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u06d2\u06d3\u0679\u0688\u0691"
                    "\u06ba\u06be\u06c0-\u06c3\u06f0-\u06f9]")  # fmt: skip


def _lines(doc: Document) -> list[Block]:
    if doc.blocks:
        return list(doc.blocks)
    out: list[Block] = []
    pos = 0
    for line in doc.text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while s < e and doc.text[s].isspace():
            s += 1
        while e > s and doc.text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Block(s, e, "line"))
    return out


def _script_lang(text: str) -> str | None:
    # in UTF-8 each letter of U+0600-U+06FF starts with one byte of D8-DB, and no other
    # character's bytes include those; counting bytes is cheaper than listing letters
    data = text.encode("utf-8", errors="surrogatepass")
    ar = len(data.translate(None, _NOT_ARABIC_LEAD))
    la = len(data.translate(None, _NOT_LATIN))
    if ar == 0 and la == 0:
        return None
    return "ar" if ar >= la else None


def segment_lang(text: str, ctx: Context) -> str:
    """A segment's language: the identifier on plausible languages, checked by script."""
    return segment_langs([text], ctx)[0]


def segment_langs(texts: list[str], ctx: Context) -> list[str]:
    """Each segment's language (``segment_lang``), the identifier run on all of them at once."""
    scripts = [_script_lang(t) for t in texts]
    # Persian and Urdu share the Arabic script: the identifier tells them apart, when the
    # segment has a letter of theirs (without one it read short Arabic lines, a byline or
    # "19:05 ت م", as Persian)
    asked = [
        i
        for i, t in enumerate(texts)
        if (scripts[i] == "ar" and _FA_UR.search(t)) or (scripts[i] != "ar" and _LATIN.search(t))
    ]
    said = dict(zip(asked, ctx.langids([texts[i] for i in asked]), strict=True))
    out = []
    for i in range(len(texts)):
        lang = said.get(i, "und")
        if scripts[i] == "ar" and lang not in {"ar", "fa", "ur"}:
            lang = "ar"
        out.append(lang)
    return out


def _is_caption(text: str, lang: str, main_lang: str) -> bool:
    if _AR_CREDIT_END.search(text) and len(text) < 220:
        return True
    if lang != main_lang and lang == "en" and _CAPTION_MARK.search(text):
        return True
    # a foreign-language paragraph with a dateline-style date ("..., 24 March 2016.")
    return lang != main_lang and lang == "en" and bool(find_dates(text)) and len(text) > 60


def find_segments(
    doc: Document, ctx: Context
) -> tuple[list[Segment], list[Related], str | None, str]:
    """Segments in reading order, related stories, the outlet of the source line, main language."""
    blocks = _lines(doc)
    langs = segment_langs([doc.text[b.start : b.end] for b in blocks], ctx)
    weight: dict[str, int] = {}
    for b, lang in zip(blocks, langs, strict=True):
        weight[lang] = weight.get(lang, 0) + (b.end - b.start)
    main_lang = max(weight, key=lambda k: weight[k]) if weight else "und"
    if "ar" in weight and weight["ar"] * 3 >= sum(weight.values()):
        main_lang = "ar"

    kinds: list[str] = []
    outlet = None
    in_related = False
    title_done = False
    for i, (b, lang) in enumerate(zip(blocks, langs, strict=True)):
        text = doc.text[b.start : b.end]
        kind = "body"
        if b.hint in {"title", "caption", "related", "furniture"}:
            kind = b.hint
            title_done = title_done or kind == "title"
            in_related = in_related or kind == "related"
        elif b.hint == "byline":
            kind = "credit"
        elif _RELATED_HEAD.match(text):
            kind, in_related = "furniture", True
        elif _FURNITURE.match(text) and len(text) < 80:
            kind = "furniture"
        elif (m := _SOURCE.match(text)) is not None:
            kind = "source"
            outlet = outlet or re.split(r"\s*[+،,|]\s*", m.group(1).strip())[0] or None
        elif _PUBLISHED_LINE.match(text) and find_dates(text):
            kind = "related" if in_related else "credit"
        elif not title_done and i == 0 and len(text) < 250:
            kind, title_done = "title", True
        elif _CREDIT.match(text):
            kind = "credit"
        elif _is_caption(text, lang, main_lang):
            kind = "caption"
        elif in_related:
            kind = "related"
        kinds.append(kind)

    # after the related block, short lines are the site's, not the story's
    if in_related:
        last_related = max(
            i for i, k in enumerate(kinds) if k in {"related", "caption", "furniture"}
        )
        for i in range(len(kinds)):
            text = doc.text[blocks[i].start : blocks[i].end]
            if i > last_related and len(text.split()) <= 6 and kinds[i] == "body":
                kinds[i] = "furniture"

    segments = [
        Segment(kind, lang, b.start, b.end)
        for b, kind, lang in zip(blocks, kinds, langs, strict=True)
    ]
    related = _related(doc, segments)
    return segments, related, outlet, main_lang


def _related(doc: Document, segments: list[Segment]) -> list[Related]:
    """Each related-story summary with the date line nearest after it (else before it)."""
    dated: list[tuple[int, str | None]] = []  # (segment index, date) of story-card date lines
    summaries: list[int] = []
    for i, s in enumerate(segments):
        if s.kind != "related":
            continue
        text = doc.text[s.start : s.end]
        if _PUBLISHED_LINE.match(text):
            ds = find_dates(text)
            dated.append((i, ds[0].date.isoformat() if ds and ds[0].date else None))
        else:
            summaries.append(i)
    out: list[Related] = []
    for k, i in enumerate(summaries):
        nxt = summaries[k + 1] if k + 1 < len(summaries) else len(segments)
        after = [d for j, d in dated if i < j < nxt]
        prv = summaries[k - 1] if k else -1
        before = [d for j, d in dated if prv < j < i]
        date = after[0] if after else (before[-1] if before else None)
        out.append(Related(segments[i].start, segments[i].end, date))
    return out


def layout(doc: Document, ctx: Context) -> Document:
    """Stage: segments, related stories, title, outlet and main language."""
    segments, related, outlet, main_lang = find_segments(doc, ctx)
    title = doc.title
    if title is None:
        title = next((doc.text[s.start : s.end] for s in segments if s.kind == "title"), None)
    return replace(
        doc,
        segments=tuple(segments),
        related=tuple(related),
        title=title,
        outlet=doc.outlet or outlet,
        language=main_lang,
    )
