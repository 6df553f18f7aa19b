"""From a folder of articles to the store: read, extract (in parallel), resolve, save.

An article whose bytes have not changed since the last build is not extracted again: its
facts are taken from the previous store. A bad article is reported and skipped; it never
stops the build or costs the good articles their facts.

Speed (see bench/): workers send each article's store rows as orjson bytes, which cost far
less to pass between processes than pickled models; the build works on rows and makes
models only of what `resolve` needs (sentences and country mentions stay rows) and writes
back the rows of the tables it only reads (documents, country and person mentions); an article whose
size and modification time match the last build is not even hashed; when none changed,
the store's meta record (its head) is all that is read and nothing is written; and the
garbage collector is paused while millions of objects are made.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter

from briefing_tui.ingest import ArticleError, article_paths, load_article
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
from briefing_tui.store import (
    FACT_TABLES,
    StoreCorruptError,
    StoreError,
    StoreSchemaError,
    acquire,
    build_lock,
    load_tables,
    move_store_aside,
    no_gc,
    read_meta,
    save_tables,
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
    need not load for `store_is_stale` when the browser starts."""
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
    """An article's store rows as orjson bytes: what a build worker sends back."""
    path, facts, reason = _extract_job(job)
    return path, None if facts is None else orjson.dumps(document_rows(facts)), reason


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
# tables whose records resolve reads but never changes: their rows are written back as they came
_UNCHANGED_BY_RESOLVE = ("documents", "sentences", "country_mentions", "person_mentions")
# tables never made into models: resolve does not read sentences, and the country table is made from rows
_ROWS_ONLY = ("sentences", "country_mentions")
_FACT_MODELS: dict[str, type[Any]] = {
    "sentences": Sentence, "country_mentions": CountryMention, "person_mentions": PersonMention,
    "quotes": Quote, "events": Event, "figures": Figure,
}


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    """Validates or dumps a whole table in one call, several times faster than record by record."""
    return TypeAdapter(list[_FACT_MODELS.get(name, Document)])


def _dump(name: str, items: list[Any]) -> list[dict[str, Any]]:
    return _adapter(name).dump_python(items, mode="json", exclude_none=True)


def document_rows(facts: DocumentFacts) -> dict[str, list[dict[str, Any]]]:
    """One document's records in every per-document table."""
    rows = {"documents": [facts.document.model_dump(mode="json")]}
    for name in FACT_TABLES[1:]:
        rows[name] = _dump(name, getattr(facts, _FACT_ATTRS[name]))
    return rows


def corpus_tables(corpus: Corpus, rows_of: dict[str, dict[str, list[dict[str, Any]]]] | None = None,
                  ) -> dict[str, list[dict[str, Any]]]:
    """The store's tables of a resolved corpus; `rows_of` (table -> document id -> rows) stand
    in for tables that resolve leaves alone, whose rows need not be dumped again (sentences
    were never even made into models)."""
    documents = corpus.documents
    rows_of = rows_of or {}
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in FACT_TABLES:
        if name in rows_of:
            tables[name] = [row for facts in documents for row in rows_of[name][facts.document.id]]
        elif name == "documents":
            tables[name] = _adapter(name).dump_python([f.document for f in documents], mode="json")
        else:
            tables[name] = _dump(name, [item for facts in documents for item in getattr(facts, _FACT_ATTRS[name])])
    tables["countries"] = [c.model_dump(mode="json") for c in corpus.countries]
    tables["people"] = [p.model_dump(mode="json") for p in corpus.people]
    tables["figure_groups"] = [g.model_dump(mode="json") for g in corpus.figure_groups]
    return tables


