"""Filters and indexes over a built store: everything the browser and the export ask for.

The store is read once; each fact gets its filter keys (countries, topics, year, people,
folded search text) computed at load, and per-key posting sets answer the structured part
of a filter without scanning. Nothing here knows about Textual.

Speed at 10,000 articles (see bench/): records are validated a table at a time with the
garbage collector paused, a document's sentences become models only when first asked for,
and folding skips the per-character work for characters that cannot be accents. The
index made from a store is kept beside it for the next run (briefing_tui.index_cache,
`open_index`): reading it back skips parsing, validation, keys and postings.
"""

from __future__ import annotations

import marshal
import re
import threading
import unicodedata
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import accumulate, chain, compress, count, groupby, repeat
from operator import contains, is_, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from briefing_tui.agreement import is_conflict
from briefing_tui.store import load_tables, no_gc

if TYPE_CHECKING:  # imported where used: the browser's first frame needs neither pydantic nor the models
    from pydantic import TypeAdapter

    from briefing_tui.models import (
        Country,
        Document,
        Event,
        Figure,
        FigureGroup,
        Person,
        PersonMention,
        Quote,
        Sentence,
    )

FactKind = Literal["event", "quote", "figure", "person"]
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


@lru_cache(maxsize=64)
def _words(text: str) -> tuple[str, ...]:
    """The folded words of a search: folded once per search, not once per fact."""
    return tuple(fold(text).split())


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for search: 'Traoré' matches 'traore'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return _NON_ASCII.sub(_drop_combining, decomposed)  # combining marks are never ASCII


@dataclass(frozen=True)
class Filters:
    """What the user has narrowed the view to; shared by every pane and the export."""

    countries: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    speaker: str | None = None  # Person id
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Filters()

    def with_(self, **changes: Any) -> Filters:
        return replace(self, **changes)

    def describe(self, index: Index | None = None) -> str:
        parts = []
        if self.countries:
            names = sorted(index.country_name(c) if index else c for c in self.countries)
            parts.append("countries: " + ", ".join(names))
        if self.topics:
            parts.append("topics: " + ", ".join(sorted(self.topics)))
        if self.year_from is not None or self.year_to is not None:
            parts.append(f"years: {self.year_from or '…'}–{self.year_to or '…'}")
        if self.speaker:
            parts.append("speaker: " + (index.person_name(self.speaker) if index else self.speaker))
        if self.text:
            parts.append(f"text: {self.text}")
        return "; ".join(parts) or "no filters"


class FactKeys(NamedTuple):
    """The filter keys of one fact, computed once at load (a tuple: 340,000 are made)."""

    countries: frozenset[str]
    topics: frozenset[str]
    year: int | None
    people: frozenset[str]
    search: str  # folded fact text + evidence sentence
    timeless: bool = False  # people: a year filter does not hide them


@dataclass
class Profile:
    """A country's page: who, what happened, what was said, what was traded, where from
    (the fact lists are views: see FactsAt)."""

    country: Country
    people: list[Person]
    engagement: Sequence[Event]
    representation: Sequence[Event]
    figures: Sequence[Figure]
    quotes: Sequence[Quote]
    documents: list[Document]


