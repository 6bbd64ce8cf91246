"""What a new user meets first: python -m hadath, a LICENSE, and eval without a shared folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import hadath.eval
from hadath.cli import main
from hadath.eval.cameo_class import TSV

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "hadath" / "samples" / "en_assault.txt"


def test_release_python_m_hadath_runs_the_command() -> None:
    version = subprocess.run(
        [sys.executable, "-m", "hadath", "--version"], capture_output=True, text=True, timeout=120
    )
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("hadath ")
    read = subprocess.run(
        [sys.executable, "-m", "hadath", "read", str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert read.returncode == 0, read.stderr
    record = json.loads(read.stdout)
    assert record["text"].strip() and record["events"]


def test_release_license_file_matches_the_declared_licence() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    declared = next(
        line.split("=")[1].strip().strip('"')
        for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines()
        if line.startswith("license =")
    )
    assert declared == "MIT"
    assert text.startswith("MIT License") and "WITHOUT WARRANTY" in text


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """As in an installed package: no $HADATH_SHARED, no ../shared beside cwd or the code."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.delenv("HADATH_SHARED", raising=False)
    monkeypatch.chdir(work)
    monkeypatch.setattr(hadath.eval, "SOURCE_ROOT", tmp_path / "site-packages")
    return work


@pytest.mark.usefixtures("nowhere")
def test_release_eval_without_shared_asks_for_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert hadath.eval.find_shared() is None
    assert main(["eval", "--only", "cameo"]) == 2
    err = capsys.readouterr().err
    assert "no shared folder found" in err and "--shared DIR" in err


def _tiny_shared(root: Path) -> Path:
    tsv = root / TSV
    tsv.parent.mkdir(parents=True)
    tsv.write_text(
        "The army shelled the northern villages overnight.\t4\n"
        "The two ministers signed a trade agreement.\t1\n",
        encoding="utf-8",
    )
    return root


def test_release_eval_shared_option_and_env(
    nowhere: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = _tiny_shared(nowhere.parent / "mine")
    assert main(["eval", "--shared", str(shared), "--only", "cameo", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["sentences_en"]["all"]["sentences"] == 2

    monkeypatch.setenv("HADATH_SHARED", str(shared))
    assert main(["eval", "--only", "cameo", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sentences_en"]["all"]["sentences"] == 2

    monkeypatch.setenv("HADATH_SHARED", str(nowhere / "missing"))
    assert main(["eval", "--only", "cameo"]) == 3
    err = capsys.readouterr().err
    assert "missing" in err and "HADATH_SHARED" in err
