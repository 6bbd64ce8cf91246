"""Help maintain hadath/data/actors/countries.tsv.

    python tools/seed_countries.py                 # name rows for countries the file lacks
    python tools/seed_countries.py --nisba SYR سوري  # Arabic adjective rows from a masc. nisba

The first mode prints, for every ISO 3166-1 country with no row in
countries.tsv, its English name (pycountry) and Arabic name (babel's CLDR
territory names), ready to append. The second prints the gender and number
forms of an Arabic relational adjective (سوري → سورية سوريان سوريين
سوريون سوريتان سوريتين سوريات); every word of a multi-word stem ending in ي
is inflected (كوري شمالي → كورية شمالية ...). Review the output before
appending: the file is hand-edited and is the source of truth.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import pycountry
from babel import Locale

COUNTRIES = Path(__file__).resolve().parent.parent / "hadath" / "data" / "actors" / "countries.tsv"
EXTRA = {"XKX": ("XK", "Kosovo")}

# Suffixes added to a masculine nisba in ي: fem sg, masc dual (nom, obl = masc pl obl),
# masc pl nom, fem dual (nom, obl), fem pl.
NISBA_SUFFIXES = ("", "ة", "ان", "ين", "ون", "تان", "تين", "ات")


def nisba_forms(stem: str) -> list[str]:
    words = stem.split()
    out: list[str] = []
    for suffix in NISBA_SUFFIXES:
        form = " ".join(w + suffix if w.endswith("ي") else w for w in words)
        if form not in out:
            out.append(form)
    return out


def english_name(code: str) -> str:
    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return EXTRA[code][1]
    name: str = getattr(c, "common_name", None) or c.name
    name = re.sub(r"\s*\(.*?\)", "", name)
    # "Bolivia, Plurinational State of" -> "Bolivia"
    return name.split(", ")[0] if ", " in name and "Virgin" not in name else name


def arabic_name(code: str, territories: dict[str, str]) -> str | None:
    c = pycountry.countries.get(alpha_3=code)
    alpha2 = EXTRA[code][0] if c is None else c.alpha_2
    name = territories.get(alpha2)
    if not name:
        return None
    return re.sub(r"\s*\(.*?\)", "", name).strip()


def ascii_fold(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )


def present() -> set[str]:
    if not COUNTRIES.exists():
        return set()
    with open(COUNTRIES, encoding="utf-8") as fh:
        return {
            line.split("\t", 1)[0]
            for line in fh
            if line.strip() and not line.startswith(("#", "iso3\t"))
        }


def base_rows() -> list[str]:
    territories = dict(Locale("ar").territories)
    have = present()
    rows: list[str] = []
    codes = sorted([c.alpha_3 for c in pycountry.countries] + list(EXTRA))
    for code in codes:
        if code in have:
            continue
        en = english_name(code)
        forms = [en] + ([ascii_fold(en)] if ascii_fold(en) != en else [])
        rows += [f"{code}\ten\tname\t{f}\t\t" for f in forms]
        ar = arabic_name(code, territories)
        if ar:
            rows.append(f"{code}\tar\tname\t{ar}\t\t")
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--nisba", nargs="+", metavar=("ISO3", "STEM"), help="print adjective rows")
    args = ap.parse_args(argv)
    if args.nisba:
        code, *stems = args.nisba
        for stem in stems:
            for form in nisba_forms(stem):
                print(f"{code}\tar\tadj\t{form}\t\t")
        return 0
    for row in base_rows():
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