@dataclass(repr=False)
class Index:
    documents: dict[str, Document] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    mentions: dict[str, PersonMention] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    figure_groups: dict[str, FigureGroup] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    keys: dict[str, FactKeys] = field(default_factory=dict)
    _by_id: dict[str, Event | Quote | Figure | Person] = field(default_factory=dict)
    # per kind, made at load: the facts in display order with their keys as columns
    _columns: dict[str, _Column] = field(default_factory=dict)
    # a document's sentence records as stored, in order; made into Sentences when first asked for
    _sentence_rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # the same as kept between runs (marshal data, see briefing_tui.index_cache): read when first asked for
    _kept_sentence_rows: dict[str, bytes] = field(default_factory=dict)
    _sentences: dict[str, list[Sentence]] = field(default_factory=dict)

    def __repr__(self) -> str:
        """Short: Textual names a worker by the repr of its arguments, and a dataclass repr
        of 200,000 facts takes a minute."""
        return (f"<Index: {len(self.documents)} documents, {len(self.events)} events, {len(self.quotes)} quotes, "
                f"{len(self.figures)} figures, {len(self.people)} people>")

    # ------------------------------------------------------------ lookups

    def country_name(self, code: str) -> str:
        country = self.countries.get(code)
        return country.name if country else code

    def person_name(self, person_id: str) -> str:
        person = self.people.get(person_id)
        return person.name if person else person_id

    def fact(self, fact_id: str) -> Event | Quote | Figure | Person | None:
        return self._by_id.get(fact_id)

    def fact_kind(self, fact_id: str) -> FactKind | None:
        from briefing_tui.models import Event, Figure, Person, Quote

        fact = self._by_id.get(fact_id)
        return {Event: "event", Quote: "quote", Figure: "figure", Person: "person"}.get(type(fact))  # type: ignore[return-value]

    def sentences_of(self, doc_id: str) -> list[Sentence]:
        """A document's sentences in order (validated on first use: most are never shown)."""
        sentences = self._sentences.get(doc_id)
        if sentences is None:
            from briefing_tui.models import Sentence

            sentences = self._sentences[doc_id] = _adapter(Sentence).validate_python(self._rows_of(doc_id))
        return sentences

    def _rows_of(self, doc_id: str) -> list[dict[str, Any]]:
        """A document's sentence records (none for an unknown document)."""
        rows = self._sentence_rows.get(doc_id)
        if rows is None:
            kept = self._kept_sentence_rows.get(doc_id)
            if kept is None:
                return []
            rows = self._sentence_rows.setdefault(doc_id, marshal.loads(kept))  # two threads: either's
        return rows

    def sentence_of(self, doc_id: str, index: int) -> Sentence | None:
        sentences = self.sentences_of(doc_id)
        return sentences[index] if 0 <= index < len(sentences) else None

    def evidence_sentence(self, fact: Event | Quote | Figure) -> str:
        rows = self._rows_of(fact.doc_id)
        return rows[fact.span.sentence]["text"] if 0 <= fact.span.sentence < len(rows) else ""

    def facts_of_document(self, doc_id: str) -> list[Event | Quote | Figure]:
        """Every fact of one document, in reading order: 'the other facts of this article'."""
        items: list[Event | Quote | Figure] = [
            *(e for e in self.events if e.doc_id == doc_id),
            *(q for q in self.quotes if q.doc_id == doc_id),
            *(f for f in self.figures if f.doc_id == doc_id),
        ]
        return sorted(items, key=lambda f: (f.span.start, f.id))

    def speaker_role(self, quote: Quote) -> str | None:
        person = self.people.get(quote.speaker_id or "")
        if person and person.role:
            return person.role
        mention = self.mentions.get(quote.speaker_mention_id or "")
        return mention.role if mention else None

    # ------------------------------------------------------------ filtering

    def matches(self, fact_id: str, filters: Filters) -> bool:
        keys = self.keys.get(fact_id)
        return keys is not None and _keys_match(keys, filters)

    def _column(self, kind: str) -> _Column:
        column = self._columns.get(kind)
        if column is None:
            items = {"events": self.events, "quotes": self.quotes, "figures": self.figures,
                     "people": sorted(self.people.values(), key=lambda p: p.name)}[kind]
            column = self._columns[kind] = _Column(items, [self.keys[f.id] for f in items])
        return column

    def matching(self, kind: str, filters: Filters, of_kinds: Iterable[str] = ()) -> FactsAt:
        """The facts of a kind that pass `filters` as a view (what the browser keeps, see
        FactsAt); with `of_kinds`, only facts of those kinds ("trade_turnover" figures),
        which the column finds without looking at the others."""
        column = self._column(kind)
        positions: Sequence[int] = range(len(column.items)) if filters.is_empty else column.positions(filters)
        if of_kinds:
            wanted = column.of_kinds(of_kinds)
            positions = sorted(wanted) if filters.is_empty else [i for i in positions if i in wanted]
        return FactsAt(column.items, positions)

    def leading(self, kind: str, filters: Filters, after: Any, more: int, at_least: int,
                budget: int) -> FactsAt | None:
        """The first facts of a kind that pass `filters`: every one up to `after` (a fact of
        the kind, or None), `more` after it and `at_least` in all (fewer when there are no
        more): what a list needs on screen, found before the rest. None when finding them
        takes more than `budget` search texts."""
        column = self._column(kind)
        through = -1 if after is None else next(compress(count(), map(is_, column.items, repeat(after))), -1)
        if filters.is_empty:
            return FactsAt(column.items, range(min(len(column.items), max(through + 1 + more, at_least))))
        positions = column.leading(filters, through, more, at_least, budget)
        return None if positions is None else FactsAt(column.items, positions)

    def _filtered(self, kind: str, filters: Filters, of_kinds: Iterable[str] = ()) -> list[Any]:
        return list(self.matching(kind, filters, of_kinds))

    def timeline(self, filters: Filters = Filters()) -> list[Event]:
        return self._filtered("events", filters)

    def quote_list(self, filters: Filters = Filters()) -> list[Quote]:
        return self._filtered("quotes", filters)

    def figure_list(self, filters: Filters = Filters(), kinds: Iterable[str] = ()) -> list[Figure]:
        return self._filtered("figures", filters, kinds)

    def people_list(self, filters: Filters = Filters()) -> list[Person]:
        return self._filtered("people", filters)

    def country_counts(self, filters: Filters = Filters()) -> list[tuple[Country, Counter[str]]]:
        """Every country with how many events, quotes, figures and people match the filters."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        unscoped = filters.with_(countries=frozenset())
        for kind in ("events", "quotes", "figures", "people"):
            column = self._column(kind)
            positions = range(len(column.items)) if unscoped.is_empty else column.positions(unscoped)
            # C-level passes (map, chain, Counter) instead of a Python loop over every fact, a chunk
            # at a time: the UI thread waits for the interpreter no longer than one chunk
            found: Counter[str] = Counter()
            for start in range(0, len(positions), _SCAN_CHUNK):
                found.update(chain.from_iterable(map(column.countries_of.__getitem__,
                                                     positions[start:start + _SCAN_CHUNK])))
            for code, n in found.items():
                counts[code][kind] = n
        rows = []
        for code, country in self.countries.items():
            if filters.countries and code not in filters.countries:
                continue
            c = counts.get(code, Counter())
            c["documents"] = len(country.doc_ids)
            rows.append((country, c))
        rows.sort(key=lambda row: (-sum(row[1][k] for k in ("events", "quotes", "figures", "people")), row[0].name))
        return rows

    def profile(self, code: str, filters: Filters = Filters()) -> Profile | None:
        country = self.countries.get(code)
        if country is None:
            return None
        scoped = filters.with_(countries=frozenset({code}))
        events = self.matching("events", scoped)
        column = self._column("events")
        representation = column.of_kinds(("embassy",))
        return Profile(
            country=country,
            people=[p for p in self.people_list(scoped) if p.country == code] or self.people_list(scoped),
            engagement=FactsAt(column.items, array("l", (i for i in events.positions if i not in representation))),
            representation=FactsAt(column.items, array("l", (i for i in events.positions if i in representation))),
            figures=self.matching("figures", scoped),
            quotes=self.matching("quotes", scoped),
            documents=[self.documents[d] for d in country.doc_ids if d in self.documents],
        )

    def conflicts(self) -> list[FigureGroup]:
        return [g for g in self.figure_groups.values() if g.conflict]

    def other_reports(self, figure: Figure) -> list[tuple[Figure, bool]]:
        """The other sources' figures for the same measure and year, each with whether it
        disagrees with this one (those first): a conflict names who says otherwise."""
        from briefing_tui.models import Figure

        group = self.figure_groups.get(figure.group_id or "")
        others = [f for f in (self._by_id.get(i) for i in group.figure_ids) if isinstance(f, Figure)
                  and f.id != figure.id] if group else []
        reports = [(other, is_conflict([figure, other])) for other in others]
        return sorted(reports, key=lambda r: not r[1])

    def all_topics(self) -> list[str]:
        return sorted({t for keys in self.keys.values() for t in keys.topics})


class TimelineRow(NamedTuple):
    """An event as the timeline shows it, in plain values: what a kept index's head holds, so
    that the first frame is drawn before pydantic and the models are imported."""

    id: str
    date: str | None  # its label; None: undated
    kind: str
    countries: tuple[str, ...]  # their names
    summary: str
    source: str  # the document's title (else the event's document id)


def timeline_row(index: Index, event: Event) -> TimelineRow:
    document = index.documents.get(event.doc_id)
    return TimelineRow(event.id, event.date.label if event.date else None, event.kind,
                       tuple(map(index.country_name, event.countries)), event.summary,
                       document.display_title if document else event.doc_id)


@dataclass
class IndexHead:
    """What the browser's first frame shows of a kept index, read before the rest (see
    briefing_tui.index_cache): the unfiltered timeline's first rows and the store's meta,
    with the whole index's counts."""

    meta: dict[str, Any]
    rows: list[TimelineRow]
    documents: int
    events: int
    dated_events: int  # the timeline lists them first

    @property
    def timeline(self) -> FactsAt:
        """The unfiltered timeline, as long as the whole index's: only its first rows can be read."""
        return FactsAt(self.rows, range(self.events))

    def covers(self, rows: int) -> bool:
        """Whether it has the timeline's first `rows` rows (a heading may be one of them): a
        first frame of that height can be drawn from it."""
        return bool(self.events) and (len(self.rows) == self.events or len(self.rows) > rows)


