"""Article text to HTML, built from offsets on the server: escape first, then mark.

Every piece of article text is untrusted. It is cut at every span boundary
(sentences, actor mentions, event words, quotes), each piece is escaped on
its own and wrapped in a ``<span>`` whose data attributes name the spans
covering it. The browser's script only toggles classes on those spans; it
never builds HTML from article text.
"""

from __future__ import annotations

import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markupsafe import Markup, escape

RTL_LANGUAGES = frozenset({"ar", "fa", "ur", "he", "ps", "yi", "ckb", "sd", "ug"})
PALETTE = 12  # colour classes pal-0 .. pal-11 in app.css

# Embedding, override and isolate controls can reorder what follows them on
# screen (U+202E makes "gpj.exe" read "exe.jpg"): shown as visible marks instead.
# LRM, RLM and ALM only nudge neutral characters and are common in Arabic text.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_dir(lang: str | None) -> str:
    return "rtl" if (lang or "").split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def palette(code: str | None) -> int:
    """A stable colour class for an actor code (country or org)."""
    return zlib.crc32((code or "").encode("utf-8")) % PALETTE


def clean(text: object) -> Markup:
    """Escape untrusted text and show bidi controls as visible marks."""
    s = "" if text is None else str(text)
    if not any(ch in BIDI_CONTROLS for ch in s):
        return escape(s)
    out: list[str] = []
    for ch in s:
        if ch in BIDI_CONTROLS:
            code = f"U+{ord(ch):04X}"
            out.append(f'<span class="ctl" title="control character {code}">⟦{code}⟧</span>')
        else:
            out.append(str(escape(ch)))
    return Markup("".join(out))


def plain(text: object) -> str:
    """Untrusted text for attributes and titles: bidi controls dropped (escaping is Jinja's)."""
    s = "" if text is None else str(text)
    return "".join(ch for ch in s if ch not in BIDI_CONTROLS)


def marked(snippet: str, highlights: Iterable[Sequence[int]]) -> Markup:
    """A search snippet with its matched words in ``<mark>``: each piece escaped, then marked."""
    out: list[str] = []
    at = 0
    for span in sorted((int(s), int(e)) for s, e, *_ in highlights):
        start, end = max(span[0], at), min(span[1], len(snippet))
        if end <= start:
            continue
        out += [clean(snippet[at:start]), Markup("<mark>"), clean(snippet[start:end])]
        out.append(Markup("</mark>"))
        at = end
    out.append(clean(snippet[at:]))
    return Markup("").join(out)


# ---- the document view ------------------------------------------------------


@dataclass(slots=True)
class _Ann:
    start: int
    end: int
    kind: str  # s sentence, a actor, e event words, t trigger, q quote, c cue
    index: int
    title: str = ""


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    marks: dict[str, list[int]] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    labels: list[Markup] = field(default_factory=list)  # speaker names shown before the piece


@dataclass(frozen=True, slots=True)
class Block:
    """One segment of the page, ready for the template."""

    kind: str
    lang: str
    dir: str
    start: int
    end: int
    html: Markup


def code_of(party: dict[str, Any] | None) -> str:
    if not party:
        return ""
    return str(party.get("country") or party.get("org") or "")


def label_of(party: dict[str, Any] | None) -> str:
    """``USA GOV``: the actor code as event data writes it."""
    if not party:
        return ""
    return " ".join(p for p in (code_of(party), party.get("sector") or "") if p)


def actor_name(record: dict[str, Any], index: object, lang: str = "en") -> str:
    actors = record.get("actors") or []
    if not isinstance(index, int) or not 0 <= index < len(actors):
        return ""
    actor = actors[index] or {}
    names = (actor.get("name_ar"), actor.get("name"))
    if text_dir(lang) == "ltr":
        names = names[::-1]
    return plain(next((n for n in names if n), ""))


def speaker_name(record: dict[str, Any], quote: dict[str, Any], lang: str = "en") -> str:
    """The quote's speaker as a reader names them: actor name, else their words, else code."""
    speaker = quote.get("speaker") or {}
    name = actor_name(record, speaker.get("actor"), lang)
    if not name and isinstance(speaker.get("start"), int) and isinstance(speaker.get("end"), int):
        name = plain(record.get("text", "")[speaker["start"] : speaker["end"]]).strip()
    return name or label_of(speaker) or "unknown speaker"


def _span(obj: Any) -> tuple[int, int] | None:
    if not isinstance(obj, dict):
        return None
    start, end = obj.get("start"), obj.get("end")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return start, end
    return None


