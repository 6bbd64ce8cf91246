"""Stand-off span annotations of events and quotes (``annotations/*.jsonl``).

One JSON object a line, one document a line, holding ids, offsets and labels, never text::

    {"doc": "pool:ID", "annotator": "a1", "sha1": "<sha1 of the document text>",
     "events": [{"type": "CONSULT", "status": "occurred", "optional": false,
                 "trigger": [s, e],
                 "source": {"span": [s, e] | null, "code": "USA/GOV"} | null,
                 "target": {...} | null}],
     "quotes": [{"kind": "direct", "optional": false, "content": [s, e], "cue": [s, e] | null,
                 "speaker": {"span": [s, e] | null, "code": "USA/GOV"} | null}]}

Offsets are code-point offsets into the document ``hadath.train.docs.load`` builds (for corpus
records: the title, a blank line, the text), as ``../shared/ANNOTATE.md`` says. Each event entry
is one statement of an event: a happening stated in the title and again in the body is two
entries, and a symmetric act is written both ways. ``validate`` names ``file:line`` for every
problem; ``to_gold`` turns a document's annotations into a GOLD.md record for the scorer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.model import PLOVER_TYPES, SECTORS, STATUSES

_CODE = re.compile(r"(?:[A-Z]{3}|[A-Z][A-Z0-9_]+|\?)/(?:[A-Z]{3}|\?)\Z")
_SECTORS = frozenset(SECTORS) | {"?"}
_DOC_KEYS = frozenset({"doc", "annotator", "sha1", "events", "quotes", "note"})
_EVENT_KEYS = frozenset({"type", "status", "optional", "trigger", "source", "target"})
_QUOTE_KEYS = frozenset({"kind", "optional", "content", "cue", "speaker"})
_PART_KEYS = frozenset({"span", "code"})


@dataclass(frozen=True, slots=True)
class Part:
    """An event argument or a speaker: the words naming it (if the text names it) and its code."""

    span: tuple[int, int] | None
    code: str

    @property
    def country_or_org(self) -> str:
        return self.code.partition("/")[0]

    @property
    def sector(self) -> str:
        return self.code.partition("/")[2]


@dataclass(frozen=True, slots=True)
class SpanEvent:
    type: str
    status: str
    optional: bool
    trigger: tuple[int, int]
    source: Part | None
    target: Part | None


@dataclass(frozen=True, slots=True)
class SpanQuote:
    kind: str
    optional: bool
    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: Part | None


@dataclass(frozen=True, slots=True)
class Annotation:
    doc: str
    annotator: str
    sha1: str
    events: tuple[SpanEvent, ...]
    quotes: tuple[SpanQuote, ...]
    where: str  # file:line


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class AnnotationError(ValueError):
    pass


def _span(v: Any, n: int, what: str) -> tuple[int, int]:
    if (
        not isinstance(v, list)
        or len(v) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in v)
    ):
        raise AnnotationError(f"{what}: a span is [start, end], got {v!r}")
    s, e = v
    if not 0 <= s < e <= n:
        raise AnnotationError(f"{what}: span {v} outside the document (length {n})")
    return s, e


def _part(v: Any, n: int, what: str) -> Part | None:
    if v is None:
        return None
    if not isinstance(v, dict) or set(v) - _PART_KEYS or "code" not in v:
        raise AnnotationError(f"{what}: expected {{'span', 'code'}}, got {v!r}")
    code = v["code"]
    if not isinstance(code, str) or not _CODE.match(code) or code.partition("/")[2] not in _SECTORS:
        raise AnnotationError(f"{what}: bad actor code {code!r} (COUNTRY/SECTOR, ? where unknown)")
    span = None if v.get("span") is None else _span(v["span"], n, f"{what}.span")
    return Part(span, code)


def _flag(v: Any, what: str) -> bool:
    if not isinstance(v, bool):
        raise AnnotationError(f"{what}: optional is true or false, got {v!r}")
    return v


def parse(obj: Any, text_len: int, where: str) -> Annotation:
    """One line's object, checked against a document of ``text_len`` code points."""
    if not isinstance(obj, dict):
        raise AnnotationError("a line is one JSON object")
    unknown = set(obj) - _DOC_KEYS
    if unknown:
        raise AnnotationError(f"unknown keys {sorted(unknown)}")
    events: list[SpanEvent] = []
    for i, e in enumerate(obj.get("events") or []):
        w = f"events[{i}]"
        if not isinstance(e, dict) or set(e) - _EVENT_KEYS:
            raise AnnotationError(f"{w}: unknown keys {sorted(set(e) - _EVENT_KEYS)}")
        if e.get("type") not in PLOVER_TYPES:
            raise AnnotationError(f"{w}: unknown PLOVER type {e.get('type')!r}")
        if e.get("status") not in STATUSES:
            raise AnnotationError(f"{w}: unknown status {e.get('status')!r}")
        events.append(
            SpanEvent(
                e["type"],
                e["status"],
                _flag(e.get("optional", False), w),
                _span(e.get("trigger"), text_len, f"{w}.trigger"),
                _part(e.get("source"), text_len, f"{w}.source"),
                _part(e.get("target"), text_len, f"{w}.target"),
            )
        )
    quotes: list[SpanQuote] = []
    for i, q in enumerate(obj.get("quotes") or []):
        w = f"quotes[{i}]"
        if not isinstance(q, dict) or set(q) - _QUOTE_KEYS:
            raise AnnotationError(f"{w}: unknown keys {sorted(set(q) - _QUOTE_KEYS)}")
        if q.get("kind") not in ("direct", "indirect"):
            raise AnnotationError(f"{w}: kind is direct or indirect, got {q.get('kind')!r}")
        cue = q.get("cue")
        quotes.append(
            SpanQuote(
                q["kind"],
                _flag(q.get("optional", False), w),
                _span(q.get("content"), text_len, f"{w}.content"),
                None if cue is None else _span(cue, text_len, f"{w}.cue"),
                _part(q.get("speaker"), text_len, f"{w}.speaker"),
            )
        )
    return Annotation(
        str(obj.get("doc")),
        str(obj.get("annotator") or "?"),
        str(obj.get("sha1") or ""),
        tuple(events),
        tuple(quotes),
        where,
    )


