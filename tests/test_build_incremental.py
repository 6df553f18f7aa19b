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

import orjson
import pytest

from briefing_tui import pipeline
from briefing_tui.pipeline import build_store
from briefing_tui.staleness import store_is_stale
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
        patched.setattr(pipeline, "read_main", refuse)
        patched.setattr(pipeline, "save_store", refuse)
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


OWUSU_SHORT = """Ghana and Chile Hold Talks

Accra, March 12, 2024 – Minister of Foreign Affairs of Ghana Ama Owusu held talks with Chile's Foreign Minister \
Tomas Vidal, who arrived in Accra on an official visit.
“Ghana sees Chile as a partner in copper and cocoa alike,” said Owusu.
In 2023, trade between Ghana and Chile reached $210 million.
"""
OWUSU_FULL = """Ghana's Minister Visits Santiago

Santiago, May 2, 2024 – Minister of Foreign Affairs of Ghana Ama Serwaa Owusu arrived in Santiago for talks with \
Chilean officials.
“We want more Chilean investment in Ghana,” said Ama Serwaa Owusu.
"""
TRADE_REPORT = """Chile Reports Record Trade With Ghana

Santiago, June 5, 2024 – Chile's trade office published its annual report.
In 2023, trade between Ghana and Chile reached ${amount} million.
"""


def _without_build_times(tables: dict) -> dict:
    meta = {k: v for k, v in tables["meta"][0].items() if k not in ("built_at", "scanned_ns")}
    return {**tables, "meta": [meta]}


def _same_as_a_full_build(seeds: Path, store: Path, scratch: Path) -> dict:
    """The store's tables, after checking them against a fresh full build of the same seeds."""
    build_store(seeds, scratch)
    incremental, full = load_tables(store), load_tables(scratch)
    assert _without_build_times(incremental) == _without_build_times(full)
    return incremental


def test_incremental_builds_equal_full_builds_when_people_merge_and_figures_conflict(tmp_path: Path):
    seeds = write_corpus(tmp_path / "seeds", 24, seed=3)
    (seeds / "ghana-1.txt").write_text(OWUSU_SHORT, encoding="utf-8")
    store = tmp_path / "store" / "briefing.json"
    build_store(seeds, store)
    before = load_tables(store)
    owusu = next(p for p in before["people"] if p["name"] == "Ama Owusu")

    # a longer name elsewhere merges with her (her person and its id change in a document not
    # rebuilt); a second source conflicts with her document's trade figure; one article changes,
    # one goes
    (seeds / "ghana-2.txt").write_text(OWUSU_FULL, encoding="utf-8")
    (seeds / "ghana-3.txt").write_text(TRADE_REPORT.format(amount=500), encoding="utf-8")
    changed = seeds / "00004.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("2023", "2021"), encoding="utf-8")
    (seeds / "00007.txt").unlink()
    report = build_store(seeds, store)
    assert (report.extracted, report.reused) == (3, 23)
    after = _same_as_a_full_build(seeds, store, tmp_path / "full-1.json")
    merged = next(p for p in after["people"] if p["name"] == "Ama Serwaa Owusu")
    assert set(owusu["mention_ids"]) < set(merged["mention_ids"]) and len(merged["doc_ids"]) == 2
    her_quote = next(q for q in after["quotes"] if q.get("speaker_mention_id") in owusu["mention_ids"])
    assert her_quote["speaker_id"] == merged["id"] != owusu["id"]
    (group,) = [g for g in after["figure_groups"] if set(g["values"]) == {210e6, 500e6}]
    assert group["conflict"]
    assert sum(f.get("group_id") == group["id"] for f in after["figures"]) == 2

    # and back: the merge and the conflict undone, a document added and one changed again
    (seeds / "ghana-2.txt").unlink()
    (seeds / "ghana-3.txt").write_text(TRADE_REPORT.format(amount=211), encoding="utf-8")
    (seeds / "00007.txt").write_text(OWUSU_FULL.replace("Ama Serwaa", "Kofi"), encoding="utf-8")
    report = build_store(seeds, store)
    assert (report.extracted, report.reused) == (2, 24)
    again = _same_as_a_full_build(seeds, store, tmp_path / "full-2.json")
    assert next(p for p in again["people"] if p["name"] == "Ama Owusu")["id"] == owusu["id"]
    assert not next(g for g in again["figure_groups"] if 210e6 in g["values"])["conflict"]


