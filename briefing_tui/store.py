"""The TinyDB store: a main file and shards of documents, written atomically, never silently replaced.

Layout (`briefing.json` and the folder `briefing.json.shards/` beside it), every file a
TinyDB file:

* the **main file** holds the meta record (first: see `read_meta`), the resolved tables
  (countries, people, figure_groups), what builds keep beside them (a document index and
  the partitions of resolution: see briefing_tui.pipeline and briefing_tui.resolve) and
  the **manifest** (table "shards": the file name and size of every shard);
* a **shard** holds the fact tables (documents, sentences, mentions, quotes, events,
  figures) of the documents whose id falls in its bucket (one of 256, by hash), and its
  layout (each document's number of rows per table: reading needs no grouping). Rows
  are kept as extracted: the links resolution sets (a quote's speaker_id, an event's
  person_ids, a figure's group_id) are derived from the people and figure-group tables
  on load, so a change in another document never rewrites a shard.

A write is atomic as a whole: shards are content-addressed (named by their bucket and the
hash of their bytes), so a new shard never replaces one that the current main file names;
new shards are written (temporary file, fsync, rename) first, then the main file is
replaced the same way, then shards no longer named are removed. A crash at any moment
leaves the previous main file with all its shards, or the new one with all of its. An
incremental build rewrites one bucket's shard, 1/256 of the facts; a full build writes at
most 256 shards (a file per document would cost it an fsync per document: about 5 ms
each on the CI machine, 50 s at 10,000 articles).

Damage is reported, never overwritten: the main file is parsed whole by every reader and
build; a build checks that every shard it names is there with its recorded size and
parses those it rewrites; `load_tables` parses them all. A reader that finds a shard
gone because a build replaced the main file meanwhile reads the new main file.

TinyDB's own JSONStorage rewrites a file in place, so a crash mid-write leaves half a
store: `AtomicOrjsonStorage` writes atomically, and orjson makes the whole-file parse
several times faster than the json module. The cyclic garbage collector is paused while
stores are parsed or written (its repeated scans of the growing heap cost more than the
parse itself).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from briefing_tui.durable import sync_folder_of, write_atomically
from briefing_tui.gc_pause import paused

if TYPE_CHECKING:
    from filelock import FileLock
    from tinydb import TinyDB
    from tinydb.storages import Storage

SCHEMA_VERSION = 2  # 2: a main file and per-bucket shards (1 was one file)
FACT_TABLES = ("documents", "sentences", "country_mentions", "person_mentions", "quotes", "events", "figures")
RESOLVED_TABLES = ("countries", "people", "figure_groups")
TABLES = (*FACT_TABLES, *RESOLVED_TABLES, "meta")  # what `load_tables` gives
INDEX_TABLE = "document_index"  # a build's record of each document: see pipeline.index_record
# fields resolution sets on facts: not stored in shards, derived on load (see `_link`)
_LINKS = {"quotes": "speaker_id", "events": "person_ids", "figures": "group_id"}
Tables = dict[str, list[dict[str, Any]]]
DocumentRows = Tables  # one document's rows per fact table


class StoreError(Exception):
    """A store problem, worded as one line that says what to do."""


class StoreCorruptError(StoreError):
    pass


class StoreSchemaError(StoreError):
    pass


class StoreBusyError(StoreError):
    pass


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building millions of acyclic objects.

    On the way out the objects are frozen (moved out of the collector's sight) rather than
    handed back to it, which would scan them all once more; reference counting still
    frees them, and records, rows and models hold no reference cycles.
    """
    with paused():
        try:
            yield
        finally:
            gc.freeze()


def read_store_file(path: Path, store: Path | None = None) -> dict[str, Any] | None:
    """The raw TinyDB data of `path` (the main file of `store`, or one of its shards), None
    when there is no such file."""
    store = store or path
    part = "" if path == store else f"shard {path.name}: "
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read the store {store}: {part}{exc.strerror or exc}") from exc
    try:
        with no_gc():
            raw = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _corrupt(store, part + ("empty file" if not data else str(exc))) from exc
    if not isinstance(raw, dict):
        raise _not_tinydb(store) if not part else _corrupt(store, f"{part}not a TinyDB file")
    return raw


