"""From a folder of articles to the store: read, extract (in parallel), resolve, save.

An article whose bytes have not changed since the last build is not extracted again: its
facts are taken from the previous store. A bad article is reported and skipped; it never
stops the build or costs the good articles their facts.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_tui.extract import extract_facts
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
from briefing_tui.resolve import resolve
from briefing_tui.store import (
    FACT_TABLES,
    StoreCorruptError,
    StoreSchemaError,
    acquire,
    build_lock,
    load_tables,
    move_store_aside,
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


def _run_jobs(jobs: list[tuple[str, str | None]], workers: int | None,
              on_done: Callable[[], None] | None = None) -> Iterable[tuple[str, DocumentFacts | None, str | None]]:
    if workers is None:
        workers = (os.cpu_count() or 1) if len(jobs) >= PARALLEL_THRESHOLD else 1
    if workers <= 1:
        for job in jobs:
            yield _extract_job(job)
            if on_done:
                on_done()
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(_extract_job, jobs, chunksize=max(1, min(32, len(jobs) // (workers * 8) or 1))):
            yield result
            if on_done:
                on_done()


def extract_paths(paths: list[Path], workers: int | None = None) -> tuple[Corpus, list[tuple[str, str]]]:
    """Extract the given files (no store): what `briefing extract --json` prints."""
    files: list[Path] = []
    for p in paths:
        files.extend(article_paths(p) if p.is_dir() else [p])
    results = list(_run_jobs([(str(p), None) for p in files], workers))
    failures = [(path, reason) for path, facts, reason in results if facts is None and reason]
    return resolve([facts for _, facts, _ in results if facts is not None]), failures


# ---------------------------------------------------------------- the store's tables

def corpus_tables(corpus: Corpus) -> dict[str, list[dict[str, Any]]]:
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for facts in corpus.documents:
        tables["documents"].append(facts.document.model_dump(mode="json"))
        for name in FACT_TABLES[1:]:
            attr = _FACT_ATTRS[name]
            tables[name].extend(item.model_dump(mode="json", exclude_none=True) for item in getattr(facts, attr))
    tables["countries"] = [c.model_dump(mode="json") for c in corpus.countries]
    tables["people"] = [p.model_dump(mode="json") for p in corpus.people]
    tables["figure_groups"] = [g.model_dump(mode="json") for g in corpus.figure_groups]
    return tables


_FACT_ATTRS = {
    "sentences": "sentences", "country_mentions": "countries", "person_mentions": "people",
    "quotes": "quotes", "events": "events", "figures": "figures",
}
_FACT_MODELS = {
    "sentences": Sentence, "country_mentions": CountryMention, "person_mentions": PersonMention,
    "quotes": Quote, "events": Event, "figures": Figure,
}


def documents_from_tables(tables: dict[str, list[dict[str, Any]]]) -> dict[str, DocumentFacts]:
    """Per-document facts of a stored build, keyed by document path."""
    by_doc: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for name, model in _FACT_MODELS.items():
        for record in tables.get(name, ()):
            by_doc[record["doc_id"]][_FACT_ATTRS[name]].append(model.model_validate(record))
    result = {}
    for record in tables.get("documents", ()):
        document = Document.model_validate(record)
        result[document.path] = DocumentFacts(document=document, **by_doc.get(document.id, {}))
    return result


# ---------------------------------------------------------------- building

def _source_stats(seeds: Path) -> dict[str, list[int]]:
    stats = {}
    for p in article_paths(seeds):
        st = p.stat()
        stats[p.relative_to(seeds).as_posix()] = [st.st_size, st.st_mtime_ns]
    return stats


def store_is_stale(seeds: Path, store: Path) -> bool:
    """Whether the app must build first: no store, or seeds added, removed or touched."""
    try:
        tables = load_tables(store)
    except (StoreCorruptError, StoreSchemaError):
        return True  # the build then reports the problem and refuses to overwrite
    if tables is None:
        return True
    meta = tables["meta"][0] if tables["meta"] else {}
    return meta.get("sources") != _source_stats(seeds)


def build_store(seeds: Path, store: Path, *, move_aside: bool = False, workers: int | None = None,
                progress: bool = False, lock_timeout: float = 120.0) -> BuildReport:
    """Build or update `store` from the articles in `seeds`; see the module docstring."""
    started = time.perf_counter()
    report = BuildReport(store=store)
    lock = build_lock(store, lock_timeout)
    acquire(lock, store)
    try:
        previous = _previous_documents(store, move_aside, report)
        paths = article_paths(seeds)
        if not seeds.is_dir():
            report.warnings.append((str(seeds), "seeds folder does not exist"))
        kept: dict[str, DocumentFacts] = {}
        jobs: list[tuple[str, str | None]] = []
        stats: dict[str, list[int]] = {}
        for p in paths:
            relative = p.relative_to(seeds).as_posix()
            st = p.stat()
            stats[relative] = [st.st_size, st.st_mtime_ns]
            old = previous.get(relative)
            if old is not None and old.document.content_hash == _digest(p):
                kept[relative] = old
            else:
                jobs.append((str(p), str(seeds)))
        report.reused = len(kept)
        extracted = _extract_with_progress(jobs, workers, progress, report)
        for facts in extracted:
            kept[facts.document.path] = facts
        ordered = [kept[k] for k in sorted(kept)]
        corpus = resolve(ordered)
        for facts in ordered:
            for warning in facts.document.warnings:
                report.warnings.append((facts.document.path, warning))
        save_tables(store, corpus_tables(corpus), {
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "seeds": str(seeds),
            "sources": stats,
            "hashes": {f.document.path: f.document.content_hash for f in ordered},
            "failures": [{"path": p, "reason": r} for p, r in report.failures],
            "warnings": [{"path": p, "warning": w} for p, w in report.warnings],
        })
        report.documents = len(ordered)
        report.facts = _count_facts(corpus)
    finally:
        lock.release()
    report.seconds = time.perf_counter() - started
    return report


def _digest(path: Path) -> str:
    import hashlib

    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _previous_documents(store: Path, move_aside: bool, report: BuildReport) -> dict[str, DocumentFacts]:
    try:
        tables = load_tables(store)
    except (StoreCorruptError, StoreSchemaError):
        if not move_aside:
            raise
        report.moved_aside = move_store_aside(store)
        return {}
    return documents_from_tables(tables) if tables else {}


def _extract_with_progress(jobs: list[tuple[str, str | None]], workers: int | None, progress: bool,
                           report: BuildReport) -> list[DocumentFacts]:
    results: list[DocumentFacts] = []

    def collect(items: Iterable[tuple[str, DocumentFacts | None, str | None]]) -> None:
        for path, facts, reason in items:
            if facts is None:
                root = Path(jobs[0][1]) if jobs and jobs[0][1] else None
                shown = Path(path).relative_to(root).as_posix() if root else path
                report.failures.append((shown, reason or "unknown error"))
            else:
                results.append(facts)

    if progress and jobs:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        with Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                      transient=True) as bar:
            task = bar.add_task("extract", total=len(jobs))
            collect(_run_jobs(jobs, workers, lambda: bar.advance(task)))
    else:
        collect(_run_jobs(jobs, workers))
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
