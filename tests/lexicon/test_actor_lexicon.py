"""The actor lexicon: the shipped files validate, broken copies are caught, facts hold."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from hadath.lexicon.actors import (
    ActorForm,
    ActorLexicon,
    data_dir_default,
    load_actor_lexicon,
    validate_actor_files,
)


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return load_actor_lexicon()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(data_dir_default() / "actors", tmp_path / "actors")
    return tmp_path


def _append(path: Path, line: str) -> int:
    """Append a row; return its 1-based line number."""
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


def _forms(lex: ActorLexicon, form: str) -> list[ActorForm]:
    return [f for f in lex.forms if f.form == form]


def test_actor_lexicon_shipped_files_validate() -> None:
    assert validate_actor_files() == []


def test_actor_lexicon_broken_copy_names_file_and_line(data_copy: Path) -> None:
    actors = data_copy / "actors"
    bad_iso = _append(actors / "countries.tsv", "XYZ\ten\tname\tNowhere Land\t\t")
    short = _append(actors / "orgs.tsv", "un\t\tUN\tIGO\ten")
    dup_id = _append(actors / "people.tsv", "john-kerry\tJohn Forbes Kerry\tجون فوربس كيري\t")
    overlap = _append(
        actors / "tenures.tsv",
        "john-kerry\tUSA\t\tGOV\tSecretary of State\tوزير الخارجية\t2015-01-01\t2015-12-31",
    )
    unknown = _append(actors / "tenures.tsv", "no-such-person\tUSA\t\tGOV\tX\tX\t\t")
    bad_date = _append(actors / "tenures.tsv", "john-kerry\tUSA\t\tGOV\tY\tY\t2015-13-01\t")
    problems = validate_actor_files(data_copy)
    expected = [
        f"countries.tsv:{bad_iso}: unknown ISO3",
        f"orgs.tsv:{short}: 5 columns",
        f"people.tsv:{dup_id}: duplicate person id",
        f"tenures.tsv:{overlap}: overlaps",
        f"tenures.tsv:{unknown}: tenure for unknown person",
        f"tenures.tsv:{bad_date}: bad date",
    ]
    for prefix in expected:
        assert any(p.startswith(prefix) for p in problems), (prefix, problems)
    with pytest.raises(ValueError, match="unknown ISO3"):
        load_actor_lexicon(data_copy)


def test_actor_lexicon_rejects_inconsistent_org_and_role_ids(data_copy: Path) -> None:
    actors = data_copy / "actors"
    org = _append(actors / "orgs.tsv", "un\tUSA\t\tGOV\ten\tUnited Nations Organisation\t")
    role = _append(actors / "roles.tsv", "minister\ten\tcabinet minister\tMIL\tperson\tMinister")
    dup_form = _append(actors / "roles.tsv", "minister\ten\tMinister\tGOV\tperson\tMinister")
    problems = validate_actor_files(data_copy)
    assert any(p.startswith(f"orgs.tsv:{org}: id 'un' has other") for p in problems)
    assert any(p.startswith(f"roles.tsv:{role}: id 'minister' has other") for p in problems)
    assert any(p.startswith(f"roles.tsv:{dup_form}: duplicate form") for p in problems)


def test_actor_lexicon_role_org_column_is_optional_and_checked(data_copy: Path) -> None:
    roles = data_copy / "actors" / "roles.tsv"
    unknown = _append(roles, "un-mediator\ten\tUN mediator\tIGO\tperson\tUN Mediator\tUNO")
    short = _append(roles, "mediator\ten\tmediator\tGOV\tperson")
    long = _append(roles, "mediator\ten\tmediators\tGOV\tperson\tMediator\t\t")
    other = _append(roles, "un-envoy\ten\tUN peace envoy\tIGO\tperson\tUN Envoy\tEU")
    problems = validate_actor_files(data_copy)
    assert any(p.startswith(f"roles.tsv:{unknown}: unknown org code 'UNO'") for p in problems)
    assert any(p.startswith(f"roles.tsv:{short}: 5 columns, expected 6 to 7") for p in problems)
    assert any(p.startswith(f"roles.tsv:{long}: 8 columns") for p in problems)
    assert any(p.startswith(f"roles.tsv:{other}: id 'un-envoy' has other") for p in problems)


def test_actor_lexicon_un_envoy_title_is_un(lex: ActorLexicon) -> None:
    assert lex.roles["un-envoy"].org == "UN"
    assert lex.roles["envoy"].org is None
    (form,) = [f for f in _forms(lex, "المبعوث الأممي") if f.kind == "role"]
    assert (form.org, form.sector, form.country) == ("UN", "IGO", None)


def test_actor_lexicon_kerry_tenures(lex: ActorLexicon) -> None:
    kerry = lex.people["john-kerry"]
    t = kerry.at(dt.date(2016, 3, 24))
    assert t is not None
    assert (t.country, t.sector, t.role_en) == ("USA", "GOV", "Secretary of State")
    before = kerry.at(dt.date(2010, 1, 1))
    assert before is not None
    assert before.role_en != "Secretary of State"
    assert (before.country, before.sector) == ("USA", "LEG")


def test_actor_lexicon_putin_prime_minister_then_president(lex: ActorLexicon) -> None:
    putin = lex.people["vladimir-putin"]
    pm, pres, now = putin.at(dt.date(2010, 1, 1)), putin.at(dt.date(2016, 3, 24)), putin.at(None)
    assert pm is not None and pm.role_en == "Prime Minister" and pm.country == "RUS"
    assert pres is not None and pres.role_en == "President"
    assert now is not None and now.role_en == "President"


def test_actor_lexicon_default_tenure_when_none_applies(lex: ActorLexicon) -> None:
    # Haniyeh between his premiership and his politburo chairmanship: the undated row.
    t = lex.people["ismail-haniyeh"].at(dt.date(2015, 6, 1))
    assert t is not None and t.start is None and (t.org, t.sector) == ("HAMAS", "REB")


def test_actor_lexicon_de_mistura_is_un_envoy_in_2016(lex: ActorLexicon) -> None:
    t = lex.people["staffan-de-mistura"].at(dt.date(2016, 3, 24))
    assert t is not None
    assert (t.country, t.org, t.sector) == (None, "UN", "IGO")
    assert any(f.ref == "person:staffan-de-mistura" for f in _forms(lex, "دي ميستورا"))


def test_actor_lexicon_lavrov_arabic_form(lex: ActorLexicon) -> None:
    (form,) = [f for f in _forms(lex, "لافروف") if f.kind == "person"]
    assert form.ref == "person:sergey-lavrov" and form.country == "RUS"


def test_actor_lexicon_daesh_is_isil_rebels(lex: ActorLexicon) -> None:
    (form,) = _forms(lex, "داعش")
    assert (form.kind, form.org, form.sector, form.country) == ("org", "ISIL", "REB", None)
    assert lex.orgs["isil"].name_en == "Islamic State"


def test_actor_lexicon_kremlin_is_russian_government_seat(lex: ActorLexicon) -> None:
    (form,) = _forms(lex, "الكرملين")
    assert (form.kind, form.country, form.sector) == ("seat", "RUS", "GOV")
    pentagon = [f for f in _forms(lex, "Pentagon") if f.kind == "seat"]
    assert [(f.country, f.sector) for f in pentagon] == [("USA", "MIL")]


def test_actor_lexicon_syrian_adjective_in_every_number(lex: ActorLexicon) -> None:
    for form in ("سوري", "سورية", "سوريان", "سوريين", "سوريون"):
        assert any(f.country == "SYR" for f in _forms(lex, form)), form
    assert lex.country_names["SYR"] == ("Syria", "سوريا")


def test_actor_lexicon_case_and_risk_flags(lex: ActorLexicon) -> None:
    (us,) = [f for f in _forms(lex, "US") if f.kind == "country"]
    assert us.case_sensitive and us.country == "USA"
    (syria,) = [f for f in _forms(lex, "Syria") if f.kind == "country"]
    assert not syria.case_sensitive
    (mali,) = [f for f in _forms(lex, "مالي") if f.kind == "country"]
    assert mali.risky
    assert not any(f.kind == "adj" for f in _forms(lex, "عربي"))


def test_actor_lexicon_roles_give_sectors(lex: ActorLexicon) -> None:
    def sector(form: str) -> str | None:
        (f,) = [f for f in _forms(lex, form) if f.kind == "role"]
        return f.sector

    assert sector("وفد") == "GOV"
    assert sector("مسلحون") == "REB"
    assert sector("نشطاء") == "CVL"
    assert sector("صحفيون") == "MED"
    assert sector("protesters") == "CVL"
    assert lex.roles["foreign-minister"].role == "Foreign Minister"


def test_actor_lexicon_nationality_out_of_office(lex: ActorLexicon) -> None:
    trump = lex.people["donald-trump"]
    t = trump.at(dt.date(2016, 5, 1))
    assert t is not None and (t.country, t.sector) == ("USA", "PTY")
    # between terms (2022) no tenure applies, yet he is still American
    assert trump.at(dt.date(2022, 1, 1)) is None
    assert trump.nationality(dt.date(2022, 1, 1)) == "USA"
    assert lex.people["hosni-mubarak"].nationality(dt.date(2015, 1, 1)) == "EGY"


def test_actor_lexicon_given_names_are_single_folded_words() -> None:
    from hadath.stages.names import given_names

    names = given_names()
    assert {"محمد", "علي", "نيكولا"} <= names
    assert all(" " not in n and n for n in names)
    # words that are common nouns or pronouns as well stay out
    assert not {"انا", "باسم", "امل"} & names


def test_actor_lexicon_foreign_ministers_fill_the_gaps(lex: ActorLexicon) -> None:
    def fm(pid: str, day: dt.date) -> tuple[str | None, str | None]:
        t = lex.people[pid].at(day)
        assert t is not None and t.role_en == "Foreign Minister", pid
        return t.country, t.sector

    assert fm("abdelkader-messahel", dt.date(2018, 1, 1)) == ("DZA", "GOV")
    assert fm("ibrahim-ghandour", dt.date(2016, 6, 1)) == ("SDN", "GOV")
    assert fm("najla-mangoush", dt.date(2022, 6, 1)) == ("LBY", "GOV")
    assert fm("saadeddine-othmani", dt.date(2013, 1, 1)) == ("MAR", "GOV")
    assert any(f.ref == "person:taieb-baccouche" for f in _forms(lex, "الطيب البكوش"))


def test_actor_lexicon_heads_of_government_and_defence_ministers(lex: ActorLexicon) -> None:
    def office(pid: str, day: dt.date) -> tuple[str | None, str | None, str | None]:
        t = lex.people[pid].at(day)
        assert t is not None, (pid, day)
        return t.country, t.sector, t.role_en

    assert office("ahmed-ouyahia", dt.date(2010, 1, 1)) == ("DZA", "GOV", "Prime Minister")
    assert lex.people["ahmed-ouyahia"].at(dt.date(2014, 1, 1)) is None  # between his terms
    assert office("elias-murr", dt.date(2008, 1, 1)) == ("LBN", "GOV", "Defence Minister")
    assert office("saddam-hussein", dt.date(2000, 1, 1)) == ("IRQ", "GOV", "President")
    assert office("horst-kohler", dt.date(2018, 1, 1))[2] == "Personal Envoy for Western Sahara"
    assert office("horst-kohler", dt.date(2008, 1, 1)) == ("DEU", "GOV", "President")
    assert lex.people["horst-kohler"].nationality(dt.date(2018, 1, 1)) == "DEU"
    t = lex.people["qasim-al-raymi"].at(dt.date(2017, 1, 1))
    assert t is not None and (t.country, t.org, t.sector) == (None, "AQAP", "REB")
    assert any(f.ref == "person:ahmed-ouyahia" for f in _forms(lex, "أويحيى"))


def test_actor_lexicon_tenure_roles_without_stray_spaces(data_copy: Path) -> None:
    tenures = data_copy / "actors" / "tenures.tsv"
    bad = _append(tenures, "john-kerry\tUSA\t\tGOV\tEnvoy \tمبعوث\t2021-01-20\t2021-02-01")
    problems = validate_actor_files(data_copy)
    assert any(p.startswith(f"tenures.tsv:{bad}: stray spaces in role_en") for p in problems)