def _corrupt(path: Path, reason: object) -> StoreCorruptError:
    return StoreCorruptError(
        f"the store {path} is corrupt ({reason}); "
        f"run `briefing build --move-aside` to keep it as *.corrupt-* and rebuild from the seeds"
    )


def _not_tinydb(path: Path) -> StoreCorruptError:
    return StoreCorruptError(
        f"the store {path} is not a TinyDB file; run `briefing build --move-aside` to keep it aside and rebuild"
    )


def _records(raw: dict[str, Any], name: str, store: Path) -> list[dict[str, Any]]:
    """A table's records in insertion order (TinyDB's ascending ids, as the file has them)."""
    table = raw.get(name) or {}
    if not isinstance(table, dict):
        raise _corrupt(store, f"table {name} is not a TinyDB table")
    return list(table.values())


def _tinydb(records: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A table as TinyDB writes it: records under ids "1", "2", ... (built directly: TinyDB's
    insert copies every record, which costs seconds at 200,000)."""
    records = list(records)
    return dict(zip(map(str, range(1, len(records) + 1)), records))


_META_PREFIX = b'{"meta":'


def read_meta(path: Path) -> dict[str, Any] | None:
    """The meta record of a store, None when there is no store; reads little of a large file.

    `save_tables` writes the meta table first, so its JSON object can be decoded from the
    start of the file alone. A file that does not start that way (written by another tool)
    or does not end like a JSON object is read whole, so damage is still reported.
    """
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            handle.seek(max(size - 16, 0))
            tail = handle.read()
            handle.seek(0)
            head = handle.read(len(_META_PREFIX))
            if head == _META_PREFIX and tail.rstrip().endswith(b"}"):
                return check_schema({"meta": _decode_meta(handle, head)}, path)
    except FileNotFoundError:
        return None
    except json.JSONDecodeError as exc:
        raise _corrupt(path, exc) from exc
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from exc
    raw = read_store_file(path)
    return None if raw is None else check_schema(raw, path)


def _decode_meta(handle: Any, data: bytes) -> Any:
    """The meta table's JSON value, reading more of the file until it is complete."""
    decoder = json.JSONDecoder()
    while True:
        chunk = handle.read(max(1 << 16, len(data)))
        data += chunk
        try:
            return decoder.raw_decode(data.decode("utf-8", errors="replace"), len(_META_PREFIX))[0]
        except json.JSONDecodeError:
            if not chunk:
                raise


@cache
def _storage_class() -> type[Storage]:
    """`AtomicOrjsonStorage`, made when first asked for: TinyDB's modules are imported only by
    what uses its API (benchmarks, tests), never by a build or the browser's start."""
    from tinydb.storages import Storage

    class AtomicOrjsonStorage(Storage):
        """TinyDB storage: orjson parsing, atomic whole-file writes, corruption detection."""

        def __init__(self, path: str | Path, access_mode: str = "r+") -> None:
            self.path = Path(path)
            self.readonly = access_mode == "r"

        def read(self) -> dict[str, dict[str, Any]] | None:
            return read_store_file(self.path)

        def write(self, data: dict[str, dict[str, Any]]) -> None:
            if self.readonly:
                raise StoreError(f"the store {self.path} was opened read-only")
            write_atomically(self.path, orjson.dumps(data))

        def close(self) -> None:
            pass

    return AtomicOrjsonStorage


def __getattr__(name: str) -> Any:
    """`AtomicOrjsonStorage` is made on first use (see `_storage_class`)."""
    if name == "AtomicOrjsonStorage":
        return _storage_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_db(path: Path, *, readonly: bool = False) -> TinyDB:
    """A TinyDB on the store; writes are cached and land in one atomic write on close."""
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware

    middleware = CachingMiddleware(_storage_class())
    middleware.WRITE_CACHE_SIZE = 1 << 30  # flush only on close: one write per build
    return TinyDB(path, storage=middleware, access_mode="r" if readonly else "r+")


def check_schema(raw: dict[str, Any], path: Path) -> dict[str, Any]:
    """The meta record of a raw store, after checking its schema version."""
    table = raw.get("meta") or {}
    records = list(table.values()) if isinstance(table, dict) else []
    meta = records[0] if records and isinstance(records[0], dict) else {}
    version = meta.get("schema_version")
    if version != SCHEMA_VERSION:
        raise StoreSchemaError(
            f"the store {path} has schema version {version!r}, this briefing reads {SCHEMA_VERSION}; "
            f"run `briefing build --move-aside` to keep it aside and rebuild from the seeds"
        )
    return meta


# ---------------------------------------------------------------- shards

def shard_folder(path: Path) -> Path:
    """Where the shards of the store `path` live: `briefing.json.shards/` beside it."""
    return path.with_name(f"{path.name}.shards")


def bucket_of(doc_id: str) -> str:
    """The shard bucket of a document: two hex digits, 256 buckets."""
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:2]


