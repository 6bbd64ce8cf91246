"""A map of event places, drawn as inline SVG on the server with no network.

The outlines are one local file, ``/static/world.svg`` (Natural Earth's land
and borders, made by ``tools/make_world_svg.py``), in the same equirectangular
coordinates as the points: x = (lon + 180) * 10, y = (90 - lat) * 10. The
view is fitted to the points. Each point is a link that filters the events
page by its place; its area grows with its count and its colour is its
commonest quad class.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from hadath.store.facets import Place
from hadath.web.charts import QUADS

SCALE = 10  # outline units per degree (tools/make_world_svg.py)
WORLD = (360 * SCALE, 180 * SCALE)
NO_QUAD = ("no quad class", "q0", "#7b8794")


def _xy(place: Place) -> tuple[float, float]:
    return (place.lon + 180) * SCALE, (90 - place.lat) * SCALE


def view_of(points: Sequence[tuple[float, float]], aspect: float) -> tuple[float, ...]:
    """The view box (x, y, width, height) around ``points``: padded, at least 24 degrees
    wide, of the given width/height ``aspect``, and inside the world where it can be."""
    if not points:
        return (0.0, 0.0, float(WORLD[0]), float(WORLD[0]) / aspect)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    w = max(max(xs) - min(xs), 24 * SCALE) * 1.25
    h = max(max(ys) - min(ys), 1.0) * 1.35
    w, h = max(w, h * aspect), max(h, w / aspect)
    w, h = min(w, WORLD[0]), min(h, WORLD[0] / aspect)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - w / 2, 0.0), WORLD[0] - w)
    y = min(max(cy - h / 2, 0.0), max(WORLD[1] - h, 0.0))
    return (x, y, w, h)


def place_map(
    places: Sequence[Place],
    link: Callable[[Place], str],
    title: str,
    width: int = 760,
    height: int = 380,
    max_radius: float = 18.0,
) -> Markup:
    """The map of ``places``; ``link(place)`` is the address a click on it goes to."""
    points = [_xy(p) for p in places]
    x0, y0, vw, vh = view_of(points, width / height)
    unit = vw / width  # view units per pixel
    out = [
        f'<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.1f} {y0:.1f}'
        f' {vw:.1f} {vh:.1f}" width="{width}" height="{height}" role="img"'
        f' aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<image href="/static/world.svg" x="0" y="0" width="{WORLD[0]}" height="{WORLD[1]}"'
        ' preserveAspectRatio="none"/>',
    ]
    if not places:
        out.append(
            f'<text x="{x0 + vw / 2:.1f}" y="{y0 + vh / 2:.1f}" text-anchor="middle"'
            f' font-size="{14 * unit:.1f}" fill="#555">no event with a known place</text>'
        )
    peak = max([p.total for p in places] + [1])
    # the largest first, so that a small point is never hidden under a big one
    for place, (x, y) in sorted(zip(places, points, strict=True), key=lambda item: -item[0].total):
        radius = max(3.0, max_radius * math.sqrt(place.total / peak)) * unit
        name, cls, colour = QUADS.get(place.quad, NO_QUAD)
        label = place.name or place.name_ar
        if place.name and place.name_ar:
            label = f"{place.name} · {place.name_ar}"
        counts = ", ".join(
            f"{n} {QUADS.get(q, NO_QUAD)[0]}" for q, n in sorted(place.quads.items())
        )
        out.append(
            f'<a href="{escape(link(place))}" class="pt" data-place="{escape(place.name or label)}"'
            f' data-count="{place.total}"><circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}"'
            f' r="{radius:.1f}" fill="{colour}" fill-opacity="0.75" stroke="#fff"'
            f' stroke-width="1" vector-effect="non-scaling-stroke"><title>{escape(label)}:'
            f" {place.total} ({escape(counts)}; {escape(name)} the commonest)</title></circle></a>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def legend() -> Markup:
    """The quad-class colours of the points, as a small HTML list."""
    items = [
        f'<li><svg class="dot" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true">'
        f'<circle cx="5" cy="5" r="5" fill="{colour}"/></svg> {name}</li>'
        for name, _, colour in (*QUADS.values(), NO_QUAD)
    ]
    return Markup('<ul class="map-legend">' + "".join(items) + "</ul>")