def read_file(path: Path, shared: Path) -> Iterator[Annotation]:
    """Every annotation of one file, each checked against its document; the first problem is
    raised as ``AnnotationError('file:line: problem')``."""
    from hadath.train.docs import load

    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            where = f"{path}:{n}"
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or not isinstance(obj.get("doc"), str):
                    raise AnnotationError("a line is an object with a 'doc' reference")
                try:
                    text = load(shared, obj["doc"]).text
                except KeyError as exc:
                    raise AnnotationError(str(exc.args[0])) from None
                ann = parse(obj, len(text), where)
                if ann.sha1 and ann.sha1 != text_sha1(text):
                    raise AnnotationError("the document's text changed since it was annotated")
            except (json.JSONDecodeError, AnnotationError) as exc:
                raise AnnotationError(f"{where}: {exc}") from None
            yield ann


def validate(paths: list[Path], shared: Path) -> list[str]:
    """Every problem of the files, ``file:line: problem``; a document annotated twice by the same
    annotator is one too."""
    problems: list[str] = []
    seen: dict[tuple[str, str], str] = {}
    for p in paths:
        try:
            for a in read_file(p, shared):
                key = (a.doc, a.annotator)
                if key in seen:
                    problems.append(f"{a.where}: {a.doc} already annotated by {a.annotator} at "
                                    f"{seen[key]}")  # fmt: skip
                seen[key] = a.where
        except AnnotationError as exc:
            problems.append(str(exc))
    return problems


def load_all(root: Path, shared: Path) -> list[Annotation]:
    """Every annotation under ``root`` (``*.jsonl``, sorted), validated."""
    out: list[Annotation] = []
    for p in sorted(root.rglob("*.jsonl")):
        out.extend(read_file(p, shared))
    return out


def _gold_part(p: Part | None) -> str | None:
    return None if p is None else p.code


def to_gold(ann: Annotation, text: str) -> dict[str, Any]:
    """The GOLD.md record of one annotated document (evidence and quote text from its spans)."""
    return {
        "id": ann.doc,
        "events": [
            {
                "type": e.type,
                "source": _gold_part(e.source),
                "target": _gold_part(e.target),
                "status": e.status,
                "evidence": text[e.trigger[0] : e.trigger[1]],
                "optional": e.optional,
            }
            for e in ann.events
        ],
        "quotes": [
            {
                "speaker": _gold_part(q.speaker),
                "kind": q.kind,
                "text": text[q.content[0] : q.content[1]],
                "optional": q.optional,
            }
            for q in ann.quotes
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m hadath.train.annotations [DIR]``: print every problem, exit 1 if any."""
    import sys

    from hadath.eval import shared_dir

    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0] if args else "annotations")
    if not root.is_dir():
        print(f"{root}: not a folder of annotation files", file=sys.stderr)
        return 2
    paths = sorted(root.rglob("*.jsonl"))
    problems = validate(paths, shared_dir())
    for p in problems:
        print(p)
    print(f"{len(paths)} files, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
