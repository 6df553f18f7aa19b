"""The index kept between runs beside the store: the same index as one built from the store,
made anew when the store or the code changes, never trusted when damaged."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing_tui import index_cache, query
from briefing_tui.index_cache import cache_path
from briefing_tui.pipeline import build_store
from briefing_tui.query import Filters, Index, build_index, load_index
from briefing_tui.store import load_tables, shard_folder

FILTERS = [
    Filters(),
    Filters(text="talks"),
    Filters(text="a"),
    Filters(year_from=2020, year_to=2024),
    Filters(countries=frozenset({"CHL"})),
    Filters(topics=frozenset({"trade"}), text="t"),
]


@pytest.fixture
def built_store(articles: Path, tmp_path: Path) -> Path:
    """A store built from articles by the pipeline (dates, spans and links as a build makes them)."""
    store = tmp_path / "built" / "briefing.json"
    build_store(articles, store)
    return store


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The stores whose tables load_index read (it reads none when the kept index is used)."""
    calls: list[Path] = []

    def counting(path: Path):
        calls.append(path)
        return load_tables(path)

    monkeypatch.setattr(query, "load_tables", counting)
    return calls


def fresh_index(store: Path) -> Index:
    tables = load_tables(store)
    assert tables is not None
    return build_index(tables)


def assert_same_index(kept: Index, fresh: Index) -> None:
    for name in ("documents", "countries", "people", "mentions", "figure_groups", "meta", "keys", "_by_id"):
        assert getattr(kept, name) == getattr(fresh, name), name
        if isinstance(getattr(fresh, name), dict) and name not in ("keys", "_by_id"):
            assert list(getattr(kept, name)) == list(getattr(fresh, name)), f"order of {name}"
    for name in ("events", "quotes", "figures"):
        assert getattr(kept, name) == getattr(fresh, name), name  # the same facts in the same order
        assert [f.model_fields_set for f in getattr(kept, name)] == [f.model_fields_set for f in getattr(fresh, name)]
    assert all(kept.sentences_of(d) == fresh.sentences_of(d) for d in fresh.documents)
    for filters in FILTERS:
        assert kept.timeline(filters) == fresh.timeline(filters), filters
        assert kept.quote_list(filters) == fresh.quote_list(filters), filters
        assert kept.figure_list(filters) == fresh.figure_list(filters), filters
        assert kept.figure_list(filters, kinds=("trade_turnover",)) == fresh.figure_list(filters, kinds=("trade_turnover",))
        assert kept.people_list(filters) == fresh.people_list(filters), filters
        assert kept.country_counts(filters) == fresh.country_counts(filters), filters
    assert kept.all_topics() == fresh.all_topics()
    assert kept.conflicts() == fresh.conflicts()


@pytest.mark.parametrize("which", ["built_store", "fixture_store"])
def test_a_kept_index_is_the_index_built_from_the_store(which: str, request: pytest.FixtureRequest,
                                                         reads: list[Path]):
    store = request.getfixturevalue(which)
    first = load_index(store)
    assert cache_path(store).is_file() and reads == [store]
    notes: list[str] = []
    kept = load_index(store, notes)
    assert reads == [store], "the second load read the kept index, not the store"
    assert notes == [] and kept is not None and first is not None
    assert kept.events and kept.quotes and kept.figures and kept.people
    assert_same_index(kept, fresh_index(store))


def test_a_changed_article_makes_the_index_anew(articles: Path, built_store: Path, reads: list[Path]):
    load_index(built_store)
    path = articles / "santiago-ties.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nPeru joined the talks again.\n", encoding="utf-8")
    build_store(articles, built_store)  # one shard and the main file rewritten
    index = load_index(built_store)
    assert reads == [built_store, built_store]
    assert index is not None and any("Peru joined the talks again." in d.text for d in index.documents.values())
    assert_same_index(index, fresh_index(built_store))
    load_index(built_store)
    assert len(reads) == 2, "the new store's index was kept"


def test_a_build_that_changes_the_store_removes_the_kept_index(articles: Path, built_store: Path):
    load_index(built_store)
    assert cache_path(built_store).exists()
    build_store(articles, built_store)  # nothing changed: the kept index still matches
    assert cache_path(built_store).exists()
    path = articles / "santiago-ties.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nPeru joined the talks again.\n", encoding="utf-8")
    build_store(articles, built_store)
    assert not cache_path(built_store).exists()


def test_a_shard_rewritten_in_place_makes_the_index_anew(built_store: Path, reads: list[Path]):
    """Same name, same size, same bytes, even the same modification time: still not trusted."""
    load_index(built_store)
    shard = next(shard_folder(built_store).glob("*.json"))
    st = shard.stat()
    shard.write_bytes(shard.read_bytes())
    os.utime(shard, ns=(st.st_atime_ns, st.st_mtime_ns))
    load_index(built_store)
    assert reads == [built_store, built_store]


