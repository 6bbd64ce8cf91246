"""Bodies named again by their head noun alone: «المرصد», «المنظمة», "the Observatory".

News names an organisation once in full («المرصد السوري لحقوق الإنسان», «منظمة حظر الأسلحة
الكيميائية», "the Syrian Observatory for Human Rights") and then by its head noun with the
article («وقال المرصد», «وأكدت المنظمة», "the Observatory said"). Such a bare definite head,
standing outside any actor phrase, is another mention of the most recent body named before it
with that head: an analyst reads it so, and so does the coding.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from hadath.text.match import WordBounds
from hadath.text.normalize import NormText

if TYPE_CHECKING:
    from hadath.stages.actors import Phrase

# Proclitics a head may carry: «وقال المرصد», «بحسب المنظمة», «للمرصد».
_PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "ال")
_EN_CUT = frozenset({"of", "for", "on", "in", "'s", "s"})
_EN_SKIP = frozenset({"the", "a", "an", "and", "de"})
MIN_HEAD_LEN = 3


def _words(norm: NormText, bounds: WordBounds, start: int, end: int) -> list[tuple[int, int]]:
    from hadath.stages.names import _norm_span

    s, e = _norm_span(norm, start, end)
    words = bounds.words()
    k = bounds.next_word(s)
    out = []
    while k < len(words) and words[k][1] <= e:
        out.append(words[k])
        k += 1
    return out


def head_of(p: Phrase, norm: NormText, bounds: WordBounds) -> str | None:
    """The head noun of a body's phrase (folded, without the article), or None.

    Arabic puts the head first («المرصد السوري», «منظمة العفو»); English puts it last before
    "of"/"for" ("the Syrian Observatory for Human Rights").
    """
    if p.kind != "organisation" or p.person or p.name or not (p.country or p.org):
        return None
    words = _words(norm, bounds, p.start, p.end)
    if not words:
        return None
    text = norm.norm
    if p.forms[0].lang == "en":
        names = [text[s:e] for s, e in words]
        cut = next((i for i, w in enumerate(names) if w in _EN_CUT), len(names))
        heads = [w for w in names[:cut] if w not in _EN_SKIP]
        head = heads[-1] if heads and len(names) > 1 else None
        return head if head and head.isalpha() and len(head) >= MIN_HEAD_LEN else None
    first = text[words[0][0] : words[0][1]]
    first = first[2:] if first.startswith("ال") else first
    return first if len(first) >= MIN_HEAD_LEN and first.isalpha() else None


def head_mentions(phrases: list[Phrase], norm: NormText, bounds: WordBounds) -> list[Phrase]:
    """The bare definite heads after a body's phrase, as further mentions of it."""
    from hadath.stages.names import _norm_span

    spans = sorted(_norm_span(norm, p.start, p.end) for p in phrases)
    # for each head, the normalised ends of its bodies' phrases in increasing order, and at
    # each end the first such phrase in the list: the body a bare head names is found by
    # bisection, not by a scan of every body per head
    by_head: dict[str, tuple[list[int], list[Phrase]]] = {}
    for p in phrases:
        h = head_of(p, norm, bounds)
        if h is not None:
            by_head.setdefault(h, ([], []))[1].append(p)
    if not by_head:
        return []
    for ends, bodies in by_head.values():
        firsts: dict[int, Phrase] = {}
        for p in bodies:
            firsts.setdefault(_norm_span(norm, p.start, p.end)[1], p)
        ends[:] = sorted(firsts)
        bodies[:] = [firsts[end] for end in ends]
    wanted = by_head.keys()
    text, words = norm.norm, bounds.words()
    out: list[Phrase] = []
    j, reach = 0, -1
    for k, (s, e) in enumerate(words):
        while j < len(spans) and spans[j][0] < e:
            reach = max(reach, spans[j][1])
            j += 1
        if reach > s:
            continue  # inside a phrase
        w = text[s:e]
        english = w.isascii()
        if english:
            if k == 0 or text[words[k - 1][0] : words[k - 1][1]] != "the" or w not in wanted:
                continue
            base, cut = w, 0
        else:
            pre = next((c for c in _PROCLITICS if w.startswith(c)), None)
            base = w[len(pre) :] if pre else ""
            if pre is None and w.startswith("لل"):
                pre, base = "لل", w[2:]
            if not pre or base not in wanted:
                continue
            cut = len(pre) - 2 if pre.endswith("ال") else 0
            if k + 1 < len(words) and text.startswith("ال", words[k + 1][0]):
                nxt = text[e : words[k + 1][0]]
                if not nxt.strip():
                    continue  # «المنظمة الدولية للهجرة»: a name goes on, another body
        ends, bodies = by_head[base]
        i = bisect_right(ends, s)  # the latest body ending at or before the head
        if i == 0:
            continue
        p = bodies[i - 1]
        os_, oe = norm.span(s + cut, e)
        out.append(p._replace(start=os_, end=oe, conj=False))
    return out
