"""The command line: JSON contract, build summary, clear errors, no Textual in data commands."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_tui.cli import main

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "briefing_tui"
DATA_LAYER = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing_tui", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=120)


def test_extract_json_follows_the_contract(articles: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["extract", "--json", str(articles / "accra-talks.txt"), str(articles / "santiago-ties.txt")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) >= {"documents", "countries", "people", "quotes", "events", "figures"}
    docs = {Path(d["path"]).name: d for d in out["documents"]}
    assert docs["accra-talks.txt"]["published"] == "2024-03-12"
    assert docs["accra-talks.txt"]["title"] == "Accra Hosts Talks on Cocoa and Minerals"
    assert docs["santiago-ties.txt"]["published"] == "2024-05-02"
    doc_ids = {d["id"] for d in out["documents"]}
    for kind in ("quotes", "events", "figures"):
        assert all(item["doc_id"] in doc_ids for item in out[kind])


def test_extract_reports_bad_files_and_goes_on(articles: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert main(["extract", "--json", str(bad), str(articles / "accra-talks.txt")]) == 0
    captured = capsys.readouterr()
    assert [Path(d["path"]).name for d in json.loads(captured.out)["documents"]] == ["accra-talks.txt"]
    assert "bad.txt: is empty" in captured.err


def test_build_prints_a_summary(articles: Path, tmp_path: Path):
    result = run_cli("build", "--seeds", str(articles), "--store", str(tmp_path / "s.json"))
    assert result.returncode == 0, result.stderr
    assert "2 documents (2 extracted, 0 unchanged)" in result.stdout
    assert "facts:" in result.stdout


def test_a_corrupt_store_gives_a_one_line_error(articles: Path, tmp_path: Path):
    store = tmp_path / "s.json"
    store.write_text("{garbage", encoding="utf-8")
    result = run_cli("build", "--seeds", str(articles), "--store", str(store))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--move-aside" in result.stderr
    assert store.read_text(encoding="utf-8") == "{garbage"


@pytest.mark.parametrize("command", ["build", "extract"])
def test_data_commands_do_not_load_textual(command: str, articles: Path, tmp_path: Path):
    args = (["build", "--seeds", str(articles), "--store", str(tmp_path / "s.json"), "--quiet"]
            if command == "build" else ["extract", "--json", str(articles / "accra-talks.txt")])
    code = (
        "import sys, io, contextlib\n"
        "from briefing_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    rc = main({args!r})\n"
        "print(rc, sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 []"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", DATA_LAYER, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_the_data_layer_never_imports_textual(path: Path):
    offending = {m for m in _imported_modules(path) if m.split(".")[0] == "textual" or m.startswith("briefing_tui.ui")}
    if path.name == "cli.py":
        offending.discard("briefing_tui.ui.app")  # the one lazy import that opens the app
    assert not offending, f"{path.name} imports {sorted(offending)}"


def test_opening_the_browser_on_a_built_store_loads_no_article_parser_or_build_report(articles: Path, tmp_path: Path):
    """What `briefing` imports before it opens the app: the staleness check lists the articles
    but parses none, and no build means no build report (each cost the start-up)."""
    store = tmp_path / "s.json"
    assert run_cli("build", "--seeds", str(articles), "--store", str(store), "--quiet").returncode == 0
    code = (
        "import sys\n"
        "import briefing_tui.ui.app\n"
        "briefing_tui.ui.app.run_app = lambda **options: 0  # the app itself is not opened here\n"
        "from briefing_tui.cli import main\n"
        f"rc = main(['--seeds', {str(articles)!r}, '--store', {str(store)!r}])\n"
        "print(rc, sorted(m for m in sys.modules if m in ('briefing_tui.ingest.metadata',"
        " 'briefing_tui.ingest.sentences', 'briefing_tui.report') or m.startswith(('briefing_tui.extract',"
        " 'briefing_tui.resolve'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0 []"
