"""Decoding never guesses silently: damaged UTF-8 stays UTF-8, wide encodings need a BOM."""

import codecs
from pathlib import Path

import pytest

import hadath
from hadath.errors import InputError

ARABIC = "التقى وزير الخارجية المصري نظيره الأردني في عمان وبحث الجانبان الأزمة في المنطقة.\n"
TEXT = ARABIC * 6


def _one(path: Path) -> hadath.ReadResult:
    results = list(hadath.read_many([path]))
    assert len(results) == 1
    return results[0]


def _read(tmp_path: Path, data: bytes) -> hadath.ReadResult:
    p = tmp_path / "page.txt"
    p.write_bytes(data)
    return _one(p)


def test_decode_a_utf8_file_cut_mid_character_is_read_as_utf8_and_says_so(
    tmp_path: Path,
) -> None:
    data = TEXT.rstrip("\n.").encode("utf-8")[:-1]  # the last letter loses its second byte
    r = _read(tmp_path, data)
    assert r.record is not None
    assert r.record["text"] == TEXT.rstrip("\n.")[:-1]
    assert r.warning is not None and "middle of a UTF-8 character" in r.warning


def test_decode_a_utf8_file_with_one_lost_byte_keeps_every_other_letter(tmp_path: Path) -> None:
    data = TEXT.encode("utf-8")
    cut = data.index("الخارجية".encode()) + 1  # inside the first letter of the word
    r = _read(tmp_path, data[:cut] + data[cut + 1 :])
    assert r.record is not None
    text = r.record["text"]
    assert text.count("\ufffd") == 1
    assert text.replace("\ufffd", "ا", 1).startswith(TEXT[:40])
    assert r.warning is not None and "invalid UTF-8" in r.warning and "byte" in r.warning


def test_decode_one_latin1_line_in_arabic_utf8_is_not_read_as_windows_1256(
    tmp_path: Path,
) -> None:
    latin = "Le ministre a déclaré à la presse qu'il était prêt.\n".encode("latin-1")
    r = _read(tmp_path, TEXT.encode("utf-8") + latin + TEXT.encode("utf-8"))
    assert r.record is not None
    text = r.record["text"]
    assert text.startswith(TEXT) and text.endswith(TEXT)
    assert "Le ministre a d\ufffdclar\ufffd" in text
    assert r.warning is not None and "5 invalid UTF-8" in r.warning


def test_decode_windows_1256_is_still_read_when_no_byte_is_utf8(tmp_path: Path) -> None:
    r = _read(tmp_path, TEXT.encode("windows-1256"))
    assert r.record is not None and r.record["text"] == TEXT and r.warning is None


def test_decode_mostly_broken_utf8_is_refused_by_name(tmp_path: Path) -> None:
    # half UTF-8 Arabic, half bytes that are neither UTF-8 nor Arabic in windows-1256
    data = ARABIC.encode("utf-8") + bytes(range(0x80, 0xA0)) * 8
    r = _read(tmp_path, data)
    assert r.record is None and isinstance(r.error, InputError)
    assert "page.txt" in str(r.error) and "mixed encodings" in str(r.error)


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16", "utf-16-be"])
def test_decode_utf32_and_utf16_with_a_bom_give_text_without_nuls(
    tmp_path: Path, encoding: str
) -> None:
    body = TEXT.encode(encoding)
    if encoding.endswith("-be"):  # the -be codecs write no BOM: add it as an editor would
        bom = codecs.BOM_UTF32_BE if "32" in encoding else codecs.BOM_UTF16_BE
        body = bom + body
    r = _read(tmp_path, body)
    assert r.record is not None
    assert r.record["text"] == TEXT and "\x00" not in r.record["text"]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        ("The minister met the envoy in Paris.".encode("utf-16-le"), "UTF-16"),
        ("The minister met the envoy in Paris.".encode("utf-32-be"), "UTF-32"),
        (TEXT.encode("utf-32-le"), "UTF-32"),
    ],
)
def test_decode_wide_text_without_a_bom_is_refused_not_read_full_of_nuls(
    tmp_path: Path, data: bytes, name: str
) -> None:
    r = _read(tmp_path, data)
    assert r.record is None and isinstance(r.error, InputError)
    assert f"looks like {name} without a byte-order mark" in str(r.error)
