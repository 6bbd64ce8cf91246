"""Exports of hostile text (quote marks, tabs, CR/LF, RTL marks) read back row for row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from store_records import make_record

from hadath.context import Context
from hadath.store import Store, export
from hadath.store.export import CAMEO_COLUMNS

RLM, LRM = "\u200f", "\u200e"
# One long "sentence" (make_record cuts at ". " only) full of what breaks naive writers.
HOSTILE_TEXT = (
    'The "American" envoy met\tthe "Russian" envoy in Moscow,\r\nsaid "officials" '
    f'{RLM}مصادر «مطلعة»{RLM} "quoted"; a ""double"" mark\n\tand a \'single\' one {LRM}"'
    '. The "American" envoy said "we agreed\ton\nnothing" and left'
)


def hostile_record() -> dict[str, Any]:
    return make_record(
        "hostile",
        HOSTILE_TEXT,
        title='A "title"\twith\nbreaks',
        actors=[('"American" envoy', "USA", "GOV", None), ('"Russian" envoy', "RUS", "GOV", None)],
        events=[{"type": "CONSULT", "source": 0, "target": 1, "trigger": "met"}],
        quotes=[(0, "said", "we agreed\ton\nnothing")],
    )


@pytest.fixture
def hostile(target: str) -> Iterator[Store]:
    with Store(target) as store:
        store.add([hostile_record()])
        yield store


def _csv_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def _arrow_rows(path: Path, delimiter: str = ",") -> int:
    table = pacsv.read_csv(
        path,
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(strings_can_be_null=False),
    )
    return int(table.num_rows)


@pytest.mark.parametrize("what", ["events", "quotes", "actors", "documents"])
def test_export_csv_of_hostile_text_reads_back(hostile: Store, tmp_path: Path, what: str) -> None:
    out = tmp_path / f"{what}.csv"
    n = hostile.export("csv", out, what=what)
    rows = _csv_rows(out)
    assert len(rows) == n == _arrow_rows(out) > 0
    if what == "events":
        sentence = HOSTILE_TEXT[: HOSTILE_TEXT.index(". The") + 1]
        assert rows[0]["sentence_text"] == sentence  # byte for byte, CR, tabs and marks kept
    if what == "quotes":
        assert rows[0]["text"] == "we agreed\ton\nnothing"
    if what == "documents":
        assert rows[0]["title"] == 'A "title"\twith\nbreaks'


def test_export_cameo_of_hostile_text_reads_back(hostile: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    n = hostile.export("cameo", out)
    rows = _csv_rows(out, "\t")
    assert len(rows) == n == _arrow_rows(out, "\t") == 1
    assert list(rows[0]) == list(CAMEO_COLUMNS)
    assert rows[0]["SourceActorFull"] == "USAGOV" and rows[0]["DocumentID"] == "hostile"
    sentence = rows[0]["Sentence"]
    assert '"American" envoy met the' in sentence and RLM in sentence
    assert not {"\t", "\r", "\n"} & set(sentence)  # one physical line per event
    # every line of the file is one record: naive tab-splitting readers see the same columns
    lines = out.read_text(encoding="utf-8").split("\n")[:-1]
    assert len(lines) == n + 1 and {len(line.split("\t")) for line in lines} == {len(CAMEO_COLUMNS)}


@pytest.mark.parametrize("fmt", ["jsonl", "plover"])
def test_export_json_of_hostile_text_reads_back(hostile: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    n = hostile.export(fmt, out, what="events")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == n == 1


def test_export_parquet_of_hostile_text_reads_back(hostile: Store, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    n = hostile.export("parquet", out)
    table = pq.read_table(out)
    assert table.num_rows == n == 1
    assert "\r\n" in table.column("sentence_text")[0].as_py()


def test_export_of_a_read_page_round_trips(ctx: Context, tmp_path: Path, target: str) -> None:
    """A page through the whole pipeline, quote marks in every sentence, out in every format."""
    import hadath

    page = (
        'The "foreign minister" of the United States met the Russian foreign minister\t'
        'in Moscow on 24 March 2016, and said "the talks were useful".\n'
        f'{RLM}والتقى وزير الخارجية الأمريكي "جون كيري" نظيره الروسي "سيرغي لافروف" في موسكو.\n'
        'Russia\'s army shelled "rebel" positions near Aleppo on 25 March 2016, the'
        ' "observatory" said.\n'
    )
    with Store(target) as store:
        store.add([hadath.read(page, ctx=ctx)])
        assert len(store.events(limit=None)) >= 2
        for fmt, delimiter in (("csv", ","), ("cameo", "\t")):
            out = tmp_path / f"events.{fmt}"
            n = store.export(fmt, out)
            assert len(_csv_rows(out, delimiter)) == n == _arrow_rows(out, delimiter) > 0


def test_export_that_fails_leaves_no_partial_file(
    hostile: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "events.csv"
    out.write_text("an older export\n", encoding="utf-8")
    real = export.rows

    def breaks(*args: Any, **kwargs: Any) -> Any:
        yield from real(*args, **kwargs)
        raise OSError("disk full")

    monkeypatch.setattr(export, "rows", breaks)
    with pytest.raises(OSError, match="disk full"):
        hostile.export("csv", out)
    assert out.read_text(encoding="utf-8") == "an older export\n"
    assert [p.name for p in tmp_path.iterdir() if "events" in p.name] == ["events.csv"]
    with pytest.raises(OSError, match="disk full"):
        hostile.export("csv", tmp_path / "new.csv")
    assert not (tmp_path / "new.csv").exists()


def test_export_to_a_stream_is_unchanged(hostile: Store) -> None:
    buf = io.StringIO()
    assert hostile.export("csv", buf) == 1
    assert buf.getvalue().startswith("doc_id,event,")
