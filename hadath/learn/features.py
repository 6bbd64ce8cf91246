"""Named features of the rule candidates, for the learned scorers.

Three decisions, each a list of feature strings a ``LinearModel`` scores:

- ``event_features``: is this trigger a reported event? The rule that proposed it, what the
  rules' filters said of it (``flag=``), the eventness cues around it (``cue=``), its status and
  arguments, and the words next to it.
- ``arg_features``: is this mention the source (or the target) of this trigger? Where it stands
  against the trigger, what stands between, the preposition before it, what kind of actor it is,
  and what the rule picked.
- ``speaker_features``: is this mention the speaker of this quote cue?

Words are folded (``fold_form``) and Arabic proclitics و/ف are split off, so "وقال" and "قال"
share their features.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.text.match import WordBounds
from hadath.text.normalize import NormText

_CONJ = ("و", "ف")
WINDOW = 3  # words each side whose position is a feature
BAG = 6  # words each side in the bag of words


def word_at(norm: str, bounds: WordBounds, k: int) -> str:
    s, e = bounds.words()[k]
    w = norm[s:e].lower()
    if len(w) > 3 and w[0] in _CONJ:
        w = w[1:]
    return w


def _bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 5:
        return "3-5"
    return "6-10" if n <= 10 else "11+"


def context_words(
    norm: str, bounds: WordBounds, start: int, end: int, lo: int, hi: int
) -> list[str]:
    """Position and bag features of the words around [start, end) (normalised offsets), inside
    the sentence [lo, hi)."""
    spans = bounds.words()
    first = bounds.next_word(start)
    last = bounds.next_word(end) - 1
    out: list[str] = []
    lo_k = bounds.next_word(lo)
    hi_k = bounds.next_word(hi)
    for d in range(1, BAG + 1):
        k = first - d
        if k < lo_k:
            if d == 1:
                out.append("w-1=<s>")
            break
        w = word_at(norm, bounds, k)
        if d <= WINDOW:
            out.append(f"w-{d}={w}")
        out.append(f"bow={w}")
    for d in range(1, BAG + 1):
        k = last + d
        if k >= hi_k or k >= len(spans):
            if d == 1:
                out.append("w+1=</s>")
            break
        w = word_at(norm, bounds, k)
        if d <= WINDOW:
            out.append(f"w+{d}={w}")
        out.append(f"bow={w}")
    return out


SENTENCE_TYPES = frozenset({"ASSAULT", "PROTEST"})
SENTENCE_WORDS = 60


def sentence_words(norm: str, bounds: WordBounds, lo: int, hi: int, etype: str) -> list[str]:
    """The type and each distinct word of the sentence (its first SENTENCE_WORDS words)."""
    first, last = bounds.next_word(lo), min(bounds.next_word(hi), len(bounds.words()))
    seen = {word_at(norm, bounds, k) for k in range(first, min(last, first + SENTENCE_WORDS))}
    return [f"{etype}|s={w}" for w in sorted(seen)]


def event_features(
    *,
    norm: NormText,
    bounds: WordBounds,
    span: tuple[int, int],  # the trigger, normalised offsets
    sentence: tuple[int, int],  # normalised offsets
    etype: str,
    rule: str,
    lang: str,
    prefix: str,
    flags: Sequence[str],
    cues: Sequence[str],
    status: str,
    n_sources: int,
    n_targets: int,
    segment: str,
    in_quote: bool,
    sentence_index: int,
    factor: float,
) -> list[str]:
    t = etype
    form = norm.norm[span[0] : span[1]].lower()
    feats = [
        "bias",
        f"type={t}",
        f"rule={rule}",
        f"lang={lang}",
        f"form={form}",
        f"status={status}",
        f"{t}|status={status}",
        f"seg={segment}",
        f"{t}|seg={segment}",
        f"src={min(n_sources, 2)}",
        f"tgt={min(n_targets, 2)}",
        f"{t}|src={min(n_sources, 2)}|tgt={min(n_targets, 2)}",
        f"prefix={prefix or '-'}",
        f"sent={min(sentence_index, 3)}",
    ]
    if in_quote:
        feats += ["in_quote", f"{t}|in_quote"]
    if not flags:
        feats += ["rule_kept", f"{t}|rule_kept"]
    feats.append(f"{t}|judge={min(int(factor * 5), 5)}")
    for f in flags:
        feats += [f"flag={f}", f"{t}|flag={f}"]
    for c in cues:
        feats += [f"cue={c}", f"{t}|cue={c}"]
    words = context_words(norm.norm, bounds, span[0], span[1], sentence[0], sentence[1])
    feats += words
    if t in SENTENCE_TYPES:
        # attacks and protests are told by the whole sentence (the toll, the crowd, the police)
        feats += sentence_words(norm.norm, bounds, sentence[0], sentence[1], t)
    feats += [f"{t}|{w}" for w in words if w.startswith(("w-1=", "w+1=", "w-2="))]
    return feats


def arg_features(
    *,
    text: str,
    trigger: tuple[int, int],  # original offsets
    mention: tuple[int, int],  # original offsets
    etype: str,
    lang: str,
    kind: str,
    sector: str | None,
    coded: bool,
    rule_source: bool,
    rule_target: bool,
    conj: bool,
    in_sentence: bool,
    between: int,  # mentions between this one and the trigger
    rank: int,  # 0 = the nearest mention on its side of the trigger
    clause_break: bool,
    passive: bool,
    dateline: bool = False,
) -> list[str]:
    t = etype
    ms, me = mention
    after = ms >= trigger[1]
    side = "after" if after else "before"
    gap_text = text[trigger[1] : ms] if after else text[me : trigger[0]]
    gap = len(gap_text.split())
    prep = "-"
    if after:
        words = gap_text.split()
        prep = words[-1] if words else "-"
        head = text[ms : ms + 2]
        if prep == "-" and head[:1] in ("ب", "ل") and len(head) > 1:
            prep = head[:1] + "+"
    else:
        words = text[max(0, ms - 30) : ms].split()
        prep = words[-1] if words else "<s>"
    prep = prep.strip("،,()«»\"'").lower()[:12] or "-"
    feats = [
        "bias",
        f"side={side}",
        f"{t}|side={side}",
        f"gap={_bucket(gap)}",
        f"{side}|gap={_bucket(gap)}",
        f"{t}|{side}|gap={_bucket(gap)}",
        f"prep={prep}",
        f"{side}|prep={prep}",
        f"{t}|{side}|prep={prep}",
        f"kind={kind}",
        f"{side}|kind={kind}",
        f"sector={sector or '-'}",
        f"{t}|sector={sector or '-'}",
        f"between={min(between, 3)}",
        f"{side}|rank={min(rank, 3)}",
        f"{t}|{side}|rank={min(rank, 3)}",
        f"lang={lang}",
    ]
    if not coded:
        feats.append("uncoded")
    if rule_source:
        feats += ["rule=source", f"{t}|rule=source"]
    if rule_target:
        feats += ["rule=target", f"{t}|rule=target"]
    if not rule_source and not rule_target:
        feats += ["rule=none", f"{t}|rule=none"]
    if conj:
        feats.append("conj")
    if not in_sentence:
        feats.append("outside_sentence")
    if clause_break:
        feats += ["clause_break", f"{side}|clause_break"]
    if passive:
        feats += ["passive", f"passive|{side}"]
    if dateline:
        feats.append("dateline")  # "أبوظبي - سكاي نيوز عربية": who wrote it, not who acted
    return feats


def speaker_features(
    *,
    text: str,
    cue: tuple[int, int],
    mention: tuple[int, int],
    lang: str,
    cue_kind: str,
    kind: str,
    sector: str | None,
    coded: bool,
    rule: bool,
    sentences_back: int,
    rank: int,
    inside_quote: bool,
    segment: str | None,
    media: bool,
    dateline: bool,
) -> list[str]:
    ms, me = mention
    after = ms >= cue[1]
    side = "after" if after else "before"
    gap_text = text[cue[1] : ms] if after else text[me : cue[0]]
    gap = len(gap_text.split())
    before_words = text[max(0, ms - 20) : ms].split()
    prev = before_words[-1].strip("،,()«»\"'").lower()[:12] if before_words else "<s>"
    feats = [
        "bias",
        f"side={side}",
        f"gap={_bucket(gap)}",
        f"{side}|gap={_bucket(gap)}",
        f"back={min(sentences_back, 3)}",
        f"{side}|back={min(sentences_back, 3)}|rank={min(rank, 3)}",
        f"kind={kind}",
        f"sector={sector or '-'}",
        f"cue_kind={cue_kind}",
        f"{cue_kind}|{side}",
        f"prev={prev}",
        f"lang={lang}",
        f"seg={segment or '-'}",
    ]
    if not coded:
        feats.append("uncoded")
    if rule:
        feats += ["rule", f"rule|{cue_kind}"]
    if inside_quote:
        feats.append("inside_quote")
    if media:
        feats += ["media", f"media|{side}"]
    if dateline:
        feats.append("dateline")
    if "\n" in gap_text:
        feats.append("line_break")
    return feats
