"""`hadath train`: fit the learned scorers on the span annotations and the shared gold.

The rules run with ``Context(learned=False)`` and collect every candidate with its features
(``find_events(..., collect=...)``, ``speakers.candidates``); the annotations label them:

- eventness: a trigger candidate is an event when an annotated event of its type has an
  overlapping trigger (optional annotations are left out). The Arabic sentence gold adds its
  ASSAULT and PROTEST candidates (a "yes" sentence makes its candidates of that type events, a
  "no" sentence makes them not), and ConfliBERT's English cameo_class sentences add theirs (an
  event when its quad class is the sentence's).
- source / target: for each trigger that is an event, each candidate mention is a source (a
  target) when an annotated event at that trigger has it as source (target): by span, or by
  code when the annotation names the actor outside the candidates.
- speaker: for each quote with a cue that matches an annotated quote, the candidate naming the
  annotated speaker.

Only the ``train`` split of the annotations is fitted; ``dev`` chooses the thresholds; ``test``
is never read here. Logistic regression (scikit-learn's liblinear, fixed seed, sorted inputs) is
fitted once per model; the weights go to ``hadath/data/models/NAME.json`` with a card.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.context import Context
from hadath.learn.linear import LinearModel
from hadath.model import Document
from hadath.pipeline import DEFAULT_STAGES
from hadath.readers import from_text
from hadath.stages import speakers
from hadath.stages.decide import Candidate
from hadath.stages.events import find_events
from hadath.train.annotations import Annotation, Part, load_all
from hadath.train.docs import load
from hadath.train.split import split_of

# the stages before events: what the event candidates read
_BEFORE_EVENTS = DEFAULT_STAGES[: [s.__name__ for s in DEFAULT_STAGES].index("events")]
GSR = Path("gold") / "arabic_gsr_dev.jsonl"
CAMEO = Path("ref") / "ConfliBERT" / "data" / "cameo_class" / "train.tsv"
MIN_COUNT = 2  # a feature seen fewer times in the training rows gets no weight
FOLDS = 5


@dataclass(slots=True)
class Example:
    features: list[str]
    label: int
    weight: float = 1.0


@dataclass
class Data:
    """The labelled examples of each model, by where they come from."""

    rows: dict[str, dict[str, list[Example]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def add(self, model: str, part: str, ex: Example) -> None:
        self.rows[model][part].append(ex)

    def get(self, model: str, *parts: str) -> list[Example]:
        return [e for p in parts for e in self.rows[model].get(p, [])]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def prepare(bare: Document, ctx: Context) -> Document:
    doc = bare
    for stage in _BEFORE_EVENTS:
        doc = stage(doc, ctx)
    return doc


def event_candidates(doc: Document, ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    find_events(doc, ctx, collect=out)
    return out


def _code_of(doc: Document, actor: int) -> str | None:
    a = doc.actors[actor]
    return a.country or a.org


def _fits(part: Part | None, span: tuple[int, int], code: str | None, spans: set[Any]) -> bool:
    """The annotated part is this candidate: by span, or by code where the annotation's words
    are none of the candidates'."""
    if part is None:
        return False
    if part.span is not None and _overlap(part.span, span):
        return True
    named = part.span is not None and any(_overlap(part.span, s) for s in spans)
    return not named and part.country_or_org != "?" and part.country_or_org == code


def label_events(cands: Sequence[Candidate], ann: Annotation, data: Data, part: str) -> None:
    for c in cands:
        same = [e for e in ann.events if e.type == c.type and _overlap(e.trigger, c.trigger)]
        if same and all(e.optional for e in same):
            continue
        data.add("eventness", part, Example(c.features, int(bool(same))))
        if not same:
            continue
        spans = {(a.start, a.end) for a in c.args}
        for a in c.args:
            span, code = (a.start, a.end), a.code
            is_src = any(_fits(e.source, span, code, spans) for e in same)
            is_tgt = any(_fits(e.target, span, code, spans) for e in same)
            data.add("source", part, Example(a.features, int(is_src)))
            data.add("target", part, Example(a.features, int(is_tgt)))


