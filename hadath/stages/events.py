"""Stage: events. Triggers from the lexicon, their arguments, status, date and place.

A trigger word is found by the same one-pass automaton as actors. Its
arguments come from where the actor phrases stand around it: Arabic news
puts the verb first ("أدان وزير الخارجية الفرنسي الهجوم": subject, then
object) or the noun first ("كيري قال"), and nominal triggers take their
arguments with prepositions ("مباحثات بين كيري ولافروف", "غارات للتحالف على
صنعاء"). Status comes from the words before the trigger (future, prediction,
negation, condition). A trigger used as background ("على خلفية الهجوم"), in
a question, or about a non-political thing is not an event.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from hadath.context import Context
from hadath.lexicon.triggers import Trigger, load_cues, load_triggers
from hadath.model import ArgRef, Document, Event, Place, Span
from hadath.stages.eventness import judge
from hadath.stages.places import find_places
from hadath.text.dates import find_dates, parse_iso, resolve
from hadath.text.match import Hit, Matcher, WordBounds, word_bounds
from hadath.text.normalize import NormText, fold_form, normalize

_SKIP_SEGMENTS = {"furniture", "source", "credit"}
# How many words before a trigger its status cues may stand.
STATUS_WINDOW = 6
NEGATION_WINDOW = 2


@dataclass(frozen=True, slots=True)
class Cues:
    future: frozenset[str]
    expected: frozenset[str]
    negation: frozenset[str]
    hypothetical: frozenset[str]
    background: frozenset[str]
    question: frozenset[str]
    phrases: tuple[tuple[str, str], ...]  # multi-word cues: (folded phrase, class)
    # the phrases of the classes that set a status, and the background ones, in that order
    status_phrases: tuple[tuple[str, str], ...] = ()
    background_phrases: re.Pattern[str] | None = None  # any of them, as one pattern


def _cues(lang: str) -> Cues:
    raw = load_cues(lang)
    single: dict[str, set[str]] = {}
    phrases: list[tuple[str, str]] = []
    classes = {
        "future": "future",
        "expected": "expected",
        "negation": "negation",
        "hypothetical": "hypothetical",
        "question": "question",
        "history": "background",
        "background": "background",
    }
    for key, words in raw.items():
        cls = classes.get(key)
        if cls is None:
            continue
        for w in words:
            f = fold_form(w)
            if not f:
                continue
            if " " in f:
                phrases.append((f, cls))
            else:
                single.setdefault(cls, set()).add(f)
    return Cues(
        future=frozenset(single.get("future", ())),
        expected=frozenset(single.get("expected", ())),
        negation=frozenset(single.get("negation", ())),
        hypothetical=frozenset(single.get("hypothetical", ())),
        background=frozenset(single.get("background", ())),
        question=frozenset(single.get("question", ())),
        phrases=tuple(phrases),
        status_phrases=tuple((p, c) for p, c in phrases if c in _CLS_STATUS),
        background_phrases=_any_of([p for p, c in phrases if c == "background"]),
    )


def _any_of(phrases: list[str]) -> re.Pattern[str] | None:
    """A pattern found wherever one of ``phrases`` is (None for no phrase)."""
    return re.compile("|".join(map(re.escape, phrases))) if phrases else None


class TriggerIndex:
    """All trigger forms of both languages compiled into one automaton, with the cue lists."""

    def __init__(self, triggers: tuple[Trigger, ...], cues: dict[str, Cues]) -> None:
        self.triggers = triggers
        self.matcher: Matcher[Trigger] = Matcher(
            ((form, t) for t in triggers for form in t.forms), enclitics=True
        )
        self.cues = cues
        self.preps = {t.id: frozenset(fold_form(p) for p in t.target_preps) for t in triggers}
        self.source_preps = {
            t.id: frozenset(fold_form(p) for p in t.source_preps) for t in triggers
        }
        self.excludes = {t.id: tuple(fold_form(x) for x in t.excludes) for t in triggers}
        self.requires = {t.id: tuple(fold_form(x) for x in t.requires) for t in triggers}

    @classmethod
    def build(cls) -> TriggerIndex:
        triggers = load_triggers("ar") + load_triggers("en")
        return cls(triggers, {"ar": _cues("ar"), "en": _cues("en")})


@dataclass(frozen=True, slots=True)
class MentionRef:
    start: int  # original offsets
    end: int
    actor: int
    conj: bool  # joined to the mention before it by "و"/"and"


def _mentions(doc: Document) -> list[MentionRef]:
    spans = sorted((m.start, m.end, i) for i, a in enumerate(doc.actors) for m in a.mentions)
    out: list[MentionRef] = []
    prev_end = -1
    for s, e, i in spans:
        gap = doc.text[prev_end:s].strip() if prev_end >= 0 else "x"
        same_span = bool(out) and out[-1].start == s
        conj = same_span or gap in {"و", "and", ",", "،", "&"}
        conj = conj or (doc.text[s] == "و" and prev_end >= 0 and not gap)
        # "ترامب والزعيم الكوري الشمالي كيم": a coordinated title before the name
        conj = (
            conj
            or (gap.startswith("و") and len(gap.split()) <= 4 and not _CLAUSE.search(gap))
            or (gap.lower().startswith("and ") and len(gap.split()) <= 4)
        )
        out.append(MentionRef(s, e, i, conj))
        prev_end = e
    return out


def _arg(doc: Document, m: MentionRef) -> ArgRef:
    a = doc.actors[m.actor]
    return ArgRef(m.actor, a.country, a.sector, a.org, m.start, m.end)


def _words_before(
    norm: NormText, bounds: WordBounds, pos: int, sent_start: int, n: int
) -> list[str]:
    k = bounds.next_word(pos)
    words = bounds.words()
    out = []
    for s, e in reversed(words[max(0, k - n) : k]):
        if s < sent_start:
            break
        out.append(norm.norm[s:e])
    return out


def _status(
    hit: Hit[Trigger],
    norm: NormText,
    bounds: WordBounds,
    sent: tuple[int, int],
    cues: Cues,
    lang: str,
) -> tuple[str, str | None]:
    """Status of a trigger and the cue that set it."""
    before = _words_before(norm, bounds, hit.start, sent[0], STATUS_WINDOW)
    near = before[:NEGATION_WINDOW]
    text_before = norm.norm[sent[0] : hit.start]
    for w in near:
        if w in cues.negation:
            return "negated", w
    if lang == "ar" and hit.prefix in {"س", "وس", "فس"}:
        return "planned", "س"
    near_text = text_before[-60:]
    for phrase, cls in cues.status_phrases:
        if phrase in near_text:
            return _CLS_STATUS[cls], phrase
    for w in before:
        if w in cues.hypothetical:
            return "hypothetical", w
        if w in cues.expected:
            return "expected", w
        if w in cues.future:
            return "planned", w
    return "occurred", None


_CLS_STATUS = {
    "future": "planned",
    "expected": "expected",
    "hypothetical": "hypothetical",
    "negation": "negated",
}


def _planned_after(hit: Hit[Trigger], norm: NormText, bounds: WordBounds, cues: Cues) -> bool:
    """A noun trigger followed by "المرتقب", "المقرر", "upcoming": something scheduled."""
    k = bounds.next_word(hit.end)
    words = bounds.words()[k : k + 1]
    return any(norm.norm[s:e] in cues.future for s, e in words)


def _background(
    hit: Hit[Trigger], norm: NormText, sent: tuple[int, int], cues: Cues, bounds: WordBounds
) -> bool:
    """The trigger names a past or general attack/protest as background, not as news."""
    before = _words_before(norm, bounds, hit.start, sent[0], 3)
    if any(w in cues.background for w in before):
        return True
    text_before = norm.norm[max(sent[0], hit.start - 25) : hit.start]
    return cues.background_phrases is not None and bool(cues.background_phrases.search(text_before))


def _is_question(norm: NormText, sent: tuple[int, int], cues: Cues) -> bool:
    text = norm.norm[sent[0] : sent[1]].rstrip()
    if text.endswith("?"):
        return True
    first = text.split(" ", 1)[0] if text else ""
    return first in cues.question


# Where a clause ends: punctuation, quote marks, complementizers and clause-opening
# conjunctions. An argument never crosses one (the subject of "قال كيري إن ..." is
# not the subject of what follows إن).
_CLAUSE = re.compile(
    r"[,،;؛:«»\"“”()]|(?<![\w\u0600-\u06ff])(?:[وف]?(?:إن|أن|ان|بأن|بان|لأن|لان|إنه|أنه|انه|أنها|انها|بينما|فيما|حين|"
    r"لكن|ولكن|إلا|الذي|التي|الذين|اللذين|حيث|بعدما|عندما|قبل أن|بعد أن)|that|while|but|which|who|"
    r"after|when|because)(?![\w\u0600-\u06ff])",
    re.IGNORECASE,
)
# Cooperative types that "X and Y" with no object assert of each other ("X and Y met").
# Types whose occurrence is news even when the text names no actor ("clashes broke
# out", "thousands demonstrated"); any other trigger without an actor is not coded.
_ARGLESS_OK = frozenset({"ASSAULT", "PROTEST"})
# Types coded with no target ("protesters rallied", "troops were deployed") ...
_TARGETLESS_OK = frozenset({"ASSAULT", "PROTEST", "MOBILIZE"})
# ... and with no named source (passives: "ثلاثة مدنيين قتلوا", "five were arrested").
_SOURCELESS_OK = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE"})
_MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})


def _clause(text: str, sent: tuple[int, int], trig: tuple[int, int]) -> tuple[int, int]:
    """The clause around a trigger, as original offsets inside the sentence."""
    cs, ce = sent
    for m in _CLAUSE.finditer(text, sent[0], trig[0]):
        cs = m.end()
    nxt = _CLAUSE.search(text, trig[1], sent[1])
    if nxt is not None:
        ce = nxt.start()
    return cs, ce


def _pick_args(
    doc: Document,
    t: Trigger,
    trig: tuple[int, int],
    sent: tuple[int, int],
    mentions: list[MentionRef],
    index: TriggerIndex,
    lang: str,
) -> tuple[list[MentionRef], list[MentionRef], bool]:
    """Sources and targets of a trigger from the mentions of its clause; True when mutual."""
    cs, ce = _clause(doc.text, sent, trig)
    # the object may follow a comma-free run: look one clause further for it
    inside = [m for m in _starting_in(mentions, cs, ce + 1) if m.end <= ce and not (
        m.start < trig[1] and trig[0] < m.end)]  # fmt: skip
    before = [m for m in inside if m.end <= trig[0]]
    after = [m for m in inside if m.start >= trig[1]]
    preps = index.preps[t.id]
    sources: list[MentionRef] = []
    targets: list[MentionRef] = []

    def group(ms: list[MentionRef], i: int) -> list[MentionRef]:
        """The mention at i and those coordinated with it."""
        out = [ms[i]]
        j = i + 1
        while j < len(ms) and ms[j].conj:
            out.append(ms[j])
            j += 1
        return out

    def prep_before(m: MentionRef) -> str:
        gap = doc.text[trig[1] : m.start]
        words = fold_form(gap).split()
        w = words[-1] if words else ""
        if w:
            return w
        # a proclitic preposition glued to the mention ("بموسكو", "للتحالف")
        head = fold_form(doc.text[m.start : m.start + 2])
        return head[:1] if head[:1] in {"ب", "ل"} else ""

    def close_after(m: MentionRef) -> bool:
        return len(doc.text[trig[1] : m.start].split()) <= 3

    def last_group(ms: list[MentionRef]) -> list[MentionRef]:
        j = len(ms) - 1
        while j > 0 and ms[j].conj:
            j -= 1
        return ms[j:]

    if after and prep_before(after[0]) in {"بين", "between"} and len(group(after, 0)) > 1:
        # "مباحثات بين كيري ولافروف", "talks between X and Y": each with the others
        return group(after, 0), [], True
    if lang == "ar":
        if after and close_after(after[0]) and prep_before(after[0]) not in preps:
            # verb first: subject then object
            sources = group(after, 0)
            rest = after[len(sources) :]
            if rest:
                targets = group(rest, 0)
        elif before:
            # noun first, or a nominal trigger after its source
            sources = last_group(before)
            if after:
                targets = group(after, 0)
        elif after:
            # nominal trigger: "غارات للتحالف على صنعاء"
            first = group(after, 0)
            if prep_before(after[0]) in preps:
                targets = first
            else:
                sources = first
                rest = after[len(first) :]
                if rest:
                    targets = group(rest, 0)
    else:
        if before:
            sources = last_group(before)
        if after:
            targets = group(after, 0)
    if t.passive:
        sources, targets = targets, sources
    if not t.object_is_target and targets and prep_before(targets[0]) not in preps:
        targets = []
    mutual = t.type in _MUTUAL and len(sources) > 1 and not targets
    return sources, targets, mutual


def find_events(doc: Document, ctx: Context) -> list[Event]:
    index = ctx.triggers()
    norm = normalize(doc.text)
    bounds = word_bounds(norm.norm)
    mentions = _mentions(doc)
    hits = sorted(
        index.matcher.find(norm.norm, bounds), key=lambda h: (h.start, -(h.end - h.start))
    )
    # sentence spans in normalised coordinates, for locating hits
    norm_starts = [_to_norm(norm, s.start) for s in doc.sentences]
    published = parse_iso(doc.published)
    out: list[Event] = []
    taken_end = -1
    for hit in hits:
        if hit.start < taken_end:
            continue  # a longer trigger already covers this one
        k = bisect_right(norm_starts, hit.start) - 1
        if k < 0:
            continue
        sent = doc.sentences[k]
        seg = doc.segments[sent.segment]
        if seg.kind in _SKIP_SEGMENTS:
            continue
        t = hit.value
        lang = t.lang
        cues = index.cues.get(lang, index.cues["ar"])
        nsent = (norm_starts[k], _to_norm(norm, sent.end))
        window = norm.norm[nsent[0] : nsent[1]]
        if any(x and x in window for x in index.excludes[t.id]):
            continue
        if index.requires[t.id] and not any(x in window for x in index.requires[t.id]):
            continue
        if _is_question(norm, nsent, cues) or _background(hit, norm, nsent, cues, bounds):
            continue
        taken_end = hit.end
        ts, te = norm.span(hit.start, hit.end)
        status, _cue = _status(hit, norm, bounds, nsent, cues, lang)
        sources, targets, mutual = _pick_args(
            doc, t, (ts, te), (sent.start, sent.end), mentions, index, lang
        )
        # the date reads the status before a following "المرتقب" makes it planned
        date_status = status
        if status == "occurred" and _planned_after(hit, norm, bounds, cues):
            status = "planned"
        if not sources and not targets and t.type not in _ARGLESS_OK:
            continue
        # an interaction needs both sides; only some types are news with one side unnamed
        if (
            not targets
            and not mutual
            and t.type not in _TARGETLESS_OK
            and ".visit" not in t.id
            and _other_actors(mentions, sources, (sent.start, sent.end))
        ):
            # the sentence names other parties but none could be tied to the trigger:
            # a guess would be wrong more often than right
            continue
        if (
            not sources
            and t.type not in _SOURCELESS_OK
            and _other_actors(mentions, targets, (sent.start, sent.end))
        ):
            continue
        # the judge, date and place last: most triggers are dropped before them
        factor = judge(doc, k, hit, norm, bounds, len(sources) + len(targets))
        if factor <= 0.0:
            continue
        date, date_from = _date(doc, (sent.start, sent.end), ts, published, date_status, seg.kind)
        place = _place(doc, ctx, (sent.start, sent.end), ts)
        conf = t.confidence * factor * (1.0 if sources else 0.7)
        conf *= 1.0 if targets or not t.object_is_target else 0.85
        pairs: list[tuple[ArgRef | None, ArgRef | None]] = []
        src_args: list[ArgRef | None] = [_arg(doc, m) for m in sources] or [None]
        if src_args == [None] and t.type == "PROTEST" and doc.country:
            # protesters the text does not name, in a story about one country, are its people
            src_args = [ArgRef(None, doc.country, "CVL", None, ts, te)]
        tgt_args: list[ArgRef | None] = [_arg(doc, m) for m in targets] or [None]
        if tgt_args == [None] and ".visit" in t.id and place is not None and place.country:
            # a visit to a country is an interaction with its government
            tgt_args = [
                ArgRef(None, place.country, "GOV", None, place.start or ts, place.end or te)
            ]
        if (t.symmetric or mutual) and len(src_args) > 1 and tgt_args == [None]:
            for a in src_args:
                for b in src_args:
                    if a is not b:
                        pairs.append((a, b))
        else:
            for a in src_args:
                for b in tgt_args:
                    pairs.append((a, b))
                    if t.symmetric and a is not None and b is not None:
                        pairs.append((b, a))
        for a, b in pairs:
            out.append(
                Event(
                    type=t.type,
                    mode=t.mode,
                    cameo=t.cameo,
                    source=a,
                    target=b,
                    status=status,
                    date=date,
                    date_from=date_from,
                    place=place,
                    sentence=k,
                    trigger=Span(ts, te),
                    rule=t.id,
                    confidence=round(min(conf, 1.0), 3),
                )
            )
    return out


def _to_norm(norm: NormText, pos: int) -> int:
    if not norm.kept:
        return pos
    return bisect_left(norm.kept, pos)


def _date(
    doc: Document,
    sent: tuple[int, int],
    trig: int,
    published: dt.date | None,
    status: str,
    seg_kind: str,
) -> tuple[str | None, str | None]:
    ref = published
    ref_from = "published"
    if seg_kind == "related":
        for r in doc.related:
            if r.summary_start <= trig < r.summary_end and r.published:
                ref, ref_from = parse_iso(r.published), "related story date"
    mentions = find_dates(doc.text, sent[0], sent[1])
    if mentions:
        m = min(mentions, key=lambda d: abs(d.start - trig))
        return resolve(m, ref, future=status == "planned"), doc.text[m.start : m.end]
    if ref is not None and status == "occurred":
        return ref.isoformat(), ref_from
    return None, None


def _place(doc: Document, ctx: Context, sent: tuple[int, int], trig: int) -> Place | None:
    places = find_places(doc.text, sent[0], sent[1], ctx.places)
    if not places:
        return None
    return min(places, key=lambda p: abs((p.start or 0) - trig))


def events(doc: Document, ctx: Context) -> Document:
    found = find_events(doc, ctx)
    # link events to the quotes they sit in
    linked = []
    for e in found:
        q = next((i for i, q in enumerate(doc.quotes) if q.start <= e.trigger.start < q.end), None)
        if q is not None:
            sp = doc.quotes[q].speaker
            e = replace(e, quote=q, speaker=sp.actor if sp else None)
        linked.append(e)
    return replace(doc, events=tuple(_dedup(linked)))


def _other_actors(
    mentions: list[MentionRef], used: list[MentionRef], sent: tuple[int, int]
) -> bool:
    taken = {(m.start, m.actor) for m in used}
    return any((m.start, m.actor) not in taken for m in _starting_in(mentions, *sent))


def _starting_in(mentions: list[MentionRef], lo: int, hi: int) -> list[MentionRef]:
    """The mentions (sorted by start) that start in [lo, hi)."""
    return mentions[bisect_left(mentions, lo, key=_start) : bisect_left(mentions, hi, key=_start)]


def _start(m: MentionRef) -> int:
    return m.start


def _same_party(a: ArgRef, b: ArgRef) -> bool:
    """One actor on both sides."""
    return a.actor is not None and a.actor == b.actor


def _dedup(events: list[Event]) -> list[Event]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for e in events:
        key = (
            e.type,
            e.sentence,
            e.status,
            e.source.actor if e.source else None,
            e.target.actor if e.target else None,
        )
        if key in seen:
            continue
        if e.source and e.target and _same_party(e.source, e.target):
            continue
        seen.add(key)
        out.append(e)
    return out


__all__ = ["TriggerIndex", "events", "find_events"]