def test_a_built_store_holds_what_resolving_the_extracted_articles_gives(tmp_path: Path):
    """The links a store derives on load are those `resolve` sets on models."""
    from briefing_tui.ingest import article_paths
    from briefing_tui.pipeline import corpus_tables, extract_file
    from briefing_tui.resolve import resolve

    seeds = write_corpus(tmp_path / "seeds", 12, seed=4)
    (seeds / "ghana-1.txt").write_text(OWUSU_SHORT, encoding="utf-8")
    (seeds / "ghana-2.txt").write_text(OWUSU_FULL, encoding="utf-8")
    (seeds / "ghana-3.txt").write_text(TRADE_REPORT.format(amount=500), encoding="utf-8")
    store = tmp_path / "briefing.json"
    build_store(seeds, store)
    corpus = resolve([extract_file(p, seeds) for p in article_paths(seeds)])
    assert _facts(store) == corpus_tables(corpus)


def test_a_workers_rows_are_the_models_dumped_table_by_table(seeds: Path):
    """The JSON a worker writes in one pass reads back as each table's records dumped as
    the store keeps them (None fields left out of facts, kept in the document)."""
    from briefing_tui.store import FACT_TABLES

    facts = pipeline.extract_file(sorted(seeds.glob("*.txt"))[0], seeds)
    rows = orjson.loads(pipeline.document_rows_json(facts))
    assert list(rows) == list(FACT_TABLES)
    assert rows["documents"] == [facts.document.model_dump(mode="json")]
    for name in FACT_TABLES[1:]:
        items = getattr(facts, pipeline._FACT_ATTRS[name])
        assert rows[name] == [item.model_dump(mode="json", exclude_none=True) for item in items]
    assert rows["figures"] and rows["person_mentions"]  # the article has facts to compare


def test_each_articles_rows_are_decoded_while_the_next_are_extracted(seeds: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    """The build takes an article's rows as soon as it is extracted, not after the last one."""
    events = []
    extract, loads = pipeline._rows_job, pipeline.orjson.loads

    def rows_job(job):
        events.append("extract")
        return extract(job)

    def decode(data):
        events.append("decode")
        return loads(data)

    monkeypatch.setattr(pipeline, "_rows_job", rows_job)
    monkeypatch.setattr(pipeline.orjson, "loads", decode)
    build_store(seeds, tmp_path / "store.json", workers=1)
    assert events.count("extract") == 8
    assert events.index("decode") < len(events) - 1 - events[::-1].index("extract")  # one before the last extraction


def test_a_buckets_shard_is_written_as_soon_as_its_articles_are_extracted(seeds: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch):
    """Articles are extracted bucket by bucket and each shard is handed to the writers once
    its bucket's last article is in, while later ones are still to extract; the store is
    the one that writing every shard at the end gives (shards are named by their bytes)."""
    from briefing_tui import store as store_module

    events = []
    extract, write = pipeline._rows_job, store_module.ShardWriter.write

    def rows_job(job):
        events.append(("extract", store_module.bucket_of(pipeline.document_id(Path(job[0]).relative_to(seeds)
                                                                                .as_posix()))))
        return extract(job)

    def write_shard(self, bucket, documents):
        events.append(("write", bucket))
        write(self, bucket, documents)

    monkeypatch.setattr(pipeline, "_rows_job", rows_job)
    monkeypatch.setattr(store_module.ShardWriter, "write", write_shard)
    build_store(seeds, tmp_path / "streamed.json", workers=1)
    extracted = [bucket for kind, bucket in events if kind == "extract"]
    assert extracted == sorted(extracted) and len(extracted) == 8
    for n, (kind, bucket) in enumerate(events):  # each shard right after its bucket's last article
        if kind == "write":
            assert events[n - 1] == ("extract", bucket) and ("extract", bucket) not in events[n + 1:]
    assert events[-1][0] == "write" and events.index(("write", extracted[0])) < len(events) - 2

    monkeypatch.undo()

    class AtTheEnd(store_module.ShardWriter):
        def write(self, bucket, documents):  # nothing during extraction: save_store writes every shard
            pass

    monkeypatch.setattr(pipeline, "ShardWriter", AtTheEnd)
    build_store(seeds, tmp_path / "at_the_end.json", workers=1)
    names = sorted(p.name for p in (tmp_path / "streamed.json.shards").iterdir())
    assert names and names == sorted(p.name for p in (tmp_path / "at_the_end.json.shards").iterdir())
    assert _facts(tmp_path / "streamed.json") == _facts(tmp_path / "at_the_end.json")


def test_failures_are_reported_in_path_order_whatever_order_buckets_are_extracted_in(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    names = [f"bad-{n:02}.txt" for n in range(12)]
    for name in names:
        (seeds / name).write_bytes(b"")
    buckets = [pipeline.bucket_of(pipeline.document_id(name)) for name in names]
    assert buckets != sorted(buckets)  # the extraction order is not the path order
    report = build_store(seeds, tmp_path / "store.json", workers=1)
    assert [path for path, _ in report.failures] == names
    assert not list((tmp_path / "store.json.shards").glob("*.json"))  # no shard for buckets of failures only