def label_speakers(doc: Document, ann: Annotation, data: Data, part: str) -> None:
    for q in doc.quotes:
        if q.cue is None:
            continue
        qs = (q.start, q.end)
        best = None
        best_ov = 0
        for g in ann.quotes:
            ov = min(g.content[1], qs[1]) - max(g.content[0], qs[0])
            if ov * 2 >= min(g.content[1] - g.content[0], qs[1] - qs[0]) and ov > best_ov:
                best, best_ov = g, ov
        if best is None or best.optional:
            continue
        cands = speakers.candidates(doc, q)
        spans = {(c.start, c.end) for c in cands}
        for c in cands:
            ok = _fits(best.speaker, (c.start, c.end), _code_of(doc, c.actor), spans)
            data.add("speaker", part, Example(c.features, int(ok)))


def annotated_data(shared: Path, root: Path, ctx: Context, data: Data) -> dict[str, int]:
    """Label the candidates of every annotated document of the train and dev splits."""
    counts: Counter[str] = Counter()
    for ann in sorted(load_all(root, shared), key=lambda a: (a.doc, a.annotator)):
        part = split_of(ann.doc)
        if part == "test":
            continue  # never read here
        src = load(shared, ann.doc)
        bare = from_text(src.text, path=ann.doc, id=ann.doc, fmt="jsonl", published=src.published)
        doc = prepare(bare, ctx)
        label_events(event_candidates(doc, ctx), ann, data, part)
        label_speakers(doc, ann, data, part)
        counts[f"{part}_documents"] += 1
    return dict(counts)


def gsr_fold(row_id: str) -> int:
    return int(hashlib.sha1(row_id.encode("utf-8")).hexdigest()[:8], 16) % FOLDS


def gsr_rows(shared: Path) -> list[dict[str, Any]]:
    with (shared / GSR).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gsr_data(shared: Path, ctx: Context, data: Data) -> int:
    """The sentence gold's ASSAULT and PROTEST candidates, one part per fold."""
    rows = gsr_rows(shared)
    for row in rows:
        bare = from_text(row["text"], path=str(GSR), id=row["id"], fmt="jsonl")
        doc = prepare(bare, ctx)
        yes = row["label"] == "yes"
        for c in event_candidates(doc, ctx):
            if c.type == row["category"]:
                data.add("eventness", f"gsr{gsr_fold(row['id'])}", Example(c.features, int(yes)))
    return len(rows)


def cameo_data(shared: Path, ctx: Context, data: Data) -> int:
    from hadath.eval.cameo_class import load_quad, read_tsv

    quad = load_quad()
    rows = read_tsv(shared / CAMEO)
    for i, (text, cls) in enumerate(rows):
        bare = from_text(text, path=str(CAMEO), id=f"cameo_class-{i}", fmt="jsonl")
        doc = prepare(bare, ctx)
        for c in event_candidates(doc, ctx):
            ok = cls != 0 and quad.get(c.type) == cls
            data.add("eventness", "cameo", Example(c.features, int(ok), 0.5))
    return len(rows)