def _keys_match(keys: FactKeys, filters: Filters) -> bool:
    """One fact against a filter: what `_Column.positions` computes for many at once."""
    if filters.countries and not (keys.countries & filters.countries):
        return False
    if filters.topics and not (keys.topics & filters.topics):
        return False
    if (filters.year_from is not None or filters.year_to is not None) and not keys.timeless:
        if keys.year is None:
            return False
        if filters.year_from is not None and keys.year < filters.year_from:
            return False
        if filters.year_to is not None and keys.year > filters.year_to:
            return False
    if filters.speaker and filters.speaker not in keys.people:
        return False
    return all(word in keys.search for word in _words(filters.text))


class FactsAt(Sequence[Any]):
    """The facts of a column at some of its positions, in order: a view, not a list.

    Every full garbage collection walks a list reference by reference, reading each fact's
    header: the three lists of one filter at 10,000 articles cost 0.1 s there, in the middle
    of a keystroke or a pane switch. An array of positions is not walked at all, and the
    column's own list was frozen out of the collector's sight at load (store.no_gc).
    """

    __slots__ = ("_items", "positions")

    def __init__(self, items: Sequence[Any], positions: Sequence[int]) -> None:
        self._items = items
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return FactsAt(self._items, self.positions[i])
        return self._items[self.positions[i]]

    def __iter__(self) -> Iterator[Any]:
        return map(self._items.__getitem__, self.positions)

    def __repr__(self) -> str:
        return f"<FactsAt: {len(self)} facts>"


