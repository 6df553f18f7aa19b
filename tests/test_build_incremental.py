"""The fast paths of a build give the same store as the slow ones.

An incremental build makes models only of what resolve reads and passes the other rows
through; staleness reads only the head of the store; unchanged size and modification time
skip hashing. Each must agree with building everything from scratch.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from briefing_tui import pipeline
from briefing_tui.pipeline import build_store, store_is_stale
from briefing_tui.store import StoreCorruptError, load_tables, read_meta, save_tables

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from generate import write_corpus  # noqa: E402


def _facts(store: Path) -> dict:
    tables = load_tables(store)
    assert tables is not None
    return {name: records for name, records in tables.items() if name != "meta"}


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "seeds", 8, seed=5)


def test_an_incremental_build_equals_a_full_build(seeds: Path, tmp_path: Path):
    store = tmp_path / "incremental.json"
    build_store(seeds, store)
    changed = sorted(seeds.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOn May 4, 2023, Peru and Chile signed a "
                       "trade agreement.\n", encoding="utf-8")
    (seeds / "00006.txt").unlink()
    report = build_store(seeds, store)
    assert (report.extracted, report.reused) == (1, 6)
    build_store(seeds, tmp_path / "full.json")
    assert _facts(store) == _facts(tmp_path / "full.json")


def test_a_rebuild_with_nothing_changed_neither_reads_the_store_whole_nor_rewrites_it(
        seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    past = time.time() - 60  # not modified just before the scan: size and time are trusted
    for path in sorted(seeds.glob("*.txt"))[1:]:  # the first is checked by its hash
        os.utime(path, (past, past))
    store = tmp_path / "briefing.json"
    first = build_store(seeds, store)
    written = store.stat().st_mtime_ns, store.read_bytes()

    def refuse(*args, **kwargs):
        raise AssertionError("the store was read whole or written")

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "load_tables", refuse)
        patched.setattr(pipeline, "save_tables", refuse)
        again = build_store(seeds, store)
    assert (again.documents, again.facts, again.warnings, again.failures) == (
        first.documents, first.facts, first.warnings, first.failures)
    assert (again.extracted, again.reused) == (0, first.documents)
    assert (store.stat().st_mtime_ns, store.read_bytes()) == written
    changed = sorted(seeds.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPeru and Chile met.\n", encoding="utf-8")
    assert build_store(seeds, store).extracted == 1


def test_a_rewrite_with_the_same_size_and_time_just_after_a_scan_is_noticed(seeds: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    build_store(seeds, store)
    path = sorted(seeds.glob("*.txt"))[0]
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("a", "o", 1), encoding="utf-8")  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same time, as a coarse clock shows it
    assert build_store(seeds, store).extracted == 1


def test_the_meta_record_is_read_from_the_head_of_the_store(seeds: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    build_store(seeds, store)
    assert store.read_bytes().startswith(b'{"meta":')
    assert read_meta(store) == load_tables(store)["meta"][0]
    assert not store_is_stale(seeds, store)


def test_a_store_written_in_another_order_is_read_whole(tmp_path: Path):
    store = tmp_path / "briefing.json"
    save_tables(store, {}, {"seeds": "x"})
    store.write_bytes(b'{"documents": {}, ' + store.read_bytes()[1:])
    assert read_meta(store)["seeds"] == "x"


def test_a_store_cut_short_is_stale_and_then_refused(seeds: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    build_store(seeds, store)
    store.write_bytes(store.read_bytes()[:-100])
    with pytest.raises(StoreCorruptError):
        read_meta(store)
    assert store_is_stale(seeds, store)
    with pytest.raises(StoreCorruptError):
        build_store(seeds, store)