def fit(name: str, rows: Sequence[Example], c: float = 0.5) -> LinearModel:
    """Logistic regression over the features seen at least MIN_COUNT times."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    seen = Counter(f for ex in rows for f in set(ex.features))
    vocab = sorted(f for f, n in seen.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    indptr, cols = [0], []
    for ex in rows:
        cols.extend(sorted({index[f] for f in ex.features if f in index}))
        indptr.append(len(cols))
    x = csr_matrix((np.ones(len(cols)), cols, indptr), shape=(len(rows), len(vocab)))
    y = np.array([ex.label for ex in rows])
    w = np.array([ex.weight for ex in rows])
    if len(set(y.tolist())) < 2:
        raise ValueError(f"{name}: the training rows hold one class only")
    lr = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000)
    lr.fit(x, y, sample_weight=w)
    coef = lr.coef_[0]
    weights = {f: float(coef[i]) for f, i in index.items() if abs(coef[i]) >= 1e-5}
    return LinearModel(name, weights, float(lr.intercept_[0]), 0.5, {})


def prf(model: LinearModel, rows: Iterable[Example], threshold: float) -> dict[str, float]:
    tp = fp = fn = 0
    for ex in rows:
        yes = model.prob(ex.features) >= threshold
        tp += yes and ex.label == 1
        fp += yes and ex.label == 0
        fn += (not yes) and ex.label == 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "n": tp + fn}


def write(model: LinearModel, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{model.name}.json"
    path.write_text(
        json.dumps(model.to_json(), ensure_ascii=False, indent=0, sort_keys=False) + "\n",
        encoding="utf-8",
    )
    return path


def with_card(model: LinearModel, threshold: float, card: dict[str, Any]) -> LinearModel:
    return LinearModel(model.name, model.weights, model.bias, threshold, card)


def collect(shared: Path, annotations: Path) -> tuple[Data, dict[str, Any]]:
    ctx = Context(learned=False)
    data = Data()
    sizes: dict[str, Any] = annotated_data(shared, annotations, ctx, data)
    sizes["gsr_sentences"] = gsr_data(shared, ctx, data)
    sizes["cameo_sentences"] = cameo_data(shared, ctx, data)
    return data, sizes


GSR_PARTS = tuple(f"gsr{i}" for i in range(FOLDS))
GRID = (0.3, 0.4, 0.5, 0.6, 0.7)


def tune_thresholds(
    models: dict[str, LinearModel], shared: Path, annotations: Path, tmp: Path
) -> dict[str, float]:
    """The thresholds that score best on the dev split by GOLD.md's rules (events lenient F1
    for eventness, source and target; quotes F1 for the speaker), one model at a time."""
    from hadath.eval.annotated import eval_annotations

    chosen = dict.fromkeys(models, 0.5)

    def score(name: str, thr: float) -> float:
        trial = dict(chosen, **{name: thr})
        for n, m in models.items():
            write(with_card(m, trial[n], m.card), tmp)
        figs = eval_annotations(shared, annotations, Context(models_dir=tmp), splits=("dev",))
        if "dev" not in figs:
            return 0.0
        key = "quotes" if name == "speaker" else "events_lenient"
        return float(figs["dev"][key]["f1"])

    for name in ("eventness", "target", "source", "speaker"):
        # ties go to the threshold nearest 0.5: the dev split is small
        figures = {t: score(name, t) for t in GRID}
        chosen[name] = max(GRID, key=lambda t: (figures[t], -abs(t - 0.5)))
    return chosen


def train_models(
    data: Data,
    sizes: dict[str, Any],
    *,
    exclude_fold: int | None = None,
    date: str | None = None,
    thresholds: dict[str, float] | None = None,
) -> dict[str, LinearModel]:
    """Fit the four models on the train split (and the sentence gold, less one fold when
    ``exclude_fold`` is given), with the given thresholds (0.5 by default)."""
    gsr = tuple(p for i, p in enumerate(GSR_PARTS) if i != exclude_fold)
    parts = {
        "eventness": ("train", *gsr, "cameo"),
        "source": ("train",),
        "target": ("train",),
        "speaker": ("train",),
    }
    out: dict[str, LinearModel] = {}
    for name, use in parts.items():
        rows = data.get(name, *use)
        model = fit(name, rows)
        dev = data.get(name, "dev")
        thr = (thresholds or {}).get(name, 0.5)
        card = {
            "data": {p: len(data.get(name, p)) for p in use},
            "dev_rows": len(dev),
            "split": "annotations by SHA-1 of the document reference: train 70 %, dev 15 %, "
            "test 15 % (never read in training)",
            "train": prf(model, rows, thr),
            "dev": prf(model, dev, thr) if dev else None,
            "features": len(model.weights),
            "sizes": sizes,
            "trained": date or dt.date.today().isoformat(),
            "excluded_fold": exclude_fold,
        }
        out[name] = with_card(model, thr, card)
    return out


def filter_data(shared: Path, root: Path, folder: Path) -> dict[str, dict[str, list[Example]]]:
    """The keys and the quotes the models of ``folder`` make on the annotated train and dev
    documents, each labelled by GOLD.md's matching against the first annotator's: 1 matched to
    a required item, 0 matched to nothing (an item matched to an optional one is left out)."""
    from hadath.api import process
    from hadath.eval import event_fits, gold_event_keys
    from hadath.eval.annotated import _qfits, gold_quotes, system_quotes
    from hadath.eval.score import Match, assign
    from hadath.stages.keys import keyed, quoted, weighs
    from hadath.train.annotations import to_gold

    ctx = Context(models_dir=folder)
    rows: dict[str, dict[str, list[Example]]] = {n: defaultdict(list) for n in ("keys", "quotes")}
    seen: set[str] = set()

    def label(name: str, part: str, feats: list[list[str]], m: Match[Any, Any], gold: Any) -> None:
        to_optional = {i for i, j in m.pairs if gold[j].optional}
        matched = {i for i, _ in m.pairs}
        for i, f in enumerate(feats):
            if i not in to_optional:
                rows[name][part].append(Example(f, int(i in matched)))

    for ann in sorted(load_all(root, shared), key=lambda a: (a.doc, a.annotator)):
        part = split_of(ann.doc)
        if part == "test" or ann.doc in seen:
            continue  # the test split is never read; a document counts once
        seen.add(ann.doc)
        src = load(shared, ann.doc)
        bare = from_text(src.text, path=ann.doc, id=ann.doc, fmt="jsonl", published=src.published)
        doc = process(bare, ctx)
        gold_record = to_gold(ann, src.text)
        if weighs(doc):
            keys = keyed(doc, doc.events)
            system = [(k[0], k[1], None, k[2], None, None) for k, _ in keys]
            gold = list(gold_event_keys(gold_record, False))
            label("keys", part, [f for _, f in keys], assign(system, gold, event_fits), gold)
        gq = gold_quotes(gold_record)
        mq = assign(system_quotes(doc), gq, _qfits)
        label("quotes", part, quoted(doc, doc.quotes), mq, gq)
    return rows


FILTERS = {"keys": "events_lenient", "quotes": "quotes"}  # each filter and the figure it tunes


def fit_filters(
    shared: Path, root: Path, folder: Path, tmp: Path, *, tune: bool, date: str | None
) -> dict[str, LinearModel]:
    """The key and quote filters over what the models in ``folder`` make (fitted on the train
    split, each threshold the one of GRID that scores best on the dev split)."""
    from hadath.eval.annotated import eval_annotations

    rows = filter_data(shared, root, folder)
    models = {
        name: fit(name, rows[name]["train"])
        for name in FILTERS
        # a filter needs both kinds of item: with none to drop there is nothing to learn
        if len({ex.label for ex in rows[name]["train"]}) == 2
    }
    chosen = dict.fromkeys(FILTERS, 0.5)
    if tune:
        tmp.mkdir(parents=True, exist_ok=True)
        for p in folder.glob("*.json"):
            (tmp / p.name).write_bytes(p.read_bytes())

        def score(name: str, thr: float) -> float:
            for n, m in models.items():
                write(with_card(m, thr if n == name else chosen[n], {}), tmp)
            figs = eval_annotations(shared, root, Context(models_dir=tmp), splits=("dev",))
            return float(figs["dev"][FILTERS[name]]["f1"]) if "dev" in figs else 0.0

        for name in models:
            figures = {t: score(name, t) for t in GRID}
            chosen[name] = max(GRID, key=lambda t: (figures[t], -abs(t - 0.5)))
    out = {}
    for name, model in models.items():
        r = rows[name]
        card = {
            "data": {"train": len(r["train"])},
            "dev_rows": len(r["dev"]),
            "train": prf(model, r["train"], chosen[name]),
            "dev": prf(model, r["dev"], chosen[name]) if r["dev"] else None,
            "features": len(model.weights),
            "trained": date or dt.date.today().isoformat(),
        }
        out[name] = with_card(model, chosen[name], card)
    return out


__all__ = ["Data", "Example", "collect", "fit", "fit_filters", "train_models", "write"]


def gsr_cross_validation(
    shared: Path,
    data: Data,
    sizes: dict[str, Any],
    tmp: Path,
    thresholds: dict[str, float],
    extra: Sequence[LinearModel] = (),
) -> dict[str, Any]:
    """ASSAULT and PROTEST figures of the sentence gold, each fold scored by models fitted
    without it (the annotations' train split and the other folds), through the whole pipeline."""
    from hadath.api import process
    from hadath.eval.score import Counts
    from hadath.model import to_record

    counts: dict[str, Counts] = defaultdict(Counts)
    rows = gsr_rows(shared)
    for fold in range(FOLDS):
        folder = tmp / f"fold{fold}"
        models = train_models(data, sizes, exclude_fold=fold, thresholds=thresholds)
        for model in [*models.values(), *extra]:
            write(model, folder)
        ctx = Context(models_dir=folder)
        for row in rows:
            if gsr_fold(row["id"]) != fold:
                continue
            cat = row["category"]
            bare = from_text(row["text"], path=str(GSR), id=row["id"], fmt="jsonl")
            record = to_record(process(bare, ctx))
            found = any(e["type"] == cat and e["status"] != "negated" for e in record["events"])
            yes = row["label"] == "yes"
            c = counts[cat]
            c.required += yes
            c.tp += found and yes
            c.fp += found and not yes
    return {cat: c.as_dict() for cat, c in sorted(counts.items())}