_JOINED_SEARCH_MIN = 3  # shorter words match most facts: testing each text is faster then
_FIRST_CHUNK = 2_000  # texts searched for a list's first rows before the chunks grow
_SCAN_CHUNK = 16_384  # texts searched in one call in C (a few ms): the UI thread waits no longer


class _Column:
    """One kind of fact in display order, its filter keys as parallel lists and position sets.

    Filtering 300,000 facts one method call at a time takes seconds; here a filter is a few
    set operations and one tight loop per search word over plain strings. Results are kept
    for the last filters, and a search that extends a kept one ("tr" after "t") only looks
    at the positions that one matched.
    """

    MEMO = 48

    def __init__(self, items: list[Any], keys: list[FactKeys],
                 postings: dict[tuple[str, str | None], set[int]] | None = None) -> None:
        """`postings`: the position sets `by` as made for these items before (the index kept
        between runs: see briefing_tui.index_cache), else made here."""
        self.items = items
        self.countries_of = [k.countries for k in keys]
        self.search = [k.search for k in keys]
        self.year = [k.year for k in keys]
        self.timeless = [k.timeless for k in keys]
        self.by = _postings(items, keys) if postings is None else postings
        self._joined: str | None = None  # every search text, "\0" between, made on first use
        self._starts: list[int] = []
        self._memo: dict[Filters, array[int]] = {}  # arrays: compact, and never walked by the collector
        self._lock = threading.Lock()  # the filter and profile workers may ask at once

    def of_kinds(self, kinds: Iterable[str]) -> set[int]:
        """The positions of the facts of these kinds."""
        return set().union(*(self.by.get(("kind", k), ()) for k in kinds))

    def positions(self, filters: Filters) -> array[int]:
        """Positions of the facts that pass `filters`, in display order."""
        with self._lock:
            found = self._memo.get(filters)
            kept = list(self._memo.items())
        if found is None:
            found = self._compute(filters, kept)
            with self._lock:
                self._memo[filters] = found
                if len(self._memo) > self.MEMO:
                    del self._memo[next(iter(self._memo))]
        return found

    def _compute(self, filters: Filters, kept: list[tuple[Filters, array[int]]]) -> array[int]:
        candidates = self._candidates(filters, kept)
        for word in _words(filters.text):
            candidates = self._containing(word, candidates)
        return candidates if isinstance(candidates, array) else array("l", candidates)

    def leading(self, filters: Filters, through: int, more: int, at_least: int, budget: int) -> array[int] | None:
        """The first positions that pass `filters`: every one up to position `through`, `more`
        after it and `at_least` in all; None when that takes more than `budget` candidates.
        The candidates are searched a growing chunk at a time, so a search that matches
        most facts stops after a few thousand texts."""
        with self._lock:
            found = self._memo.get(filters)
            kept = list(self._memo.items())
        if found is not None:
            return found[:max(bisect_right(found, through) + more, at_least)]
        candidates = self._candidates(filters, kept)
        words = _words(filters.text)
        leading, start, chunk = array("l"), 0, _FIRST_CHUNK
        while start < len(candidates):
            if start >= budget:
                return None
            end = min(start + chunk, budget)
            part = candidates[start:end]
            for word in words:
                part = self._containing(word, part)
            leading.extend(part)
            start, chunk = end, chunk * 4
            if (start < len(candidates) and candidates[start - 1] >= through and len(leading) >= at_least
                    and len(leading) - bisect_right(leading, through) >= more):
                break
        return leading

    def _candidates(self, filters: Filters, kept: list[tuple[Filters, array[int]]]) -> Sequence[int]:
        """The positions the search words are looked for in: a kept result this search
        extends, else the facts that pass the structured filters (all of them: a range)."""
        base = _narrower(filters, _words(filters.text), kept)
        if base is not None:
            return base
        pools = []
        if filters.countries:
            pools.append(set().union(*(self.by.get(("country", c), ()) for c in filters.countries)))
        if filters.topics:
            pools.append(set().union(*(self.by.get(("topic", t), ()) for t in filters.topics)))
        if filters.speaker:
            pools.append(self.by.get(("person", filters.speaker), set()))
        candidates: Sequence[int] = sorted(set.intersection(*pools)) if pools else range(len(self.items))
        if filters.year_from is not None or filters.year_to is not None:
            low = filters.year_from if filters.year_from is not None else -10**9
            high = filters.year_to if filters.year_to is not None else 10**9
            year, timeless = self.year, self.timeless
            candidates = [i for i in candidates if timeless[i] or (year[i] is not None and low <= year[i] <= high)]
        return candidates

    def _containing(self, word: str, candidates: Sequence[int]) -> array[int]:
        """The candidates whose search text holds `word`. Over every fact, one str.find over
        all the texts joined, which skips to the next fact after each hit: the scanning
        happens in C, the Python loop runs once per matching fact, not once per fact.
        Shorter words match most facts: each text is tested in C then (map and compress)."""
        search = self.search
        every_fact = isinstance(candidates, range) and len(candidates) == len(search)
        if not every_fact or len(word) < _JOINED_SEARCH_MIN or "\0" in word:
            found = array("l")
            for start in range(0, len(candidates), _SCAN_CHUNK):  # the interpreter is free between chunks
                part = candidates[start:start + _SCAN_CHUNK]
                found.extend(compress(part, map(contains, map(search.__getitem__, part), repeat(word))))
            return found
        if self._joined is None:
            self._joined = "\0".join(search)
            self._starts = list(accumulate((len(t) + 1 for t in search[:-1]), initial=0))
        text, starts, last = self._joined, self._starts, len(search) - 1
        found, pos = array("l"), text.find(word)
        while pos >= 0:
            i = bisect_right(starts, pos) - 1
            found.append(i)
            if i == last:
                break
            pos = text.find(word, starts[i + 1])
        return found



