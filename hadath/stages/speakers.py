"""The learned speaker of each quote: the rules' speaker and the mentions around the cue are the
candidates, the speaker model decides (``hadath train`` fits it on the span annotations).

Candidates are the actor mentions of the cue's sentence and of the two sentences before it,
at most ``NEAREST`` on each side of the cue (the nearest), with the rules' pick wherever it
stands. The one the model scores highest is the speaker when its probability reaches the
model's threshold; otherwise the quote has no speaker.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import pairwise

from hadath.learn.features import speaker_features
from hadath.learn.linear import LinearModel
from hadath.model import ArgRef, Document, Quote
from hadath.stages.decide import is_dateline

SENTENCES_BACK = 2
# Mentions weighed on each side of the cue, nearest first (besides the rules' pick). On the
# 2,620 corpus and PLOVER documents the model's speaker, when not the rules' pick, is at most
# the 17th before the cue and the 7th after it; one sentence of 2,000 "Kerry said that ..."
# offers 2,000 for each of its quotes, each feature set reading the text up to the cue.
NEAREST = 32


@dataclass(frozen=True, slots=True)
class SpeakerCandidate:
    start: int
    end: int
    actor: int
    rule: bool
    features: list[str]


class Around:
    """A document's sentence starts, actor mentions and segments, sorted once: each quote looks
    up its own few by bisection instead of scanning (and sorting) the whole document again."""

    __slots__ = ("_doc", "_in_order", "_seg_starts", "mentions", "starts")

    def __init__(self, doc: Document) -> None:
        self._doc = doc
        self.starts = [s.start for s in doc.sentences]
        self.mentions = sorted(
            (m.start, m.end, i) for i, a in enumerate(doc.actors) for m in a.mentions
        )
        segs = doc.segments
        # segments in reading order without overlaps: the one holding a position is the last
        # starting at or before it (otherwise the first holding it, found by a scan)
        self._in_order = all(a.end <= b.start for a, b in pairwise(segs))
        self._seg_starts = [seg.start for seg in segs]

    def segment_kind(self, pos: int) -> str | None:
        """The kind of the first segment holding ``pos``."""
        segs = self._doc.segments
        if self._in_order:
            i = bisect_right(self._seg_starts, pos) - 1
            return segs[i].kind if i >= 0 and pos < segs[i].end else None
        for seg in segs:
            if seg.start <= pos < seg.end:
                return seg.kind
        return None


def _ranks(
    side: list[tuple[int, int, int]], *, toward_end: bool
) -> dict[tuple[int, int, int], int]:
    """Each mention's rank on its side of the cue, its place counted from the cue: from the
    end of ``side`` for the mentions before the cue (``toward_end``), from its start for those
    after. A mention listed twice takes the rank of its first listing."""
    ranks: dict[tuple[int, int, int], int] = {}
    for r, m in enumerate(side):
        ranks.setdefault(m, len(side) - 1 - r if toward_end else r)
    return ranks


def candidates(doc: Document, q: Quote, around: Around | None = None) -> list[SpeakerCandidate]:
    """The possible speakers of a quote with a cue, each with its features (``around``: the
    document's ``Around``, made once for all its quotes)."""
    if q.cue is None or not doc.sentences:
        return []
    if around is None:
        around = Around(doc)
    text = doc.text
    starts = around.starts
    k = max(bisect_right(starts, q.cue.start) - 1, 0)
    lo = doc.sentences[max(0, k - SENTENCES_BACK)].start
    hi = doc.sentences[k].end
    mentions = around.mentions
    window = mentions[bisect_left(mentions, (lo, -1, -1)) : bisect_left(mentions, (hi, -1, -1))]
    rule = q.speaker
    if rule is not None and rule.actor is not None:
        key = (rule.start, rule.end, rule.actor)
        if key not in window:
            window.append(key)
    cue = (q.cue.start, q.cue.end)
    lang = "en" if text[cue[0] : cue[1]].isascii() else "ar"
    rank_before = _ranks([m for m in window if m[1] <= cue[0]], toward_end=True)
    rank_after = _ranks([m for m in window if m[0] >= cue[1]], toward_end=False)
    out: list[SpeakerCandidate] = []
    for m in sorted(window):
        s, e, i = m
        if s < cue[1] and cue[0] < e:
            continue
        rank = rank_after[m] if s >= cue[1] else rank_before[m]
        is_rule = rule is not None and rule.start == s and rule.end == e
        if rank >= NEAREST and not is_rule:
            continue
        a = doc.actors[i]
        back = k - max(bisect_right(starts, s) - 1, 0)
        feats = speaker_features(
            text=text,
            cue=cue,
            mention=(s, e),
            lang=lang,
            cue_kind=q.kind,
            kind=a.kind,
            sector=a.sector,
            coded=bool(a.country or a.org),
            rule=is_rule,
            sentences_back=max(back, 0),
            rank=rank,
            inside_quote=q.start <= s < q.end,
            segment=around.segment_kind(s),
            media=a.sector == "MED",
            dateline=is_dateline(text, s, e),
        )
        out.append(SpeakerCandidate(s, e, i, is_rule, feats))
    return out


def decide(
    doc: Document, quotes: list[Quote], model: LinearModel, explain: bool = False
) -> list[Quote]:
    """Each quote with a cue gets the speaker the model scores highest, or none below its
    threshold; a quote without a cue keeps the rules' speaker. ``explain`` keeps the features
    that weighed most for the chosen candidate."""
    out: list[Quote] = []
    around = Around(doc)
    for q in quotes:
        cands = candidates(doc, q, around)
        if q.cue is None:
            out.append(q)
            continue
        best: SpeakerCandidate | None = None
        best_p = 0.0
        for c in cands:
            p = model.prob(c.features)
            if p > best_p:
                best, best_p = c, p
        if best is None or best_p < model.threshold:
            out.append(replace(q, speaker=None))
            continue
        a = doc.actors[best.actor]
        sp = ArgRef(best.actor, a.country, a.sector, a.org, best.start, best.end)
        why = tuple(model.explain(best.features)) if explain else ()
        out.append(replace(q, speaker=sp, why=why))
    return out
