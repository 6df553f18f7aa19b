"""The browser's index kept between runs, beside the store (`briefing.json.index`).

Building the index of 10,000 articles from the store takes half a minute (parsing, validating
340,000 facts, their filter keys, sorting, the filter columns); reading it back from this file
takes a few seconds. The file is derived data, never the source of truth:

* it is **keyed** by the store (a digest of the main file, which names every shard by the hash
  of its bytes, and each shard file's size, inode and change times) and by the code that shapes
  the index (the source of the models, the query layer, the store and this module, and the
  versions of Python and pydantic): any change makes the key differ, and the index is built
  from the store again and the file replaced;
* its payload carries a digest: a damaged or truncated file is detected, reported and rebuilt,
  never trusted; a file another user owns, or that others may write, is not read at all;
* it starts with a **head**, the part the browser's first frame shows (the first timeline
  rows of the unfiltered view as plain values, the store's meta, the counts), with a digest
  of its own, so that the first frame is drawn before the rest is read (`read_head`), and
  without pydantic or the models, whose import is a sixth of the seeds' start-up; the
  payload's digest covers the head too;
* it is `marshal` data of plain values only (strings, numbers, lists, dicts, sets), so reading
  it runs no code from the file (unlike pickle); models are rebuilt without validation, as
  they were validated when the file was written.

Writes are atomic (see briefing_tui.durable); a store folder we may not write to only costs
the time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import stat
import sys
import types
import typing
from array import array
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from briefing_tui import store
from briefing_tui.durable import NEW_FILE_MODE, write_atomically
from briefing_tui.store import SCHEMA_VERSION, shard_folder

if typing.TYPE_CHECKING:
    from pydantic import BaseModel

    from briefing_tui.query import Index, IndexHead

MAGIC = b"briefing-index-cache 3\n"
_DIGEST = 32  # sha256
_KINDS = ("events", "quotes", "figures", "people")
_LENGTH = 8  # bytes of the head's length
HEAD_EVENTS = 1_000  # timeline rows in the head: more than a terminal shows


class IndexCacheDamaged(Exception):
    """The cache file is there for this store and code but cannot be trusted (a note for the user)."""


def cache_path(store_path: Path) -> Path:
    """Where the index of `store_path` is kept: `briefing.json.index` beside it."""
    return store_path.with_name(f"{store_path.name}.index")


# ---------------------------------------------------------------- the key

@cache
def _code_key() -> bytes:
    """What identifies the code that shapes the index (its modules' source, pydantic's version
    module) and the formats it relies on: read from the files, as the modules need not be
    imported for the head (see the module docstring)."""
    key = hashlib.sha256()
    for name in ("briefing_tui.models", "briefing_tui.store", "briefing_tui.query", __name__):
        key.update(_source_of(name).read_bytes())
    key.update(_source_of("pydantic").with_name("version.py").read_bytes())
    key.update(f"{sys.version}|marshal {marshal.version}|schema {SCHEMA_VERSION}".encode())
    return key.digest()


def _source_of(module: str) -> Path:
    """The source file of a module or package (its __init__), found without importing it."""
    spec = importlib.util.find_spec(module)
    return Path(spec.origin if spec is not None and spec.origin else "")


def store_key(store_path: Path) -> bytes | None:
    """The key of the store as it is now (None: no store, or one `load_tables` will report
    as unreadable), with the code's: the main file's bytes and every
    file in the shard folder by name, size, inode and modification and change times (a change
    to a shard's bytes changes its change time, whoever makes it)."""
    key = hashlib.sha256(_code_key())
    try:
        key.update(store_path.read_bytes())
    except OSError:
        return None
    try:
        entries = sorted(os.scandir(shard_folder(store_path)), key=lambda e: e.name)
    except FileNotFoundError:
        entries = []
    for entry in entries:
        st = entry.stat(follow_symlinks=False)
        key.update(f"{entry.name}\0{st.st_size}\0{st.st_ino}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\n".encode())
    return key.digest()


# ---------------------------------------------------------------- reading

def read_index(store_path: Path, key: bytes) -> Index | None:
    """The kept index of the store whose key is `key`; None when there is none for this key.
    Raises IndexCacheDamaged when the file for this key is damaged."""
    path = cache_path(store_path)
    found = _read_checked(path, key, None)
    if found is None:
        return None
    head_length = int.from_bytes(found[_DIGEST:_DIGEST + _LENGTH], "big")
    payload = memoryview(found)[_DIGEST + _LENGTH + head_length:]
    with store.no_gc():
        return _read_data(path, payload, _index_from)


def read_head(store_path: Path, key: bytes) -> IndexHead | None:
    """What the first frame shows of the kept index of the store whose key is `key` (see the
    module docstring), read without the rest; None when there is none for this key.
    Raises IndexCacheDamaged when the head is damaged."""
    path = cache_path(store_path)
    head = _read_checked(path, key, _DIGEST + _LENGTH)
    return None if head is None else _read_data(path, head, _head_from)


def _read_checked(path: Path, key: bytes, head_only: int | None) -> bytes | None:
    """The file's bytes after its key and digest, their digest checked: all of them, or with
    `head_only` (the bytes of the head's digest and length) only the head. None when the file
    is missing, another key's, or not to be trusted; IndexCacheDamaged when a digest differs."""
    try:
        with path.open("rb") as handle:
            st = os.fstat(handle.fileno())
            start = handle.read(len(MAGIC) + 2 * _DIGEST)
            if start[:len(MAGIC)] != MAGIC or start[len(MAGIC):len(MAGIC) + _DIGEST] != key:
                return None  # another store's, another version's: stale, not damaged
            if not _trusted(st):
                return None
            if head_only is None:
                found, digest = handle.read(), start[len(MAGIC) + _DIGEST:]
            else:
                lead = handle.read(head_only)
                digest, length = lead[:_DIGEST], int.from_bytes(lead[_DIGEST:], "big")
                found = handle.read(min(length, max(st.st_size - handle.tell(), 0)))
    except OSError:
        return None
    if hashlib.sha256(found).digest() != digest:
        raise IndexCacheDamaged(f"the index kept in {path} is damaged (its digest does not match); "
                                f"it was built again from the store")
    return found


def _read_data(path: Path, data: bytes | memoryview, make: Callable[[Any], Any]) -> Any:
    try:
        return make(marshal.loads(data))
    except (EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise IndexCacheDamaged(f"the index kept in {path} cannot be read ({exc}); "
                                f"it was built again from the store") from exc


def _trusted(st: os.stat_result) -> bool:
    """A file that this user owns and only this user may write (marshal is no defence against
    crafted data, so nobody else's file is read)."""
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def write_index(store_path: Path, key: bytes, index: Index) -> None:
    """Keep `index` (built from the store whose key is `key`) for the next run; a folder we
    may not write to, or a value marshal cannot hold (or `_Shared` cannot hash), leaves
    things as they were."""
    try:
        with store.no_gc():
            head = marshal.dumps(_head_plain(index))
            payload = marshal.dumps(_plain(index))
    except (ValueError, TypeError):
        return
    after = b"".join((hashlib.sha256(head).digest(), len(head).to_bytes(_LENGTH, "big"), head, payload))
    data = b"".join((MAGIC, key, hashlib.sha256(after).digest(), after))
    try:
        write_atomically(cache_path(store_path), data, mode=NEW_FILE_MODE & ~(stat.S_IWGRP | stat.S_IWOTH))
    except OSError:
        pass


# ---------------------------------------------------------------- the index as plain data

_SHARED_TEXT = 48  # longer strings (texts, summaries, evidence) and ids seldom repeat: looking them up costs more than it saves


class _Shared:
    """Equal strings, sets of strings and frozen models written once (marshal writes a
    reference to an object it has written before, and reads it back as the same object):
    fewer objects to make when the file is read. All are immutable, so sharing them changes
    nothing."""

    def __init__(self) -> None:
        self.string = {}.setdefault  # string(s, s): the first string equal to s
        self.value = {}.setdefault  # value(v, v), for hashable values: frozensets, tuples of strings
        self.frozen: dict[tuple[Any, ...], Any] = {}  # (frozen model's class, its values) -> its plain data


def _plain(index: Index) -> dict[str, Any]:
    from briefing_tui.models import Country, Document, Event, Figure, FigureGroup, Person, PersonMention, Quote

    shared = _Shared()

    def models(model: type[BaseModel], instances: Iterable[BaseModel]) -> list[Any]:
        dump = _dumper(model)
        return [dump(instance, shared) for instance in instances]

    def column(kind: str) -> dict[str, Any]:
        """A kind's facts in display order (their ids), their filter keys and postings."""
        column, value = index._column(kind), shared.value
        ids = [item.id for item in column.items]  # the same strings as the models' ids
        keys = [(value(k.countries, k.countries), value(k.topics, k.topics), k.year, value(k.people, k.people),
                 k.search, k.timeless) for k in map(index.keys.__getitem__, ids)]
        return {"ids": ids, "keys": keys,
                "postings": {key: array(_POSITION, sorted(positions)).tobytes() for key, positions in column.by.items()}}

    return {
        "meta": index.meta,
        "documents": models(Document, index.documents.values()),
        "countries": models(Country, index.countries.values()),
        "mentions": models(PersonMention, index.mentions.values()),
        "people": models(Person, index.people.values()),
        "figure_groups": models(FigureGroup, index.figure_groups.values()),
        "events": models(Event, index.events),
        "quotes": models(Quote, index.quotes),
        "figures": models(Figure, index.figures),
        "sentence_rows": {doc_id: marshal.dumps(index._rows_of(doc_id)) for doc_id in index.documents},
        "columns": {kind: column(kind) for kind in _KINDS},
    }


def _head_plain(index: Index) -> dict[str, Any]:
    """The head (see the module docstring): the first rows of the timeline as it shows them,
    the store's meta and the counts shown."""
    from briefing_tui.query import timeline_row

    return {
        "meta": index.meta,
        "counts": {"documents": len(index.documents), "events": len(index.events),
                   "dated_events": sum(event.date is not None for event in index.events)},
        "rows": [tuple(timeline_row(index, event)) for event in index.events[:HEAD_EVENTS]],
    }


def _head_from(data: dict[str, Any]) -> IndexHead:
    from briefing_tui.query import IndexHead, TimelineRow

    counts = data["counts"]
    return IndexHead(meta=data["meta"], rows=list(map(TimelineRow._make, data["rows"])),
                     documents=counts["documents"], events=counts["events"], dated_events=counts["dated_events"])


_POSITION = "I"  # array type of a position in a column's postings


def _positions(packed: bytes) -> set[int]:
    positions = array(_POSITION)
    positions.frombytes(packed)
    return set(positions)


def _index_from(data: dict[str, Any]) -> Index:
    from briefing_tui.models import Country, Document, Event, Figure, FigureGroup, Person, PersonMention, Quote
    from briefing_tui.query import FactKeys, Index, _Column

    make = _Makers()
    index = Index()
    index.meta = data["meta"]
    index.documents = {d.id: d for d in map(make(Document), data["documents"])}
    index.countries = {c.code: c for c in map(make(Country), data["countries"])}
    index.mentions = {m.id: m for m in map(make(PersonMention), data["mentions"])}
    index.people = {p.id: p for p in map(make(Person), data["people"])}
    index.figure_groups = {g.id: g for g in map(make(FigureGroup), data["figure_groups"])}
    index.events = list(map(make(Event), data["events"]))
    index.quotes = list(map(make(Quote), data["quotes"]))
    index.figures = list(map(make(Figure), data["figures"]))
    index._kept_sentence_rows = data["sentence_rows"]
    index._by_id.update(index.people)
    new_keys = FactKeys._make
    for kind in ("quotes", "events", "figures", "people"):  # the order in which a build makes them
        kept = data["columns"][kind]
        ids, keys = kept["ids"], list(map(new_keys, kept["keys"]))
        index.keys.update(zip(ids, keys))
        items = list(map(index.people.__getitem__, ids)) if kind == "people" else getattr(index, kind)
        if kind != "people":
            index._by_id.update(zip(ids, items))
        postings = {key: _positions(packed) for key, packed in kept["postings"].items()}
        index._columns[kind] = _Column(items, keys, postings=postings)
    return index


def _nested(model: type[BaseModel]) -> list[tuple[str, type[BaseModel], bool]]:
    """The fields of `model` that hold models: (name, model, whether a list of them)."""
    from pydantic import BaseModel

    found = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        many = typing.get_origin(annotation) is list
        args = typing.get_args(annotation) if many or isinstance(annotation, types.UnionType) \
            or typing.get_origin(annotation) is typing.Union else (annotation,)
        inner = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
        if inner:
            found.append((name, inner[0], many))
    return found


def _is_text(annotation: Any) -> bool:
    """Whether a field's values are strings (or None)."""
    if annotation is str:
        return True
    if typing.get_origin(annotation) is typing.Literal:
        return all(isinstance(a, str) for a in typing.get_args(annotation))
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return bool(args) and all(_is_text(a) for a in args)
    return False


@cache
def _dumper(model: type[BaseModel]) -> Callable[[BaseModel, _Shared], Any]:
    """A model as plain data: its field values (models within as plain data too), with the
    fields it was given when they are not all of them."""
    nested: list[tuple[str, Callable[[Any, _Shared], Any], bool]] | None = None  # made on first use: PartialDate holds one
    every = frozenset(model.model_fields)
    frozen = bool(model.model_config.get("frozen"))
    texts = [name for name, info in model.model_fields.items() if _is_text(info.annotation) and name != "id"]
    text_lists = [name for name, info in model.model_fields.items()
                  if typing.get_origin(info.annotation) is list and _is_text(typing.get_args(info.annotation)[0])]

    def dump(instance: BaseModel, shared: _Shared) -> Any:
        nonlocal nested
        if frozen:
            same = (model, *instance.__dict__.values())  # hashed in C, unlike the model itself
            if (plain := shared.frozen.get(same)) is not None:
                return plain
        if nested is None:
            nested = [(name, _dumper(sub), many) for name, sub, many in _nested(model)]
        values, string = dict(instance.__dict__), shared.string
        for name in texts:
            value = values[name]
            if value is not None and len(value) <= _SHARED_TEXT:
                values[name] = string(value, value)
        for name in text_lists:
            value = values[name]
            values[name] = [string(v, v) if len(v) <= _SHARED_TEXT else v for v in value]
        for name, sub, many in nested:
            value = values[name]
            if value is not None:
                values[name] = [sub(v, shared) for v in value] if many else sub(value, shared)
        given = instance.__pydantic_fields_set__
        plain = values if given == every else (values, shared.value(fields := tuple(sorted(given)), fields))
        if frozen:
            shared.frozen[same] = plain
        return plain

    return dump


class _Makers:
    """The inverse of `_dumper`, for one reading of the file: models rebuilt without
    validation (they were validated when kept); a frozen model's plain data read as one
    object (see `_Shared`) becomes one model."""

    def __init__(self) -> None:
        self._makers: dict[type[BaseModel], Callable[[Any], BaseModel]] = {}

    def __call__(self, model: type[BaseModel]) -> Callable[[Any], BaseModel]:
        maker = self._makers.get(model)
        if maker is None:
            maker = self._makers[model] = self._maker(model)
        return maker

    def _maker(self, model: type[BaseModel]) -> Callable[[Any], BaseModel]:
        nested: list[tuple[str, Callable[[Any], Any], bool]] | None = None  # made on first use, as in `_dumper`
        every = frozenset(model.model_fields)
        new, set_ = model.__new__, object.__setattr__
        made: dict[int, BaseModel] | None = {} if model.model_config.get("frozen") else None

        def make(data: Any) -> BaseModel:
            nonlocal nested
            if made is not None and (instance := made.get(id(data))) is not None:
                return instance
            if nested is None:
                nested = [(name, self(sub), many) for name, sub, many in _nested(model)]
            if type(data) is tuple:
                values, given = data[0], set(data[1])
            else:
                values, given = data, set(every)
            instance = new(model)
            if made is not None:
                made[id(data)] = instance
            for name, sub, many in nested:
                value = values[name]
                if value is not None:
                    values[name] = list(map(sub, value)) if many else sub(value)
            set_(instance, "__dict__", values)
            set_(instance, "__pydantic_fields_set__", given)
            set_(instance, "__pydantic_extra__", None)
            set_(instance, "__pydantic_private__", None)
            return instance

        return make