def _postings(items: list[Any], keys: list[FactKeys]) -> dict[tuple[str, str | None], set[int]]:
    """The positions of the facts with each country, topic, person and kind."""
    fields = [("country", [k.countries for k in keys]), ("topic", [k.topics for k in keys]),
              ("person", [k.people for k in keys])]
    if items and "kind" in type(items[0]).model_fields:
        fields.append(("kind", [(item.kind,) for item in items]))
    by: dict[tuple[str, str | None], set[int]] = {}
    for field_name, values in fields:
        found: dict[str, list[int]] = defaultdict(list)
        for i, these in enumerate(values):
            for value in these:
                found[value].append(i)
        by.update(((field_name, value), set(positions)) for value, positions in found.items())
    return by


def _narrower(filters: Filters, words: tuple[str, ...], kept: list[tuple[Filters, array[int]]]) -> array[int] | None:
    """The smallest kept result of the same filters with a search that this one's words
    extend (each of its words inside one of these): a superset to search in."""
    if not words:
        return None
    best = None
    for earlier, found in kept:
        if earlier.text and earlier.with_(text="") == filters.with_(text="") and all(
                any(old in new for new in words) for old in _words(earlier.text)):
            if best is None or len(found) < len(best):
                best = found
    return best


def _published_year(document: Document | None) -> int | None:
    return int(document.published[:4]) if document and document.published else None


