"""Propose candidate trigger forms from the span annotations of the train split.

The hand-made lexicons miss words annotators mark as event triggers («عُقد», «اتصال», «ضربات»):
no rule proposes them, so no model can keep them. This tool reads the train split only (never
dev or test), finds the annotated triggers that no lexicon entry proposes, strips the proclitics
the matcher allows anyway (و، ف، ب، ل، ال ...) and counts each folded form by PLOVER type. A form
becomes a candidate when annotators marked it, missed, in at least ``--min-count`` documents and at
least ``--min-share`` of its occurrences in the train texts are annotated triggers. The result
is written to ``hadath/data/events/<lang>.mined.toml``: candidate entries (the rules alone never
keep them; the eventness model, refitted by ``hadath train``, weighs them in context), each form
with the counts that justify it, so the file stays readable and reviewable data.

    .venv/bin/python tools/mine_triggers.py [--shared DIR] [--lang ar] [--dry-run]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from hadath.context import Context
from hadath.eval import shared_dir
from hadath.learn.train import event_candidates, prepare
from hadath.lexicon.triggers import load_triggers
from hadath.readers import from_text
from hadath.text.match import PROCLITICS, WORD_RE
from hadath.text.normalize import fold, fold_form
from hadath.train.annotations import load_all
from hadath.train.docs import load
from hadath.train.split import split_of

ROOT = Path(__file__).resolve().parents[1]
# the proclitic runs the matcher lets stand before a form, longest first
_AR_PROCLITICS = sorted(PROCLITICS - {""}, key=len, reverse=True)
_MAX_WORDS = 3


def _stem(word: str, vocabulary: Counter[str]) -> str:
    """The word without the proclitic run it most plausibly carries: the shortest remainder of
    three letters or more that the texts also use as a word of its own."""
    best = word
    for p in _AR_PROCLITICS:
        rest = word[len(p) :]
        if word.startswith(p) and len(rest) >= 3 and vocabulary[rest] > 0 and len(rest) < len(best):
            best = rest
    return best


def _form(span_text: str, lang: str, vocabulary: Counter[str]) -> str | None:
    words = fold_form(span_text).split()
    if not words or len(words) > _MAX_WORDS:
        return None
    if lang == "ar":
        words[0] = _stem(words[0], vocabulary)
    else:
        words = [w.lower() for w in words]
    form = " ".join(words)
    return form if len(form) >= 3 else None


def _occurrences(form: str, texts: list[str], lang: str) -> int:
    pre = "(?:" + "|".join(_AR_PROCLITICS) + ")?" if lang == "ar" else ""
    flags = re.IGNORECASE if lang == "en" else 0
    pat = re.compile(rf"(?<!\w){pre}{re.escape(form)}(?!\w)", flags)
    return sum(len(pat.findall(t)) for t in texts)


def mine(shared: Path, lang: str) -> tuple[dict[str, list[tuple[str, int, int]]], int]:
    """Per PLOVER type, the (form, missed, occurrences) of the candidate forms; and how many
    train documents were read."""
    ctx = Context(learned=False)
    missed: dict[str, Counter[str]] = defaultdict(Counter)
    texts: list[str] = []
    vocabulary: Counter[str] = Counter()
    # per document, each annotated trigger: (type, its words, whether an entry proposes it);
    # stemmed once the vocabulary of every document is known
    read: list[list[tuple[str, str, bool]]] = []
    seen: set[str] = set()
    for ann in sorted(load_all(ROOT / "annotations", shared), key=lambda a: (a.doc, a.annotator)):
        if split_of(ann.doc) != "train" or ann.doc in seen:
            continue  # dev picks the thresholds, test is never read; one annotator a document
        seen.add(ann.doc)
        src = load(shared, ann.doc)
        bare = from_text(src.text, path=ann.doc, id=ann.doc, fmt="jsonl", published=src.published)
        doc = prepare(bare, ctx)
        if doc.language != lang:
            continue
        # what the hand-made entries propose (a mined entry of an earlier run does not count)
        cands = [c.trigger for c in event_candidates(doc, ctx) if not c.rule.endswith(".mined")]
        folded = fold(src.text)
        texts.append(" ".join(folded.split()))
        vocabulary.update(WORD_RE.findall(folded))
        spans = []
        for e in ann.events:
            s, t = e.trigger
            covered = any(a < t and s < b for a, b in cands)
            spans.append((e.type, src.text[s:t], covered))
        read.append(spans)
    for spans in read:
        found: set[tuple[str, str]] = set()
        for etype, text, covered in spans:
            form = _form(text, lang, vocabulary)
            if form is not None and not covered:
                found.add((form, etype))
        for form, etype in found:
            missed[form][etype] += 1  # documents, not mentions: one story's word counts once
    listed = {
        (t.type, fold_form(f)) for t in load_triggers(lang) if not t.candidate for f in t.forms
    }
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for form, by_type in missed.items():
        etype, n = by_type.most_common(1)[0]
        if (etype, form) in listed:
            continue  # listed, and missed for another reason (a veto, a longer form)
        out[etype].append((form, n, _occurrences(form, texts, lang)))
    return out, len(read)


def render(found: dict[str, list[tuple[str, int, int]]], lang: str, docs: int, args: Any) -> str:
    lines = [
        "# Candidate triggers mined by tools/mine_triggers.py from the span annotations of the",
        f"# train split ({docs} documents; dev and test never read). Regenerate, do not edit:",
        f"#   .venv/bin/python tools/mine_triggers.py --lang {lang}"
        f" --min-count {args.min_count} --min-share {args.min_share}",
        "# Each form: documents where it is annotated as a trigger no other entry proposes /",
        "# times it occurs in the train texts. Candidates only: the rules never keep them,",
        "# the eventness model (refitted by `hadath train`) weighs them in context.",
        "",
    ]
    for etype in sorted(found):
        rows = sorted(
            (
                r
                for r in found[etype]
                if r[1] >= args.min_count and r[1] / max(r[2], 1) >= args.min_share
            ),
            key=lambda r: (-r[1], r[0]),
        )
        if not rows:
            continue
        lines += [
            "[[trigger]]",
            f'id = "{lang}.{etype.lower()}.mined"',
            f'type = "{etype}"',
            "candidate = true",
            "confidence = 0.4",
            "forms = [",
        ]
        lines += [f'  "{form}",  # {n}/{occ}' for form, n, occ in rows]
        lines += ["]", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", type=Path, default=None)
    p.add_argument("--lang", choices=("ar", "en"), default="ar")
    p.add_argument("--min-count", type=int, default=2)
    p.add_argument("--min-share", type=float, default=0.2)
    p.add_argument("--dry-run", action="store_true", help="print instead of writing the file")
    args = p.parse_args(argv)
    shared = args.shared or shared_dir()
    found, docs = mine(shared, args.lang)
    text = render(found, args.lang, docs, args)
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    out = ROOT / "hadath" / "data" / "events" / f"{args.lang}.mined.toml"
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
