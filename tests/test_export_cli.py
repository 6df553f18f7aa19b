"""`briefing export`: filters by any country name, a safe default file, stdout, no overwrite, clear errors."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_support import assert_safe_note, front_matter, numbered_sources
from test_export_files import unwritable_dir  # noqa: F401  (fixture)

from briefing_tui.cli import main
from briefing_tui.export import files
from briefing_tui.export.pins import Pin, pin_for, pins_path, save_pins
from briefing_tui.query import load_index

REPO = Path(__file__).resolve().parent.parent
DAY = dt.date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fixed_day_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes land in a temporary folder and are dated the same day every run."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files, "today", lambda: DAY)
    monkeypatch.setattr("briefing_tui.export.note.today", lambda: DAY)


@pytest.fixture
def on_fixture(fixture_store: Path, tmp_path: Path) -> list[str]:
    """The hand-made store, with a seeds folder that matches it (nothing to rebuild)."""
    return ["--seeds", str(tmp_path / "no-seeds"), "--store", str(fixture_store)]


def export(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_default_file_is_named_by_the_filters_and_never_overwritten(on_fixture, tmp_path, capsys):
    code, out, err = export(capsys, *on_fixture, "--country", "Ghana", "--topic", "mining")
    assert code == 0 and out == ""
    target = tmp_path / "briefing-GHA-mining-2026-11-22.md"
    assert err.startswith(f"wrote {target.name} (") and err.count("\n") == 1
    text = target.read_text(encoding="utf-8")
    assert_safe_note(text)
    assert front_matter(text)["filters"]["countries"] == ["GHA"]

    target.write_text("my own edits", encoding="utf-8")
    code, out, err = export(capsys, *on_fixture, "--country", "GHA", "--topic", "Mining")
    assert code == 2 and err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my own edits"

    code, _, _ = export(capsys, *on_fixture, "--country", "gh", "--topic", "mining", "--force")
    assert code == 0 and target.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".md") == [target.name]


def test_dash_writes_the_note_to_stdout_only(on_fixture, tmp_path, capsys):
    code, out, err = export(capsys, *on_fixture, "--since", "2023", "--until", "2024", "--query", "trade", "-o", "-")
    assert code == 0 and err == ""
    assert_safe_note(out)
    meta = front_matter(out)
    assert meta["filters"] == {"countries": [], "topics": [], "since": 2023, "until": 2024, "speaker": None,
                               "query": "trade"}
    assert meta["generated"] == "2026-11-22"
    assert not list(tmp_path.glob("*.md"))


def test_several_countries_and_an_explicit_path(on_fixture, tmp_path, capsys):
    code, _, err = export(capsys, *on_fixture, "--country", "chile", "--country", "GHA", "-o", "notes.md")
    assert code == 0, err
    text = (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert front_matter(text)["filters"]["countries"] == ["CHL", "GHA"]
    assert numbered_sources(text)


@pytest.mark.parametrize("args, words", [
    (["--country", "Ghanna"], ["unknown country 'Ghanna'", "did you mean", "Ghana"]),
    (["--country", "Qwxz"], ["unknown country 'Qwxz'"]),
    (["--topic", "minig"], ["unknown topic 'minig'", "mining"]),
    (["--since", "2025", "--until", "2020"], ["--since 2025 is after --until 2020"]),
])
def test_unknown_filters_are_one_line_errors(on_fixture, capsys, args, words):
    code, out, err = export(capsys, *on_fixture, *args)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("briefing: ")
    for word in words:
        assert word in err


def test_a_country_known_but_not_in_the_store_gives_a_short_note(on_fixture, capsys):
    code, out, _ = export(capsys, *on_fixture, "--country", "Burkina Faso", "-o", "-")
    assert code == 0
    assert front_matter(out)["filters"]["countries"] == ["BFA"]
    assert "Nothing in the store matches these filters" in out


def test_a_bad_year_is_a_usage_error(on_fixture, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["export", *on_fixture, "--since", "last year"])
    assert caught.value.code == 2
    assert "not a year" in capsys.readouterr().err


def test_an_unwritable_folder_is_one_line_and_exit_2(on_fixture, unwritable_dir, capsys):  # noqa: F811
    code, out, err = export(capsys, *on_fixture, "-o", str(unwritable_dir / "note.md"))
    assert code == 2 and out == ""
    assert err == f"briefing: cannot write to the folder {unwritable_dir}: permission denied\n"


def test_a_missing_folder_is_one_line_and_exit_2(on_fixture, tmp_path, capsys):
    code, _, err = export(capsys, *on_fixture, "-o", str(tmp_path / "nowhere" / "note.md"))
    assert code == 2 and err.count("\n") == 1 and "does not exist" in err


def test_the_store_is_built_first_quietly_on_stderr(articles, tmp_path, capsys):
    store = tmp_path / "store" / "briefing.json"
    code, out, err = export(capsys, "--seeds", str(articles), "--store", str(store), "-o", "-")
    assert code == 0 and store.exists()
    assert "Built " in err and "2 documents" in err and "Built" not in out
    assert_safe_note(out)
    code, out, err = export(capsys, "--seeds", str(articles), "--store", str(store), "-o", "-")
    assert code == 0 and "Built" not in err  # up to date: no second build


def test_a_corrupt_store_is_one_line_and_exit_2(articles, tmp_path, capsys):
    store = tmp_path / "s.json"
    store.write_text("{garbage", encoding="utf-8")
    code, _, err = export(capsys, "--seeds", str(articles), "--store", str(store), "-o", "-")
    assert code == 2 and err.count("\n") == 1 and "--move-aside" in err


def test_pins_go_into_the_note_and_vanished_ones_are_reported(on_fixture, fixture_store, capsys):
    index = load_index(fixture_store)
    embassy = next(e for e in index.events if e.kind == "embassy")  # not about mining
    gone = Pin(id="quo-gone", kind="quote", label="“words no article has now”", doc="old.txt", evidence="words")
    save_pins(pins_path(fixture_store), [pin_for(index, embassy), gone])
    code, out, err = export(capsys, *on_fixture, "--topic", "mining", "-o", "-")
    assert code == 0
    assert "Chilean embassy opened in Accra" in out and front_matter(out)["pinned"] == 1
    assert err == "briefing: pinned quote “words no article has now” (old.txt) is no longer in the store\n"


def test_an_unreadable_pins_file_is_a_warning_not_a_failure(on_fixture, fixture_store, capsys):
    pins_path(fixture_store).write_text("{broken", encoding="utf-8")
    code, out, err = export(capsys, *on_fixture, "-o", "-")
    assert code == 0 and out.startswith("---\n")
    assert "unreadable" in err and "exporting without pins" in err
    assert pins_path(fixture_store).read_text(encoding="utf-8") == "{broken"


def test_the_real_command_in_a_subprocess(articles, tmp_path):
    """`briefing export` as a user runs it: builds, writes the note, loads no Textual."""
    store = tmp_path / "store" / "briefing.json"
    code = (
        "import sys\n"
        "from briefing_tui.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'), file=sys.stderr)\n"
        "sys.exit(rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "export", "--seeds", str(articles), "--store", str(store),
                             "--country", "Ghana", "-o", str(tmp_path / "ghana.md")],
                            capture_output=True, text=True, cwd=REPO, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == "[]"  # no Textual
    assert "wrote " in result.stderr and "Traceback" not in result.stderr
    text = (tmp_path / "ghana.md").read_text(encoding="utf-8")
    assert_safe_note(text)
    assert json.dumps(front_matter(text)["filters"]["countries"]) == '["GHA"]'
