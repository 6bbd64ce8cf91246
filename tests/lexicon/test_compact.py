"""The prebuilt lexicons of hadath/data/compact: current, equal to the files, never read stale."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from hadath.lexicon import actors, compact, places, triggers
from hadath.lexicon.actors import data_dir_default
from hadath.text.match import build_automaton, words_digest
from hadath.text.normalize import normalize

HOW = f"run `{compact.COMMAND}` after changing a lexicon file, and commit hadath/data/compact"


@pytest.mark.parametrize("part", compact.PARTS)
def test_compact_shipped_file_is_current(part: str) -> None:
    reason = compact.stale(part)
    assert reason is None, f"{reason}: {HOW}"


def test_compact_loaders_give_what_the_files_say() -> None:
    assert compact.gazetteer() is not None, HOW
    assert places.load_gazetteer() == places._parse(None)[0]
    assert actors.load_actor_lexicon() == actors._parse(None)[0]
    events = data_dir_default() / "events"
    for lang in triggers.LANGS:
        assert triggers.load_triggers(lang) == triggers.load_triggers(lang, events)
        assert triggers.load_cues(lang) == triggers.load_cues(lang, events)


def _copy(tmp_path: Path, part: str) -> Path:
    shutil.copytree(data_dir_default() / part, tmp_path / part)
    (tmp_path / "compact").mkdir()
    name = f"{part}.pickle"
    shutil.copy(compact.compact_dir() / name, tmp_path / "compact" / name)
    return tmp_path


def test_compact_file_not_used_once_a_source_changes(tmp_path: Path) -> None:
    data = _copy(tmp_path, "actors")
    assert compact._read("actors", data) is not None
    roles = data / "actors" / "roles.tsv"
    roles.write_text(roles.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert compact._read("actors", data) is None
    assert compact.stale("actors", data) is not None
    compact.write(["actors"], data)
    assert compact.stale("actors", data) is None


def test_compact_file_naming_a_class_is_refused(tmp_path: Path) -> None:
    data = _copy(tmp_path, "actors")
    built = compact.build("actors", data)
    built["body"]["forms"] = [Path("x")]  # a pickled object of a class
    (data / "compact" / "actors.pickle").write_bytes(pickle.dumps(built))
    assert compact._read("actors", data) is None


def test_compact_check_command_passes_when_current(capsys: pytest.CaptureFixture[str]) -> None:
    assert compact.main(["--check"]) == 0
    assert capsys.readouterr().err == ""


def test_compact_shipped_automaton_is_current_and_matches_as_built() -> None:
    reason = compact.stale_automaton()
    assert reason is None, f"{reason}: {HOW}"
    words = compact.shared_words()
    shipped = compact.automaton(words_digest(words))
    assert shipped is not None
    built = build_automaton(words)
    text = "قال وزير الخارجية الروسي سيرغي لافروف في موسكو إن واشنطن The UN envoy met in Geneva"
    assert list(shipped.iter(normalize(text).norm)) == list(built.iter(normalize(text).norm))
    assert len(shipped) == len(words)


def test_compact_automaton_of_other_words_is_not_used() -> None:
    words = compact.shared_words()
    assert compact.automaton(words_digest([*words, "كلمة جديدة"])) is None
    assert compact.automaton(words_digest(words[1:])) is None
