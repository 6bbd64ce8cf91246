import codecs
import json
from pathlib import Path

import pytest

import hadath
from hadath.errors import InputError
from hadath.readers import iter_inputs

ARABIC = "التقى وزير الخارجية المصري نظيره الأردني في عمان.\r\nوبحث الجانبان الأزمة.\n"


def _one(path: Path) -> hadath.ReadResult:
    results = list(hadath.read_many([path]))
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize(
    "encoded",
    [
        ARABIC.encode("utf-8"),
        codecs.BOM_UTF8 + ARABIC.encode("utf-8"),
        ARABIC.encode("utf-16"),
        ARABIC.encode("windows-1256"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "windows-1256"],
)
def test_readers_decode_every_encoding_and_fold_line_endings(
    tmp_path: Path, encoded: bytes
) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(encoded)
    r = _one(p)
    assert r.record is not None
    assert r.record["text"] == ARABIC.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02\x03binary\x00" * 50, "binary"),
        (b"plain latin words \xc3\x28 and more latin words", "not valid UTF-8"),
    ],
)
def test_readers_refuse_bad_input_with_a_clear_error(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = _one(p)
    assert r.record is None and isinstance(r.error, InputError)
    assert str(p) in str(r.error) and problem in str(r.error)


def test_readers_refuse_a_file_over_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HADATH_MAX_BYTES", "1000")
    p = tmp_path / "huge.txt"
    p.write_bytes(("كلمة " * 1000).encode("utf-8"))
    r = _one(p)
    assert isinstance(r.error, InputError) and "limit" in str(r.error)


PAGE = "<html><body><h1>Title</h1><p>Iran condemned the attack on Monday.</p></body></html>"
BROKEN = "<html><body><h1>عنوان الخبر</h1><p>قال الوزير إن المحادثات ستستمر <b>غدا<p>ولم يعلق"


def test_readers_jsonl_reports_the_broken_line_and_keeps_the_others(tmp_path: Path) -> None:
    p = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "أدان وزير الخارجية الفرنسي الهجوم."}, ensure_ascii=False),
        '{"id": "b", "text": "broken',
        json.dumps(
            {
                "id": "c",
                "html": PAGE,
                "url": "http://x/y",
            }
        ),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(hadath.read_many([p]))
    assert [r.input for r in results] == [f"{p}:1", f"{p}:2", f"{p}:3"]
    assert results[0].record is not None and results[0].record["id"] == "a"
    assert results[1].error is not None and f"{p}:2" in str(results[1].error)
    assert results[2].record is not None and results[2].record["id"] == "c"
    assert results[2].record["source"]["url"] == "http://x/y"


def test_readers_malformed_html_still_reads(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        BROKEN,
        encoding="utf-8",
    )
    r = _one(p)
    assert r.record is not None
    assert r.record["title"] == "عنوان الخبر"


def test_readers_missing_path_is_an_error_not_a_crash() -> None:
    items = list(iter_inputs(["/nonexistent/file.txt"]))
    assert items[0].error is not None and "no such file" in str(items[0].error)
    # a name the system cannot even look up: reported with the reason, shortened
    items = list(iter_inputs(["x" * 300]))
    assert items[0].error is not None and "file name too long" in str(items[0].error)
    assert len(str(items[0].error)) < 200


def test_readers_a_long_one_line_text_is_text_not_a_path() -> None:
    # over the system's limit for a file name (255 bytes): read as text, not an OSError
    text = "The Egyptian foreign minister met his Jordanian counterpart in Amman. " * 5
    record = hadath.read(text.strip())
    assert any(e["type"] == "CONSULT" for e in record["events"])
    record = hadath.read("a line with a NUL \x00 byte, which no path may hold.")
    assert record["text"].startswith("a line")