@dataclass
class MainFile:
    """What a build reads of a store: the main file, after checking that its shards are there."""

    meta: dict[str, Any]
    tables: Tables  # the resolved tables and what builds keep beside them (document index, partitions)
    shards: dict[str, dict[str, Any]]  # the manifest: bucket -> {"bucket", "file", "size"}


def read_main(path: Path) -> MainFile | None:
    """The main file of a store, None when there is none. Every shard it names must be
    present with its recorded size (a stat each; their contents are read when needed)."""
    raw = read_store_file(path)
    if raw is None:
        return None
    meta = check_schema(raw, path)
    shards = {entry["bucket"]: entry for entry in _manifest(raw, path)}
    for entry in shards.values():
        try:
            size = (shard_folder(path) / entry["file"]).stat().st_size
        except FileNotFoundError:
            raise _corrupt(path, f"shard {entry['file']} is missing") from None
        if size != entry["size"]:
            raise _corrupt(path, f"shard {entry['file']} has {size} bytes, not {entry['size']}")
    tables = {name: _records(raw, name, path) for name in raw if name not in ("meta", "shards")}
    return MainFile(meta, tables, shards)


def _manifest(raw: dict[str, Any], path: Path) -> list[dict[str, Any]]:
    entries = _records(raw, "shards", path)
    if not all(isinstance(e, dict) and {"bucket", "file", "size"} <= e.keys() for e in entries):
        raise _corrupt(path, "its list of shards is damaged")
    return entries


def read_shard(path: Path, entry: dict[str, Any]) -> list[DocumentRows]:
    """The documents of one shard of the store `path` (a manifest entry of `read_main`), each
    as its rows per fact table, in path order."""
    raw = read_store_file(shard_folder(path) / entry["file"], path)
    if raw is None:
        raise _corrupt(path, f"shard {entry['file']} is missing")
    return _documents_of(raw, entry["file"], path)


def _documents_of(raw: dict[str, Any], name: str, path: Path) -> list[DocumentRows]:
    """A shard's documents, cut out of its tables by its layout (each document's number of
    rows per fact table, in the order of the documents table)."""
    tables = {table: _records(raw, table, path) for table in FACT_TABLES}
    layout = _records(raw, "layout", path)
    counts = [entry.get("rows") if isinstance(entry, dict) else None for entry in layout]
    if len(layout) != len(tables["documents"]) or not all(
            isinstance(c, list) and len(c) == len(FACT_TABLES) - 1 for c in counts) or any(
            len(tables[table]) != sum(c[i] for c in counts) for i, table in enumerate(FACT_TABLES[1:])):
        raise _corrupt(path, f"shard {name}: its layout does not match its tables")
    starts = dict.fromkeys(FACT_TABLES[1:], 0)
    documents = []
    for document, count in zip(tables["documents"], counts):
        rows: DocumentRows = {"documents": [document]}
        for table, n in zip(FACT_TABLES[1:], count):
            rows[table] = tables[table][starts[table]:starts[table] + n]
            starts[table] += n
        documents.append(rows)
    return documents


def store_files(path: Path) -> list[Path]:
    """The main file of a store and the shards it names (for benchmarks that read them raw)."""
    raw = read_store_file(path)
    if raw is None:
        return []
    return [path, *(shard_folder(path) / e["file"] for e in _manifest(raw, path))]


# ---------------------------------------------------------------- reading and writing whole stores

LOAD_ATTEMPTS = 3  # a build may replace the main file, and remove its shards, while it is read