@cache
def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    """Validates a whole table in one call: several times faster than record by record."""
    from pydantic import TypeAdapter

    return TypeAdapter(list[model])


def _validated(tables: dict[str, list[dict[str, Any]]], name: str, model: type[Any]) -> list[Any]:
    return _adapter(model).validate_python(tables.get(name) or [])


def build_index(tables: dict[str, list[dict[str, Any]]]) -> Index:
    with no_gc():
        return _build_index(tables)


def _build_index(tables: dict[str, list[dict[str, Any]]]) -> Index:
    from briefing_tui.models import Country, Document, Event, Figure, FigureGroup, Person, PersonMention, Quote

    index = Index()
    index.meta = tables["meta"][0] if tables.get("meta") else {}
    for doc in _validated(tables, "documents", Document):
        index.documents[doc.id] = doc
    for doc_id, records in groupby(tables.get("sentences") or (), key=itemgetter("doc_id")):
        index._sentence_rows.setdefault(doc_id, []).extend(records)
    for rows in index._sentence_rows.values():
        if any(row["index"] != i for i, row in enumerate(rows)):
            rows.sort(key=itemgetter("index"))
    for country in _validated(tables, "countries", Country):
        index.countries[country.code] = country
    for mention in _validated(tables, "person_mentions", PersonMention):
        index.mentions[mention.id] = mention
    for person in _validated(tables, "people", Person):
        index.people[person.id] = person
        index._by_id[person.id] = person
    for group in _validated(tables, "figure_groups", FigureGroup):
        index.figure_groups[group.id] = group

    person_of = {m: p.id for p in index.people.values() for m in p.mention_ids}
    quote_spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    index.quotes = _validated(tables, "quotes", Quote)
    for quote in index.quotes:
        speaker = quote.speaker_id or person_of.get(quote.speaker_mention_id or "")
        if speaker:
            quote_spans[quote.doc_id].append((quote.span.start, quote.span.end, speaker))
    index.events = _validated(tables, "events", Event)
    index.figures = _validated(tables, "figures", Figure)

    said_by = _QuoteCover(quote_spans)

    def search_text(*parts: str | None) -> str:
        return fold(" \n ".join(filter(None, parts)))

    for quote in index.quotes:
        speaker = quote.speaker_id or person_of.get(quote.speaker_mention_id or "")
        person = index.people.get(speaker or "")
        countries = set(quote.countries) | ({person.country} if person and person.country else set())
        index._by_id[quote.id] = quote
        index.keys[quote.id] = FactKeys(
            countries=frozenset(countries), topics=frozenset(quote.topics),
            year=quote.date.year if quote.date else _published_year(index.documents.get(quote.doc_id)),
            people=frozenset({speaker} if speaker else ()),
            search=search_text(quote.text, quote.speaker, person.name if person else None,
                               index.evidence_sentence(quote)),
        )
    for event in index.events:
        people = set(event.person_ids or (person_of[m] for m in event.people if m in person_of))
        people |= said_by(event.doc_id, event.span.start, event.span.end)
        index._by_id[event.id] = event
        index.keys[event.id] = FactKeys(
            countries=frozenset(event.countries), topics=frozenset(event.topics),
            year=event.date.year if event.date else None, people=frozenset(people),
            search=search_text(event.kind, event.summary, event.evidence),
        )
    for figure in index.figures:
        index._by_id[figure.id] = figure
        index.keys[figure.id] = FactKeys(
            countries=frozenset(figure.countries), topics=frozenset(figure.topics),
            year=figure.year if figure.year is not None else _published_year(index.documents.get(figure.doc_id)),
            people=frozenset(said_by(figure.doc_id, figure.span.start, figure.span.end)),
            search=search_text(figure.kind, figure.label, figure.evidence, index.evidence_sentence(figure)),
        )
    for person in index.people.values():
        index.keys[person.id] = FactKeys(
            countries=frozenset({person.country} if person.country else ()), topics=frozenset(),
            year=None, people=frozenset({person.id}), timeless=True,
            search=search_text(person.name, " ".join(person.aliases), person.role),
        )
    index.events.sort(key=_timeline_key)
    index.quotes.sort(key=_newest_first)
    index.figures.sort(key=lambda f: (f.year is None, -(f.year or 0), f.kind, -f.value, f.id))
    for kind in ("events", "quotes", "figures", "people"):
        index._column(kind)  # here, with the collector paused, not in the first filter's worker
    return index


