"""The trigger lexicon and cue lists: shipped data is valid, broken data is named."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import pytest

from hadath.lexicon.triggers import (
    PLOVER_TYPES,
    load_cues,
    load_triggers,
    validate_trigger_files,
)
from hadath.text.normalize import fold_form

DATA_FILES = ("ar.toml", "en.toml", "cues.toml", "cameo_codes.tsv", "plover_modes.tsv")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    src = files("hadath") / "data" / "events"
    for name in DATA_FILES:
        (tmp_path / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


GOOD_ENTRY = """
[[trigger]]
id = "ar.consult.extra"
type = "CONSULT"
cameo = "040"
forms = ["تلاقى"]
[[trigger.example]]
text = "تلاقى وزير الخارجية الليبي ونظيره التونسي في جربة."
source = "LBY"
target = "TUN"
status = "occurred"
"""


def test_triggers_shipped_files_validate_clean() -> None:
    warnings: list[str] = []
    assert validate_trigger_files(warnings=warnings) == []
    assert warnings == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_triggers_cover_all_sixteen_types(lang: str) -> None:
    types = {t.type for t in load_triggers(lang)}
    assert types == PLOVER_TYPES


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_triggers_forms_survive_folding(lang: str) -> None:
    for t in load_triggers(lang):
        assert t.forms, t.id
        for form in t.forms:
            assert fold_form(form), (t.id, form)
        assert t.examples, t.id
        assert all(e.text.strip() for e in t.examples + t.counters), t.id


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_triggers_ids_name_language_and_type(lang: str) -> None:
    for t in load_triggers(lang):
        assert t.lang == lang
        assert t.id.startswith(f"{lang}.{t.type.lower()}."), t.id
        assert 0 <= t.confidence <= 1


def test_triggers_good_extra_entry_is_accepted(data_copy: Path) -> None:
    _append(data_copy / "ar.toml", GOOD_ENTRY)
    assert validate_trigger_files(data_copy) == []
    ids = [t.id for t in load_triggers("ar", data_copy)]
    assert "ar.consult.extra" in ids


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (GOOD_ENTRY + GOOD_ENTRY.replace("تلاقى", "تلاقت"), "duplicate id"),
        (GOOD_ENTRY.replace('type = "CONSULT"', 'type = "GOSSIP"'), "unknown PLOVER type"),
        (GOOD_ENTRY.replace('cameo = "040"', 'cameo = "040"\ncolour = "red"'), "unknown keys"),
        (GOOD_ENTRY.split("[[trigger.example]]")[0], "no [[trigger.example]]"),
        (GOOD_ENTRY.replace('cameo = "040"', 'cameo = "999"'), "not in the CAMEO codebook"),
        (GOOD_ENTRY.replace('cameo = "040"', 'cameo = "190"'), "maps to ASSAULT"),
        (GOOD_ENTRY.replace('cameo = "040"', 'cameo = "040"\nmode = "riot"'), "unknown mode"),
        (GOOD_ENTRY.replace('["تلاقى"]', "[]"), "forms must be a non-empty"),
        (GOOD_ENTRY.replace('["تلاقى"]', '["التقى"]'), "already listed"),
        (GOOD_ENTRY.replace('["تلاقى"]', '["\u064e"]'), "empty after normalisation"),
    ],
)
def test_triggers_broken_entry_is_rejected_by_name(data_copy: Path, edit: str, needle: str) -> None:
    _append(data_copy / "ar.toml", edit)
    problems = validate_trigger_files(data_copy)
    assert any("ar.consult.extra" in p and needle in p for p in problems), problems
    with pytest.raises(ValueError, match=r"ar\.consult\.extra"):
        load_triggers("ar", data_copy)


def test_triggers_ambiguous_cameo_mapping_only_warns(data_copy: Path) -> None:
    # 08 maps to both CONCEDE and RETREAT: a third type is worth a look, not an error
    _append(data_copy / "ar.toml", GOOD_ENTRY.replace('cameo = "040"', 'cameo = "08"'))
    warnings: list[str] = []
    assert validate_trigger_files(data_copy, warnings=warnings) == []
    assert any("ar.consult.extra" in w and "CAMEO 08" in w for w in warnings)


def test_triggers_problem_names_file_and_line(data_copy: Path) -> None:
    _append(data_copy / "ar.toml", GOOD_ENTRY.replace('type = "CONSULT"', 'type = "GOSSIP"'))
    problems = validate_trigger_files(data_copy)
    assert any(p.startswith("ar.toml:ar.consult.extra (line ") for p in problems), problems


def test_cues_broken_list_is_rejected(data_copy: Path) -> None:
    _append(data_copy / "cues.toml", '[fr]\nfuture = ["demain"]\n')
    assert any("unknown language table 'fr'" in p for p in validate_trigger_files(data_copy))
    with pytest.raises(ValueError):
        load_cues("ar", data_copy)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_cues_hold_the_status_and_background_classes(lang: str) -> None:
    cues = load_cues(lang)
    for key in (
        "future",
        "expected",
        "negation",
        "hypothetical",
        "question",
        "history",
        "background",
        "nonpolitical",
        "speech",
    ):
        assert cues[key], key


def test_cues_arabic_hypothetical_leaves_out_that() -> None:
    # folded, إن is أن ("that"), which follows every reporting verb
    folded = {fold_form(w) for w in load_cues("ar")["hypothetical"]}
    assert "ان" not in folded


def test_triggers_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError):
        load_triggers("fr")


def test_triggers_cameo_table_carries_every_code_used(tmp_path: Path) -> None:
    src = Path(str(files("hadath") / "data" / "events"))
    shutil.copy(src / "cameo_codes.tsv", tmp_path / "cameo_codes.tsv")
    codes = {
        line.split("\t")[0]
        for line in (tmp_path / "cameo_codes.tsv").read_text(encoding="utf-8").splitlines()[1:]
    }
    used = {t.cameo for lang in ("ar", "en") for t in load_triggers(lang) if t.cameo}
    assert used <= codes


MINED = """
[[trigger]]
id = "ar.consult.mined"
type = "CONSULT"
candidate = true
forms = ["تلاقى"]
"""


def test_triggers_mined_file_loads_candidates_without_examples(data_copy: Path) -> None:
    (data_copy / "ar.mined.toml").write_text(MINED, encoding="utf-8")
    assert validate_trigger_files(data_copy) == []
    mined = [t for t in load_triggers("ar", data_copy) if t.id == "ar.consult.mined"]
    assert len(mined) == 1 and mined[0].candidate and mined[0].examples == ()


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (MINED.replace("candidate = true\n", ""), "must be a candidate"),
        (MINED.replace("تلاقى", "التقى"), "already listed for CONSULT"),
        (MINED.replace("ar.consult.mined", "ar.consult.meet"), "duplicate id"),
    ],
)
def test_triggers_mined_file_problems_are_named(data_copy: Path, text: str, needle: str) -> None:
    (data_copy / "ar.mined.toml").write_text(text, encoding="utf-8")
    problems = validate_trigger_files(data_copy)
    assert any("ar.mined.toml" in p for p in problems), problems
    assert any(needle in p for p in problems), problems
