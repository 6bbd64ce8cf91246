"""The gazetteer: the shipped files validate, broken copies are caught, facts hold."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hadath.lexicon.actors import data_dir_default
from hadath.lexicon.places import Gazetteer, PlaceForm, load_gazetteer, validate_place_files

ROW = "{id}\tSYR\tcity\t{lat}\t36.0\tSomewhere\t\t"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(data_dir_default() / "places", tmp_path / "places")
    return tmp_path


def _append(path: Path, line: str) -> int:
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def _forms(gaz: Gazetteer, form: str) -> list[PlaceForm]:
    return [f for f in gaz.forms if f.form == form]


def test_places_shipped_files_validate() -> None:
    assert validate_place_files() == []


def test_places_broken_copy_names_file_and_line(data_copy: Path) -> None:
    curated = data_copy / "places" / "curated.tsv"
    dup = _append(curated, ROW.format(id="hmeymim", lat="35.0"))
    bad_lat = _append(curated, ROW.format(id="new-place", lat="95.5"))
    not_num = _append(curated, ROW.format(id="other-place", lat="north"))
    bad_iso = _append(curated, "third-place\tQQQ\tcity\t1.0\t1.0\tThird\t\t")
    short = _append(curated, "fourth-place\tSYR\tcity\t1.0")
    problems = validate_place_files(data_copy)
    for prefix in (
        f"curated.tsv:{dup}: duplicate id",
        f"curated.tsv:{bad_lat}: lat 95.5 out of range",
        f"curated.tsv:{not_num}: bad lat",
        f"curated.tsv:{bad_iso}: unknown ISO3",
        f"curated.tsv:{short}: 4 columns",
    ):
        assert any(p.startswith(prefix) for p in problems), (prefix, problems)
    with pytest.raises(ValueError, match="duplicate id"):
        load_gazetteer(data_copy)


def test_places_moscow_has_coordinates(gaz: Gazetteer) -> None:
    for form in ("Moscow", "موسكو"):
        (f,) = _forms(gaz, form)
        entry = gaz.entries[f.ref]
        assert f.strong and entry.iso3 == "RUS"
        assert abs(entry.lat - 55.75) < 0.05 and abs(entry.lon - 37.62) < 0.05


def test_places_curated_rows_override_and_add(gaz: Gazetteer) -> None:
    (f,) = _forms(gaz, "حميميم")
    assert gaz.entries[f.ref].iso3 == "SYR" and gaz.entries[f.ref].kind == "site"
    (aleppo,) = _forms(gaz, "حلب")
    assert gaz.entries[aleppo.ref].name_en == "Aleppo" and aleppo.strong


def test_places_shared_names_are_weak(gaz: Gazetteer) -> None:
    tripolis = _forms(gaz, "طرابلس")
    assert {gaz.entries[f.ref].iso3 for f in tripolis} >= {"LBY", "LBN"}
    assert not any(f.strong for f in tripolis)


def test_places_country_beats_small_town_namesake(gaz: Gazetteer) -> None:
    # Moscow, Idaho and Damascus, Maryland do not get the capitals' names.
    assert [gaz.entries[f.ref].iso3 for f in _forms(gaz, "Damascus")] == ["SYR"]
    assert [gaz.entries[f.ref].iso3 for f in _forms(gaz, "Moscow")] == ["RUS"]


def test_places_stopforms_never_match(gaz: Gazetteer) -> None:
    assert _forms(gaz, "بيان") == []
    assert _forms(gaz, "صور") == []
    assert not any(f.form.lower() == "us" for f in gaz.forms)
