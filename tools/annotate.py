"""Annotators' tool: draw documents, show them, and turn drafts into stand-off annotations.

    python tools/annotate.py draw pool 0 60          # references of the pool, in draw order
    python tools/annotate.py show pool:ID            # the document as the annotations count it
    python tools/annotate.py resolve DRAFT.jsonl OUT.jsonl

A draft names its spans by their words (exact substrings of the document), which an annotator can
write; ``resolve`` finds their offsets and writes the stand-off file, which holds only ids,
offsets and labels (``hadath.train.annotations``). Drafts hold the article's words and stay out
of the project; only the resolved files are committed.

Draft line::

    {"doc": "pool:ID", "annotator": "a1",
     "events": [{"type": "CONSULT", "status": "occurred", "optional": false, "mutual": false,
                 "evidence": "exact clause of the document that states the event",
                 "occurrence": 0,              # which occurrence of the evidence, if it repeats
                 "trigger": "word(s) of the evidence naming the act",
                 "source": {"text": "the mention" | null, "code": "USA/GOV"} | null,
                 "target": {"text": ..., "code": ...} | null}],
     "quotes": [{"kind": "direct|indirect", "optional": false,
                 "content": "the reported words, exact", "occurrence": 0,
                 "cue": "the reporting verb" | null,
                 "speaker": {"text": "the mention" | null, "code": "USA/GOV"} | null}]}

Mentions are looked for inside the evidence (or the quote's sentence) first, then in the rest of
the line, then the nearest occurrence before it, then after it. ``mutual: true`` writes the
event both ways.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hadath.eval import shared_dir
from hadath.train.annotations import AnnotationError, parse, text_sha1
from hadath.train.docs import all_refs, load
from hadath.train.split import selection_order


def _occurrences(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i >= 0:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def _locate(text: str, sub: str, occurrence: int, what: str) -> tuple[int, int]:
    occ = _occurrences(text, sub) if sub else []
    if not occ:
        raise AnnotationError(f"{what}: {sub[:60]!r} is not in the document (copy it exactly)")
    if occurrence >= len(occ):
        raise AnnotationError(f"{what}: occurrence {occurrence} asked, {len(occ)} found")
    return occ[occurrence], occ[occurrence] + len(sub)


def _line(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, len(text) if e < 0 else e


_PROCLITICS = "وفلبك"


def _whole_words(text: str, sub: str, occ: list[int]) -> list[int]:
    """The occurrences that are whole words, a proclitic allowed before: "قال" in "وقال", not
    in "وقالت" or "مقال"."""

    def starts(j: int) -> bool:
        if j == 0 or not text[j - 1].isalpha() or not sub[:1].isalpha():
            return True
        k = j - 1
        while k >= 0 and j - k <= 2 and text[k] in _PROCLITICS:
            k -= 1
        return k < j - 1 and (k < 0 or not text[k].isalpha())

    def ends(j: int) -> bool:
        e = j + len(sub)
        return e >= len(text) or not text[e].isalpha() or not sub[-1:].isalpha()

    return [j for j in occ if starts(j) and ends(j)]


def _near(
    text: str, sub: str, lo: int, hi: int, what: str, anchor: int | None = None
) -> tuple[int, int]:
    """``sub`` inside [lo, hi) (the occurrence nearest ``anchor`` when given, else the first),
    else in its line, else nearest before lo, else after hi."""
    if not sub:
        raise AnnotationError(
            f"{what}: empty text (write null for an actor the text does not name)"
        )
    every = _occurrences(text, sub)
    # whole words first: "Niger" is not the "Niger" of "Nigeria"
    words = _whole_words(text, sub, every)
    inside = [j for j in (words or every) if lo <= j and j + len(sub) <= hi]
    if inside:
        i = inside[0] if anchor is None else min(inside, key=lambda j: abs(j - anchor))
        return i, i + len(sub)
    ls, le = _line(text, lo)
    le = max(le, _line(text, max(hi - 1, lo))[1])
    inline = [j - ls for j in (words or every) if ls <= j and j + len(sub) <= le]
    if inline:
        j = min(inline, key=lambda j: min(abs(ls + j - lo), abs(ls + j - hi)))
        return ls + j, ls + j + len(sub)
    occ = words or every
    before = [j for j in occ if j < lo]
    if before:
        return before[-1], before[-1] + len(sub)
    if occ:
        return occ[0], occ[0] + len(sub)
    raise AnnotationError(f"{what}: {sub[:60]!r} is not in the document (copy it exactly)")


def _part(
    text: str, v: Any, lo: int, hi: int, what: str, anchor: int | None = None
) -> dict[str, Any] | None:
    if v is None:
        return None
    if not isinstance(v, dict) or "code" not in v:
        raise AnnotationError(f"{what}: expected {{'text', 'code'}}")
    t = v.get("text")
    span = None if not t else list(_near(text, t, lo, hi, what, anchor))
    return {"span": span, "code": v["code"]}


def resolve_doc(d: dict[str, Any]) -> dict[str, Any]:
    doc = load(shared_dir(), d["doc"]).text
    events: list[dict[str, Any]] = []
    for i, e in enumerate(d.get("events") or []):
        w = f"events[{i}]"
        lo, hi = _locate(
            doc, e.get("evidence") or "", int(e.get("occurrence") or 0), w + ".evidence"
        )
        trig = e.get("trigger") or ""
        t = doc.find(trig, lo, hi) if trig else -1
        if t < 0:
            raise AnnotationError(f"{w}.trigger: {trig!r} is not inside the evidence")
        out = {
            "type": e.get("type"),
            "status": e.get("status"),
            "optional": bool(e.get("optional", False)),
            "trigger": [t, t + len(trig)],
            "source": _part(doc, e.get("source"), lo, hi, w + ".source"),
            "target": _part(doc, e.get("target"), lo, hi, w + ".target"),
        }
        events.append(out)
        if e.get("mutual"):
            events.append(dict(out, source=out["target"], target=out["source"]))
    quotes: list[dict[str, Any]] = []
    for i, q in enumerate(d.get("quotes") or []):
        w = f"quotes[{i}]"
        cs, ce = _locate(doc, q.get("content") or "", int(q.get("occurrence") or 0), w + ".content")
        ls, le = _line(doc, cs)
        cue = q.get("cue")
        cue_span = None
        if cue:
            # a whole word ("قال" not in "وقالت"), in the content's line before it, else after
            # it ("..., he said"), else the nearest before it
            found = _occurrences(doc, cue)
            occ = _whole_words(doc, cue, found) or found
            occ = [j for j in occ if ls - 400 <= j < le + 200]
            occ = [j for j in occ if not cs <= j < ce] or occ
            inline_before = [j for j in occ if ls <= j < cs]
            inline_after = [j for j in occ if ce <= j < le]
            before = [j for j in occ if j < cs]
            if not occ:
                raise AnnotationError(f"{w}.cue: {cue!r} not found near the content")
            if inline_before or inline_after:
                j = max(inline_before) if inline_before else min(inline_after)
            else:
                j = max(before) if before else min(occ, key=lambda j: abs(j - cs))
            cue_span = [j, j + len(cue)]
        anchor = cue_span or [cs, ce]
        quotes.append(
            {
                "kind": q.get("kind"),
                "optional": bool(q.get("optional", False)),
                "content": [cs, ce],
                "cue": cue_span,
                "speaker": _part(
                    doc, q.get("speaker"), min(ls, anchor[0]), le, w + ".speaker", anchor[0]
                ),
            }
        )
    rec = {
        "doc": d["doc"],
        "annotator": d.get("annotator") or "?",
        "sha1": text_sha1(doc),
        "events": events,
        "quotes": quotes,
    }
    parse(rec, len(doc), d["doc"])  # the same checks the training reads with
    return rec


def resolve(draft: Path, out: Path) -> int:
    bad = 0
    lines: list[str] = []
    with draft.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                lines.append(json.dumps(resolve_doc(d), ensure_ascii=False, sort_keys=True))
            except (json.JSONDecodeError, AnnotationError, KeyError, TypeError, ValueError) as exc:
                bad += 1
                print(f"{draft}:{n}: {exc}", file=sys.stderr)
    out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    print(f"{len(lines)} documents resolved, {bad} with problems (not written)", file=sys.stderr)
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 4 and argv[0] == "draw":
        refs = selection_order(all_refs(shared_dir(), argv[1]))
        start, count = int(argv[2]), int(argv[3])
        print("\n".join(refs[start : start + count]))
        return 0
    if len(argv) == 2 and argv[0] == "show":
        print(load(shared_dir(), argv[1]).text)
        return 0
    if len(argv) == 3 and argv[0] == "resolve":
        return resolve(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
