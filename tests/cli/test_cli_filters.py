"""Every filter of the command line is checked as the web checks it: bad values are exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

import hadath
from hadath.cli import main
from hadath.errors import InputError
from hadath.store import Store

HUGE = str(2**63)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "empty.db"
    Store(path).close()
    return str(path)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--since", "garbage"], "--since: must be a date YYYY, YYYY-MM or YYYY-MM-DD"),
        (["--until", "2016-02-30"], "--until: names no real date: '2016-02-30'"),
        (["--type", "FOO"], "--type: must be among AGREE, CONSULT"),
        (["--status", "maybe"], "--status: must be among occurred, planned"),
        (["--sector", "XYZ"], "--sector: must be among"),
        (["--source-sector", "gov,nope"], "--source-sector: must be among"),
        (["--source", "U S"], "--source: must be a country code (USA) or an org code (UN)"),
        (["--min-confidence", "2"], "--min-confidence: must be a number from 0 to 1"),
        (["--min-confidence", "nan"], "--min-confidence: must be a number from 0 to 1"),
        (["--limit", "-1"], "--limit: must be between 1 and"),
        (["--limit", HUGE], "--limit: must be between 1 and"),
        (["--offset", HUGE], "--offset: must be between 0 and"),
        (["--offset", "-5"], "--offset: must be between 0 and"),
        (["--text", "x" * 300], "--text: is longer than 200 characters"),
        (["--dyad", "USA"], "--dyad: must be two codes A,B"),
        (["--sort", "loud"], ""),  # argparse's own choices check, also exit 2
    ],
)
def test_cli_events_bad_filter_is_usage_error(
    db: str, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if not message:
        with pytest.raises(SystemExit) as exc:
            main(["events", "--db", db, *argv])
        assert exc.value.code == 2 and "--sort" in capsys.readouterr().err
        return
    assert main(["events", "--db", db, *argv]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("hadath: " + message)
    assert captured.out == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["export", "--format", "csv", "--since", "garbage"],
        ["export", "--format", "cameo", "--type", "FOO"],
        ["events", "--series", "month", "--status", "maybe"],
        ["search", "word", "--limit", "-1"],
        ["search", "word", "--offset", HUGE],
    ],
)
def test_cli_other_commands_check_filters(
    db: str, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([argv[0], "--db", db, *argv[1:]]) == 2
    assert capsys.readouterr().err.startswith("hadath: --")


def test_cli_ingest_checks_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "a.txt"
    page.write_text("The minister met his counterpart.\n", encoding="utf-8")
    assert main(["ingest", str(page), "--db", str(tmp_path / "s.db"), "--batch", "0"]) == 2
    assert capsys.readouterr().err.startswith("hadath: --batch: must be between 1 and")


def test_cli_confidence_default_from_environment(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HADATH_MIN_CONFIDENCE", "very")
    assert main(["events", "--db", db]) == 2
    assert capsys.readouterr().err.startswith("hadath: HADATH_MIN_CONFIDENCE: must be a number")
    # an explicit value wins over a broken default
    assert main(["events", "--db", db, "--min-confidence", "0.5"]) == 0


def test_cli_good_filters_still_pass(db: str) -> None:
    argv = ["--since", "2016-03", "--until", "2016", "--type", "consult,agree"]
    argv += ["--status", "Occurred", "--source", "usa", "--min-confidence", "0.3"]
    assert main(["events", "--db", db, *argv, "--limit", "5", "--offset", "0"]) == 0


@pytest.mark.parametrize("name", ["typo.txt", "news/page.html", "./missing", "/no/such/file.jsonl"])
def test_read_path_looking_string_naming_no_file_is_an_error(name: str) -> None:
    with pytest.raises(InputError, match="no such file"):
        hadath.read(name)


def test_read_existing_file_and_plain_words_still_read(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("The American minister met the Russian minister in Moscow.\n", "utf-8")
    assert hadath.read(str(page))["source"]["path"] == str(page)
    record = hadath.read("The minister met his counterpart in Moscow on Thursday.")
    assert record["text"].startswith("The minister met")
