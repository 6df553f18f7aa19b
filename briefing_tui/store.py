"""The TinyDB store: one JSON file, written atomically, never silently replaced.

TinyDB's own JSONStorage rewrites the file in place, so a crash mid-write leaves half a
store. `AtomicOrjsonStorage` writes a temporary file, fsyncs it and renames it over the
old one: a reader sees the previous store or the new one, never a mix. orjson makes the
whole-file parse TinyDB needs several times faster than the json module.

Speed at 10,000 articles (about 300 MB of JSON, millions of objects): the cyclic garbage
collector is paused while a store is parsed or written (its repeated scans of the growing
heap cost more than the parse itself), and the meta table is written first so that
`read_meta` can answer "is the store up to date?" without parsing the rest.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.storages import Storage

from briefing_tui.models import SCHEMA_VERSION

FACT_TABLES = ("documents", "sentences", "country_mentions", "person_mentions", "quotes", "events", "figures")
RESOLVED_TABLES = ("countries", "people", "figure_groups")
TABLES = (*FACT_TABLES, *RESOLVED_TABLES, "meta")


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
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def read_store_file(path: Path) -> dict[str, Any] | None:
    """The raw TinyDB data of `path`, None when there is no store yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from exc
    try:
        with no_gc():
            raw = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _corrupt(path, "empty file" if not data else exc) from exc
    if not isinstance(raw, dict):
        raise _not_tinydb(path)
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


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _file_mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # platforms without directory handles
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def _file_mode(path: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual 0o666 & ~umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


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


def open_db(path: Path, *, readonly: bool = False) -> TinyDB:
    """A TinyDB on the store; writes are cached and land in one atomic write on close."""
    middleware = CachingMiddleware(AtomicOrjsonStorage)
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


def load_tables(path: Path) -> dict[str, list[dict[str, Any]]] | None:
    """Every table's records (in insertion order), None when there is no store.

    Reads the file directly through the storage rather than TinyDB's Table API: loading
    goes straight into the query indexes, and this skips building a Document per record.
    TinyDB keeps a table's records in insertion order (ascending ids), as the file does.
    """
    raw = read_store_file(path)
    if raw is None:
        return None
    check_schema(raw, path)
    return {name: list((raw.get(name) or {}).values()) for name in TABLES}


def save_tables(path: Path, tables: dict[str, Iterable[dict[str, Any]]], meta: dict[str, Any]) -> None:
    """Write every table and the meta record (first: see `read_meta`) in one atomic write.

    The data is exactly what TinyDB writes (tables of records under ids "1", "2", ...),
    built directly: TinyDB's insert copies every record, which costs seconds at 200,000.
    """
    data: dict[str, dict[str, Any]] = {"meta": {"1": {**meta, "schema_version": SCHEMA_VERSION}}}
    for name in TABLES:
        if name != "meta":
            records = list(tables.get(name, ()))
            data[name] = dict(zip(map(str, range(1, len(records) + 1)), records))
    with no_gc():
        encoded = orjson.dumps(data)
    write_atomically(path, encoded)


def move_store_aside(path: Path) -> Path:
    """Keep an unreadable store next to the new one instead of overwriting it."""
    target = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}-{n}")
        n += 1
    os.replace(path, target)
    return target


def build_lock(path: Path, timeout: float = 60.0) -> FileLock:
    """A lock beside the store that keeps two builds from writing at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path) + ".lock", timeout=timeout)


def acquire(lock: FileLock, path: Path) -> None:
    """Take the build lock, then clear temporary files a killed build left behind."""
    try:
        lock.acquire()
    except Timeout as exc:
        raise StoreBusyError(
            f"another `briefing build` is writing {path}; wait for it to finish (lock {lock.lock_file})"
        ) from exc
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        leftover.unlink(missing_ok=True)