class _QuoteCover:
    """Who said a span: the speakers of the quotations around it, found by bisection, so a
    huge article with a hundred thousand quotes costs no more than its size."""

    def __init__(self, spans: dict[str, list[tuple[int, int, str]]]) -> None:
        self._spans: dict[str, tuple[list[int], list[int], list[tuple[int, int, str]]]] = {}
        for doc_id, doc_spans in spans.items():
            doc_spans.sort()
            reach, furthest = [], -1  # reach[i]: the furthest end among spans[0..i]
            for _, end, _ in doc_spans:
                furthest = max(furthest, end)
                reach.append(furthest)
            self._spans[doc_id] = ([s for s, _, _ in doc_spans], reach, doc_spans)

    def __call__(self, doc_id: str, start: int, end: int) -> set[str]:
        found = self._spans.get(doc_id)
        if found is None:
            return set()
        starts, reach, spans = found
        speakers, i = set(), bisect_right(starts, start) - 1
        while i >= 0 and reach[i] >= end:
            if spans[i][1] >= end:
                speakers.add(spans[i][2])
            i -= 1
        return speakers


def _newest_first(quote: Quote) -> tuple[Any, ...]:
    """Newest first; undated quotes last."""
    if quote.date is None:
        return (True, 0, 0, 0, quote.id)
    year, month, day = quote.date.sort_key
    return (False, -year, -month, -day, quote.id)


def _timeline_key(event: Event) -> tuple[bool, tuple[int, int, int], str]:
    """Oldest first; undated events last."""
    return (event.date is None, event.date.sort_key if event.date else (0, 0, 0), event.id)


def load_index(store: Path, notes: list[str] | None = None) -> Index | None:
    """The index of a store, None when there is none (raises StoreError when unreadable);
    one built from the store is kept for the next run at once (see `open_index`)."""
    index, keep = open_index(store, notes)
    if keep is not None:
        keep()
    return index


def open_head(store: Path) -> IndexHead | None:
    """The head of the store's kept index when it is current (briefing_tui.index_cache), else
    None; a damaged one is None too: `open_index`, which reads it whole, then reports it."""
    from briefing_tui import index_cache

    key = index_cache.store_key(store)
    if key is None:
        return None
    try:
        return index_cache.read_head(store, key)
    except index_cache.IndexCacheDamaged:
        return None


def open_index(store: Path, notes: list[str] | None = None) -> tuple[Index | None, Callable[[], None] | None]:
    """The index of a store (None when there is none; raises StoreError when unreadable),
    and what keeps it for the next run when it had to be built: the browser calls that after
    showing it, in the background.

    The index is kept beside the store (briefing_tui.index_cache) and read from there when
    it was made from the store as it is now, by this code. A kept index found damaged is
    built again, with a line saying so added to `notes`.
    """
    from briefing_tui import index_cache

    key = index_cache.store_key(store)  # None: no store, or one load_tables will report
    if key is not None:
        try:
            kept = index_cache.read_index(store, key)
        except index_cache.IndexCacheDamaged as exc:
            kept = None
            if notes is not None:
                notes.append(str(exc))
        if kept is not None:
            return kept, None
    tables = load_tables(store)
    if tables is None:
        return None, None
    index = build_index(tables)
    if key is None:
        return index, None

    def keep() -> None:
        if index_cache.store_key(store) == key:  # not when a build replaced the store meanwhile
            index_cache.write_index(store, key, index)

    return index, keep


# ------------------------------------------------------------ presentation helpers (pure; used by the UI and export)

