"""The benchmark corpus generator: deterministic for a seed, and its articles build (behaviour, not timing)."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing_tui.pipeline import build_store
from briefing_tui.store import load_tables

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from generate import write_corpus  # noqa: E402


def _texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_a_seed_gives_the_same_articles_and_another_seed_others(tmp_path: Path):
    first = _texts(write_corpus(tmp_path / "a", 5, seed=3))
    again = _texts(write_corpus(tmp_path / "b", 5, seed=3))
    other = _texts(write_corpus(tmp_path / "c", 5, seed=4))
    assert len(first) == 5 and first == again
    assert first != other


def test_a_smaller_corpus_is_the_start_of_a_larger_one(tmp_path: Path):
    small = _texts(write_corpus(tmp_path / "small", 3, seed=3))
    large = _texts(write_corpus(tmp_path / "large", 6, seed=3))
    assert all(large[name] == text for name, text in small.items())


def test_articles_have_the_genre_shapes(tmp_path: Path):
    texts = list(_texts(write_corpus(tmp_path / "a", 5, seed=3)).values())
    assert all(" – " in t.split("\n\n")[1] or " – " in t.split("\n\n")[2] for t in texts), "a dateline"
    joined = "\n".join(texts)
    assert "“" in joined and "million" in joined and "signed" in joined
    assert all(120 <= len(t.split()) <= 2000 for t in texts)


def test_generated_articles_build_into_facts(tmp_path: Path):
    seeds = write_corpus(tmp_path / "seeds", 5, seed=3)
    report = build_store(seeds, tmp_path / "briefing.json")
    assert (report.documents, report.failures) == (5, [])
    tables = load_tables(tmp_path / "briefing.json")
    assert len(tables["events"]) >= 5 and len(tables["figures"]) >= 5 and len(tables["countries"]) >= 2
