"""A learned Arabic name tagger: a CRF (python-crfsuite) over folded words, trained on ANERcorp.

It finds person (PERS), place (LOC) and organisation (ORG) names the actor lexicon does not
know, so that an unknown official after a title ("السفيرة الأمريكية لدى الأمم المتحدة نيكي
هايلي") is read as a name. The weights are ``hadath/data/models/names.crfsuite``; ``hadath
train --ner`` refits them on the part of ``corpus/ner/anercorp/ANERCorp`` before CAMeL Lab's
test split (whose text is the corpus's tail) and reports F1 on that test file.
"""

from __future__ import annotations

import functools
import importlib.resources
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hadath.text.normalize import fold_form

if TYPE_CHECKING:
    from hadath.context import Context

MODEL_FILE = "names.crfsuite"
ANERCORP = Path("corpus") / "ner" / "anercorp" / "ANERCorp"
ANERCORP_TEST = Path("corpus") / "ner" / "anercorp" / "ANERCorp_CamelLab_test.txt"
# ANERCorp's tokens before CAMeL Lab's test split, which is the same text from here on
TRAIN_TOKENS = 125_270
CLASSES = ("PERS", "LOC", "ORG")
_PUNCT = frozenset(".،,؛;:!?؟()[]«»\"'-–—/")


def _clitic(w: str) -> str:
    for p in ("وال", "بال", "لل", "فال", "ال", "و", "ب", "ل"):
        if w.startswith(p) and len(w) - len(p) >= 3:
            return p
    return "-"


def _tsv_words(rel: str, columns: tuple[str, ...], lang: str | None = None) -> frozenset[str]:
    """The folded words of some columns of a lexicon file (| separates forms)."""
    text = (importlib.resources.files("hadath") / "data" / rel).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    head = rows[0]
    idx = [head.index(c) for c in columns]
    li = head.index("lang") if lang and "lang" in head else None
    out: set[str] = set()
    for row in rows[1:]:
        if li is not None and (len(row) <= li or row[li] != lang):
            continue
        for i in idx:
            for form in row[i].split("|") if i < len(row) else ():
                out.update(fold_form(form).split())
    return frozenset(out)


@functools.cache
def lexicon_words() -> dict[str, frozenset[str]]:
    """Words of the actor and place lexicons, as features: the tagger learns with the lexicon."""
    return {
        "role": _tsv_words("actors/roles.tsv", ("form",), "ar"),
        "person": _tsv_words("actors/people.tsv", ("ar",)),
        "country": _tsv_words("actors/countries.tsv", ("form",), "ar"),
        "place": _tsv_words("places/curated.tsv", ("ar",)),
        "org": _tsv_words("actors/orgs.tsv", ("form",), "ar"),
    }


def token_features(words: Sequence[str], i: int) -> list[str]:
    """Features of the folded word ``words[i]`` (punctuation tokens included)."""
    from hadath.stages.names import given_names

    w = words[i]
    lex = lexicon_words()
    feats = [
        "b",
        f"w={w}",
        f"p2={w[:2]}",
        f"p3={w[:3]}",
        f"s2={w[-2:]}",
        f"s3={w[-3:]}",
        f"cl={_clitic(w)}",
        f"len={min(len(w), 8)}",
    ]
    if w in _PUNCT:
        feats.append("punct")
    if w.isascii() and w.isalpha():
        feats.append("latin")
    if w.isdigit():
        feats.append("digit")
    if w in given_names():
        feats.append("given")
    bare = w[len(_clitic(w)) :] if _clitic(w) != "-" else w
    for kind, forms in lex.items():
        if w in forms or bare in forms:
            feats.append(f"lex={kind}")
    for d in (-2, -1, 1, 2):
        j = i + d
        if 0 <= j < len(words):
            v = words[j]
            feats.append(f"w{d:+d}={v}")
            if d in (-1, 1):
                feats.append(f"s3{d:+d}={v[-3:]}")
                if v in given_names():
                    feats.append(f"given{d:+d}")
                for kind in ("role", "person", "country"):
                    if v in lex[kind]:
                        feats.append(f"lex{d:+d}={kind}")
        else:
            feats.append(f"w{d:+d}=<s>")
    return feats


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    return [token_features(words, i) for i in range(len(words))]


def _label(tag: str) -> str:
    kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
    return tag if kind in CLASSES else "O"


