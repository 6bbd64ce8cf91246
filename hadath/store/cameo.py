"""CAMEO Goldstein scores and PLOVER quad classes, read from ``hadath/data/cameo``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_DATA = Path(__file__).resolve().parent.parent / "data" / "cameo"

QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


def _rows(name: str) -> list[list[str]]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()[1:] if line.strip()]


@dataclass(frozen=True, slots=True)
class CameoTables:
    goldstein: dict[str, float]
    quad: dict[str, int]  # PLOVER type -> quad class 1..4
    default_cameo: dict[str, str]  # PLOVER type -> CAMEO code used when an event has none

    @classmethod
    def load(cls) -> CameoTables:
        goldstein: dict[str, float] = {}
        for code, gdelt, phoenix, *_ in _rows("goldstein.tsv"):
            value = gdelt or phoenix
            if value:
                goldstein[code] = float(value)
        quad: dict[str, int] = {}
        default: dict[str, str] = {}
        for ptype, q, code, *_ in _rows("quad.tsv"):
            quad[ptype] = int(q)
            default[ptype] = code
        return cls(goldstein, quad, default)

    def code_for(self, ptype: str | None, cameo: str | None) -> str | None:
        """The event's own CAMEO code, else the default code of its PLOVER type."""
        if cameo:
            return cameo
        return self.default_cameo.get(ptype or "")

    def score(self, code: str | None) -> float | None:
        """Goldstein score of ``code``, falling back to its shorter parents (0211 -> 021 -> 02)."""
        while code:
            if code in self.goldstein:
                return self.goldstein[code]
            code = code[:-1] if len(code) > 2 else ""
        return None

    def quad_of(self, ptype: str | None, code: str | None) -> int | None:
        if ptype in self.quad:
            return self.quad[ptype]
        # No PLOVER type: map the CAMEO root the way PLOVER does (01/02 have no quad).
        for other, default in self.default_cameo.items():
            if code and default[:2] == code[:2]:
                return self.quad[other]
        return None
