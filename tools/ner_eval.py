"""Measure hadath's mention detection against Arabic NER gold (ANERCorp, NewsFANE).

A measurement for a note, not a tuning target: hadath is a lexicon-and-gazetteer
event coder, not a general NER tagger, so recall on open-vocabulary names is
expected to be low. Nothing here changes the lexicons or the stages.

    .venv/bin/python tools/ner_eval.py            # table on stdout
    .venv/bin/python tools/ner_eval.py --json     # JSON on stdout
    .venv/bin/python tools/ner_eval.py --errors 15  # also the most frequent misses/false hits

Data is read from ``$HADATH_SHARED`` (default /work/shared), never copied:
``corpus/ner/anercorp/ANERCorp_CamelLab_test.txt`` (``token TAG``, IOB over
PERS/LOC/ORG/MISC) and ``corpus/ner/newsfane/NewsFANE_Gold_2014_170K.txt``
(``token<TAB>TAG``, IOB over 50 fine classes). Blank lines separate sentences.

Gold classes
------------
ANERCorp: PERS -> PER, LOC -> LOC, ORG -> ORG; MISC is not scored.

NewsFANE (Alotaibi & Lee, COLING 2014; the two-level ACE-style taxonomy; the
Readme does not list it, so the mapping follows the taxonomy and the entities
the corpus actually tags under each class, see ``NEWSFANE_CLASSES``):

- PER: Politician, Athlete, Artist, Scientist, Businessperson, Lawyer, Engineer,
  Police (named police/military officers: Rumsfeld, Halutz), Religious_PER, Other_PER.
- LOC: the GPE classes Nation, Population-Center, State-or-Province,
  County-or-District, GPE-Cluster (الشرق الأوسط), Continent, and the natural
  LOC classes Water-Body, Land-Region-Natural.
- ORG: Government (armies, ministries, parliaments), Non-Governmental (UN,
  Hezbollah, Hamas, EU), Media, Commercial, Sports (clubs and national teams),
  Educational, Religious_ORG, Medical-Science, Entertainment.
- Not scored: Group (ACE PER.Group: plural demonyms and communities like
  العرب، المسلمين، الإسرائيليين; neither ORG nor a named person), Celestial,
  the facilities (Building-Grounds, Airport, Path, Subarea-Facility, Plant),
  vehicles (Air, Land, Water), weapons and products.

An unscored gold mention is ignored for recall; a system mention lying on one
still counts as a false positive (it is reported as "on unscored gold").

Sentences and spans
-------------------
Each sentence text is its tokens joined by single spaces (NewsFANE tokens lose
a leading BOM and U+200E marks). ``BATCH`` sentences are joined with newlines
into one pseudo-document for hadath, and offsets are mapped back. A newline is a
hard break for hadath's phrase chaining, so sentences do not interact.

Every system span (character offsets) is snapped to the gold tokens it touches,
so a clitic glued to a name ("للأمم المتحدة", gold token "للامم") does not cost
an exact match: scoring is on token spans.

System mentions ("forms" system, the main one)
----------------------------------------------
From ``hadath.stages.actors``: the lexicon hits kept by ``find_phrases``
(``Matcher.find`` + ``_accept``, longest non-overlapping via ``_best``), each
with the form ``find_phrases`` chose for it (the phrase's ``forms``, in order;
for a hit whose chain made no phrase, e.g. a country after "في", ``_choose``
with no context):

- PER: hits whose form kind is ``person``, extended one word to the left when
  that word lies inside the phrase and is neither a lexicon hit nor a filler
  word (the unknown first name hadath's ``_gap_ok`` lets into a person phrase).
- ORG: hits of kind ``org`` and ``seat`` (الكرملين، البيت الأبيض: hadath codes
  them as a government organisation).
- LOC: hits of kind ``country`` and ``capital``, plus every ``Place`` from
  ``hadath.stages.places.find_places`` over the sentence (the same function the
  event stage uses for ``events[].place``; strong names anywhere, weak town
  names after a locative cue). Overlapping LOC spans: the longest is kept.
- Role words (وزير، الرئيس) and nationality adjectives (السوري) are not mentions.
- A LOC or ORG span overlapping a span of a higher class (PER > ORG > LOC) is
  dropped: hadath would read it as part of that actor.

System mentions ("record" system, for comparison)
-------------------------------------------------
What a consumer of the SCHEMA record sees: ``actors[i].mentions`` from
``find_actors`` (whole phrases, role words and nationality included, e.g.
"وزير الخارجية الأميركي جون كيري") with kind person -> PER,
organisation -> ORG, country -> LOC (groups are not scored), plus the
``find_places`` places as LOC, with the same precedence. Dual mentions
("البلدين") are dropped.

Scores
------
Entity level, per class and micro over PER/LOC/ORG. "exact": same class and
same token span. "partial": a system mention is correct when it overlaps at
least one gold token of a gold mention of the same class, and a gold mention
is found when a same-class system mention overlaps it (precision and recall are
counted on each side separately).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hadath.context import Context, default_context
from hadath.model import Document, Source
from hadath.stages.actors import (
    _FILLER_AR,
    _accept,
    _best,
    _choose,
    find_actors,
    find_phrases,
)
from hadath.stages.places import find_places
from hadath.text.match import WordBounds
from hadath.text.normalize import normalize

CLASSES = ("PER", "LOC", "ORG")
RANK = {"PER": 0, "ORG": 1, "LOC": 2}
BATCH = 20

ANERCORP = "corpus/ner/anercorp/ANERCorp_CamelLab_test.txt"
NEWSFANE = "corpus/ner/newsfane/NewsFANE_Gold_2014_170K.txt"

ANERCORP_CLASSES = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": None}
NEWSFANE_CLASSES: dict[str, str | None] = {
    # PER
    "Politician": "PER",
    "Athlete": "PER",
    "Artist": "PER",
    "Scientist": "PER",
    "Businessperson": "PER",
    "Lawyer": "PER",
    "Engineer": "PER",
    "Police": "PER",
    "Religious_PER": "PER",
    "Other_PER": "PER",
    # LOC: GPE and natural locations
    "Nation": "LOC",
    "Population-Center": "LOC",
    "State-or-Province": "LOC",
    "County-or-District": "LOC",
    "GPE-Cluster": "LOC",
    "Continent": "LOC",
    "Water-Body": "LOC",
    "Land-Region-Natural": "LOC",
    # ORG
    "Government": "ORG",
    "Non-Governmental": "ORG",
    "Media": "ORG",
    "Commercial": "ORG",
    "Sports": "ORG",
    "Educational": "ORG",
    "Religious_ORG": "ORG",
    "Medical-Science": "ORG",
    "Entertainment": "ORG",
    # not scored: collective people, facilities, vehicles, weapons, products
    "Group": None,
    "Celestial": None,
    "Building-Grounds": None,
    "Airport": None,
    "Path": None,
    "Subarea-Facility": None,
    "Plant": None,
    "Air": None,
    "Land": None,
    "Water": None,
    "Projectile": None,
    "Shooting": None,
    "Book": None,
    "Movie": None,
    "Software": None,
    "Hardware": None,
    "Food": None,
    "Drug": None,
}


@dataclass
class Sentence:
    text: str
    offsets: list[tuple[int, int]]  # token character spans in ``text``
    gold: list[tuple[str, int, int]]  # (class, first token, last token + 1); class "" = unscored
    raw_gold: list[str] = field(default_factory=list)  # fine class of each gold mention


def read_conll(path: Path, *, tab: bool, classes: dict[str, str | None]) -> list[Sentence]:
    sentences: list[Sentence] = []
    rows: list[tuple[str, str]] = []

    def flush() -> None:
        if rows:
            sentences.append(_sentence(rows, classes))
            rows.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\r\n").lstrip("\ufeff")
            if not line.strip():
                flush()
                continue
            if tab:
                tok, _, tag = line.rpartition("\t")
            else:
                tok, _, tag = line.rstrip().rpartition(" ")
            tok = tok.replace("\u200e", "").replace("\ufeff", "").strip()
            rows.append((tok or "_", tag.strip()))
    flush()
    return sentences


def _sentence(rows: list[tuple[str, str]], classes: dict[str, str | None]) -> Sentence:
    offsets: list[tuple[int, int]] = []
    pos = 0
    for tok, _ in rows:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    text = " ".join(tok for tok, _ in rows)
    gold: list[tuple[str, int, int]] = []
    raw: list[str] = []
    cur: tuple[str, int] | None = None

    def close(end: int) -> None:
        if cur is not None:
            fine, start = cur
            mapped = classes.get(fine)
            if fine not in classes:
                raise ValueError(f"unknown gold class {fine!r}")
            gold.append((mapped or "", start, end))
            raw.append(fine)

    for i, (_, tag) in enumerate(rows):
        bio, _, fine = tag.partition("-")
        if bio == "B" or (bio == "I" and (cur is None or cur[0] != fine)):
            # an I- after O or after another class opens a mention (IOB1 style)
            close(i)
            cur = (fine, i)
        elif bio != "I":
            close(i)
            cur = None
    close(len(rows))
    return Sentence(text, offsets, gold, raw)


# -- system mentions ---------------------------------------------------------------------


def _form_mentions(text: str, ctx: Context) -> list[tuple[str, int, int]]:
    """(class, start, end) character spans from the lexicon forms find_phrases kept."""
    index = ctx.actors
    norm = normalize(text)
    bounds = WordBounds(norm.norm)
    doc = Document(id="ner", source=Source(None, None, "text"), text=text)
    phrases = find_phrases(doc, index, norm, bounds)
    groups = _best([h for h in index.matcher.find(norm.norm, bounds) if _accept(h, norm)])
    spans = [norm.span(g[0].start, g[0].end) for g in groups]
    chosen = {}  # group number -> (form, phrase)
    for p in phrases:
        inside = [k for k, (s, e) in enumerate(spans) if s >= p.start and e <= p.end]
        if len(inside) != len(p.forms):
            raise AssertionError(f"phrase {text[p.start : p.end]!r}: cannot align its forms")
        for k, f in zip(inside, p.forms, strict=True):
            chosen[k] = (f, p)
    out: list[tuple[str, int, int]] = []
    for k, g in enumerate(groups):
        form, phrase = chosen.get(k, (_choose(g, []), None))
        s, e = spans[k]
        if form.kind == "person":
            if phrase is not None and s > phrase.start and not g[0].prefix:
                # the unknown first name find_phrases let into the phrase
                w = bounds.index(g[0].start)
                if w:
                    ps, pe = bounds.words()[w - 1]
                    ws, we = norm.span(ps, pe)
                    free = not any(a < we and ws < b for a, b in spans[:k])
                    if ws >= phrase.start and free and norm.norm[ps:pe] not in _FILLER_AR:
                        s = ws
            out.append(("PER", s, e))
        elif form.kind in {"org", "seat"}:
            out.append(("ORG", s, e))
        elif form.kind in {"country", "capital"}:
            out.append(("LOC", s, e))
    for place in find_places(text, 0, len(text), ctx.places):
        if place.start is not None and place.end is not None:
            out.append(("LOC", place.start, place.end))
    return out


def _record_mentions(text: str, ctx: Context) -> list[tuple[str, int, int]]:
    """(class, start, end) from the record's actor mentions and the places."""
    doc = Document(id="ner", source=Source(None, None, "text"), text=text)
    actors, _ = find_actors(doc, ctx)
    norm = normalize(text)
    duals = {
        norm.span(h.start, h.end) for h in ctx.actors.duals.find(norm.norm, WordBounds(norm.norm))
    }
    kinds = {"person": "PER", "organisation": "ORG", "country": "LOC"}
    out: list[tuple[str, int, int]] = []
    for a in actors:
        cls = kinds.get(a.kind)
        if cls is None:
            continue
        for m in a.mentions:
            # a dual ("البلدين") points at both parties: its text names neither
            if (m.start, m.end) not in duals:
                out.append((cls, m.start, m.end))
    for place in find_places(text, 0, len(text), ctx.places):
        if place.start is not None and place.end is not None:
            out.append(("LOC", place.start, place.end))
    return out


