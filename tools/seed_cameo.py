"""Generate hadath/data/events/cameo_codes.tsv and plover_modes.tsv from the shared references.

Run once from the repository root: ``.venv/bin/python tools/seed_cameo.py [SHARED_DIR]``.
The output holds facts (code, label, PLOVER type, mode names) and is committed, so the
package never reads ``../shared`` at run time.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "hadath" / "data" / "events"

# Root-level fallbacks from the PLOVER manual's translation table, for codes the
# CAMEO2PLOVER list does not name one by one. 01 and 02 are dropped by PLOVER.
ROOT_FALLBACK = {"08": "CONCEDE|RETREAT", "20": "ASSAULT"}

# Where the 2021 list and the manual disagree, the manual wins but both stay allowed:
# the manual's SANCTION section codes international sanctions as SANCTION 'discontinue',
# while CAMEO2PLOVER puts 163 under COERCE.
OVERRIDES = {"163": "SANCTION|COERCE"}

LINE = re.compile(r"^(\d{2,4}):\s*([A-Z]+)")


def read_mapping(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line.strip())
        if m:
            out.setdefault(m.group(1), set()).add(m.group(2))
    return out


def plover_for(code: str, mapping: dict[str, set[str]]) -> str:
    if code in OVERRIDES:
        return OVERRIDES[code]
    if code in mapping and len(code) > 2:
        return "|".join(sorted(mapping[code]))
    for prefix in (code[:3], code[:2]):
        if prefix in mapping and len(prefix) > 2:
            return "|".join(sorted(mapping[prefix]))
    if code[:2] in ROOT_FALLBACK:
        return ROOT_FALLBACK[code[:2]]
    if code[:2] in mapping:
        return "|".join(sorted(mapping[code[:2]]))
    return ""


def main(shared: Path) -> None:
    ref = shared / "ref"
    labels: dict[str, str] = {}
    with open(ref / "gdelt-lookups" / "CAMEO.eventcodes.txt", encoding="utf-8") as fh:
        for row in list(csv.reader(fh, delimiter="\t"))[1:]:
            if len(row[0]) >= 2:  # single digits are GDELT quad classes, not CAMEO codes
                labels[row[0]] = row[1].strip()
    with open(ref / "icews-andybega" / "cameo-codes.csv", encoding="utf-8", errors="replace") as fh:
        for rec in csv.DictReader(fh):
            labels.setdefault(rec["code"], rec["name"].strip())
    mapping = read_mapping(ref / "PLOVER" / "CAMEO2PLOVER-2021.txt")
    rows = ["code\tlabel\tplover"]
    for code in sorted(labels, key=lambda c: (c[:2], c)):
        rows.append(f"{code}\t{labels[code]}\t{plover_for(code, mapping)}")
    (OUT / "cameo_codes.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    modes: set[tuple[str, str]] = set()
    book = ref / "NGEC-2025" / "NGEC" / "assets" / "PLOVER_structured_codebook_updated.csv"
    with open(book, encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["mode"].strip():
                modes.add((rec["event"].strip(), rec["mode"].strip()))
    lines = ["type\tmode"] + [f"{t}\t{m}" for t, m in sorted(modes)]
    (OUT / "plover_modes.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
