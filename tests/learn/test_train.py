"""`hadath train`: deterministic weights, loadable by the pipeline, from stand-off annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hadath.api import process
from hadath.cli import main
from hadath.context import Context
from hadath.learn.train import Example, fit
from hadath.model import to_record
from hadath.readers import from_text
from hadath.train.annotations import text_sha1
from hadath.train.docs import all_refs, load
from hadath.train.split import split_of

pytest.importorskip("sklearn")


def _as_annotation(ref: str, record: dict[str, Any]) -> dict[str, object]:
    """The rules' own output written as a stand-off annotation (a fixture that copies no text),
    less every event of every third key (type, source, target) and every third quote, so that
    the filters see keys and quotes to drop (dropping every third event alone can leave each
    key another statement, and the key filter no key to drop)."""

    def part(p: dict[str, int | str | None] | None) -> dict[str, object] | None:
        if p is None:
            return None
        code = f"{p['country'] or p['org'] or '?'}/{p['sector'] or '?'}"
        return {"span": [p["start"], p["end"]], "code": code}

    def key(e: dict[str, Any]) -> tuple[object, ...]:
        return (e["type"], *(p and (p["country"] or p["org"]) for p in (e["source"], e["target"])))

    keys = list(dict.fromkeys(key(e) for e in record["events"]))
    events = [
        {"type": e["type"], "status": e["status"], "optional": False,
         "trigger": [e["trigger"]["start"], e["trigger"]["end"]],
         "source": part(e["source"]), "target": part(e["target"])}
        for e in record["events"]
        if keys.index(key(e)) % 3 != 2
    ]  # fmt: skip
    quotes = [
        {"kind": q["kind"], "optional": False, "content": [q["start"], q["end"]],
         "cue": q["cue"] and [q["cue"]["start"], q["cue"]["end"]], "speaker": part(q["speaker"])}
        for i, q in enumerate(record["quotes"])
        if q["end"] > q["start"] and i % 3 != 2
    ]  # fmt: skip
    return {"doc": ref, "annotator": "rules", "sha1": text_sha1(str(record["text"])),
            "events": events, "quotes": quotes}  # fmt: skip


@pytest.fixture(scope="module")
def annotations(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("annotations")
    ctx = Context(learned=False)
    refs = [r for r in all_refs(shared, "pool") if split_of(r) in {"train", "dev"}][:20]
    lines = []
    for ref in refs:
        src = load(shared, ref)
        record = to_record(process(from_text(src.text, id=ref, fmt="jsonl"), ctx))
        lines.append(json.dumps(_as_annotation(ref, record), ensure_ascii=False))
    (folder / "rules.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_train_fit_is_deterministic() -> None:
    rows = [Example(["a", "b"], 1), Example(["a", "c"], 0), Example(["b", "c"], 1)] * 5
    assert fit("m", rows).weights == fit("m", rows).weights


def test_train_writes_the_same_weights_twice(
    shared: Path, annotations: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        args = ["train", "--shared", str(shared), "--annotations", str(annotations), "--no-tune"]
        assert main([*args, "--out", str(out), "--date", "2026-01-01"]) == 0
    report = json.loads(capsys.readouterr().out.split("\n}\n")[0] + "\n}")
    assert report["sizes"]["train_documents"] + report["sizes"].get("dev_documents", 0) == 20
    for name in ("eventness", "source", "target", "speaker", "keys", "quotes"):
        one, two = ((o / f"{name}.json").read_bytes() for o in outs)
        assert one == two, name
        card = json.loads(one)["card"]
        assert card["trained"] == "2026-01-01" and card["features"] > 0
    # the pipeline reads with them: every event it keeps is at least as likely as the threshold
    ctx = Context(models_dir=outs[0])
    models = ctx.models()
    assert models is not None
    src = load(shared, all_refs(shared, "pool")[0])
    record = to_record(process(from_text(src.text, id="x", fmt="jsonl"), ctx))
    assert all(e["confidence"] >= models.eventness.threshold - 1e-3 for e in record["events"])
    assert models.keys is not None and models.quotes is not None


def test_train_refuses_a_missing_annotations_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["train", "--annotations", str(tmp_path / "none")]) == 3
    assert "no such annotations folder" in capsys.readouterr().err
