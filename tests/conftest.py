"""Shared fixtures: a hand-made store and folders of articles in temporary places."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from factories import make_corpus, write_articles, write_corpus_store  # noqa: E402

from briefing_tui.query import load_index  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def corpus():
    return make_corpus()


@pytest.fixture
def fixture_store(tmp_path: Path) -> Path:
    """A real TinyDB store holding the hand-made corpus."""
    return write_corpus_store(tmp_path / "store" / "briefing.json")


@pytest.fixture
def fixture_index(fixture_store: Path):
    return load_index(fixture_store)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    return write_articles(tmp_path / "seeds")
