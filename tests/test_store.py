"""The store: a real TinyDB file, atomic writes, corruption detection, incremental builds."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from briefing_tui import pipeline
from briefing_tui import store as store_module
from briefing_tui.ingest import document_id
from briefing_tui.pipeline import build_store
from briefing_tui.staleness import store_is_stale
from briefing_tui.store import (
    SCHEMA_VERSION,
    AtomicOrjsonStorage,
    StoreBusyError,
    StoreCorruptError,
    StoreSchemaError,
    bucket_of,
    build_lock,
    load_tables,
    shard_folder,
    write_atomically,
)


def test_the_store_is_tinydb_files_readable_by_tinydb_itself(articles: Path, tmp_path: Path):
    store = tmp_path / "store" / "briefing.json"
    build_store(articles, store)
    main = TinyDB(store, storage=AtomicOrjsonStorage, access_mode="r")
    assert main.table("meta").all()[0]["schema_version"] == SCHEMA_VERSION
    assert set(main.tables()) >= {"meta", "people", "countries", "figure_groups", "shards"}
    shards = [TinyDB(shard_folder(store) / entry["file"], storage=AtomicOrjsonStorage, access_mode="r")
              for entry in main.table("shards").all()]
    paths = sorted(d["path"] for db in shards for d in db.table("documents").all())
    assert paths == ["accra-talks.txt", "santiago-ties.txt"]
    assert sum(len(db.table("sentences")) for db in shards) > 5
    assert all(set(db.tables()) >= {"documents", "sentences", "quotes", "events", "figures"} for db in shards)
    assert sorted(p.name for p in shard_folder(store).iterdir()) == sorted(e["file"] for e in main.table("shards"))


def test_rebuilding_the_same_seeds_gives_identical_ids(articles: Path, tmp_path: Path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    build_store(articles, first)
    build_store(articles, second)
    a, b = load_tables(first), load_tables(second)
    for table in ("documents", "sentences", "quotes", "events", "figures", "people"):
        assert [r.get("id", r.get("index")) for r in a[table]] == [r.get("id", r.get("index")) for r in b[table]]


def test_an_interrupted_write_leaves_the_previous_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = tmp_path / "briefing.json"
    write_atomically(store, b'{"old": {}}')

    def crash(fd: int) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk pulled out"):
        write_atomically(store, b'{"new": {}}' * 1000)
    assert store.read_bytes() == b'{"old": {}}'
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.json"], "no temporary file is left behind"


def test_a_shard_that_cannot_be_written_stops_the_build_before_the_main_file(articles: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    """Shards are hashed and written in writer threads: a failure there is the build's, and
    the main file (with the shards it names) stays the previous build's."""
    store = tmp_path / "briefing.json"
    build_store(articles, store)
    before = store.read_bytes()
    shards_before = sorted((p.name, p.read_bytes()) for p in shard_folder(store).iterdir())
    for i in range(12):  # enough changed buckets that several shards are being written at once
        (articles / f"new-{i}.txt").write_text(f"Peru and Chile met in Lima on May {i + 1}, 2024.", encoding="utf-8")
    real_fsync = os.fsync
    writers = set()

    def full_disk(fd: int) -> None:
        import threading

        if threading.current_thread().name.startswith("shard-writer"):
            writers.add(threading.current_thread().name)
            raise OSError("No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        build_store(articles, store)
    assert writers, "shards are written by the writer threads"
    assert store.read_bytes() == before
    assert sorted((p.name, p.read_bytes()) for p in shard_folder(store).iterdir()) == shards_before, \
        "no shard is replaced and no temporary file is left"
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert build_store(articles, store).documents == len(list(articles.glob("*.txt")))


def test_an_interrupted_build_leaves_the_previous_store(articles: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch):
    store = tmp_path / "briefing.json"
    build_store(articles, store)
    before = store.read_bytes()
    (articles / "new.txt").write_text("Peru and Chile met in Lima on May 3, 2024.", encoding="utf-8")

    def killed(path: Path, data: bytes) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("briefing_tui.store.os.replace", lambda *a: killed(*a[:1], b""))
    with pytest.raises(KeyboardInterrupt):
        build_store(articles, store)
    assert store.read_bytes() == before
    assert load_tables(store) is not None


def test_a_corrupt_store_is_detected_and_never_overwritten(articles: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    build_store(articles, store)
    truncated = store.read_bytes()[: store.stat().st_size // 2]
    store.write_bytes(truncated)
    with pytest.raises(StoreCorruptError, match="--move-aside"):
        build_store(articles, store)
    assert store.read_bytes() == truncated


def test_move_aside_keeps_the_corrupt_store_and_rebuilds(articles: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    store.write_bytes(b"{not json")
    report = build_store(articles, store, move_aside=True)
    assert report.moved_aside is not None and report.moved_aside.read_bytes() == b"{not json"
    assert report.documents == 2
    assert load_tables(store)["documents"]


def test_an_unknown_schema_version_is_refused(articles: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    store.write_bytes(orjson.dumps({"meta": {"1": {"schema_version": 999}}}))
    with pytest.raises(StoreSchemaError, match="schema version 999"):
        build_store(articles, store)
    with pytest.raises(StoreSchemaError):
        load_tables(store)


def test_an_empty_store_file_is_corrupt_not_new(tmp_path: Path):
    store = tmp_path / "briefing.json"
    store.write_bytes(b"")
    with pytest.raises(StoreCorruptError, match="empty file"):
        load_tables(store)


def test_unchanged_articles_are_not_extracted_again(articles: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch):
    store = tmp_path / "briefing.json"
    first = build_store(articles, store)
    assert (first.extracted, first.reused) == (2, 0)

    calls: list[str] = []
    real = pipeline.extract_facts

    def counting(document, sentences):
        calls.append(document.path)
        return real(document, sentences)

    monkeypatch.setattr(pipeline, "extract_facts", counting)
    second = build_store(articles, store)
    assert (second.extracted, second.reused, calls) == (0, 2, [])

    path = articles / "santiago-ties.txt"
    path.write_text(path.read_text(encoding="utf-8") + "\nPeru joined the talks.\n", encoding="utf-8")
    third = build_store(articles, store)
    assert (third.extracted, third.reused, calls) == (1, 1, ["santiago-ties.txt"])
    texts = {d["path"]: d["text"] for d in load_tables(store)["documents"]}
    assert "Peru joined the talks." in texts["santiago-ties.txt"]


def test_removed_articles_leave_the_store(articles: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    build_store(articles, store)
    (articles / "accra-talks.txt").unlink()
    build_store(articles, store)
    assert [d["path"] for d in load_tables(store)["documents"]] == ["santiago-ties.txt"]


def test_bad_articles_are_reported_and_skipped(articles: Path, tmp_path: Path):
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    report = build_store(articles, tmp_path / "briefing.json")
    assert report.documents == 2
    assert sorted(p for p, _ in report.failures) == ["binary.txt", "empty.txt"]
    meta = load_tables(tmp_path / "briefing.json")["meta"][0]
    assert sorted(f["path"] for f in meta["failures"]) == ["binary.txt", "empty.txt"]


def test_a_second_build_waits_for_the_lock(articles: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    with build_lock(store):
        with pytest.raises(StoreBusyError, match="another `briefing build`"):
            build_store(articles, store, lock_timeout=0.2)
    assert build_store(articles, store).documents == 2


def test_staleness_follows_the_seeds(articles: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    assert store_is_stale(articles, store)
    build_store(articles, store)
    assert not store_is_stale(articles, store)
    (articles / "more.txt").write_text("Chile met Peru.", encoding="utf-8")
    assert store_is_stale(articles, store)


def test_a_single_file_store_of_schema_1_is_refused_until_moved_aside(articles: Path, tmp_path: Path):
    store = tmp_path / "briefing.json"
    old = orjson.dumps({"meta": {"1": {"schema_version": 1, "seeds": str(articles)}},
                        "documents": {"1": {"id": "doc-1", "path": "accra-talks.txt", "text": "x"}}})
    store.write_bytes(old)
    with pytest.raises(StoreSchemaError, match="schema version 1.*--move-aside"):
        build_store(articles, store)
    assert store.read_bytes() == old
    assert store_is_stale(articles, store)
    report = build_store(articles, store, move_aside=True)
    assert report.moved_aside is not None and report.moved_aside.read_bytes() == old
    assert [d["path"] for d in load_tables(store)["documents"]] == ["accra-talks.txt", "santiago-ties.txt"]


@pytest.mark.parametrize("damage", ["cut short", "missing", "not json", "layout"])
def test_a_damaged_shard_is_reported_and_never_overwritten(articles: Path, tmp_path: Path, damage: str):
    store = tmp_path / "briefing.json"
    build_store(articles, store)
    # a build stats every shard but parses only those it rewrites (the changed article's):
    # damage that keeps a shard's size is found there, the rest in any shard
    rewritten = bucket_of(document_id("accra-talks.txt"))
    shard = next(p for p in shard_folder(store).iterdir() if p.name.startswith(rewritten) == (damage == "layout"))
    if damage == "missing":
        shard.unlink()
    elif damage == "layout":  # valid JSON, rows that do not add up
        raw = orjson.loads(shard.read_bytes())
        raw["layout"]["1"]["rows"][0] += 1
        shard.write_bytes(orjson.dumps(raw))
    else:
        shard.write_bytes(shard.read_bytes()[:-40] if damage == "cut short" else b"[1, 2]")
    kept = sorted((p.name, p.read_bytes()) for p in shard_folder(store).iterdir())
    with pytest.raises(StoreCorruptError, match=f"shard {shard.name}.*--move-aside"):
        load_tables(store)
    (articles / "accra-talks.txt").write_text("Peru and Chile met in Lima.", encoding="utf-8")
    with pytest.raises(StoreCorruptError, match=f"shard {shard.name}"):
        build_store(articles, store)
    assert sorted((p.name, p.read_bytes()) for p in shard_folder(store).iterdir()) == kept
    report = build_store(articles, store, move_aside=True)
    assert sorted(p.name for p in shard_folder(report.moved_aside).iterdir()) == [name for name, _ in kept]
    assert len(load_tables(store)["documents"]) == 2


def test_a_reader_racing_a_build_reads_the_new_store(articles: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch):
    """A build may replace the main file and remove its shards between a reader's reads."""
    store = tmp_path / "briefing.json"
    build_store(articles, store)
    real = store_module.read_store_file
    racing = []

    def read_then_rebuild(path: Path, owner: Path | None = None):
        raw = real(path, owner)
        if owner is not None and not racing:  # the first shard: every article changes meanwhile
            racing.append(path)
            for article in articles.glob("*.txt"):
                article.write_text(article.read_text(encoding="utf-8") + "\nPeru joined.\n", encoding="utf-8")
            build_store(articles, store)
        return raw

    monkeypatch.setattr(store_module, "read_store_file", read_then_rebuild)
    tables = load_tables(store)
    assert racing and not racing[0].exists()
    assert len(tables["documents"]) == 2 and all("Peru joined." in d["text"] for d in tables["documents"])
