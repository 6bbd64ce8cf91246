"""Date words in Arabic and English news, with their offsets, and their resolution.

Absolute dates ("24 March 2016", "24 مارس/آذار 2016", "24/3/2016") are read
with patterns; relative ones ("اليوم الخميس", "أمس", "مساء اليوم", "أواخر
الشهر الماضي", "yesterday") are kept as offsets and resolved against a
reference date. dateparser's search mode reads "85%" as a year and returns no
positions, so it is not used here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left, insort
from dataclasses import dataclass

_EN_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
# Egyptian/Gulf month names and the Levantine (Syriac) ones, both in use.
_AR_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("يناير", "كانون الثاني", "جانفي"),
            ("فبراير", "شباط", "فيفري"),
            ("مارس", "آذار", "اذار"),
            ("أبريل", "ابريل", "نيسان", "أفريل", "افريل"),
            ("مايو", "أيار", "ايار", "ماي"),
            ("يونيو", "حزيران", "جوان", "يونيه"),
            ("يوليو", "تموز", "جويلية", "يوليه"),
            ("أغسطس", "اغسطس", "آب", "اب", "أوت", "اوت"),
            ("سبتمبر", "أيلول", "ايلول"),
            ("أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"),
            ("نوفمبر", "تشرين الثاني"),
            ("ديسمبر", "كانون الأول", "كانون الاول"),
        ],
        start=1,
    )
    for m in names
}
_AR_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _AR_MONTHS), key=len, reverse=True))
_EN_MONTH_ALT = "|".join(sorted(_EN_MONTHS, key=len, reverse=True))
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("ymd", re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")),
    ("dmy_num", re.compile(r"(?<![\d/])([0-3]?\d)/([01]?\d)/((?:19|20)\d{2})(?![\d/])")),
    (
        "d_month_y_en",
        re.compile(rf"\b([0-3]?\d)\s+({_EN_MONTH_ALT})\.?,?\s+((?:19|20)\d{{2}})\b", re.I),
    ),
    (
        "month_d_y_en",
        re.compile(
            rf"\b({_EN_MONTH_ALT})\.?\s+([0-3]?\d)(?:st|nd|rd|th)?,?\s+((?:19|20)\d{{2}})\b", re.I
        ),
    ),
    (
        "d_month_y_ar",
        re.compile(
            rf"([0-3]?[\d٠-٩]{{1,2}})\s*(?:من\s+)?({_AR_MONTH_ALT})(?:\s*/\s*(?:{_AR_MONTH_ALT}))?"
            rf"\s*(?:عام|سنة)?\s*((?:19|20|١٩|٢٠)[\d٠-٩]{{2}})"
        ),
    ),
]

_FOUR_DIGITS = re.compile(r"\d{4}")

_WEEKDAYS_AR = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2,
                "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6, "الاحد": 6}  # fmt: skip
_WEEKDAYS_EN = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
                "saturday": 5, "sunday": 6}  # fmt: skip
_WD_AR = "|".join(_WEEKDAYS_AR)
_WD_EN = "|".join(_WEEKDAYS_EN)

# (pattern, day offset, granularity); offsets in days from the reference date
# (pattern, day offset, granularity, words one of which the text must hold for the
# pattern to be tried: most patterns start with optional parts and are slow to fail)
_RELATIVE: list[tuple[re.Pattern[str], int, str, tuple[str, ...]]] = [
    (
        re.compile(rf"(?:صباح|مساء|ظهر|فجر|ليل)?\s*اليوم\s+({_WD_AR})"),
        0,
        "weekday-today",
        ("اليوم",),
    ),
    # "يوم السبت القادم", "الأحد المقبل", "next Monday": the coming one; "الماضي", "last":
    # the past one
    (
        re.compile(rf"(?<![\w])(?:يوم\s+|و|ف)?({_WD_AR})\s+(?:القادم|المقبل)(?![\w])"),
        0,
        "weekday-next",
        ("القادم", "المقبل"),
    ),
    (
        re.compile(rf"(?<![\w])(?:يوم\s+|و|ف)?({_WD_AR})\s+(?:الماضي|المنصرم)(?![\w])"),
        0,
        "weekday-last",
        ("الماضي", "المنصرم"),
    ),
    (re.compile(rf"\bnext\s+({_WD_EN})\b", re.I), 0, "weekday-next", ("next", "Next")),
    (re.compile(rf"\blast\s+({_WD_EN})\b", re.I), 0, "weekday-last", ("last", "Last")),
    (
        re.compile(r"(?:صباح|مساء|ظهر|فجر|ليلة|ليل)\s+(?:اليوم|أمس|امس|الغد)"),
        0,
        "day",
        ("صباح", "مساء", "ظهر", "فجر", "ليل"),
    ),
    (re.compile(r"(?<![\w])(?:و|ف)?(?:اليوم|الليلة)(?![\w])"), 0, "day", ("اليوم", "الليلة")),
    (
        re.compile(r"(?<![\w])(?:و|ف)?(?:أمس|امس|البارحة)(?![\w])"),
        -1,
        "day",
        ("أمس", "امس", "البارحة"),
    ),
    (re.compile(r"(?<![\w])(?:و|ف)?(?:غدا|غداً|الغد)(?![\w])"), 1, "day", ("غد",)),
    (
        re.compile(r"(?:أواخر|أوائل|منتصف|مطلع|خلال)?\s*الشهر\s+(?:الماضي|المنصرم|السابق)"),
        -30,
        "month",
        ("الشهر",),
    ),
    (
        re.compile(r"(?:أواخر|أوائل|منتصف|مطلع|خلال)?\s*الشهر\s+(?:المقبل|القادم)"),
        30,
        "month",
        ("الشهر",),
    ),
    (
        re.compile(r"\b(?:this\s+(?:morning|evening|afternoon)|today|tonight)\b", re.I),
        0,
        "day",
        ("this", "today", "tonight", "This", "Today", "Tonight"),
    ),
    (re.compile(r"\byesterday\b", re.I), -1, "day", ("esterday",)),
    (re.compile(r"\btomorrow\b", re.I), 1, "day", ("omorrow",)),
    (re.compile(r"\blast\s+month\b", re.I), -30, "month", ("month", "Month")),
    (re.compile(r"\bnext\s+month\b", re.I), 30, "month", ("month", "Month")),
    (re.compile(rf"(?<![\w])(?:يوم\s+|و|ف)?({_WD_AR})(?![\w])"), 0, "weekday", tuple(_WEEKDAYS_AR)),
    (re.compile(rf"\b(?:on\s+)?({_WD_EN})\b", re.I), 0, "weekday", ("day", "DAY")),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    date: dt.date | None  # absolute dates only
    relative: int | None  # day offset for relative words
    granularity: str  # day | month | weekday | weekday-today | weekday-next | weekday-last
    weekday: int | None = None


def _int(s: str) -> int:
    return int(s.translate(_DIGITS))


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@functools.lru_cache(maxsize=1024)
def find_dates(text: str, start: int = 0, end: int | None = None) -> tuple[DateMention, ...]:
    """Date words in ``text[start:end]``, absolute and relative, left to right (cached)."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []  # by start; they do not overlap, so ends rise too

    def free(s: int, e: int) -> bool:
        """No span taken overlaps ``[s, e)``: of those starting before ``e``, the last ends
        by ``s`` (one bisection, not a look at every date of a long sentence)."""
        i = bisect_left(taken, (e,))
        return i == 0 or taken[i - 1][1] <= s

    # every absolute pattern ends with a four-digit year: most paragraphs hold none
    for kind, pat in _PATTERNS if _FOUR_DIGITS.search(chunk) else ():
        for m in pat.finditer(chunk):
            g = m.groups()
            if kind == "ymd":
                d = _safe(_int(g[0]), _int(g[1]), _int(g[2]))
            elif kind == "dmy_num":
                d = _safe(_int(g[2]), _int(g[1]), _int(g[0]))
            elif kind == "d_month_y_en":
                d = _safe(_int(g[2]), _EN_MONTHS[g[1].lower()], _int(g[0]))
            elif kind == "month_d_y_en":
                d = _safe(_int(g[2]), _EN_MONTHS[g[0].lower()], _int(g[1]))
            else:
                d = _safe(_int(g[2]), _AR_MONTHS[g[1]], _int(g[0]))
            if d and free(m.start(), m.end()):
                insort(taken, m.span())
                found.append(DateMention(start + m.start(), start + m.end(), d, None, "day"))
    for pat, offset, gran, needs in _relative_in(text):
        if not any(w in chunk for w in needs):
            continue
        for m in pat.finditer(chunk):
            s, e = m.span()
            while s < e and chunk[s].isspace():
                s += 1
            if not free(s, e):
                continue
            insort(taken, (s, e))
            wd = None
            if gran.startswith("weekday"):
                w = m.group(1)
                wd = _WEEKDAYS_AR.get(w, _WEEKDAYS_EN.get(w.lower()))
            found.append(DateMention(start + s, start + e, None, offset, gran, wd))
    found.sort(key=lambda d: d.start)
    return tuple(found)


