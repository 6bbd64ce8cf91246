"""Stand-off annotations: the validator names file:line, spans are checked against the document,
and the committed annotations all validate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.train.annotations import (
    AnnotationError,
    load_all,
    main,
    parse,
    read_file,
    text_sha1,
    to_gold,
    validate,
)
from hadath.train.docs import load

ROOT = Path(__file__).resolve().parents[2]
REF = "pool:BB-middleEast-1068-20181007"


def _record(**over: object) -> dict[str, object]:
    rec: dict[str, object] = {
        "doc": REF,
        "annotator": "t1",
        "events": [
            {
                "type": "CONSULT",
                "status": "occurred",
                "optional": False,
                "trigger": [10, 14],
                "source": {"span": [0, 5], "code": "USA/GOV"},
                "target": {"span": None, "code": "RUS/GOV"},
            }
        ],
        "quotes": [
            {
                "kind": "indirect",
                "optional": False,
                "content": [20, 40],
                "cue": [15, 18],
                "speaker": {"span": [0, 5], "code": "USA/GOV"},
            }
        ],
    }
    rec.update(over)
    return rec


def test_annotations_parse_reads_spans_and_codes() -> None:
    ann = parse(_record(), 100, "x:1")
    assert ann.events[0].trigger == (10, 14)
    assert ann.events[0].target is not None and ann.events[0].target.span is None
    assert ann.quotes[0].speaker is not None and ann.quotes[0].speaker.country_or_org == "USA"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"events": [{"type": "PARTY", "status": "occurred", "trigger": [1, 2]}]}, "PLOVER"),
        ({"events": [{"type": "AID", "status": "maybe", "trigger": [1, 2]}]}, "status"),
        ({"events": [{"type": "AID", "status": "occurred", "trigger": [5, 500]}]}, "outside"),
        ({"events": [{"type": "AID", "status": "occurred", "trigger": [5, 2]}]}, "outside"),
        (
            {
                "events": [
                    {
                        "type": "AID",
                        "status": "occurred",
                        "trigger": [1, 2],
                        "source": {"span": None, "code": "USA"},
                    }
                ]
            },
            "actor code",
        ),
        ({"text": "copied words"}, "unknown keys"),
        ({"quotes": [{"kind": "said", "content": [1, 2]}]}, "direct or indirect"),
    ],
)
def test_annotations_parse_refuses_bad_records(change: dict[str, object], message: str) -> None:
    with pytest.raises(AnnotationError, match=message):
        parse(_record(**change), 100, "x:1")


def test_annotations_validator_names_file_and_line(shared: Path, tmp_path: Path) -> None:
    n = len(load(shared, REF).text)
    good = _record(sha1=text_sha1(load(shared, REF).text))
    bad = _record(events=[{"type": "AID", "status": "occurred", "trigger": [n, n + 5]}])
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    problems = validate([path], shared)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:2: events[0].trigger")


def test_annotations_validator_notices_a_changed_document(shared: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(_record(sha1="0" * 40)) + "\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"a\.jsonl:1: the document's text changed"):
        list(read_file(path, shared))


def test_annotations_validator_refuses_an_unknown_document(shared: Path, tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(_record(doc="pool:no-such-id")) + "\n", encoding="utf-8")
    assert "no such document" in validate([path], shared)[0]


def test_annotations_to_gold_takes_evidence_and_quote_from_the_spans(shared: Path) -> None:
    text = load(shared, REF).text
    gold = to_gold(parse(_record(), len(text), "x:1"), text)
    assert gold["events"][0]["evidence"] == text[10:14]
    assert gold["events"][0]["source"] == "USA/GOV"
    assert gold["quotes"][0]["text"] == text[20:40]


def test_annotations_committed_files_all_validate(shared: Path) -> None:
    root = ROOT / "annotations"
    files = sorted(root.rglob("*.jsonl"))
    assert validate(files, shared) == []
    # and they hold ids, offsets and labels only: no key that could carry article text
    for ann in load_all(root, shared):
        assert ann.sha1, f"{ann.where}: no sha1 of the document text"


def test_annotations_command_exits_one_and_names_the_problem(
    shared: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HADATH_SHARED", str(shared))
    (tmp_path / "a.jsonl").write_text(json.dumps(_record(doc="pool:no-such-id")) + "\n", "utf-8")
    assert main([str(tmp_path)]) == 1
    assert "a.jsonl:1" in capsys.readouterr().out
    assert main([str(tmp_path / "missing")]) == 2
