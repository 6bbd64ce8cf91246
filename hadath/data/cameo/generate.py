"""Regenerate goldstein.tsv from the reference lookups in ``$HADATH_SHARED/ref``.

Only numbers are carried over (CAMEO code -> Goldstein score), no text:
``python hadath/data/cameo/generate.py [SHARED_DIR]``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _table(path: Path, skip_header: bool) -> dict[str, str]:
    out: dict[str, str] = {}
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    for line in lines[1:] if skip_header else lines:
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip().isdigit():
            out[parts[0].strip()] = str(float(parts[1]))
    return out


def main(shared: Path) -> None:
    gdelt = _table(shared / "ref/gdelt-lookups/CAMEO.goldsteinscale.txt", skip_header=True)
    phoenix = _table(shared / "ref/phoenix_pipeline/phoenix_goldstein_scale.tsv", skip_header=True)
    codes = sorted(set(gdelt) | set(phoenix), key=lambda c: (c[:2], c))
    rows = ["cameo\tgoldstein\tgoldstein_phoenix"]
    rows += [f"{c}\t{gdelt.get(c, '')}\t{phoenix.get(c, '')}" for c in codes]
    out = Path(__file__).with_name("goldstein.tsv")
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{out}: {len(codes)} codes")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("HADATH_SHARED", "../shared")))