def _rows_by_document(tables: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Each document's records per table (records of one document are adjacent in a store)."""
    by_doc: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for record in tables.get("documents", ()):
        by_doc[record["id"]] = {"documents": [record], **{name: [] for name in FACT_TABLES[1:]}}
    for name in FACT_TABLES[1:]:
        for doc_id, records in groupby(tables.get(name, ()), key=itemgetter("doc_id")):
            if doc_id in by_doc:
                by_doc[doc_id][name].extend(records)
    return by_doc


def _facts_from_rows(rows: list[dict[str, list[dict[str, Any]]]], *, without: tuple[str, ...] = ()
                     ) -> list[DocumentFacts]:
    """DocumentFacts of documents' rows, validated table by table (the tables `without` left empty)."""
    documents = _adapter("documents").validate_python([r["documents"][0] for r in rows])
    fields: list[dict[str, list[Any]]] = [{_FACT_ATTRS[name]: [] for name in without} for _ in rows]
    for name in FACT_TABLES[1:]:
        if name in without:
            continue
        items = _adapter(name).validate_python([rec for r in rows for rec in r[name]])
        start = 0
        for f, r in zip(fields, rows):
            f[_FACT_ATTRS[name]] = items[start:start + len(r[name])]
            start += len(r[name])
    return [DocumentFacts.model_construct(document=d, **f) for d, f in zip(documents, fields)]


# ---------------------------------------------------------------- building

def _scan(seeds: Path) -> list[tuple[Path, str, list[int]]]:
    """(path, path inside seeds, [size, mtime]) of every article: listed and stat'ed once a build."""
    scan = []
    for p in article_paths(seeds):
        st = p.stat()
        scan.append((p, p.relative_to(seeds).as_posix(), [st.st_size, st.st_mtime_ns]))
    return scan


def _source_stats(seeds: Path) -> dict[str, list[int]]:
    return {relative: stat for _, relative, stat in _scan(seeds)}


def store_is_stale(seeds: Path, store: Path) -> bool:
    """Whether the app must build first: no store, or seeds added, removed or touched."""
    try:
        meta = read_meta(store)
    except (StoreCorruptError, StoreSchemaError):
        return True  # the build then reports the problem and refuses to overwrite
    return meta is None or meta.get("sources") != _source_stats(seeds)


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
    scan = _scan(seeds)
    clock("scan seeds")
    up_to_date = _up_to_date(seeds, store, scan, report)
    clock("no-change check")
    if up_to_date:
        return
    from briefing_tui.resolve import resolve  # after the no-change check: it loads the extractors' tables
    from briefing_tui.resolve.countries import country_table

    clock("import")
    previous, meta = _previous_rows(store, move_aside, report)
    clock("load store")
    if not seeds.is_dir():
        report.warnings.append((str(seeds), "seeds folder does not exist"))
    rows, jobs, stats = _unchanged_rows(scan, seeds, previous, meta)
    del previous
    report.reused = len(rows)
    clock("scan seeds")
    for data in _extract_with_progress(jobs, workers, progress, report):
        record = orjson.loads(data)
        rows[record["documents"][0]["path"]] = record
    clock("extract")
    ordered = [rows[k] for k in sorted(rows)]
    facts = _facts_from_rows(ordered, without=_ROWS_ONLY)
    unchanged = {name: {r["documents"][0]["id"]: r[name] for r in ordered} for name in _UNCHANGED_BY_RESOLVE}
    clock("rows to models")
    corpus = resolve(facts, countries=country_table(
        (r["documents"][0]["id"], Counter(m["code"] for m in r["country_mentions"])) for r in ordered))
    clock("resolve")
    for f in facts:
        for warning in f.document.warnings:
            report.warnings.append((f.document.path, warning))
    tables = corpus_tables(corpus, unchanged)
    report.documents = len(facts)
    report.facts = _count_facts(corpus)
    clock("models to rows")
    save_tables(store, tables, {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "seeds": str(seeds),
        "sources": stats,
        "scanned_ns": scanned_ns,
        "hashes": {f.document.path: f.document.content_hash for f in facts},
        "failures": [{"path": p, "reason": r} for p, r in report.failures],
        "warnings": [{"path": p, "warning": w} for p, w in report.warnings],
        "documents": report.documents,
        "facts": report.facts,
    })
    clock("write store")


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


def _unchanged_rows(scan: list[tuple[Path, str, list[int]]], seeds: Path,
                    previous: dict[str, dict[str, list[dict[str, Any]]]],
                    meta: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str | None]], dict[str, list[int]]]:
    """(rows of unchanged articles by path, extraction jobs for the others, size and mtime of all).

    Unchanged: the same size and modification time as at the last scan (and not modified
    just before it), else the same sha256 as the stored document.
    """
    by_path = {r["documents"][0]["path"]: r for r in previous.values()}
    old_stats = meta.get("sources") or {}
    trusted_before = int(meta.get("scanned_ns") or 0) - RACY_NS
    rows: dict[str, Any] = {}
    jobs: list[tuple[str, str | None]] = []
    stats: dict[str, list[int]] = {}
    for p, relative, stat in scan:
        stats[relative] = stat
        old = by_path.get(relative)
        if old is not None and (
            (old_stats.get(relative) == stat and stat[1] < trusted_before)
            or old["documents"][0]["content_hash"] == _digest(p)
        ):
            rows[relative] = old
        else:
            jobs.append((str(p), str(seeds)))
    return rows, jobs, stats


def _digest(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _previous_rows(store: Path, move_aside: bool, report: BuildReport,
                   ) -> tuple[dict[str, dict[str, list[dict[str, Any]]]], dict[str, Any]]:
    """The last build's rows by document id, and its meta record."""
    try:
        tables = load_tables(store)
    except (StoreCorruptError, StoreSchemaError):
        if not move_aside:
            raise
        report.moved_aside = move_store_aside(store)
        return {}, {}
    if not tables:
        return {}, {}
    return _rows_by_document(tables), (tables["meta"][0] if tables["meta"] else {})


def _extract_with_progress(jobs: list[tuple[str, str | None]], workers: int | None, progress: bool,
                           report: BuildReport) -> list[bytes]:
    """The store rows (orjson bytes) of each article extracted; failures go to the report."""
    results: list[bytes] = []

    def collect(items: Iterable[tuple[str, bytes | None, str | None]]) -> None:
        for path, data, reason in items:
            if data is None:
                root = Path(jobs[0][1]) if jobs and jobs[0][1] else None
                shown = Path(path).relative_to(root).as_posix() if root else path
                report.failures.append((shown, reason or "unknown error"))
            else:
                results.append(data)

    if progress and jobs:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True) as bar:
            task = bar.add_task("extract", total=len(jobs))
            collect(_run_jobs(jobs, workers, lambda: bar.advance(task), job=_rows_job))
    else:
        collect(_run_jobs(jobs, workers, job=_rows_job))
    report.extracted = len(results)
    return results


def _count_facts(corpus: Corpus) -> dict[str, int]:
    counts = {
        "countries": len(corpus.countries),
        "people": len(corpus.people),
        "quotes": 0, "events": 0, "figures": 0,
    }
    for facts in corpus.documents:
        counts["quotes"] += len(facts.quotes)
        counts["events"] += len(facts.events)
        counts["figures"] += len(facts.figures)
    return counts
