"""List the frequent names of a corpus that the actor lexicon does not code, to grow it from facts.

For each document of a JSON Lines corpus (default ``$HADATH_SHARED/corpus/pool_ant2018.jsonl``)
the actor stage runs, and two kinds of names are counted, by their folded form:

- ``inferred``: a person the lexicon lacks, read after a title and coded from context (kb
  empty); the code the context gave is listed, so a wrong inference shows;
- ``uncoded``: a run of words the learned name tagger reads as a person's name that no actor
  mention covers (no title, no lexicon entry: nothing codes it);
- ``after-title``: an Arabic word with a nisba ending (ي، ية، يون، يين) right after a title or
  body left with no country («الرئيس الجنوب سوداني», «الشرطة الكردستانية»): a nationality
  adjective or country variant countries.tsv may lack (or a second word of the role).

Documents of the annotated test split (``hadath/train/split.py``, by ``pool:ID``) are skipped:
no lexicon entry is written while reading them.

The people who matter in the news of a period (heads of state and government, ministers,
armed-group leaders) come out on top; each can then be added to ``people.tsv`` and
``tenures.tsv`` from facts, with a tested example. The output names corpus words: keep it
outside the repository (print it, or ``-o /tmp/...``); ``--ids-only`` prints counts and
document ids, no text.

    .venv/bin/python tools/uncoded_names.py --top 40
    .venv/bin/python tools/uncoded_names.py --top 20 --contexts 2 -o /tmp/uncoded.tsv
    .venv/bin/python tools/uncoded_names.py --limit 200 --ids-only
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from hadath.context import Context
from hadath.learn.ner import spans, tag
from hadath.model import Document, Source
from hadath.pipeline import run
from hadath.stages.actors import actors
from hadath.stages.layout import layout
from hadath.stages.sentences import sentences
from hadath.text.match import word_bounds
from hadath.text.normalize import fold_form, normalize
from hadath.train.split import split_of

CONTEXT_CHARS = 60
MIN_NAME_WORDS = 2
_NEXT_WORD = re.compile(r"\s+([\u0621-\u064a]+)")
_NISBA = ("ي", "ية", "يون", "يين", "يان")


@dataclass
class Tally:
    """What one name was seen as, over the corpus."""

    mentions: int = 0
    docs: set[str] = field(default_factory=set)
    codes: Counter[str] = field(default_factory=Counter)
    contexts: list[str] = field(default_factory=list)
    form: str = ""


def _context(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    return " ".join(f"{text[lo:start]}[{text[start:end]}]{text[end:hi]}".split())


def tagged_names(text: str) -> list[tuple[int, int]]:
    """Original spans of the words the name tagger reads as a person's name, sentence by
    sentence; none without the tagger."""
    norm = normalize(text)
    words = word_bounds(norm.norm).words()
    out: list[tuple[int, int]] = []
    lo = 0
    for hi in [k + 1 for k, (_, e) in enumerate(words) if norm.norm[e : e + 1] in ".!?؟\n"] + [
        len(words)
    ]:
        chunk = words[lo:hi]
        tags = tag([norm.norm[s:e] for s, e in chunk]) if chunk else []
        if tags is None:
            return []
        for kind, a, b in spans(tags):
            if kind == "PERS" and b - a >= MIN_NAME_WORDS:
                out.append(norm.span(chunk[a][0], chunk[b - 1][1]))
        lo = hi
    return out


def tally(path: Path, ctx: Context, limit: int | None, keep: int) -> dict[str, dict[str, Tally]]:
    """Per kind (``inferred``, ``uncoded``), the names by folded form."""
    out: dict[str, dict[str, Tally]] = {
        "inferred": defaultdict(Tally),
        "uncoded": defaultdict(Tally),
        "after-title": defaultdict(Tally),
    }
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if limit is not None and n >= limit:
                break
            if not line.strip():
                continue
            rec = json.loads(line)
            if split_of(f"pool:{rec['id']}") == "test":
                continue  # the annotated test split is never read
            text = f"{rec.get('title') or ''}\n\n{rec['text']}"
            doc = Document(str(rec["id"]), Source(None, None, "jsonl"), text)
            doc = run(doc, ctx, (layout, sentences, actors))
            covered = [(m.start, m.end) for a in doc.actors for m in a.mentions]
            for a in doc.actors:
                if a.kind != "person" or a.kb is not None or not a.name_ar:
                    continue
                m = a.mentions[0]
                if a.name_ar not in text[m.start : m.end]:
                    continue  # a title alone: no name was read
                code = f"{a.country or a.org or '?'}/{a.sector or '?'}"
                _add(out["inferred"], a.name_ar, doc.id, code, _context(text, m.start, m.end), keep)
            for a in doc.actors:
                if a.role is None or a.country or a.org or a.kb is not None:
                    continue
                for m in a.mentions:
                    nxt = _NEXT_WORD.match(text, m.end)
                    if nxt and len(nxt.group(1)) > 3 and nxt.group(1).endswith(_NISBA):
                        where = _context(text, nxt.start(1), nxt.end(1))
                        _add(out["after-title"], nxt.group(1), doc.id, "", where, keep)
            for s, e in tagged_names(text):
                if any(a < e and s < b for a, b in covered):
                    continue
                _add(out["uncoded"], text[s:e], doc.id, "", _context(text, s, e), keep)
    return out


def _add(
    table: dict[str, Tally], name: str, doc_id: str, code: str, context: str, keep: int
) -> None:
    t = table[fold_form(name)]
    t.form = t.form or name
    t.mentions += 1
    t.docs.add(doc_id)
    if code:
        t.codes[code] += 1
    if len(t.contexts) < keep:
        t.contexts.append(context)


def render(tables: dict[str, dict[str, Tally]], top: int, ids_only: bool) -> list[str]:
    lines = ["kind\tdocs\tmentions\tname\tcodes\tdocuments"] if not ids_only else [
        "kind\trank\tdocs\tmentions\tdocuments"]  # fmt: skip
    for kind, table in tables.items():
        ranked = sorted(table.values(), key=lambda t: (-len(t.docs), -t.mentions, t.form))[:top]
        for rank, t in enumerate(ranked, start=1):
            ids = ",".join(sorted(t.docs)[:5])
            if ids_only:
                lines.append(f"{kind}\t{rank}\t{len(t.docs)}\t{t.mentions}\t{ids}")
                continue
            codes = ",".join(f"{c}:{k}" for c, k in t.codes.most_common(3))
            lines.append(f"{kind}\t{len(t.docs)}\t{t.mentions}\t{t.form}\t{codes}\t{ids}")
            lines.extend(f"\t\t\t  {c}" for c in t.contexts)
    return lines


def main(argv: list[str] | None = None) -> int:
    shared = Path(os.environ.get("HADATH_SHARED", "../shared"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    pool = shared / "corpus" / "pool_ant2018.jsonl"
    ap.add_argument("corpus", nargs="?", type=Path, default=pool,
                    help="JSON Lines with id, text (and title); default the 2018 pool")  # fmt: skip
    ap.add_argument("--top", type=int, default=30, help="names listed per kind (default 30)")
    ap.add_argument("--contexts", type=int, default=0, help="contexts shown per name")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N documents")
    ap.add_argument("--ids-only", action="store_true", help="counts and document ids, no text")
    ap.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"{args.corpus}: no such corpus file", file=sys.stderr)
        return 2
    tables = tally(
        args.corpus, Context(learned=False), args.limit, 0 if args.ids_only else args.contexts
    )
    text = "\n".join(render(tables, args.top, args.ids_only)) + "\n"
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