def test_a_changed_main_file_makes_the_index_anew(built_store: Path, reads: list[Path]):
    load_index(built_store)
    data = built_store.read_bytes()
    built_at = data.index(b'"built_at":"') + len(b'"built_at":"')
    built_store.write_bytes(data[:built_at] + (b"0" if data[built_at:built_at + 1] != b"0" else b"1")
                            + data[built_at + 1:])
    index = load_index(built_store)
    assert reads == [built_store, built_store]
    assert index is not None and index.meta == load_tables(built_store)["meta"][0]


def test_other_code_makes_the_index_anew(built_store: Path, reads: list[Path], monkeypatch: pytest.MonkeyPatch):
    load_index(built_store)
    monkeypatch.setattr(index_cache, "_code_key", lambda: b"another version of the query layer")
    load_index(built_store)
    assert reads == [built_store, built_store]


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize("damage", [_flip_last_byte, _truncate])
def test_a_damaged_kept_index_is_reported_and_made_anew(damage, built_store: Path, reads: list[Path]):
    load_index(built_store)
    damage(cache_path(built_store))
    notes: list[str] = []
    index = load_index(built_store, notes)
    assert reads == [built_store, built_store], "the damaged index was not used"
    assert len(notes) == 1 and "damaged" in notes[0] and str(cache_path(built_store)) in notes[0]
    assert index is not None
    assert_same_index(index, fresh_index(built_store))
    notes.clear()
    load_index(built_store, notes)
    assert notes == [] and len(reads) == 2, "a sound index replaced the damaged one"


def test_a_kept_index_others_may_write_is_not_read(built_store: Path, reads: list[Path]):
    load_index(built_store)
    os.chmod(cache_path(built_store), 0o666)
    load_index(built_store)
    assert reads == [built_store, built_store]
    assert not cache_path(built_store).stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def test_a_folder_that_cannot_be_written_only_costs_the_time(built_store: Path, reads: list[Path],
                                                             monkeypatch: pytest.MonkeyPatch):
    def refuse(*args, **kwargs):
        raise PermissionError("read-only folder")

    monkeypatch.setattr(index_cache, "write_atomically", refuse)
    assert load_index(built_store) is not None and load_index(built_store) is not None
    assert reads == [built_store, built_store] and not cache_path(built_store).exists()


def test_no_store_no_index(tmp_path: Path):
    assert load_index(tmp_path / "nothing.json") is None
    assert not cache_path(tmp_path / "nothing.json").exists()


# ---------------------------------------------------------------- the head (what the first frame shows)

def test_the_head_holds_the_first_timeline_rows_and_the_whole_index_counts(built_store: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(index_cache, "HEAD_EVENTS", 3)
    whole = load_index(built_store)
    head = query.open_head(built_store)
    assert whole is not None and head is not None and len(whole.events) > 3
    rows = [query.timeline_row(whole, event) for event in whole.events[:3]]
    assert head.rows == rows
    assert (head.documents, head.events) == (len(whole.documents), len(whole.events))
    assert head.dated_events == sum(e.date is not None for e in whole.events)
    assert len(head.timeline) == len(whole.events) and list(head.timeline[:3]) == rows
    assert head.meta == whole.meta
    assert head.covers(2) and not head.covers(3), "a screen of 3 rows may show a heading and 3 events"


def _flip_a_head_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(index_cache.MAGIC) + 3 * 32 + 8 + 10] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate_in_the_head(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:len(index_cache.MAGIC) + 3 * 32 + 8 + 10])


@pytest.mark.parametrize("damage", [_flip_a_head_byte, _truncate_in_the_head])
def test_a_damaged_head_is_not_shown_and_the_whole_read_reports_it(damage, built_store: Path, reads: list[Path]):
    load_index(built_store)
    damage(cache_path(built_store))
    with pytest.raises(index_cache.IndexCacheDamaged):
        index_cache.read_head(built_store, index_cache.store_key(built_store))
    assert query.open_head(built_store) is None
    notes: list[str] = []
    index = load_index(built_store, notes)
    assert len(notes) == 1 and "damaged" in notes[0] and reads == [built_store, built_store]
    assert index is not None
    assert_same_index(index, fresh_index(built_store))
    assert query.open_head(built_store) is not None, "a sound index replaced the damaged one"


def test_a_stale_or_untrusted_head_is_not_read(built_store: Path, monkeypatch: pytest.MonkeyPatch):
    assert query.open_head(built_store) is None  # nothing kept yet
    load_index(built_store)
    assert query.open_head(built_store) is not None
    os.chmod(cache_path(built_store), 0o666)
    assert query.open_head(built_store) is None
    os.chmod(cache_path(built_store), 0o644)
    monkeypatch.setattr(index_cache, "_code_key", lambda: b"another version of the query layer")
    assert query.open_head(built_store) is None
