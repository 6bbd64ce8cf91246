"""Hostile inputs are refused by name (or repaired and said so), never a crash or a hang."""

import io
import json
import os
from pathlib import Path

import pytest

import hadath
from hadath.errors import InputError
from hadath.readers import from_html, from_text, iter_inputs
from hadath.readers.limits import MAX_HTML_DEPTH, MAX_LINE_CHARS, MAX_TEXT_CHARS, html_depth

SENTENCE = "The foreign minister met the envoy in Paris on Monday."


def _jsonl(tmp_path: Path, *lines: str) -> list[hadath.ReadResult]:
    p = tmp_path / "docs.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return list(hadath.read_many([p]))


def _refused(result: hadath.ReadResult, *words: str) -> str:
    assert result.record is None and isinstance(result.error, InputError)
    message = str(result.error)
    for word in words:
        assert word in message
    return message


def test_limits_a_5000_digit_json_number_is_refused_by_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "a", "text": SENTENCE})
    bad = f'{{"id": "b", "text": "{SENTENCE}", "views": {"7" * 5000}}}'
    first, second = _jsonl(tmp_path, good, bad)
    assert first.record is not None
    _refused(second, "docs.jsonl:2", "5000 digits")


@pytest.mark.parametrize(
    "line",
    [
        "[" * 5000 + "]" * 5000,
        '{"id": "a", "text": "x", "extra": ' + "[" * 3000 + "]" * 3000 + "}",
        '{"id": "a", "text": "x", "extra": ' + '{"k": ' * 2000 + "1" + "}" * 2001,
    ],
    ids=["array", "array-in-field", "objects"],
)
def test_limits_json_nested_thousands_deep_is_refused(tmp_path: Path, line: str) -> None:
    (result,) = _jsonl(tmp_path, line)
    _refused(result, "docs.jsonl:1", "nested", "levels deep")


def test_limits_brackets_inside_json_strings_are_not_nesting(tmp_path: Path) -> None:
    text = SENTENCE + " " + "[" * 500 + "{" * 500
    (result,) = _jsonl(tmp_path, json.dumps({"id": "a", "text": text}))
    assert result.record is not None and result.record["text"] == text


@pytest.mark.parametrize("field", ["id", "title", "text"])
def test_limits_a_lone_surrogate_escape_is_read_as_a_replacement_and_said(
    tmp_path: Path, field: str
) -> None:
    obj = {"id": "a", "title": "Talks in Paris", "text": SENTENCE}
    line = json.dumps(obj)  # then put a lone surrogate escape into one field
    line = line.replace(f'"{field}": "', f'"{field}": "\\ud800', 1)
    (result,) = _jsonl(tmp_path, line)
    assert result.error is None and result.record is not None
    record = result.record
    assert "\ufffd" in record["id" if field == "id" else "text"]
    json.dumps(record, ensure_ascii=False).encode("utf-8")  # prints and stores as UTF-8
    assert result.warning is not None and "surrogate" in result.warning
    assert record["warnings"] == [result.warning]


def test_limits_a_lone_surrogate_in_a_python_string_is_replaced() -> None:
    record = hadath.read(SENTENCE + " \udc80 and \ud83d.")
    assert record["text"] == SENTENCE + " \ufffd and \ufffd."  # one code point each


def test_limits_a_file_and_folder_name_that_is_not_utf8_is_printed_safely(
    tmp_path: Path,
) -> None:
    folder = os.fsencode(tmp_path) + b"/dossier\xff"
    Path(os.fsdecode(folder)).mkdir()
    with open(folder + b"/page\xfe.txt", "wb") as fh:
        fh.write(SENTENCE.encode("utf-8"))
    with open(folder + b"/bad\xfe.txt", "wb") as fh:
        fh.write(b"")
    results = list(hadath.read_many([os.fsdecode(folder)]))
    assert len(results) == 2
    bad, good = results
    message = str(bad.error)
    message.encode("utf-8")
    assert "dossier\\xff/bad\\xfe.txt" in message and "empty" in message
    assert good.record is not None
    assert good.record["source"]["path"].endswith("dossier\\xff/page\\xfe.txt")
    json.dumps(good.record, ensure_ascii=False).encode("utf-8")


def test_limits_a_missing_path_with_bad_bytes_is_reported_printably(tmp_path: Path) -> None:
    name = os.fsdecode(os.fsencode(tmp_path) + b"/absent\xff.txt")
    (result,) = hadath.read_many([name])
    _refused(result, "absent\\xff.txt", "no such file").encode("utf-8")


def test_limits_a_device_is_read_no_further_than_the_size_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    monkeypatch.setenv("HADATH_MAX_BYTES", "100000")
    (item,) = iter_inputs(["/dev/zero"])
    assert item.doc is None and isinstance(item.error, InputError)
    assert "/dev/zero" in str(item.error) and "limit" in str(item.error)


def test_limits_stdin_is_read_no_further_than_the_size_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HADATH_MAX_BYTES", "100000")

    class Endless(io.RawIOBase):
        """`yes` on standard input: it never ends, so reading it whole never returns."""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: "memoryview | bytearray") -> int:  # type: ignore[override]
            buffer[:] = b"y\n" * (len(buffer) // 2) + b"y" * (len(buffer) % 2)
            return len(buffer)

    stdin = io.TextIOWrapper(io.BufferedReader(Endless()))
    monkeypatch.setattr("sys.stdin", stdin)
    (item,) = iter_inputs(["-"])
    assert item.doc is None and isinstance(item.error, InputError)
    assert "<stdin>" in str(item.error) and "limit" in str(item.error)


def test_limits_stdin_json_lines_are_streamed_with_a_line_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HADATH_MAX_BYTES", "1000")
    lines = [
        json.dumps({"id": "a", "text": SENTENCE}),
        json.dumps({"id": "b", "text": "word " * 1000}),
        json.dumps({"id": "c", "text": SENTENCE + " Again."}),
    ]
    data = ("\n".join(lines) + "\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    a, b, c = iter_inputs(["-"])
    assert a.doc is not None and c.doc is not None and a.doc.id == "a" and c.doc.id == "c"
    assert b.doc is None and "<stdin>:2" in str(b.error) and "limit" in str(b.error)


def test_limits_a_line_past_the_line_limit_is_refused_quickly() -> None:
    line = ("word " * (MAX_LINE_CHARS // 5 + 1000)).strip()
    with pytest.raises(InputError, match=r"line 2 is [\d,]+ characters long"):
        from_text(SENTENCE + "\n" + line, path="long.txt")


def test_limits_a_text_past_the_document_limit_is_refused() -> None:
    text = (SENTENCE + "\n") * (MAX_TEXT_CHARS // len(SENTENCE) + 10)
    with pytest.raises(InputError, match="over the limit of"):
        from_text(text, path="huge.txt")


def test_limits_html_nested_100000_deep_is_refused_by_name() -> None:
    page = "<html><body>" + "<div>" * 100_000 + SENTENCE + "</div>" * 100_000 + "</body></html>"
    with pytest.raises(InputError, match=r"nested 100,00\d levels deep"):
        from_html(page, "deep.html")


def test_limits_html_depth_counts_nesting_not_tags() -> None:
    flat = "<html><body>" + "<p>para<br><img src=x>" * 5000 + "<div>a</div>" * 5000
    assert html_depth(flat) <= 3
    deep = "<div>" * (MAX_HTML_DEPTH - 10) + "x" + "</div>" * (MAX_HTML_DEPTH - 10)
    assert html_depth(deep) == MAX_HTML_DEPTH - 10
