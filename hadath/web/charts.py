"""Cooperation against conflict over time, drawn as inline SVG on the server.

No chart library, no network: plain ``<rect>`` and ``<text>`` elements with
presentation attributes (the Content-Security-Policy forbids inline styles).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

QUADS = {
    1: ("verbal cooperation", "q1", "#8fd18b"),
    2: ("material cooperation", "q2", "#2e8b3a"),
    3: ("verbal conflict", "q3", "#f0a07a"),
    4: ("material conflict", "q4", "#c0392b"),
}


@dataclass(frozen=True, slots=True)
class Period:
    label: str
    counts: dict[int, int]  # quad class -> events

    @property
    def cooperation(self) -> int:
        return self.counts.get(1, 0) + self.counts.get(2, 0)

    @property
    def conflict(self) -> int:
        return self.counts.get(3, 0) + self.counts.get(4, 0)


def periods(*series: Iterable[dict[str, Any]]) -> list[Period]:
    """Merge ``by="quad"`` series rows (several queries, e.g. both directions of a dyad)."""
    table: dict[str, dict[int, int]] = {}
    for rows in series:
        for row in rows:
            quad = row.get("quad")
            if not isinstance(quad, int) or quad not in QUADS:
                continue
            counts = table.setdefault(str(row["period"]), {})
            counts[quad] = counts.get(quad, 0) + int(row["events"])
    return [Period(label, table[label]) for label in sorted(table)]


MAX_FILLED = 1000  # periods: a longer axis is drawn with only the periods that have events


def _next(label: str, period: str) -> str:
    if period == "year":
        return f"{int(label) + 1:04d}"
    if period == "month":
        year, month = int(label[:4]), int(label[5:7])
        return f"{year + month // 12:04d}-{month % 12 + 1:02d}"
    step = dt.timedelta(days=7 if period == "week" else 1)
    return (dt.date.fromisoformat(label) + step).isoformat()


def filled(data: list[Period], period: str) -> list[Period]:
    """``data`` with every empty period between its first and last shown, at zero.

    Labels are those of ``Store.series``: YYYY, YYYY-MM, or the day (a week is
    its Monday). A label of another shape, or an axis of more than
    ``MAX_FILLED`` periods, is left as it is.
    """
    if len(data) < 2:
        return data
    have = {p.label: p for p in data}
    out: list[Period] = []
    label, last = data[0].label, data[-1].label
    try:
        while label <= last:
            out.append(have.get(label) or Period(label, {}))
            if len(out) > MAX_FILLED:
                return data
            label = _next(label, period)
    except ValueError:
        return data
    return out


def _ticks(top: int) -> list[int]:
    step = 1
    while top / step > 5:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return list(range(0, top + 1, step))


def chart(data: list[Period], title: str, width: int = 760, height: int = 280) -> Markup:
    """Per period, a cooperation bar (verbal + material) beside a conflict bar."""
    left, right, top, bottom = 44, 12, 28, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([max(p.cooperation, p.conflict) for p in data] + [1])
    ticks = _ticks(peak)
    ymax = max(ticks[-1], peak)
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for t in ticks:
        y = top + plot_h - plot_h * t / ymax
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"'
            ' stroke="#ddd" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11"'
            f' fill="#555">{t}</text>'
        )
    if not data:
        out.append(
            f'<text x="{width / 2}" y="{top + plot_h / 2}" text-anchor="middle" font-size="14"'
            ' fill="#777">no dated events</text>'
        )
    slot = plot_w / max(len(data), 1)
    bar = max(min(slot * 0.36, 28), 1.5)
    every = max(1, round(len(data) / 12))  # at most about twelve period labels
    for i, p in enumerate(data):
        x0 = left + i * slot + (slot - 2 * bar) / 2
        for j, quads in enumerate(((1, 2), (3, 4))):
            x = x0 + j * bar
            y = top + plot_h
            for q in quads:
                n = p.counts.get(q, 0)
                if not n:
                    continue
                h = plot_h * n / ymax
                y -= h
                name, cls, colour = QUADS[q]
                out.append(
                    f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}"'
                    f' height="{h:.1f}" fill="{colour}"><title>{escape(p.label)}: {n} {name}'
                    "</title></rect>"
                )
        if i % every == 0:
            cx = left + i * slot + slot / 2
            out.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 16}" text-anchor="middle" font-size="11"'
                f' fill="#333">{escape(p.label)}</text>'
            )
    lx = left
    for _, (name, cls, colour) in QUADS.items():
        out.append(
            f'<rect class="{cls}" x="{lx}" y="{height - 18}" width="12" height="12"'
            f' fill="{colour}"/><text x="{lx + 16}" y="{height - 8}" font-size="11"'
            f' fill="#333">{name}</text>'
        )
        lx += 24 + 7 * len(name)
    out.append(
        f'<text x="{left}" y="16" font-size="12" fill="#333">left bar: cooperation,'
        " right bar: conflict (events per period)</text></svg>"
    )
    return Markup("".join(out))
