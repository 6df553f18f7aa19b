"""Store load and memory: the built store of N articles read three ways, against orjson.

    python bench/bench_store.py --n 10000 [--seed 1]

Floor: `orjson.loads` of the store files' bytes (main file and shards; the garbage
collector paused, as the store does). Then: TinyDB itself with the store's orjson storage
and caching middleware (every table's `all()` in every file), `store.load_tables` (what
the index reads: the files, documents in order, links derived), and
the browser's in-memory Index built from the store (`query.build_index`: models, filter
keys, postings) and the time to keep it beside the store (`index_cache.write_index`), then
`query.load_index` reading that kept index, as every start after the first does, with the
resident memory once it is loaded. Each runs in a fresh process.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

from common import best_of, child, header, line, peak_rss_mb, reply, rss_mb, save, store_for, store_mb


def _measure(kind: str, store: Path) -> dict[str, float]:
    import orjson

    from briefing_tui.store import load_tables, open_db, store_files

    before = rss_mb()
    files = store_files(store)
    if kind == "orjson":
        data = [p.read_bytes() for p in files]

        def parse() -> None:
            gc.disable()
            for d in data:
                orjson.loads(d)
            gc.enable()

        def parse_with_gc() -> None:
            for d in data:
                orjson.loads(d)

        def read() -> None:
            for p in files:
                p.read_bytes()

        return {"seconds": best_of(parse), "with_gc": best_of(parse_with_gc, 1), "read": best_of(read)}
    if kind == "tinydb":
        def tinydb() -> None:
            for p in files:
                db = open_db(p, readonly=True)
                for name in db.tables():
                    db.table(name).all()
                db.close()

        return {"seconds": best_of(tinydb, 1)}
    if kind == "tables":
        return {"seconds": best_of(lambda: load_tables(store), 2)}
    from briefing_tui import index_cache
    from briefing_tui.query import build_index, load_index

    if kind == "built":
        key = index_cache.store_key(store)
        assert key is not None
        started = time.perf_counter()
        tables = load_tables(store)
        assert tables is not None
        built = build_index(tables)
        seconds = time.perf_counter() - started
        kept = time.perf_counter()
        index_cache.write_index(store, key, built)
        return {"seconds": seconds, "keep_s": time.perf_counter() - kept,
                "kept_mb": index_cache.cache_path(store).stat().st_size / 2**20}
    started = time.perf_counter()
    index = load_index(store)
    seconds = time.perf_counter() - started
    assert index is not None
    return {"seconds": seconds, "rss_mb": rss_mb(), "rss_before_mb": before, "peak_mb": peak_rss_mb(),
            "facts": len(index.events) + len(index.quotes) + len(index.figures) + len(index.people),
            "sentences": sum(len(index.sentences_of(d)) for d in index.documents)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", choices=("orjson", "tinydb", "tables", "built", "index"), help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        reply(_measure(args.measure, Path(args.store)))
        return 0

    store = store_for(args.n, args.seed)
    size = store_mb(store)
    header(f"store load: {args.n:,} articles, {size:,.0f} MB store")
    floor = child("bench_store.py", "--measure", "orjson", "--store", str(store))
    line("floor: orjson.loads (gc paused)", floor["seconds"], "s")
    line("  orjson.loads with the gc running", floor["with_gc"], "s", floor["seconds"])
    line("  reading the file's bytes", floor["read"], "s", floor["seconds"])
    tinydb = child("bench_store.py", "--measure", "tinydb", "--store", str(store))
    line("TinyDB + orjson storage + caching: all()", tinydb["seconds"], "s", floor["seconds"])
    tables = child("bench_store.py", "--measure", "tables", "--store", str(store))
    line("store.load_tables", tables["seconds"], "s", floor["seconds"])
    built = child("bench_store.py", "--measure", "built", "--store", str(store))
    line("the browser's Index built from the store", built["seconds"], "s", floor["seconds"])
    line(f"  keeping it beside the store ({built['kept_mb']:,.0f} MB)", built["keep_s"], "s")
    index = child("bench_store.py", "--measure", "index", "--store", str(store))
    line("query.load_index from the kept index", index["seconds"], "s", floor["seconds"])
    line(f"  memory with {args.n:,} articles loaded (RSS)", index["rss_mb"], "MB")
    line("  of which the interpreter and modules", index["rss_before_mb"], "MB")
    line("  peak while loading", index["peak_mb"], "MB")
    print(f"  {index['facts']:,} facts, {index['sentences']:,} sentences")
    save(f"store-{args.n}", {
        "n": args.n, "store_mb": size, "orjson_s": floor["seconds"], "orjson_with_gc_s": floor["with_gc"],
        "tinydb_s": tinydb["seconds"], "load_tables_s": tables["seconds"], "build_index_s": built["seconds"],
        "keep_index_s": built["keep_s"], "kept_index_mb": built["kept_mb"], "load_index_s": index["seconds"],
        "rss_mb": index["rss_mb"], "peak_mb": index["peak_mb"], "facts": index["facts"],
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