def load_tables(path: Path) -> Tables | None:
    """Every table's records, None when there is no store: documents in path order, each
    fact table in document order, the links of facts to people and figure groups set.

    Reads the files directly through the storage rather than TinyDB's Table API: loading
    goes straight into the query indexes, and this skips building a Document per record.
    A shard that vanished while the main file changed is a concurrent build's doing: the
    new main file is read again.
    """
    attempt = 1
    while True:
        before = _identity(path)
        raw = read_store_file(path)
        if raw is None:
            return None
        check_schema(raw, path)
        shards, missing = [], None
        for entry in _manifest(raw, path):
            shard = read_store_file(shard_folder(path) / entry["file"], path)
            if shard is None:
                missing = entry["file"]
                break
            shards.append(_documents_of(shard, entry["file"], path))
        if missing is None:
            tables = _assemble(shards)
            tables.update((name, _records(raw, name, path)) for name in TABLES if name not in tables)
            _link(tables)
            return tables
        if _identity(path) == before or attempt == LOAD_ATTEMPTS:
            raise _corrupt(path, f"shard {missing} is missing")
        attempt += 1


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_mtime_ns


def _assemble(shards: list[list[DocumentRows]]) -> Tables:
    """The fact tables of all shards' documents, in path order (as one file of all documents has them)."""
    documents = sorted((d for shard in shards for d in shard), key=lambda d: d["documents"][0]["path"])
    tables: Tables = {name: [] for name in FACT_TABLES}
    for rows in documents:
        for name in FACT_TABLES:
            tables[name].extend(rows[name])
    return tables


def _link(tables: Tables) -> None:
    """Set the links resolution makes (see briefing_tui.resolve.resolve), from the tables."""
    person_of = {m: p["id"] for p in tables["people"] for m in p.get("mention_ids", ())}
    group_of = {f: g["id"] for g in tables["figure_groups"] for f in g.get("figure_ids", ())}
    for quote in tables["quotes"]:
        speaker = person_of.get(quote.get("speaker_mention_id") or "")
        if speaker is not None:
            quote["speaker_id"] = speaker
    for event in tables["events"]:
        people = event.get("people")
        event["person_ids"] = sorted({person_of[m] for m in people if m in person_of}) if people else []
    for figure in tables["figures"]:
        group = group_of.get(figure["id"])
        if group is not None:
            figure["group_id"] = group