def read_anercorp(path: Path, limit: int | None = None) -> list[tuple[list[str], list[str]]]:
    """(folded words, tags) sentences: at blank lines, else at a full stop or 60 tokens."""
    out: list[tuple[list[str], list[str]]] = []
    words: list[str] = []
    tags: list[str] = []
    n = 0
    with path.open(encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.strip().replace("\u200e", "")
            if not line:
                if words:
                    out.append((words, tags))
                    words, tags = [], []
                continue
            token, _, tag = line.rpartition(" ") if " " in line else line.rpartition("\t")
            if limit is not None and n >= limit:
                break
            n += 1
            words.append(fold_form(token) or token)
            tags.append(_label(tag.strip()))
            if token in {".", "!", "?", "؟"} or len(words) >= 60:
                out.append((words, tags))
                words, tags = [], []
    if words:
        out.append((words, tags))
    return out


def spans(tags: Sequence[str]) -> Iterator[tuple[str, int, int]]:
    """(class, first token, end token) of each B-/I- run."""
    start, kind = -1, ""
    for i, t in enumerate([*tags, "O"]):
        if kind and (t == "O" or t.startswith("B-") or t[2:] != kind):
            yield kind, start, i
            kind = ""
        if t.startswith("B-") or (t.startswith("I-") and not kind):
            start, kind = i, t[2:]


def train(shared: Path, out: Path) -> dict[str, Any]:
    """Fit the CRF on ANERcorp before its test split; figures on the test file."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in read_anercorp(shared / ANERCORP, TRAIN_TOKENS):
        trainer.append(sentence_features(words), tags)
    trainer.set_params(
        {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    return evaluate(shared, out)


def evaluate(shared: Path, model: Path, ctx: Context | None = None) -> dict[str, Any]:
    """Exact-span precision, recall and F1 per class on ANERcorp's test file: of the tagger
    (``model``) and, on the same tokens, of the actor lexicon and gazetteer alone."""
    import pycrfsuite

    from hadath.context import default_context

    ctx = ctx or default_context()
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    counts = {w: {c: [0, 0, 0] for c in CLASSES} for w in ("tagger", "lexicon")}
    sentences = read_anercorp(shared / ANERCORP_TEST)
    for words, gold in sentences:
        g = set(spans(gold))
        for who, system in (
            ("tagger", tagger.tag(sentence_features(words))),
            ("lexicon", lexicon_tags(words, ctx)),
        ):
            s = set(spans(system))
            for c in CLASSES:
                gc = {x for x in g if x[0] == c}
                sc = {x for x in s if x[0] == c}
                counts[who][c][0] += len(gc & sc)
                counts[who][c][1] += len(sc)
                counts[who][c][2] += len(gc)
    figs: dict[str, Any] = {
        "test_file": str(ANERCORP_TEST),
        "sentences": len(sentences),
        "tokens": sum(len(w) for w, _ in sentences),
    }
    for who, per in counts.items():
        figs[who] = {c: _prf(*n) for c, n in per.items()}
    return figs


def _prf(tp: int, sys_n: int, gold_n: int) -> dict[str, Any]:
    p = tp / sys_n if sys_n else 0.0
    r = tp / gold_n if gold_n else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "gold": gold_n,
    }


# the class of a lexicon form's kind; roles and nationality adjectives name no one
_LEXICON_CLASS = {"person": "PERS", "org": "ORG", "seat": "ORG", "country": "LOC", "capital": "LOC"}
_RANK = {"PERS": 0, "ORG": 1, "LOC": 2}


def lexicon_tags(words: Sequence[str], ctx: Context) -> list[str]:
    """The B-/I- tags the actor lexicon and the gazetteer alone give a sentence's words: a
    person's form is PERS, a body's ORG, a country, capital or gazetteer place LOC (where
    spans overlap: the longest, then PERS before ORG before LOC). The measure beside the
    tagger's: what hadath names without it."""
    from hadath.stages.actors import _accept, _best, _choose
    from hadath.stages.places import find_places
    from hadath.text.match import word_bounds
    from hadath.text.normalize import normalize

    text = " ".join(words)
    starts = []
    at = 0
    for w in words:
        starts.append(at)
        at += len(w) + 1
    norm = normalize(text)
    bounds = word_bounds(norm.norm)
    found: list[tuple[str, int, int]] = []
    hits = [h for h in ctx.actors.matcher.find(norm.norm, bounds) if _accept(h, norm)]
    for group in _best(hits):
        kind = _LEXICON_CLASS.get(_choose(group, False).kind)
        if kind is not None:
            found.append((kind, *norm.span(group[0].start, group[0].end)))
    for place in find_places(text, 0, len(text), ctx.places):
        if place.start is not None and place.end is not None:
            found.append(("LOC", place.start, place.end))
    tags = ["O"] * len(words)
    ranked = sorted(found, key=lambda f: (-(f[2] - f[1]), _RANK[f[0]], f[1]))
    for kind, s, e in ranked:
        toks = [i for i, ts in enumerate(starts) if ts < e and s < ts + len(words[i])]
        if toks and all(tags[i] == "O" for i in toks):
            for n, i in enumerate(toks):
                tags[i] = ("B-" if n == 0 else "I-") + kind
    return tags


@functools.cache
def _tagger() -> Any:
    """The shipped tagger, or None when it is not there (or python-crfsuite is missing)."""
    res = importlib.resources.files("hadath") / "data" / "models" / MODEL_FILE
    if not res.is_file():
        return None
    try:
        import pycrfsuite
    except ImportError:  # pragma: no cover - a dependency, but the rules work without it
        return None
    tagger = pycrfsuite.Tagger()
    with importlib.resources.as_file(res) as path:
        tagger.open(str(path))
    return tagger


TAG_CONTEXT = 3  # words each side the tagger reads around the words it is asked about


def person_words(norm: str, words: Sequence[tuple[int, int]], first: int, count: int) -> list[bool]:
    """Whether the tagger reads each of the ``count`` words from ``words[first]`` as part of a
    person's name, reading a few words around them; all False without a tagger. Punctuation
    between words becomes tokens, as in the training text."""
    if _tagger() is None or count <= 0:
        return [False] * max(count, 0)
    lo = max(0, first - TAG_CONTEXT)
    hi = min(len(words), first + count + TAG_CONTEXT)
    tokens: list[str] = []
    at: dict[int, int] = {}
    for k in range(lo, hi):
        if k > lo:
            gap = norm[words[k - 1][1] : words[k][0]]
            tokens.extend(ch for ch in gap if ch in _PUNCT)
        at[k] = len(tokens)
        tokens.append(norm[words[k][0] : words[k][1]])
    tags = tag(tokens) or []
    return [
        k in at and at[k] < len(tags) and tags[at[k]].endswith("-PERS")
        for k in range(first, first + count)
    ]


def tag(words: Sequence[str]) -> list[str] | None:
    """The tags of a sentence's folded words, or None without a tagger."""
    t = _tagger()
    if t is None or not words:
        return None if t is None else []
    tags: list[str] = t.tag(sentence_features(words))
    return tags
