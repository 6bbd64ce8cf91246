"""`hadath eval`: run hadath on the gold of the shared folder and score it by GOLD.md."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.api import process
from hadath.context import Context, default_context
from hadath.eval.score import Counts, Gold, Match, assign, fold_ws, part_fits, quote_fits
from hadath.model import Document, to_record
from hadath.readers import from_text
from hadath.readers.decode import decode

EventKey = tuple[str, str | None, str | None, str | None, str | None, str | None]


# The checkout holding hadath/ (for an installed package, site-packages: no shared beside it).
SOURCE_ROOT = Path(__file__).resolve().parents[2]


def find_shared() -> Path | None:
    """``$HADATH_SHARED`` when set, else a ``../shared`` folder found beside the working
    directory or the source tree; None when there is none (as in an installed package)."""
    env = os.environ.get("HADATH_SHARED")
    if env:
        return Path(env)
    for base in (Path.cwd(), SOURCE_ROOT):
        cand = base.parent / "shared"
        if cand.is_dir():
            return cand
    return None


def shared_dir() -> Path:
    """The shared folder of :func:`find_shared`, else ``../shared`` (which may not exist)."""
    return find_shared() or SOURCE_ROOT.parent / "shared"


def _code(part: dict[str, Any] | None) -> str | None:
    if part is None:
        return None
    return part.get("country") or part.get("org")


def _split(actor: str | None) -> tuple[str | None, str | None]:
    if actor is None:
        return None, None
    code, _, sector = actor.partition("/")
    return code, sector or "?"


def load_gold_document(shared: Path, gold: dict[str, Any]) -> tuple[Document, bool]:
    """The bare document a gold record is about, and whether it is a page (not a corpus record)."""
    ref: str = gold["text_ref"]
    if "#" in ref:
        file, _, rid = ref.partition("#")
        with (shared / file).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if str(rec.get("id")) == rid:
                    text = f"{rec['title']}\n\n{rec['text']}"
                    date = rec.get("date")
                    return from_text(text, path=ref, id=rid, fmt="jsonl",
                                     published=str(date)[:10] if date else None), False  # fmt: skip
        raise KeyError(f"{ref}: no such record")
    path = shared / ref
    text, _ = decode(path.read_bytes(), str(path))
    return from_text(text, path=ref, id=gold["id"]), True


def event_keys(record: dict[str, Any], strict: bool) -> list[EventKey]:
    keys: set[EventKey] = set()
    for e in record["events"]:
        src, tgt = e.get("source"), e.get("target")
        if strict:
            keys.add((e["type"], _code(src), src and src.get("sector"), _code(tgt),
                      tgt and tgt.get("sector"), e["status"]))  # fmt: skip
        else:
            keys.add((e["type"], _code(src), None, _code(tgt), None, None))
    return sorted(keys, key=str)


def gold_event_keys(gold: dict[str, Any], strict: bool) -> list[Gold[EventKey]]:
    by_key: dict[EventKey, bool] = {}
    for e in gold["events"]:
        sc, ss = _split(e["source"])
        tc, ts = _split(e.get("target"))
        key: EventKey = (
            (e["type"], sc, ss, tc, ts, e["status"])
            if strict
            else (e["type"], sc, None, tc, None, None)
        )
        optional = bool(e.get("optional"))
        by_key[key] = by_key.get(key, True) and optional
    return [Gold(k, opt) for k, opt in sorted(by_key.items(), key=lambda kv: str(kv[0]))]


def event_fits(s: EventKey, g: EventKey) -> bool:
    return s[0] == g[0] and all(part_fits(gp, sp) for sp, gp in zip(s[1:], g[1:], strict=True))


@dataclass
class Report:
    figures: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines: list[str] = []
        for section, fig in self.figures.items():
            lines.append(f"== {section}")
            lines.extend(_render(fig, "  "))
        if self.errors:
            lines.append("== errors")
            lines.extend(f"  {e}" for e in self.errors)
        return "\n".join(lines)


def _render(fig: Any, indent: str) -> list[str]:
    if isinstance(fig, dict) and "f1" in fig:
        return [f"{indent}P {fig['precision']:.3f}  R {fig['recall']:.3f}  F1 {fig['f1']:.3f}"
                f"  (tp {fig['tp']}, fp {fig['fp']}, gold {fig['gold']})"]  # fmt: skip
    if isinstance(fig, dict):
        out = []
        for k, v in fig.items():
            if isinstance(v, dict) and "f1" in v:
                out.append(f"{indent}{k:<28} " + _render(v, "")[0])
            elif isinstance(v, dict):
                out.append(f"{indent}{k}:")
                out.extend(_render(v, indent + "  "))
            else:
                out.append(f"{indent}{k:<28} {v}")
        return out
    return [f"{indent}{fig}"]


def eval_articles(shared: Path, ctx: Context, report: Report, errors: bool) -> dict[str, Any]:
    lenient, strict = Counts(), Counts()
    per_type: dict[str, Counts] = defaultdict(Counts)
    per_lang: dict[str, Counts] = defaultdict(Counts)
    quotes_all = Counts()
    quotes_kind: dict[str, Counts] = defaultdict(Counts)
    titles = [0, 0]
    published = [0, 0]
    agree = [0, 0, 0, 0]  # code agreements, code comparisons, sector agreements, comparisons
    with (shared / "gold" / "dev.jsonl").open(encoding="utf-8") as fh:
        golds = [json.loads(line) for line in fh if line.strip()]
    for gold in golds:
        bare, is_page = load_gold_document(shared, gold)
        record = to_record(process(bare, ctx))
        titles[1] += 1
        titles[0] += fold_ws(record["title"] or "") == fold_ws(gold["title"])
        if is_page:
            published[1] += 1
            published[0] += record["published"] == gold["published"]
        for strict_mode, counts in ((False, lenient), (True, strict)):
            sys_keys = event_keys(record, strict_mode)
            gold_keys = gold_event_keys(gold, strict_mode)
            m = assign(sys_keys, gold_keys, event_fits)
            counts.add(m.counts)
            if strict_mode:
                continue
            per_lang[gold["language"]].add(m.counts)
            for t in {k[0] for k in sys_keys} | {g.item[0] for g in gold_keys}:
                mt = assign(
                    [k for k in sys_keys if k[0] == t],
                    [g for g in gold_keys if g.item[0] == t],
                    event_fits,
                )
                per_type[t].add(mt.counts)
            if errors:
                _report_errors(report, gold["id"], "event", sys_keys, gold_keys, m)
        _actor_agreement(record, gold, agree)
        sys_quotes = [
            (_code(q["speaker"]), q["kind"], record["text"][q["start"] : q["end"]])
            for q in record["quotes"]
        ]
        gold_quotes = [
            Gold((_split(q["speaker"])[0], q["kind"], q["text"]), bool(q.get("optional")))
            for q in gold["quotes"]
        ]

        def qfits(s: tuple[str | None, str, str], g: tuple[str | None, str, str]) -> bool:
            return part_fits(g[0], s[0]) and quote_fits(s[2], g[2])

        mq = assign(sys_quotes, gold_quotes, qfits)
        quotes_all.add(mq.counts)
        for kind in ("direct", "indirect"):
            mk = assign(
                [q for q in sys_quotes if q[1] == kind],
                [g for g in gold_quotes if g.item[1] == kind],
                qfits,
            )
            quotes_kind[kind].add(mk.counts)
        if errors:
            _report_errors(report, gold["id"], "quote", sys_quotes, gold_quotes, mq)
    return {
        "documents": len(golds),
        "events_lenient": lenient.as_dict(),
        "events_strict": strict.as_dict(),
        "events_by_language": {k: v.as_dict() for k, v in sorted(per_lang.items())},
        "events_by_type": {k: v.as_dict() for k, v in sorted(per_type.items())},
        "quotes": quotes_all.as_dict(),
        "quotes_by_kind": {k: v.as_dict() for k, v in sorted(quotes_kind.items())},
        "actor_agreement": {
            "country_or_org": round(agree[0] / agree[1], 4) if agree[1] else None,
            "sector": round(agree[2] / agree[3], 4) if agree[3] else None,
            "compared": agree[1],
        },
        "title_accuracy": round(titles[0] / titles[1], 4) if titles[1] else 0.0,
        "published_accuracy_pages": round(published[0] / published[1], 4) if published[1] else 0.0,
    }


def _report_errors(
    report: Report,
    doc_id: str,
    what: str,
    system: Sequence[object],
    gold: Sequence[Gold[Any]],
    m: Match[Any, Any],
) -> None:
    """List the system items left unmatched and the required gold items missed."""
    report.errors.extend(f"{doc_id}: spurious {what} {system[i]}" for i in m.unmatched_system)
    report.errors.extend(f"{doc_id}: missed {what} {gold[j].item}" for j in m.missed_gold)


def _actor_agreement(record: dict[str, Any], gold: dict[str, Any], agree: list[int]) -> None:
    """For gold events hadath finds (same type, trigger inside the evidence), compare actors.

    Each found gold event is compared with the system event of its type in that
    span whose actors agree best, side by side; a gold '?' agrees with anything.
    """
    text = record["text"]
    for g in gold["events"]:
        at = text.find(g["evidence"])
        if at < 0:
            continue
        end = at + len(g["evidence"])
        cands = [
            e
            for e in record["events"]
            if e["type"] == g["type"] and at <= e["trigger"]["start"] < end
        ]
        if not cands:
            continue
        sides = [(_split(g["source"]), "source")]
        if g.get("target"):
            sides.append((_split(g["target"]), "target"))

        def score(e: dict[str, Any], sides: list[Any] = sides) -> tuple[int, int]:
            codes = sum(part_fits(c, _code(e[side])) for (c, _), side in sides)
            secs = sum(part_fits(s, (e[side] or {}).get("sector")) for (_, s), side in sides)
            return codes, secs

        codes, secs = max(score(e) for e in cands)
        agree[0] += codes
        agree[1] += len(sides)
        agree[2] += secs
        agree[3] += len(sides)


def eval_sentences(shared: Path, ctx: Context, report: Report, errors: bool) -> dict[str, Any]:
    counts: dict[str, Counts] = defaultdict(Counts)
    agree: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # src ok, src n, tgt ok, tgt n
    path = shared / "gold" / "arabic_gsr_dev.jsonl"
    with path.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    for row in rows:
        cat = row["category"]
        bare = from_text(row["text"], path=str(path), id=row["id"], fmt="jsonl")
        record = to_record(process(bare, ctx))
        found = [e for e in record["events"] if e["type"] == cat and e["status"] != "negated"]
        yes = row["label"] == "yes"
        c = counts[cat]
        c.required += yes
        if found and yes:
            c.tp += 1
            best = max(found, key=lambda e: e["confidence"])
            a = agree[cat]
            if row.get("source"):
                a[1] += 1
                a[0] += (
                    any(_code(e["source"]) == row["source"] for e in found)
                    or _code(best["source"]) == row["source"]
                )
            if row.get("target"):
                a[3] += 1
                a[2] += any(_code(e["target"]) == row["target"] for e in found)
        elif found:
            c.fp += 1
            if errors:
                report.errors.append(
                    f"{row['id']} ({row['difficulty']}): false {cat} by {found[0]['rule']}"
                )
        elif yes and errors:
            report.errors.append(f"{row['id']}: missed {cat}")
    out: dict[str, Any] = {"sentences": len(rows)}
    for cat, c in sorted(counts.items()):
        a = agree[cat]
        out[cat] = c.as_dict()
        out[f"{cat}_actor_agreement"] = {
            "source": round(a[0] / a[1], 4) if a[1] else None,
            "source_n": a[1],
            "target": round(a[2] / a[3], 4) if a[3] else None,
            "target_n": a[3],
        }
    return out


def run_eval(
    shared: Path,
    *,
    only: str | None = None,
    errors: bool = False,
    ctx: Context | None = None,
    annotations: Path | None = None,
) -> Report:
    ctx = ctx or default_context()
    report = Report()
    if only in (None, "annotations") and annotations is not None and annotations.is_dir():
        from hadath.eval.annotated import eval_annotations

        report.figures["annotations"] = eval_annotations(shared, annotations, ctx)
    if only in (None, "articles"):
        report.figures["articles"] = eval_articles(shared, ctx, report, errors)
    if only in (None, "sentences"):
        report.figures["sentences"] = eval_sentences(shared, ctx, report, errors)
    if only in (None, "cameo"):
        from hadath.eval.cameo_class import eval_cameo_class

        report.figures["sentences_en"] = eval_cameo_class(shared, ctx)
    return report


def flatten(figures: dict[str, Any], prefix: str = "") -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in figures.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, key + "."))
        elif isinstance(v, int | float) and not isinstance(v, bool):
            out[key] = float(v)
    return out


def check_floors(figures: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Figures below their floor, as 'name: value < floor' lines."""
    flat = flatten(figures)
    below = []
    for name, floor in floors.items():
        if name.startswith("_"):
            continue
        value = flat.get(name)
        if value is None:
            below.append(f"{name}: missing (floor {floor})")
        elif value + 1e-9 < floor:
            below.append(f"{name}: {value:.4f} < {floor:.4f}")
    return below