def _to_tokens(mentions: list[tuple[str, int, int]], sent: Sentence) -> list[tuple[str, int, int]]:
    """Snap character spans to token spans; resolve overlaps (longest, then PER > ORG > LOC)."""
    snapped = set()
    for cls, s, e in mentions:
        toks = [i for i, (ts, te) in enumerate(sent.offsets) if ts < e and s < te]
        if toks:
            snapped.add((cls, toks[0], toks[-1] + 1))
    keep: list[tuple[str, int, int]] = []
    for m in sorted(snapped, key=lambda m: (RANK[m[0]], -(m[2] - m[1]), m[1])):
        if not any(k[1] < m[2] and m[1] < k[2] for k in keep):
            keep.append(m)
    return sorted(keep, key=lambda m: m[1])


def system_mentions(
    sentences: list[Sentence], ctx: Context, which: str
) -> list[list[tuple[str, int, int]]]:
    find = _form_mentions if which == "forms" else _record_mentions
    out: list[list[tuple[str, int, int]]] = []
    for b in range(0, len(sentences), BATCH):
        batch = sentences[b : b + BATCH]
        starts = []
        pos = 0
        for s in batch:
            starts.append(pos)
            pos += len(s.text) + 1
        text = "\n".join(s.text for s in batch)
        found = find(text, ctx)
        for n, sent in enumerate(batch):
            lo, hi = starts[n], starts[n] + len(sent.text)
            local = [(c, s - lo, e - lo) for c, s, e in found if s >= lo and e <= hi]
            out.append(_to_tokens(local, sent))
    return out


