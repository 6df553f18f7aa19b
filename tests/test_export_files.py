"""Writing notes: safe names from the filters, atomic writes, never over an existing file unless asked."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_tui.export import files
from briefing_tui.export.files import ExportError, TargetExistsError, safe_file_name, slug, write_file
from briefing_tui.query import Filters

DAY = dt.date(2026, 11, 22)


@pytest.fixture
def unwritable_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder nobody may create files in (root ignores modes, so then the OS answer is simulated)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if os.geteuid() == 0:
        real = tempfile.mkstemp

        def mkstemp(*args, dir=None, **kwargs):
            if dir is not None and Path(dir) == folder:
                raise PermissionError(13, "Permission denied", str(folder))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(files.tempfile, "mkstemp", mkstemp)
    yield folder
    folder.chmod(0o700)


def test_names_come_from_the_filters_only():
    assert safe_file_name(Filters(countries=frozenset({"BFA"}), topics=frozenset({"mining"})), DAY) == \
        "briefing-BFA-mining-2026-11-22.md"
    assert safe_file_name(Filters(), DAY) == "briefing-2026-11-22.md"
    assert safe_file_name(Filters(countries=frozenset({"GHA", "CHL"}), year_from=2020, year_to=2024), DAY) == \
        "briefing-CHL-GHA-2020-2024-2026-11-22.md"
    assert safe_file_name(Filters(year_from=2020), DAY) == "briefing-since-2020-2026-11-22.md"
    assert safe_file_name(Filters(year_to=2020), DAY) == "briefing-until-2020-2026-11-22.md"
    # a speaker's name comes from articles: only the word 'speaker' goes into the name
    assert safe_file_name(Filters(speaker="per-123", text="cocoa exports"), DAY) == \
        "briefing-speaker-cocoa-exports-2026-11-22.md"


@given(st.frozensets(st.text(max_size=12), max_size=3), st.frozensets(st.text(max_size=12), max_size=3),
       st.text(max_size=60))
def test_any_filter_gives_a_safe_file_name(countries, topics, text):
    name = safe_file_name(Filters(countries=countries, topics=topics, text=text), DAY)
    assert name.startswith("briefing-") and name.endswith("-2026-11-22.md")
    assert len(name) <= files.MAX_NAME
    assert all(ch.isascii() and (ch.isalnum() or ch in "-.") for ch in name)
    assert "--" not in name and ".." not in name


def test_slug():
    assert slug("  Côte d'Ivoire / ../etc  ") == "cote-d-ivoire-etc"
    assert slug("[red]x[/red]") == "red-x-red"


def test_write_and_no_overwrite(tmp_path: Path):
    target = tmp_path / "note.md"
    write_file(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(TargetExistsError) as caught:
        write_file(target, b"second")
    assert "already exists" in str(caught.value) and "\n" not in str(caught.value)
    assert target.read_bytes() == b"first"
    write_file(target, b"second", overwrite=True)
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md"]  # no temporary file left


def test_a_file_made_meanwhile_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The existence check and the write are not one step: the final link refuses an existing name."""
    target = tmp_path / "note.md"
    real_link = os.link

    def link(src, dst):
        Path(dst).write_bytes(b"someone else's")
        return real_link(src, dst)

    monkeypatch.setattr(files.os, "link", link)
    with pytest.raises(TargetExistsError):
        write_file(target, b"mine")
    assert target.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir()] == ["note.md"]


def test_without_hard_links_the_name_is_still_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    write_file(tmp_path / "a.md", b"x")
    assert (tmp_path / "a.md").read_bytes() == b"x"
    with pytest.raises(TargetExistsError):
        write_file(tmp_path / "a.md", b"y")


def test_an_unwritable_folder_is_one_clear_line(unwritable_dir: Path):
    with pytest.raises(ExportError) as caught:
        write_file(unwritable_dir / "note.md", b"x")
    message = str(caught.value)
    assert message == f"cannot write to the folder {unwritable_dir}: permission denied"
    assert not (unwritable_dir / "note.md").exists()


@pytest.mark.parametrize("name", ["missing/note.md", "."])
def test_a_missing_folder_or_a_folder_name_is_an_error(tmp_path: Path, name: str):
    with pytest.raises(ExportError) as caught:
        write_file(tmp_path / name, b"x")
    assert "\n" not in str(caught.value)
