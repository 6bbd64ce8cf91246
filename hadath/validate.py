"""One check of a whole document: every span inside the text, every index pointing somewhere."""

from __future__ import annotations

from hadath.model import PLOVER_TYPES, SEGMENT_KINDS, STATUSES, ArgRef, Document


def validate(doc: Document) -> list[str]:
    """Problems with the document's spans and indexes; empty when it is sound."""
    n = len(doc.text)
    out: list[str] = []

    def span(what: str, start: int | None, end: int | None) -> None:
        if start is None or end is None or not 0 <= start <= end <= n:
            out.append(f"{what}: span {start}..{end} outside text of length {n}")

    def arg(what: str, a: ArgRef | None) -> None:
        if a is None:
            return
        span(what, a.start, a.end)
        if a.actor is not None and not 0 <= a.actor < len(doc.actors):
            out.append(f"{what}: actor {a.actor} does not exist")

    for i, s in enumerate(doc.segments):
        span(f"segments[{i}]", s.start, s.end)
        if s.kind not in SEGMENT_KINDS:
            out.append(f"segments[{i}]: unknown kind {s.kind}")
    for i, r in enumerate(doc.related):
        span(f"related[{i}]", r.summary_start, r.summary_end)
        out.extend(
            f"related[{i}]: event {e} does not exist"
            for e in r.events
            if not 0 <= e < len(doc.events)
        )
    for i, st in enumerate(doc.sentences):
        span(f"sentences[{i}]", st.start, st.end)
        if not 0 <= st.segment < len(doc.segments):
            out.append(f"sentences[{i}]: segment {st.segment} does not exist")
    for i, a in enumerate(doc.actors):
        for k, m in enumerate(a.mentions):
            span(f"actors[{i}].mentions[{k}]", m.start, m.end)
    for i, e in enumerate(doc.events):
        arg(f"events[{i}].source", e.source)
        arg(f"events[{i}].target", e.target)
        span(f"events[{i}].trigger", e.trigger.start, e.trigger.end)
        if e.type not in PLOVER_TYPES:
            out.append(f"events[{i}]: unknown type {e.type}")
        if e.status not in STATUSES:
            out.append(f"events[{i}]: unknown status {e.status}")
        if not 0 <= e.sentence < len(doc.sentences):
            out.append(f"events[{i}]: sentence {e.sentence} does not exist")
        if e.place is not None and e.place.start is not None:
            span(f"events[{i}].place", e.place.start, e.place.end)
    for i, q in enumerate(doc.quotes):
        arg(f"quotes[{i}].speaker", q.speaker)
        span(f"quotes[{i}]", q.start, q.end)
        if q.cue is not None:
            span(f"quotes[{i}].cue", q.cue.start, q.cue.end)
        if not 0 <= q.sentence < len(doc.sentences):
            out.append(f"quotes[{i}]: sentence {q.sentence} does not exist")
    for i, c in enumerate(doc.claims):
        span(f"claims[{i}]", c.start, c.end)
        if c.speaker is not None and not 0 <= c.speaker < len(doc.actors):
            out.append(f"claims[{i}]: speaker {c.speaker} does not exist")
    return out
