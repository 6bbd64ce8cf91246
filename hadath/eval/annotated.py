"""`hadath eval --only annotations`: GOLD.md's scoring on the span annotations, per split.

Each annotated document (``annotations/*.jsonl``) is read by the whole pipeline and its record
scored against the GOLD.md record of its annotations (``to_gold``): events lenient and strict,
quotes, per split (train / dev / test), per language and per event type. Misses are put in
error classes, so the next weak spot shows:

- events: ``no_trigger`` (no system event of any type at an annotated trigger), ``type`` (a
  system event at the trigger, of another type), ``pairing`` (the right type at the trigger,
  other actors), ``spurious`` (a system key matching nothing);
- quotes: ``no_quote`` (no system quote over the annotated words), ``speaker`` (a quote over
  them with another speaker), ``spurious``.

``actors`` measures the coding of the parties apart from the events: ``agreement`` compares
the source and target country-or-org of each annotated event that hadath finds (an event of its
type whose trigger overlaps the annotated one; the best agreeing such event), and ``found`` is
the share of the annotated actor mentions (event parties and speakers with a code other than
'?', each span once) that a system actor covers with the same country-or-org.

A document annotated by several annotators is scored against the first (by annotator name);
``agreement`` scores the others against it, as one annotator against another.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from hadath.api import process
from hadath.context import Context
from hadath.eval.score import Counts, Gold, assign, part_fits, quote_fits
from hadath.model import Document, to_record
from hadath.readers import from_text
from hadath.train.annotations import Annotation, load_all, to_gold
from hadath.train.docs import load
from hadath.train.split import SPLITS, split_of

QuoteKey = tuple[str | None, str, str]


def _code(part: dict[str, Any] | None) -> str | None:
    if part is None:
        return None
    return part.get("country") or part.get("org")


def _gold_code(code: str | None) -> str | None:
    return None if code is None else code.partition("/")[0]


def _event_keys(record: dict[str, Any], strict: bool) -> list[tuple[Any, ...]]:
    from hadath.eval import event_keys

    return list(event_keys(record, strict))


def _gold_keys(gold: dict[str, Any], strict: bool) -> list[Gold[Any]]:
    from hadath.eval import gold_event_keys

    return list(gold_event_keys(gold, strict))


def _qfits(s: QuoteKey, g: QuoteKey) -> bool:
    return part_fits(g[0], s[0]) and quote_fits(s[2], g[2])


def record_quotes(record: dict[str, Any]) -> list[QuoteKey]:
    """A record's quotes as the scorer compares them: speaker code, kind, words."""
    text = record["text"]
    return [(_code(q["speaker"]), q["kind"], text[q["start"] : q["end"]]) for q in record["quotes"]]


def system_quotes(doc: Document) -> list[QuoteKey]:
    """The same, from a read document."""
    return record_quotes(to_record(doc))


def gold_quotes(gold: dict[str, Any]) -> list[Gold[QuoteKey]]:
    return [Gold((_gold_code(q["speaker"]), q["kind"], q["text"]), bool(q["optional"]))
            for q in gold["quotes"]]  # fmt: skip


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _event_errors(record: dict[str, Any], ann: Annotation, missed: list[Any],
                  errors: Counter[str]) -> None:  # fmt: skip
    """Why each missed required key was missed, from the annotated triggers behind it."""
    from hadath.eval import _split

    for key in missed:
        etype, src, _, tgt, _, _ = key
        behind = [
            e
            for e in ann.events
            if e.type == etype
            and not e.optional
            and _split(e.source.code if e.source else None)[0] == src
            and _split(e.target.code if e.target else None)[0] == tgt
        ]
        at = [
            s
            for e in behind
            for s in record["events"]
            if _overlap(e.trigger, (s["trigger"]["start"], s["trigger"]["end"]))
        ]
        if not at:
            errors["no_trigger"] += 1
        elif all(s["type"] != etype for s in at):
            errors["type"] += 1
        else:
            errors["pairing"] += 1


def _actor_figures(record: dict[str, Any], ann: Annotation, c: dict[str, Counts]) -> None:
    """Add one document's actor agreement and found mentions to ``c`` (tp of gold)."""
    for e in ann.events:
        cands = [
            s
            for s in record["events"]
            if s["type"] == e.type
            and _overlap(e.trigger, (s["trigger"]["start"], s["trigger"]["end"]))
        ]
        if not cands:
            continue
        sides = [(p, side) for p, side in ((e.source, "source"), (e.target, "target")) if p]

        def agrees(s: dict[str, Any], sides: list[Any] = sides) -> int:
            return sum(part_fits(p.country_or_org, _code(s[side])) for p, side in sides)

        best = max(agrees(s) for s in cands)
        c["actors:agreement"].add(Counts(best, 0, len(sides)))
    gold: dict[tuple[int, int], str] = {}
    for part in [x for e in ann.events for x in (e.source, e.target)] + [
        q.speaker for q in ann.quotes
    ]:
        if part is not None and part.span is not None and part.country_or_org != "?":
            gold.setdefault(part.span, part.country_or_org)
    spans = [(_code(a), (m["start"], m["end"])) for a in record["actors"] for m in a["mentions"]]
    for span, code in sorted(gold.items()):
        covering = {sc for sc, sp in spans if _overlap(span, sp)}
        ok = int(code in covering)
        c["actors:found"].add(Counts(ok, 0, 1))
        # a mention coded, but with another country-or-org, is a wrong code, not a miss
        c["actors:wrong"].add(Counts(int(not ok and any(covering)), 0, 1))