_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "RUB": "₽", "TRY": "₺"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _number(value: float, decimals: int = 2) -> str:
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: float, unit: str, approximate: bool = False) -> str:
    """How a briefing reads a number: '$783 million', '15.1 %', '€2.3 billion', 'KZT 5 billion'."""
    if unit == "%":
        text = f"{_number(value, 1)} %"
    else:
        magnitude = abs(value)
        for threshold, word in _SCALES:
            if magnitude >= threshold:
                amount = f"{_number(value / threshold)} {word}"
                break
        else:
            amount = _number(value)
        sign = _CURRENCY_SIGNS.get(unit)
        if sign:
            text = f"-{sign}{amount[1:]}" if amount.startswith("-") else f"{sign}{amount}"
        else:
            text = f"{unit} {amount}" if unit else amount
    return f"~{text}" if approximate else text


class TradeBar(NamedTuple):  # named tuples: a fifth of what a frozen dataclass costs the import
    """One measured trade turnover: a year and a pair (or group) of countries, all sources."""

    year: int | None
    countries: tuple[str, ...]
    unit: str
    values: tuple[float, ...]  # one per source figure, in figure order
    figure_ids: tuple[str, ...]

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    @property
    def conflict(self) -> bool:
        return len(set(self.values)) > 1


def figure_year(index: Index, figure: Figure) -> int | None:
    """The year a figure measures: its own, else its group's (the same measure dated elsewhere)."""
    if figure.year is not None:
        return figure.year
    group = index.figure_groups.get(figure.group_id or "")
    return group.year if group else None


def turnover_by_year(index: Index, figures: Iterable[Figure]) -> list[TradeBar]:
    """Trade turnover per (year, countries, unit), oldest first, undated last: the bars of a chart.

    Different country pairs are never added up: each is its own bar, so a chart can't invent
    a total no source reported.
    """
    groups: dict[tuple[int | None, tuple[str, ...], str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if figure.kind == "trade_turnover" and figure.unit != "%":
            groups[(figure_year(index, figure), tuple(sorted(figure.countries)), figure.unit)].append(figure)
    bars = [TradeBar(year=year, countries=countries, unit=unit, values=tuple(f.value for f in items),
                     figure_ids=tuple(f.id for f in items))
            for (year, countries, unit), items in groups.items()]
    bars.sort(key=lambda b: (b.year is None, b.year or 0, b.countries, b.unit))
    return bars


class ExportImport(NamedTuple):
    """Exports and imports reported for one year and set of countries (None: not reported)."""

    year: int | None
    countries: tuple[str, ...]
    unit: str
    exports: float | None
    imports: float | None


def exports_imports_by_year(index: Index, figures: Iterable[Figure]) -> list[ExportImport]:
    """Export and import values side by side per year and countries (largest reported value each)."""
    table: dict[tuple[int | None, tuple[str, ...], str], dict[str, float]] = defaultdict(dict)
    for figure in figures:
        if figure.kind in ("export", "import") and figure.unit != "%":
            cell = table[(figure_year(index, figure), tuple(sorted(figure.countries)), figure.unit)]
            cell[figure.kind] = max(cell.get(figure.kind, figure.value), figure.value)
    rows = [ExportImport(year=year, countries=countries, unit=unit, exports=cell.get("export"),
                         imports=cell.get("import"))
            for (year, countries, unit), cell in table.items()]
    rows.sort(key=lambda r: (r.year is None, r.year or 0, r.countries, r.unit))
    return rows


def share_direction(figure: Figure) -> Literal["exports", "imports", "other"]:
    """Which trade flow a share describes, from its label: 'cocoa beans (exports)' -> exports."""
    return _label_direction(figure.label)


@lru_cache(maxsize=65536)
def _label_direction(label_text: str) -> Literal["exports", "imports", "other"]:
    label = fold(label_text)
    if "export" in label:
        return "exports"
    if "import" in label:
        return "imports"
    return "other"


def trade_shares(figures: Iterable[Figure]) -> dict[str, list[Figure]]:
    """Percent shares of trade grouped by flow, largest first: the composition chart."""
    groups: dict[str, list[Figure]] = {"exports": [], "imports": [], "other": []}
    for figure in figures:
        if figure.kind == "share" and figure.unit == "%":
            groups[share_direction(figure)].append(figure)
    for items in groups.values():
        items.sort(key=lambda f: (-f.value, f.label, f.id))
    return {k: v for k, v in groups.items() if v}
