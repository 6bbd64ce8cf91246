"""Write hadath/web/static/world.svg, the map's outlines, from a Natural Earth TopoJSON file.

The events page draws its map with no network: the land and the country
borders come from this one static file, made once from Natural Earth's public
domain data as the npm package world-atlas redistributes it (ISC licence):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python tools/make_world_svg.py package/countries-50m.json

The SVG's coordinates are tenths of a degree in an equirectangular projection
(x = (lon + 180) * 10, y = (90 - lat) * 10), which hadath/web/maps.py uses too.
Each arc is drawn once (borders shared by two countries are not doubled) and
rounded to a tenth of a degree, about 11 km: enough for a map of places.
"""

from __future__ import annotations

import argparse
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "hadath" / "web" / "static" / "world.svg"
SCALE = 10  # SVG units per degree


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[int, int]]]:
    """Every arc as SVG points (delta-decoded, quantised, projected, rounded)."""
    (kx, ky), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points: list[tuple[int, int]] = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = x * kx + tx, y * ky + ty
            point = (round((lon + 180) * SCALE), round((90 - lat) * SCALE))
            if not points or point != points[-1]:
                points.append(point)
        arcs.append(points)
    return arcs


def arc_points(arcs: list[list[tuple[int, int]]], index: int) -> list[tuple[int, int]]:
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def path_of(points: list[tuple[int, int]], closed: bool) -> str:
    if len(points) < 2:
        return ""
    out = [f"M{points[0][0]} {points[0][1]}"]
    jumped = False
    for (x0, y0), (x1, y1) in pairwise(points):
        if abs(x1 - x0) > 180 * SCALE:  # across the antimeridian: lift the pen, no line across
            out.append(f"M{x1} {y1}")
            jumped = True
        else:
            out.append(f"l{x1 - x0} {y1 - y0}")
    return "".join(out) + ("z" if closed and not jumped else "")


def rings(geometry: dict[str, Any]) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-50m.json (or -110m)")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    topo = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    land: list[str] = []
    for geometry in topo["objects"]["land"]["geometries"]:
        for ring in rings(geometry):
            points: list[tuple[int, int]] = []
            for index in ring:
                part = arc_points(arcs, index)
                points.extend(part[1:] if points and part and part[0] == points[-1] else part)
            if len(points) >= 4:
                land.append(path_of(points, closed=True))
    used = sorted(
        {i if i >= 0 else ~i for g in topo["objects"]["countries"]["geometries"] for r in rings(g)
         for i in r}
    )  # fmt: skip
    borders = [p for p in (path_of(arcs[i], closed=False) for i in used) if p]
    width, height = 360 * SCALE, 180 * SCALE
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}">'
        "<title>Land and country borders: Natural Earth (public domain), 1:50m</title>"
        f'<rect width="{width}" height="{height}" fill="#e8f0f7"/>'
        f'<path fill="#f4f1ea" stroke="none" d="{"".join(land)}"/>'
        f'<path fill="none" stroke="#9aa5ae" stroke-width="1.2" stroke-linejoin="round"'
        f' vector-effect="non-scaling-stroke" d="{"".join(borders)}"/></svg>\n'
    )
    args.output.write_text(svg, encoding="utf-8")
    print(f"{args.output}: {len(land)} land rings, {len(borders)} arcs, {len(svg):,} bytes")


if __name__ == "__main__":
    main()
