"""From a folder of articles to the store: read, extract (in parallel), resolve, save.

An article whose bytes have not changed since the last build is not extracted again. A
bad article is reported and skipped; it never stops the build or costs the good articles
their facts.

A build touches only what changed (see briefing_tui.store for the layout):

1. the scan and the store's meta record (its head) tell whether anything changed; if
   nothing did, nothing else is read and nothing is written;
2. the main file gives the last build's tables and its document index (a small record
   per document: path, fact counts, warnings); an article is unchanged by its size and
   modification time, else its hash, as recorded in the meta;
3. only the shards of the buckets of changed, added and removed articles are read (they
   give the old rows of what changed) and written again, as rows: no models are made;
4. `resolve_changes` takes the old rows out and the new ones in, remaking only the
   people of the surnames and the figure groups of the measures they name;
5. the store is saved: the new shards (each as soon as its bucket's articles are extracted:
   they are extracted bucket by bucket), then the main file, atomically.

A full build is the same with no previous store: every bucket is new and every document
comes in. So an incremental build gives exactly what a full one gives (tested).

Speed (see bench/): workers send each article's store rows as JSON bytes, which cost far
less to pass between processes than pickled models; an article whose size and
modification time match the last build is not even hashed; and the garbage collector is
paused while millions of objects are made.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter

from briefing_tui.ingest import ArticleError, article_paths, document_id, load_article
from briefing_tui.models import (
    Corpus,
    CountryMention,
    Document,
    DocumentFacts,
    Event,
    Figure,
    PersonMention,
    Quote,
    Sentence,
)
from briefing_tui.staleness import scan as scan_sources
from briefing_tui.store import (
    FACT_TABLES,
    INDEX_TABLE,
    MainFile,
    ShardWriter,
    StoreCorruptError,
    StoreError,
    StoreSchemaError,
    acquire,
    bucket_of,
    build_lock,
    move_store_aside,
    no_gc,
    read_main,
    read_meta,
    read_shard,
    save_store,
)

PARALLEL_THRESHOLD = 64  # below this many changed articles, a process pool costs more than it saves


@dataclass
class BuildReport:
    store: Path
    documents: int = 0
    extracted: int = 0
    reused: int = 0
    facts: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, warning)
    moved_aside: Path | None = None
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step, for bench/


def extract_facts(document: Document, sentences: list[Sentence]) -> DocumentFacts:
    """briefing_tui.extract.extract_facts, imported on first use: the extractors' tables
    need not load when nothing changed."""
    from briefing_tui.extract import extract_facts as extract

    return extract(document, sentences)


def extract_file(path: Path, root: Path | None = None) -> DocumentFacts:
    """Read and extract one article (raises ArticleError for an unusable one)."""
    document, sentences = load_article(path, root)
    return extract_facts(document, sentences)


def _extract_job(job: tuple[str, str | None]) -> tuple[str, DocumentFacts | None, str | None]:
    path, root = job
    try:
        return path, extract_file(Path(path), Path(root) if root else None), None
    except ArticleError as exc:
        return path, None, str(exc)
    except Exception as exc:  # an extractor bug must cost one article, not the build
        return path, None, f"could not be extracted ({type(exc).__name__}: {exc})"


def _rows_job(job: tuple[str, str | None]) -> tuple[str, bytes | None, str | None]:
    """An article's store rows as JSON bytes: what a build worker sends back."""
    path, facts, reason = _extract_job(job)
    return path, None if facts is None else document_rows_json(facts), reason