# -- scoring -------------------------------------------------------------------------


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float | int]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "gold": n_gold,
        "system": n_sys,
        "tp_system": tp_p,
        "tp_gold": tp_r,
    }


def score(
    sentences: list[Sentence], system: list[list[tuple[str, int, int]]], n_errors: int
) -> dict[str, object]:
    counts = {
        mode: {c: Counter() for c in CLASSES} for mode in ("exact", "partial")
    }  # per class: gold, sys, tp_gold, tp_sys
    fn_kinds: Counter[str] = Counter()
    fp_kinds: Counter[str] = Counter()
    fn_text: dict[str, Counter[str]] = {c: Counter() for c in CLASSES}
    fp_text: dict[str, Counter[str]] = {c: Counter() for c in CLASSES}
    boundary: Counter[str] = Counter()
    confused: Counter[str] = Counter()
    for sent, sys_m in zip(sentences, system, strict=True):
        toks = [sent.text[s:e] for s, e in sent.offsets]
        gold = [g for g in sent.gold if g[0]]
        unscored = [g for g in sent.gold if not g[0]]
        gold_set = set(gold)
        sys_set = set(sys_m)

        def ov(a: tuple[str, int, int], b: tuple[str, int, int]) -> bool:
            return a[1] < b[2] and b[1] < a[2]

        for gi, g in enumerate(sent.gold):
            if not g[0]:
                continue
            c = g[0]
            for mode in counts:
                counts[mode][c]["gold"] += 1
            counts["exact"][c]["tp_gold"] += g in sys_set
            counts["partial"][c]["tp_gold"] += any(m[0] == c and ov(m, g) for m in sys_m)
            if g not in sys_set:
                words = " ".join(toks[g[1] : g[2]])
                if any(m[0] == c and ov(m, g) for m in sys_m):
                    fn_kinds[f"{c}: boundary (same class overlaps)"] += 1
                    sys_words = [" ".join(toks[m[1] : m[2]]) for m in sys_m if ov(m, g)]
                    boundary[f"{c}: gold [{words}] system [{' | '.join(sys_words)}]"] += 1
                elif any(ov(m, g) for m in sys_m):
                    other = next(m[0] for m in sys_m if ov(m, g))
                    fn_kinds[f"{c}: found as {other}"] += 1
                    confused[f"{c}->{other}: [{words}] gold class {sent.raw_gold[gi]}"] += 1
                else:
                    fn_kinds[f"{c}: missed (no system span)"] += 1
                    fn_text[c][words] += 1
        for m in sys_m:
            c = m[0]
            for mode in counts:
                counts[mode][c]["sys"] += 1
            counts["exact"][c]["tp_sys"] += m in gold_set
            counts["partial"][c]["tp_sys"] += any(g[0] == c and ov(m, g) for g in gold)
            if m not in gold_set:
                words = " ".join(toks[m[1] : m[2]])
                if any(g[0] == c and ov(m, g) for g in gold):
                    fp_kinds[f"{c}: boundary (same class overlaps)"] += 1
                elif any(ov(m, g) for g in gold):
                    other = next(g[0] for g in gold if ov(m, g))
                    fp_kinds[f"{c}: gold says {other}"] += 1
                elif any(ov(m, g) for g in unscored):
                    fp_kinds[f"{c}: on unscored gold (MISC/Group/facility...)"] += 1
                    fp_text[c][words + " (unscored gold)"] += 1
                else:
                    fp_kinds[f"{c}: spurious (gold O)"] += 1
                    fp_text[c][words] += 1
    result: dict[str, object] = {}
    for mode, per in counts.items():
        table: dict[str, object] = {}
        tot: Counter[str] = Counter()
        for c in CLASSES:
            x = per[c]
            tot.update(x)
            table[c] = _prf(x["tp_sys"], x["sys"], x["tp_gold"], x["gold"])
        table["micro"] = _prf(tot["tp_sys"], tot["sys"], tot["tp_gold"], tot["gold"])
        result[mode] = table
    result["errors"] = {
        "false_negatives": dict(fn_kinds.most_common()),
        "false_positives": dict(fp_kinds.most_common()),
    }
    if n_errors:
        result["examples"] = {
            "missed": {c: fn_text[c].most_common(n_errors) for c in CLASSES},
            "spurious": {c: fp_text[c].most_common(n_errors) for c in CLASSES},
            "boundary": boundary.most_common(n_errors),
            "wrong_class": confused.most_common(n_errors),
        }
    return result