def _agreement(first: Annotation, other: Annotation, text: str, counts: dict[str, Counts]) -> None:
    g1, g2 = to_gold(first, text), to_gold(other, text)
    from hadath.eval import event_fits

    # the second annotator's keys as the system, the first's as the gold
    sys_keys = sorted(
        {(e["type"], _gold_code(e["source"]), None, _gold_code(e["target"]), None, None)
         for e in g2["events"] if not e["optional"]},
        key=str,
    )  # fmt: skip
    counts["events_lenient"].add(assign(sys_keys, _gold_keys(g1, False), event_fits).counts)
    sq = [(_gold_code(q["speaker"]), q["kind"], q["text"]) for q in g2["quotes"]
          if not q["optional"]]  # fmt: skip
    gq = [Gold((_gold_code(q["speaker"]), q["kind"], q["text"]), bool(q["optional"]))
          for q in g1["quotes"]]  # fmt: skip
    counts["quotes"].add(assign(sq, gq, _qfits).counts)


def _share(c: Counts) -> dict[str, float]:
    """The share of ``c.required`` counted in ``c.tp``."""
    return {"share": round(c.tp / c.required, 4) if c.required else 0.0, "of": c.required}


def eval_annotations(
    shared: Path, root: Path, ctx: Context, splits: tuple[str, ...] = SPLITS
) -> dict[str, Any]:
    """Figures per split (of ``splits``) on the annotated documents under ``root``."""
    from hadath.eval import event_fits

    anns = sorted(load_all(root, shared), key=lambda a: (a.doc, a.annotator))
    by_doc: dict[str, list[Annotation]] = defaultdict(list)
    for a in anns:
        by_doc[a.doc].append(a)
    figs: dict[str, Any] = {}
    agree: dict[str, Counts] = defaultdict(Counts)
    per: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    errors: dict[str, Counter[str]] = defaultdict(Counter)
    docs: Counter[str] = Counter()
    for ref in sorted(by_doc):
        first, *others = by_doc[ref]
        part = split_of(ref)
        if part not in splits:
            continue
        src = load(shared, ref)
        for other in others:
            _agreement(first, other, src.text, agree)
        bare = from_text(src.text, path=ref, id=ref, fmt="jsonl", published=src.published)
        record = to_record(process(bare, ctx))
        gold = to_gold(first, src.text)
        docs[part] += 1
        c = per[part]
        for strict, name in ((False, "events_lenient"), (True, "events_strict")):
            sys_keys, gold_keys = _event_keys(record, strict), _gold_keys(gold, strict)
            m = assign(sys_keys, gold_keys, event_fits)
            c[name].add(m.counts)
            if strict:
                continue
            c[f"lang:{src.language}"].add(m.counts)
            for t in {k[0] for k in sys_keys} | {g.item[0] for g in gold_keys}:
                mt = assign([k for k in sys_keys if k[0] == t],
                            [g for g in gold_keys if g.item[0] == t], event_fits)  # fmt: skip
                c[f"type:{t}"].add(mt.counts)
            _event_errors(record, first, [gold_keys[j].item for j in m.missed_gold],
                          errors[f"{part}:events"])  # fmt: skip
            errors[f"{part}:events"]["spurious"] += len(m.unmatched_system)
        _actor_figures(record, first, c)
        sq, gq = record_quotes(record), gold_quotes(gold)
        mq = assign(sq, gq, _qfits)
        c["quotes"].add(mq.counts)
        c[f"quotes:{src.language}"].add(mq.counts)
        for j in mq.missed_gold:
            g = gq[j].item
            near = any(quote_fits(s[2], g[2]) for s in sq)
            errors[f"{part}:quotes"]["speaker" if near else "no_quote"] += 1
        errors[f"{part}:quotes"]["spurious"] += len(mq.unmatched_system)
    for part in SPLITS:
        if part not in per:
            continue
        c = per[part]
        figs[part] = {
            "documents": docs[part],
            "events_lenient": c["events_lenient"].as_dict(),
            "events_strict": c["events_strict"].as_dict(),
            "quotes": c["quotes"].as_dict(),
            "by_language": {
                k[5:]: {"events_lenient": v.as_dict(), "quotes": c[f"quotes:{k[5:]}"].as_dict()}
                for k, v in sorted(c.items())
                if k.startswith("lang:")
            },
            "by_type": {k[5:]: v.as_dict() for k, v in sorted(c.items()) if k.startswith("type:")},
            "actors": {
                "agreement": _share(c["actors:agreement"]),
                "found": _share(c["actors:found"]),
                "wrong_code": _share(c["actors:wrong"]),
            },
            "errors": {
                "events": dict(sorted(errors[f"{part}:events"].items())),
                "quotes": dict(sorted(errors[f"{part}:quotes"].items())),
            },
        }
    if agree:
        figs["agreement"] = {
            "documents": sum(len(v) - 1 for v in by_doc.values()),
            **{k: v.as_dict() for k, v in sorted(agree.items())},
        }
    return figs