PARENT_WATCH_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """A worker ends soon after the build that started it: a build killed with SIGKILL cannot
    tell its workers, and they would otherwise wait for work forever."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_WATCH_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _run_jobs(jobs: list[tuple[str, str | None]], workers: int | None,
              on_done: Callable[[], None] | None = None, job: Callable[..., Any] = _extract_job) -> Iterable[Any]:
    if workers is None:
        workers = (os.cpu_count() or 1) if len(jobs) >= PARALLEL_THRESHOLD else 1
    if workers <= 1:
        for item in jobs:
            yield job(item)
            if on_done:
                on_done()
        return
    from concurrent.futures import ProcessPoolExecutor  # here: the browser's start-up checks staleness only

    with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
        for result in pool.map(job, jobs, chunksize=max(1, min(32, len(jobs) // (workers * 8) or 1))):
            yield result
            if on_done:
                on_done()


def extract_paths(paths: list[Path], workers: int | None = None) -> tuple[Corpus, list[tuple[str, str]]]:
    """Extract the given files (no store): what `briefing extract --json` prints."""
    from briefing_tui.resolve import resolve

    files: list[Path] = []
    for p in paths:
        files.extend(article_paths(p) if p.is_dir() else [p])
    with no_gc():
        results = list(_run_jobs([(str(p), None) for p in files], workers))
        failures = [(path, reason) for path, facts, reason in results if facts is None and reason]
        return resolve([facts for _, facts, _ in results if facts is not None]), failures


# ---------------------------------------------------------------- the store's tables

_FACT_ATTRS = {
    "sentences": "sentences", "country_mentions": "countries", "person_mentions": "people",
    "quotes": "quotes", "events": "events", "figures": "figures",
}
_FACT_MODELS: dict[str, type[Any]] = {
    "sentences": Sentence, "country_mentions": CountryMention, "person_mentions": PersonMention,
    "quotes": Quote, "events": Event, "figures": Figure,
}


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    """Dumps a whole table in one call, several times faster than record by record."""
    return TypeAdapter(list[_FACT_MODELS.get(name, Document)])


def _dump(name: str, items: list[Any]) -> list[dict[str, Any]]:
    return _adapter(name).dump_python(items, mode="json", exclude_none=True)


def document_rows_json(facts: DocumentFacts) -> bytes:
    """One document's records in every per-document table, as JSON: written by
    pydantic-core in one pass per table (dumping to dicts for orjson cost twice as much)."""
    parts = [b'{"documents":[', facts.document.__pydantic_serializer__.to_json(facts.document), b"]"]
    for name in FACT_TABLES[1:]:
        parts += (b',"', name.encode(), b'":',
                  _adapter(name).dump_json(getattr(facts, _FACT_ATTRS[name]), exclude_none=True))
    parts.append(b"}")
    return b"".join(parts)


def corpus_tables(corpus: Corpus) -> dict[str, list[dict[str, Any]]]:
    """The store's tables of a resolved corpus (for `store.save_tables`)."""
    tables = {"documents": _adapter("documents").dump_python([f.document for f in corpus.documents], mode="json")}
    for name in FACT_TABLES[1:]:
        tables[name] = _dump(name, [item for facts in corpus.documents for item in getattr(facts, _FACT_ATTRS[name])])
    tables["countries"] = [c.model_dump(mode="json") for c in corpus.countries]
    tables["people"] = [p.model_dump(mode="json") for p in corpus.people]
    tables["figure_groups"] = [g.model_dump(mode="json") for g in corpus.figure_groups]
    return tables