# -- main ----------------------------------------------------------------------------


def _table(name: str, system: str, res: dict[str, object]) -> str:
    lines = [
        f"{name} [{system}]",
        f"  {'':7}{'exact P/R/F1':>26}   {'partial P/R/F1':>26}   gold  sys",
    ]
    exact = res["exact"]
    partial = res["partial"]
    assert isinstance(exact, dict) and isinstance(partial, dict)
    for c in (*CLASSES, "micro"):
        e, p = exact[c], partial[c]
        lines.append(
            f"  {c:7}{e['precision']:8.3f}{e['recall']:8.3f}{e['f1']:8.3f}   "
            f"  {p['precision']:8.3f}{p['recall']:8.3f}{p['f1']:8.3f}   "
            f"{e['gold']:5d}{e['system']:5d}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true", help="write JSON to stdout")
    ap.add_argument("--errors", type=int, default=0, help="show the N most frequent errors")
    ap.add_argument(
        "--system",
        choices=("forms", "record", "both"),
        default="both",
        help="which system mentions to score (see the module docstring)",
    )
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences per corpus")
    args = ap.parse_args(argv)
    shared = Path(os.environ.get("HADATH_SHARED", "/work/shared"))
    corpora = {
        "ANERCorp-test": read_conll(shared / ANERCORP, tab=False, classes=ANERCORP_CLASSES),
        "NewsFANE-Gold": read_conll(shared / NEWSFANE, tab=True, classes=NEWSFANE_CLASSES),
    }
    systems = ("forms", "record") if args.system == "both" else (args.system,)
    t0 = time.perf_counter()
    ctx = default_context()
    _ = ctx.actors, ctx.places
    load_s = time.perf_counter() - t0
    out: dict[str, object] = {"load_seconds": round(load_s, 1), "corpora": {}}
    corpora_out: dict[str, object] = {}
    for name, sents in corpora.items():
        if args.limit:
            sents = sents[: args.limit]
        entry: dict[str, object] = {
            "sentences": len(sents),
            "tokens": sum(len(s.offsets) for s in sents),
            "gold_unscored": len([g for s in sents for g in s.gold if not g[0]]),
        }
        for system in systems:
            t = time.perf_counter()
            found = system_mentions(sents, ctx, system)
            res = score(sents, found, args.errors)
            res["seconds"] = round(time.perf_counter() - t, 1)
            entry[system] = res
        corpora_out[name] = entry
    out["corpora"] = corpora_out
    out["total_seconds"] = round(time.perf_counter() - t0, 1)
    if args.json:
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    print(f"hadath mention detection vs Arabic NER gold (load {out['load_seconds']}s)")
    for name, entry in corpora_out.items():
        assert isinstance(entry, dict)
        print(
            f"\n{name}: {entry['sentences']} sentences, {entry['tokens']} tokens, "
            f"{entry['gold_unscored']} unscored gold mentions"
        )
        for system in systems:
            res = entry[system]
            print(_table(name, system, res) + f"   ({res['seconds']}s)")
            errs = res["errors"]
            print(
                "  false negatives: "
                + ", ".join(f"{k} {v}" for k, v in errs["false_negatives"].items())
            )
            print(
                "  false positives: "
                + ", ".join(f"{k} {v}" for k, v in errs["false_positives"].items())
            )
            if "examples" in res:
                ex = res["examples"]
                for c in CLASSES:
                    print(f"  missed {c}: " + "; ".join(f"{w} {n}" for w, n in ex["missed"][c]))
                    print(f"  spurious {c}: " + "; ".join(f"{w} {n}" for w, n in ex["spurious"][c]))
                print("  boundary: " + "; ".join(f"{w} {n}" for w, n in ex["boundary"]))
                print("  wrong class: " + "; ".join(f"{w} {n}" for w, n in ex["wrong_class"]))
    print(f"\ntotal {out['total_seconds']}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