def spans_of(record: dict[str, Any]) -> list[_Ann]:
    """Every span the document view marks, from the record's offsets."""
    anns: list[_Ann] = []
    for i, sent in enumerate(record.get("sentences") or []):
        if span := _span(sent):
            anns.append(_Ann(*span, "s", i))
    for i, actor in enumerate(record.get("actors") or []):
        name = plain(actor.get("name") or actor.get("name_ar") or "")
        title = f"{name} · {label_of(actor) or 'no code'}"
        for mention in actor.get("mentions") or []:
            if span := _span(mention):
                anns.append(_Ann(*span, "a", i, title))
    for i, event in enumerate(record.get("events") or []):
        trigger = _span(event.get("trigger"))
        title = f"{event.get('type')} ({event.get('status')})"
        if trigger:
            anns.append(_Ann(*trigger, "t", i, title))
        for part in (trigger, _span(event.get("source")), _span(event.get("target"))):
            if part:
                anns.append(_Ann(*part, "e", i))
    for i, quote in enumerate(record.get("quotes") or []):
        if span := _span(quote):
            anns.append(_Ann(*span, "q", i, f"quote: {speaker_name(record, quote)}"))
        if cue := _span(quote.get("cue")):
            anns.append(_Ann(*cue, "c", i))
    return anns


_CLASSES = {"a": "act", "t": "trg", "q": "quo", "c": "cue"}
_ATTRS = {"s": "data-s", "a": "data-a", "e": "data-e", "q": "data-q"}


def _render_pieces(text: str, pieces: list[_Piece], record: dict[str, Any]) -> Markup:
    actors = record.get("actors") or []
    out: list[str] = []
    for piece in pieces:
        out.extend(str(label) for label in piece.labels)
        body = clean(text[piece.start : piece.end])
        if not piece.marks:
            out.append(str(body))
            continue
        classes = [_CLASSES[k] for k in ("a", "t", "q", "c") if k in piece.marks]
        attrs = [f'data-o="{piece.start}"']
        for kind, attr in _ATTRS.items():
            if kind in piece.marks:
                attrs.append(f'{attr}="{" ".join(map(str, piece.marks[kind]))}"')
        if "a" in piece.marks:
            first = actors[piece.marks["a"][0]]
            classes.append(f"pal-{palette(code_of(first))}")
        if "t" in piece.marks:
            attrs.append(f'data-t="{" ".join(map(str, piece.marks["t"]))}"')
        if classes:
            attrs.insert(0, f'class="{" ".join(classes)}"')
        if piece.titles:
            attrs.append(f'title="{escape(" | ".join(piece.titles))}"')
        out.append(f"<span {' '.join(attrs)}>{body}</span>")
    return Markup("".join(out))


def render_region(
    record: dict[str, Any], start: int, end: int, anns: list[_Ann], lang: str
) -> Markup:
    """HTML of ``text[start:end]`` cut at every span boundary inside it."""
    text: str = record.get("text") or ""
    inside = [a for a in anns if a.start < end and a.end > start]
    cuts = {start, end}
    for a in inside:
        cuts.add(max(a.start, start))
        cuts.add(min(a.end, end))
    bounds = sorted(cuts)
    pieces = [_Piece(s, e) for s, e in pairwise(bounds)]
    quotes = record.get("quotes") or []
    for a in inside:
        first = bisect_left(bounds, max(a.start, start))
        last = bisect_right(bounds, min(a.end, end)) - 1
        for piece in pieces[first:last]:
            piece.marks.setdefault(a.kind, []).append(a.index)
            if a.title and a.title not in piece.titles:
                piece.titles.append(a.title)
        if a.kind == "q" and a.start >= start and first < len(pieces):
            name = speaker_name(record, quotes[a.index], lang)
            pieces[first].labels.append(
                Markup(
                    '<bdi class="spk" data-q="{0}" data-speaker-of="{0}" title="quote by {1}">'
                    "{1}</bdi>"
                ).format(a.index, name)
            )
    return _render_pieces(text, pieces, record)


def blocks(record: dict[str, Any]) -> list[Block]:
    """The page as blocks: its segments in order, and any text no segment covers."""
    text: str = record.get("text") or ""
    main_lang = str(record.get("language") or "")
    anns = spans_of(record)
    segs = sorted(
        (s for s in record.get("segments") or [] if _span(s)), key=lambda s: (s["start"], s["end"])
    )
    out: list[Block] = []
    at = 0

    def gap(upto: int) -> None:
        if text[at:upto].strip():
            html = render_region(record, at, upto, anns, main_lang)
            out.append(Block("other", main_lang, text_dir(main_lang), at, upto, html))

    for seg in segs:
        start, end = max(seg["start"], at), min(seg["end"], len(text))
        if end <= start:
            continue
        gap(start)
        lang = str(seg.get("lang") or main_lang or "")
        kind = str(seg.get("kind") or "other")
        html = render_region(record, start, end, anns, lang)
        out.append(Block(kind, lang, text_dir(lang), start, end, html))
        at = end
    gap(len(text))
    return out
