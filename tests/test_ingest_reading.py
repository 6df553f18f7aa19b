"""Bytes to safe text: encodings, normalisation, escapes and unreadable files."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.ingest import load_article
from briefing_tui.ingest.reading import ArticleError, article_files, article_paths, decode_bytes, normalise, read_text

TEXT = "Côte d’Ivoire and Türkiye signed an accord in Yamoussoukro. « Très bien », said the envoy."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-8-sig", "utf-32"])
def test_unicode_encodings_with_and_without_bom(encoding: str):
    decoded = decode_bytes(TEXT.encode(encoding))
    assert decoded.text.lstrip("\ufeff") == TEXT


def test_windows_1252_is_detected_and_reported():
    data = "The minister’s “visit” to Zürich – a success. Café diplomacy is back in fashion.".encode("cp1252")
    decoded = decode_bytes(data)
    assert "minister’s “visit”" in decoded.text
    assert decoded.warnings and "not UTF-8" in decoded.warnings[0]


def test_latin_1_is_detected():
    data = "Réunion à Genève: les ministres ont signé un accord sur le café et le cacao.".encode("latin-1")
    assert "Genève" in decode_bytes(data).text


def test_binary_is_an_article_error():
    with pytest.raises(ArticleError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_empty_and_whitespace_files_are_article_errors(tmp_path: Path):
    for name, data in (("empty.txt", b""), ("blank.txt", b" \n\t\r\n  ")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ArticleError, match="empty"):
            read_text(tmp_path / name)


def test_missing_file_is_an_article_error(tmp_path: Path):
    with pytest.raises(ArticleError, match="cannot be read"):
        read_text(tmp_path / "nope.txt")


def test_crlf_and_bom_are_normalised(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + b"Title line\r\n\r\nBody text here.\r\n")
    document, sentences = load_article(path, tmp_path)
    assert "\r" not in document.text and not document.text.startswith("\ufeff")
    assert [s.text for s in sentences] == ["Title line", "Body text here."]


def test_terminal_escapes_and_controls_are_removed():
    raw = ("Plain \x1b[31mred\x1b[0m text\x1b]52;c;aGVsbG8=\x07 and \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\"
           " \x1b[2J\x1b[H cleared\x07\x08\x9b31m c1 \u202eevil\u202c \u200bzw")
    text, warnings = normalise(raw)
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\u202e" not in text and "\u200b" not in text
    assert "red" in text and "link" in text and "cleared" in text
    assert len(warnings) == 2


def test_nfc_normalisation():
    text, _ = normalise("Traore\u0301")
    assert text == "Traoré"


@given(st.binary(max_size=2000))
def test_decoding_any_bytes_gives_text_or_an_article_error(data: bytes):
    try:
        decoded = decode_bytes(data)
    except ArticleError:
        return
    text, _ = normalise(decoded.text)
    assert "\x1b" not in text


@given(st.text(max_size=500))
def test_normalised_text_has_no_control_characters(text: str):
    clean, _ = normalise(text)
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in clean)


def test_article_paths_skips_hidden_files_and_readme(tmp_path: Path):
    for name in ("b.txt", "a.md", ".hidden.txt", "README.md", "notes.pdf"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("x", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in article_paths(tmp_path)] == ["a.md", "b.txt", "sub/c.txt"]


def test_article_files_lists_as_paths_sort_and_skips_what_is_not_an_article(tmp_path: Path):
    for name in ("a.txt", "a/b.txt", "A.txt", "Y.TXT", "x.", "notes.pdf", ".hidden/x.txt", "sub/README.MD",
                 "sub/deep/z.md", "sub/.h.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "link.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    files = article_files(tmp_path)
    assert [relative for _, relative in files] == ["A.txt", "Y.TXT", "a/b.txt", "a.txt", "link.txt", "sub/deep/z.md"]
    assert [path for path, _ in files] == sorted(path for path, _ in files) == article_paths(tmp_path)
    assert all(path == tmp_path / relative for path, relative in files)
