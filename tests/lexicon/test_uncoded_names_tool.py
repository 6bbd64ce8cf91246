"""tools/uncoded_names.py: names no lexicon entry codes, counted over a corpus we wrote."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from hadath.context import Context

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("uncoded_tool", ROOT / "tools" / "uncoded_names.py")
assert _spec and _spec.loader
tool = importlib.util.module_from_spec(_spec)
sys.modules["uncoded_tool"] = tool
_spec.loader.exec_module(tool)


def _corpus(tmp_path: Path) -> Path:
    rows = [
        {"id": "d1", "title": "خبر", "text": "قال وزير الخارجية النرويجي هانس بيرغ إن الحوار بدأ."},
        {"id": "d2", "title": "خبر", "text": "وأكد وزير الخارجية النرويجي هانس بيرغ أن الوفد وصل."},
        {"id": "d3", "title": "خبر", "text": "قال وزير الخارجية الأميركي جون كيري إن الحل قريب."},
    ]  # fmt: skip
    path = tmp_path / "pool.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_uncoded_names_counts_a_name_only_a_title_codes(tmp_path: Path) -> None:
    tables = tool.tally(_corpus(tmp_path), Context(learned=False), None, 1)
    berg = [t for t in tables["inferred"].values() if t.form == "هانس بيرغ"]
    assert len(berg) == 1
    assert (sorted(berg[0].docs), berg[0].codes.most_common(1)) == (["d1", "d2"], [("NOR/GOV", 2)])
    assert len(berg[0].contexts) == 1 and "[" in berg[0].contexts[0]
    # a person the lexicon knows is no uncoded name
    assert not any("كيري" in t.form for table in tables.values() for t in table.values())


def test_uncoded_names_ids_only_prints_no_text(tmp_path: Path) -> None:
    out = tmp_path / "out.tsv"
    assert tool.main([str(_corpus(tmp_path)), "--ids-only", "-o", str(out)]) == 0
    text = out.read_text("utf-8")
    assert "d1,d2" in text and "بيرغ" not in text


def test_uncoded_names_missing_corpus_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tool.main([str(tmp_path / "none.jsonl")]) == 2
    assert "no such corpus file" in capsys.readouterr().err


def test_uncoded_names_lists_a_nisba_after_a_title_left_without_country(tmp_path: Path) -> None:
    # (ids outside the test split, which the tool skips)
    rows = [
        {"id": "a1", "title": "خبر", "text": "اعتقلت الشرطة الزنجبارية عشرة أشخاص."},
        {"id": "a2", "title": "خبر", "text": "وأعلنت الحكومة الزنجبارية إغلاق المطار."},
        {"id": "a3", "title": "خبر", "text": "قال الرئيس الكيني إن الحوار بدأ."},
    ]  # fmt: skip
    path = tmp_path / "pool.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    tables = tool.tally(path, Context(learned=False), None, 1)
    listed = {t.form: t for t in tables["after-title"].values()}
    assert sorted(listed["الزنجبارية"].docs) == ["a1", "a2"]
    forms = set(listed)
    # a nationality the lexicon knows codes the title: nothing to list
    assert not any("كيني" in f for f in forms)


def test_uncoded_names_skips_documents_of_the_test_split(tmp_path: Path) -> None:
    from hadath.train.split import split_of

    ids = [f"t{k}" for k in range(40)]
    test_ids = [i for i in ids if split_of(f"pool:{i}") == "test"]
    kept_ids = [i for i in ids if split_of(f"pool:{i}") != "test"]
    assert test_ids and kept_ids
    text = "قال وزير الخارجية النرويجي هانس بيرغ إن الحوار بدأ."
    rows = [{"id": i, "title": "خبر", "text": text} for i in (test_ids[0], kept_ids[0])]
    path = tmp_path / "pool.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    tables = tool.tally(path, Context(learned=False), None, 0)
    docs = set().union(*(t.docs for table in tables.values() for t in table.values()))
    assert docs == {kept_ids[0]}
