"""The document-level filters: does the document report this (type, source, target), and is
this quote said by this speaker?

The events stage decides trigger by trigger; an analyst, and GOLD.md's scorer, count what a
document says happened: each distinct key (type, source country-or-org, target country-or-org)
once. Most wrong keys are real events read with the wrong parties: a side left unnamed, one
country on both sides, a third actor of the sentence paired in. The key model (``keys.json``,
fitted by ``hadath train`` on the keys the other models produce over the annotated train split)
weighs each key from all the events behind it (their rules, confidence, sentences, how the
sides are filled, how often the document names each side) and drops the events of keys below
its threshold. Without its weights every key is kept, and so is every key of a document of
one sentence (``weighs``).

The quote filter (``quotes.json``) does the same for quotes once the speaker model has chosen:
whether the quote, with its speaker (or none), is one the document reports, from its kind, cue,
length, where it stands and how its speaker is coded.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from hadath.learn.linear import LinearModel
from hadath.model import ArgRef, Document, Event, Quote
from hadath.text.normalize import fold_form

Key = tuple[str, str | None, str | None]


def _code(a: ArgRef | None) -> str | None:
    return None if a is None else (a.country or a.org)


def key_of(e: Event) -> Key:
    return (e.type, _code(e.source), _code(e.target))


def _bucket(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


def _sides(key: Key) -> str:
    _, s, t = key
    if s is None and t is None:
        return "none"
    if s is None:
        return "no_source"
    if t is None:
        return "no_target"
    return "same" if s == t else "both"


def code_counts(doc: Document) -> Counter[str]:
    """How many times the document names each country or organisation."""
    out: Counter[str] = Counter()
    for a in doc.actors:
        code = a.country or a.org
        if code:
            out[code] += len(a.mentions)
    return out


def key_features(
    doc: Document, key: Key, events: Sequence[Event], alternatives: int, counts: Counter[str]
) -> list[str]:
    """The features of one key from the events behind it."""
    etype, src, tgt = key
    sides = _sides(key)
    feats = [f"type={etype}", f"sides={sides}", f"type_sides={etype}:{sides}"]
    feats.append(f"lang={doc.language}")
    feats.append(f"n={_bucket(len(events), 3)}")
    feats.append(f"sentences={_bucket(len({e.sentence for e in events}), 3)}")
    feats.append(f"alternatives={_bucket(alternatives, 4)}")
    best = max(e.confidence for e in events)
    feats.append(f"conf={min(int(best * 10), 9)}")
    feats.append(f"type_conf={etype}:{min(int(best * 5), 4)}")
    feats.extend(sorted({f"rule={e.rule}" for e in events}))
    feats.extend(sorted({f"status={e.status}" for e in events}))
    if any(e.sentence == 0 for e in events):
        feats.append("title")
    if any(e.quote is not None for e in events):
        feats.append("in_quote")
    for side, code, args in (
        ("source", src, [e.source for e in events]),
        ("target", tgt, [e.target for e in events]),
    ):
        if code is None:
            continue
        feats.append(f"{side}_named={_bucket(counts.get(code, 0), 5)}")
        if code == doc.country:
            feats.append(f"{side}_home")
        if all(a is not None and a.actor is None for a in args):
            feats.append(f"{side}_implied")  # a place or the story's country, not a mention
        sectors = sorted({a.sector or "-" for a in args if a is not None})
        feats.extend(f"{side}_sector={s}" for s in sectors)
    return feats


def keyed(doc: Document, events: Sequence[Event]) -> list[tuple[Key, list[str]]]:
    """Each distinct key of the events with its features, in order of first appearance."""
    groups: dict[Key, list[Event]] = defaultdict(list)
    by_trigger: dict[tuple[int, int], set[Key]] = defaultdict(set)
    for e in events:
        k = key_of(e)
        groups[k].append(e)
        by_trigger[(e.trigger.start, e.trigger.end)].add(k)
    counts = code_counts(doc)
    out = []
    for k, evs in groups.items():
        alts = max(len(by_trigger[(e.trigger.start, e.trigger.end)]) for e in evs)
        out.append((k, key_features(doc, k, evs, alts, counts)))
    return out


def weighs(doc: Document) -> bool:
    """Whether the key filter has a document to weigh a key across. A single sentence (a
    sentence gold row, a wire line) gives it nothing the eventness model has not read already:
    fitted on articles, it would judge the sentence by what an article would also say (who
    else is named, how often), and drop plain attacks and protests with an unnamed side."""
    return len(doc.sentences) > 1


def filter_keys(doc: Document, events: Sequence[Event], model: LinearModel) -> list[Event]:
    """The events whose key the model keeps (all of them when it does not weigh ``doc``)."""
    if not weighs(doc):
        return list(events)
    kept = {k for k, feats in keyed(doc, events) if model.prob(feats) >= model.threshold}
    return [e for e in events if key_of(e) in kept]


def _length(n: int) -> str:
    for top in (30, 80, 200, 500):
        if n < top:
            return f"<{top}"
    return "500+"


def quote_features(doc: Document, q: Quote, counts: Counter[str], same: int) -> list[str]:
    """The features of one quote with its chosen speaker."""
    text = doc.text
    feats = [f"kind={q.kind}", f"lang={doc.language}", f"length={_length(q.end - q.start)}"]
    sp = q.speaker
    code = _code(sp)
    state = "none" if sp is None else "uncoded" if code is None else "coded"
    feats += [f"speaker={state}", f"kind_speaker={q.kind}:{state}"]
    if code is not None:
        feats.append(f"speaker_named={_bucket(counts.get(code, 0), 5)}")
        feats.append(f"speaker_quotes={_bucket(same, 4)}")
        if code == doc.country:
            feats.append("speaker_home")
    if sp is not None:
        feats.append(f"speaker_sector={sp.sector or '-'}")
        if sp.actor is not None:
            feats.append(f"speaker_kind={doc.actors[sp.actor].kind}")
    if q.cue is None:
        feats.append("cue=none")
    else:
        words = fold_form(text[q.cue.start : q.cue.end]).split()
        feats.append(f"cue={words[0] if words else ''}")
        feats.append(f"cue_after={int(q.cue.start >= q.end)}")
    if q.sentence == 0:
        feats.append("title")
    return feats


def quoted(doc: Document, quotes: Sequence[Quote]) -> list[list[str]]:
    """The features of each quote."""
    counts = code_counts(doc)
    per_speaker = Counter(_code(q.speaker) for q in quotes)
    return [quote_features(doc, q, counts, per_speaker[_code(q.speaker)]) for q in quotes]


def filter_quotes(doc: Document, quotes: Sequence[Quote], model: LinearModel) -> list[Quote]:
    """The quotes the model keeps."""
    feats = quoted(doc, quotes)
    return [q for q, f in zip(quotes, feats, strict=True) if model.prob(f) >= model.threshold]