def index_record(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """A document's record in the store's document index: what a later build reports of it
    without reading its rows."""
    document = rows["documents"][0]
    return {
        "id": document["id"],
        "path": document["path"],
        "facts": {name: len(rows[name]) for name in ("quotes", "events", "figures")},
        "warnings": document.get("warnings") or [],
    }


# ---------------------------------------------------------------- building

def build_store(seeds: Path, store: Path, *, move_aside: bool = False, workers: int | None = None,
                progress: bool = False, lock_timeout: float = 120.0) -> BuildReport:
    """Build or update `store` from the articles in `seeds`; see the module docstring."""
    started = time.perf_counter()
    report = BuildReport(store=store)
    lock = build_lock(store, lock_timeout)
    acquire(lock, store)
    try:
        with no_gc():
            _build(seeds, store, move_aside, workers, progress, report)
    finally:
        lock.release()
    report.seconds = time.perf_counter() - started
    return report


def _build(seeds: Path, store: Path, move_aside: bool, workers: int | None, progress: bool,
           report: BuildReport) -> None:
    clock = _Clock(report.phases)
    scanned_ns = time.time_ns()  # before any stat: see RACY_NS
    scan = scan_sources(seeds)
    clock("scan seeds")
    up_to_date = _up_to_date(seeds, store, scan, report)
    clock("no-change check")
    if up_to_date:
        return
    import briefing_tui.resolve  # noqa: F401  after the no-change check: it loads the extractors' tables

    clock("import")
    plan = _plan(seeds, store, scan, move_aside, report)
    report.reused = len(plan.kept)
    clock("load store")
    if not seeds.is_dir():
        report.warnings.append((str(seeds), "seeds folder does not exist"))
    records, hashes = dict(plan.kept), {path: plan.hashes[path] for path in plan.kept}
    # a bucket's articles one after another, so that its shard is written as soon as they
    # are extracted, while the workers go on; what comes out is put back in scan order
    order = sorted(range(len(plan.jobs)), key=plan.job_buckets.__getitem__)
    left = Counter(plan.job_buckets)
    came: dict[int, dict[str, Any]] = {}
    failures: dict[int, tuple[str, str]] = {}
    with ShardWriter(store) as writer:
        results = _extract_with_progress([plan.jobs[k] for k in order], workers, progress)
        # strict: the results run out with the jobs, which shuts the pool down (its threads
        # would otherwise live on until the build returns)
        for k, (path, data, reason) in zip(order, results, strict=True):
            if data is None:
                failures[k] = (_shown(path, plan.jobs[k][1]), reason or "unknown error")
            else:
                rows = came[k] = orjson.loads(data)
                document = rows["documents"][0]
                plan.shards[bucket_of(document["id"])][document["path"]] = rows
                records[document["path"]] = index_record(rows)
                hashes[document["path"]] = document["content_hash"]
            bucket = plan.job_buckets[k]
            left[bucket] -= 1
            if not left[bucket] and (docs := plan.shards[bucket]):  # an empty bucket has no shard: save_store
                writer.write(bucket, [docs[path] for path in sorted(docs)])
        written = writer.finish()
    report.extracted = len(came)
    report.failures.extend(failures[k] for k in sorted(failures))
    clock("extract")
    index = [records[path] for path in sorted(records)]
    resolved = _resolve(plan.previous.tables if plan.previous else None, plan.gone,
                        [came[k] for k in sorted(came)], {r["id"]: r["path"] for r in index})
    clock("resolve")
    for record in index:
        report.warnings.extend((record["path"], warning) for warning in record["warnings"])
    report.documents = len(index)
    report.facts = {"countries": len(resolved["countries"]), "people": len(resolved["people"]),
                    **{name: sum(r["facts"][name] for r in index) for name in ("quotes", "events", "figures")}}
    shards = {bucket: [docs[path] for path in sorted(docs)] for bucket, docs in plan.shards.items()}
    save_store(store, {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seeds": str(seeds),
        "sources": plan.stats,
        "scanned_ns": scanned_ns,
        "hashes": {r["path"]: hashes[r["path"]] for r in index},
        "failures": [{"path": p, "reason": r} for p, r in report.failures],
        "warnings": [{"path": p, "warning": w} for p, w in report.warnings],
        "documents": report.documents,
        "facts": report.facts,
    }, {**resolved, INDEX_TABLE: index}, plan.previous.shards if plan.previous else {}, shards, written)
    _forget_kept_index(store)
    clock("write store")


FORKED_RESOLVE_THRESHOLD = 1000  # documents coming or going; below, forking costs more than it saves


def _resolve(previous: dict[str, Any] | None, gone: list[dict[str, Any]], came: list[dict[str, Any]],
             paths: dict[str, str]) -> dict[str, Any]:
    """`resolve.resolve_changes`. Resolving runs after the last extraction, on one core while
    the other has nothing to do; when many documents changed, the figure groups (more than
    half of it, about 4 s at 10,000 articles) are made meanwhile by a forked copy of this process, which has the
    rows without their being sent. Only the CLI's build forks (one thread: forking a process
    with other threads may leave the copy waiting on a lock one of them held); if the copy
    gives nothing, the groups are made here."""
    from briefing_tui.resolve import resolve_changes, resolve_countries_and_people, resolve_figure_groups

    if len(came) + len(gone) < FORKED_RESOLVE_THRESHOLD or threading.active_count() > 1 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return resolve_changes(previous, gone, came, paths)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    copy = context.Process(target=_figure_groups_job, args=(sender, previous, gone, came), daemon=True)
    copy.start()
    sender.close()
    try:
        tables = resolve_countries_and_people(previous, gone, came, paths)
        try:
            groups = orjson.loads(receiver.recv_bytes())
        except (EOFError, OSError, orjson.JSONDecodeError):
            groups = None
    finally:
        receiver.close()
        copy.join()
    return {**tables, **(groups if groups is not None else resolve_figure_groups(previous, gone, came))}


def _figure_groups_job(sender: Any, previous: dict[str, Any] | None, gone: list[dict[str, Any]],
                       came: list[dict[str, Any]]) -> None:
    """In the forked copy: the figure group tables, sent as JSON (nothing if they fail: the
    build then makes them itself, and reports their error)."""
    from briefing_tui.resolve import resolve_figure_groups

    try:
        sender.send_bytes(orjson.dumps(resolve_figure_groups(previous, gone, came)))
    finally:
        sender.close()


def _forget_kept_index(store: Path) -> None:
    """The browser's kept index no longer matches the store: removed now, not left on disk
    (about 30 KB an article) until the next browse replaces it. Derived data: a file we may
    not remove only costs that space."""
    from briefing_tui.index_cache import cache_path

    try:
        cache_path(store).unlink(missing_ok=True)
    except OSError:
        pass


def _up_to_date(seeds: Path, store: Path, scan: list[tuple[Path, str, list[int]]], report: BuildReport) -> bool:
    """Whether nothing changed since the last build, judged from the store's meta record
    (its head) and the scan alone: the same articles, each with the size and modification
    time recorded (and, if modified just before that scan, the same hash), and no failed one
    to try again. Then the store is neither read whole nor rewritten, and the report comes
    from the meta."""
    try:
        meta = read_meta(store)
    except StoreError:
        return False  # the full build reports it (or moves the store aside)
    if not meta or meta.get("failures") or "facts" not in meta or meta.get("seeds") != str(seeds) \
            or not seeds.is_dir():
        return False
    sources, hashes = meta.get("sources") or {}, meta.get("hashes") or {}
    trusted_before = int(meta.get("scanned_ns") or 0) - RACY_NS
    if len(scan) != len(sources):
        return False
    for p, relative, stat in scan:
        if sources.get(relative) != stat or (stat[1] >= trusted_before and hashes.get(relative) != _digest(p)):
            return False
    report.documents = report.reused = meta["documents"]
    report.facts = dict(meta["facts"])
    report.warnings = [(w["path"], w["warning"]) for w in meta.get("warnings") or ()]
    return True


class _Clock:
    """Adds the seconds since the last call to a named phase."""

    def __init__(self, phases: dict[str, float]) -> None:
        self.phases = phases
        self.last = time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - self.last
        self.last = now


RACY_NS = 2_000_000_000  # files modified this close to the last scan are hashed: clocks are coarse


@dataclass
class _Plan:
    """What a build starts from: the last build, and what of it stays."""

    previous: MainFile | None
    kept: dict[str, dict[str, Any]]  # index records of unchanged articles, by path
    hashes: dict[str, str]  # the last build's content hashes, by path
    jobs: list[tuple[str, str | None]]  # extraction jobs for the other articles
    job_buckets: list[str]  # the shard bucket of each job's article
    stats: dict[str, list[int]]  # size and modification time of every article
    gone: list[dict[str, list[dict[str, Any]]]]  # the rows of the last build's documents changed or removed
    shards: dict[str, dict[str, Any]]  # bucket to rewrite -> its unchanged documents' rows, by path


def _plan(seeds: Path, store: Path, scan: list[tuple[Path, str, list[int]]], move_aside: bool,
          report: BuildReport) -> _Plan:
    """The plan from the last build; an unreadable store is an error, or moved aside and
    the plan made from nothing."""
    try:
        return _plan_from(_previous_store(store), seeds, store, scan)
    except (StoreCorruptError, StoreSchemaError):
        if not move_aside:
            raise
        report.moved_aside = move_store_aside(store)
        return _plan_from(None, seeds, store, scan)


def _previous_store(store: Path) -> MainFile | None:
    """The last build's main file; None for no store, or for one written whole by
    `store.save_tables` (no document index), which is then built again from nothing."""
    main = read_main(store)
    if main is None or (main.shards and not main.tables[INDEX_TABLE]):
        return None
    return main


def _plan_from(previous: MainFile | None, seeds: Path, store: Path,
               scan: list[tuple[Path, str, list[int]]]) -> _Plan:
    """Unchanged: the same size and modification time as at the last scan (and not modified
    just before it), else the same sha256 as the stored document. The buckets to rewrite
    are those of changed, added and removed articles; their shards are read now (which
    gives the old rows resolution takes out), so a damaged one is found before any work."""
    old = {r["path"]: r for r in previous.tables[INDEX_TABLE]} if previous else {}
    meta = previous.meta if previous else {}
    old_stats, hashes = meta.get("sources") or {}, meta.get("hashes") or {}
    trusted_before = int(meta.get("scanned_ns") or 0) - RACY_NS
    kept: dict[str, dict[str, Any]] = {}
    jobs: list[tuple[str, str | None]] = []
    job_buckets: list[str] = []
    stats: dict[str, list[int]] = {}
    for p, relative, stat in scan:
        stats[relative] = stat
        record = old.get(relative)
        if record is not None and (
            (old_stats.get(relative) == stat and stat[1] < trusted_before) or hashes.get(relative) == _digest(p)
        ):
            kept[relative] = record
        else:
            jobs.append((str(p), str(seeds)))
            job_buckets.append(bucket_of(document_id(relative)))
    buckets = set(job_buckets)
    gone_ids = {r["id"] for path, r in old.items() if path not in kept}
    buckets.update(bucket_of(doc_id) for doc_id in gone_ids)
    shards: dict[str, dict[str, Any]] = {bucket: {} for bucket in sorted(buckets)}
    gone = []
    for bucket, docs in shards.items():
        if previous and bucket in previous.shards:
            for rows in read_shard(store, previous.shards[bucket]):
                document = rows["documents"][0]
                if document["id"] in gone_ids:
                    gone.append(rows)
                else:
                    docs[document["path"]] = rows
    return _Plan(previous, kept, hashes, jobs, job_buckets, stats, gone, shards)


def _digest(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _extract_with_progress(jobs: list[tuple[str, str | None]], workers: int | None,
                           progress: bool) -> Iterator[tuple[str, bytes | None, str | None]]:
    """(path, store rows as JSON bytes or None, reason of a failure) of each job, in order,
    as it is extracted: the build takes each article's rows while the workers extract the
    next ones, instead of all of them on one core after the last."""
    if progress and jobs:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True) as bar:
            task = bar.add_task("extract", total=len(jobs))
            yield from _run_jobs(jobs, workers, lambda: bar.advance(task), job=_rows_job)
    else:
        yield from _run_jobs(jobs, workers, job=_rows_job)


def _shown(path: str, root: str | None) -> str:
    """A failed article's path as reported: inside the seeds folder."""
    return Path(path).relative_to(root).as_posix() if root else path