def _unlinked(name: str, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records without the link resolution sets: shards keep facts as extracted."""
    field = _LINKS.get(name)
    if field is None:
        return list(records)
    return [{k: v for k, v in r.items() if k != field} if field in r else r for r in records]


def save_store(path: Path, meta: dict[str, Any], tables: Tables, shards: dict[str, dict[str, Any]],
               changed: dict[str, list[DocumentRows]], written: dict[str, dict[str, Any]] | None = None) -> None:
    """Write a store: the shards of the `changed` buckets (each its documents' rows, in path
    order; none: the bucket is gone) that are not already `written` (a `ShardWriter`'s
    entries), then the main file (meta first: see `read_meta`) with `tables` and the
    manifest, which keeps the entries of `shards` (the last build's) for buckets not
    changed; then remove the shards no longer named. See the module docstring for why
    this order is atomic."""
    folder = shard_folder(path)
    manifest = dict(shards)
    written = written or {}
    with no_gc():
        with ShardWriter(path) as writer:
            for bucket, documents in sorted(changed.items()):
                if bucket in written:
                    continue
                if not documents:
                    manifest.pop(bucket, None)
                    continue
                writer.write(bucket, documents)
            manifest.update(written)
            manifest.update(writer.finish())  # the first failure is raised, before the main file is written
        if changed and folder.is_dir():
            sync_folder_of(folder)
        main = {"meta": {"1": {**meta, "schema_version": SCHEMA_VERSION}},
                **{name: _tinydb(records) for name, records in tables.items()},
                "shards": _tinydb(manifest[bucket] for bucket in sorted(manifest))}
        encoded = orjson.dumps(main)
    write_atomically(path, encoded)
    named = {entry["file"] for entry in manifest.values()}
    if folder.is_dir():
        for file in folder.iterdir():
            if file.name not in named and (file.suffix == ".json" or file.name.endswith(".tmp")):
                file.unlink(missing_ok=True)


SHARD_WRITERS = 2  # threads that hash and write shards while the next one is encoded


class ShardWriter:
    """Encodes shards one at a time and has writer threads hash and write them; used as a
    context manager. A build gives it each bucket as soon as the bucket's documents are
    extracted, so that most shards are written while the workers still extract; a shard
    is named by its bytes, so one written early is never one the current main file names.
    `finish` waits for every shard and gives their manifest entries by bucket."""

    def __init__(self, path: Path) -> None:
        from concurrent.futures import Future, ThreadPoolExecutor  # here: readers of the store never write

        self.folder = shard_folder(path)
        self.pool = ThreadPoolExecutor(max_workers=SHARD_WRITERS, thread_name_prefix="shard-writer")
        self.pending: list[Future[dict[str, Any]]] = []
        self.entries: dict[str, dict[str, Any]] = {}

    def __enter__(self) -> ShardWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True)

    def write(self, bucket: str, documents: list[DocumentRows]) -> None:
        """Encode a bucket's shard (its documents' rows, in path order) and queue its write."""
        if len(self.pending) >= 2 * SHARD_WRITERS:  # encoded shards wait in memory: a few at most
            self._collect(self.pending.pop(0))
        self.pending.append(self.pool.submit(_write_shard, self.folder, bucket, orjson.dumps({
            **{name: _tinydb(_unlinked(name, (r for rows in documents for r in rows[name]))) for name in FACT_TABLES},
            "layout": _tinydb({"doc_id": rows["documents"][0]["id"],
                               "rows": [len(rows[name]) for name in FACT_TABLES[1:]]} for rows in documents),
        })))

    def finish(self) -> dict[str, dict[str, Any]]:
        """The manifest entries of every shard written (raises the first write's failure)."""
        while self.pending:
            self._collect(self.pending.pop(0))
        return self.entries

    def _collect(self, future: Any) -> None:
        entry = future.result()
        self.entries[entry["bucket"]] = entry


def _write_shard(folder: Path, bucket: str, data: bytes) -> dict[str, Any]:
    """Name a shard by its bytes and write it; its manifest entry. Run in a writer thread:
    hashing and fsync release the interpreter, so they overlap the next shard's encoding
    (at 10,000 articles they are a third of a full build's writing)."""
    name = f"{bucket}-{hashlib.blake2b(data, digest_size=10).hexdigest()}.json"
    if not (folder / name).exists():  # the same name holds the same bytes
        write_atomically(folder / name, data, sync_folder=False)
    return {"bucket": bucket, "file": name, "size": len(data)}


def save_tables(path: Path, tables: dict[str, Iterable[dict[str, Any]]], meta: dict[str, Any]) -> None:
    """Write a whole store from every table (a hand-made corpus, say). It holds no document
    index, so the next build extracts every article again."""
    documents = sorted(tables.get("documents", ()), key=itemgetter("path"))
    of_document: dict[str, DocumentRows] = {d["id"]: {"documents": [d]} for d in documents}
    for name in FACT_TABLES[1:]:
        for rows in of_document.values():
            rows[name] = []
        for record in tables.get(name, ()):
            of_document[record["doc_id"]][name].append(record)
    buckets: dict[str, list[DocumentRows]] = {}
    for doc_id, rows in of_document.items():
        buckets.setdefault(bucket_of(doc_id), []).append(rows)
    save_store(path, meta, {name: list(tables.get(name, ())) for name in RESOLVED_TABLES}, {}, buckets)


def move_store_aside(path: Path) -> Path:
    """Keep an unreadable store (main file and shards) next to the new one instead of overwriting it."""
    stamp = time.strftime('%Y%m%d-%H%M%S')
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists() or shard_folder(target).exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    if shard_folder(path).exists():
        os.replace(shard_folder(path), shard_folder(target))
    return target


def build_lock(path: Path, timeout: float = 60.0) -> FileLock:
    """A lock beside the store that keeps two builds from writing at once."""
    from filelock import FileLock  # imported here: the browser reads stores without the lock

    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path) + ".lock", timeout=timeout)


def acquire(lock: FileLock, path: Path) -> None:
    """Take the build lock, then clear temporary files a killed build left behind."""
    import filelock

    try:
        lock.acquire()
    except filelock.Timeout as exc:
        raise StoreBusyError(
            f"another `briefing build` is writing {path}; wait for it to finish (lock {lock.lock_file})"
        ) from exc
    for leftover in (*path.parent.glob(f".{path.name}.*.tmp"), *shard_folder(path).glob(".*.tmp")):
        leftover.unlink(missing_ok=True)