@functools.lru_cache(maxsize=8)
def _relative_in(text: str) -> tuple[tuple[re.Pattern[str], int, str, tuple[str, ...]], ...]:
    """The relative patterns whose words ``text`` holds: its slices hold no others."""
    return tuple(r for r in _RELATIVE if any(w in text for w in r[3]))


def resolve(mention: DateMention, ref: dt.date | None, *, future: bool = False) -> str | None:
    """The ISO date (or YYYY-MM for month-level words) a mention means, given the reference date."""
    if mention.date is not None:
        return mention.date.isoformat()
    if ref is None:
        return None
    if mention.granularity == "month":
        d = ref + dt.timedelta(days=mention.relative or 0)
        return f"{d.year:04d}-{d.month:02d}"
    if mention.granularity == "weekday-today":
        return ref.isoformat()
    if mention.granularity in {"weekday-next", "weekday-last"} and mention.weekday is not None:
        ahead = (mention.weekday - ref.weekday()) % 7 or 7
        if mention.granularity == "weekday-next":
            return (ref + dt.timedelta(days=ahead)).isoformat()
        back = (ref.weekday() - mention.weekday) % 7 or 7
        return (ref - dt.timedelta(days=back)).isoformat()
    if mention.granularity == "weekday" and mention.weekday is not None:
        delta = (ref.weekday() - mention.weekday) % 7
        if future and delta:
            return (ref + dt.timedelta(days=7 - delta)).isoformat()
        return (ref - dt.timedelta(days=delta)).isoformat()
    return (ref + dt.timedelta(days=mention.relative or 0)).isoformat()


def parse_iso(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None
