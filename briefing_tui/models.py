"""Facts and their provenance.

Every fact points back at the sentence it came from (document id, sentence index and
character span in the document's normalised text), so `document.text[start:end]` is always
the evidence a user can read. Ids are derived from content, never from counters or clocks,
so rebuilding the same seeds gives the same ids.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventKind = Literal[
    "visit", "meeting", "agreement", "forum", "embassy", "shipment", "statement", "award", "other"
]
EVENT_KINDS: tuple[str, ...] = EventKind.__args__  # type: ignore[attr-defined]

FigureKind = Literal[
    "trade_turnover", "export", "import", "investment", "growth", "share", "other"
]
FIGURE_KINDS: tuple[str, ...] = FigureKind.__args__  # type: ignore[attr-defined]

Precision = Literal["day", "month", "year"]
# title and heading sentences name things but report no happenings; meta is byline and bio
SentenceKind = Literal["title", "heading", "body", "meta"]


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on the parts, so rebuilds reproduce it."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()  # map: a third cheaper than a generator
    return f"{prefix}-{digest[:12]}"


class Model(BaseModel):
    # Validators are built when a model is first validated, not when this module is imported:
    # building all of them cost the browser's start-up more than validating the seeds' store.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Span(Model):
    """Where a fact's evidence sits: `text[start:end]` of document `doc_id`."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    sentence: int
    start: int
    end: int


class PartialDate(Model):
    """A date known to day, month or year, possibly approximate or a range."""

    model_config = ConfigDict(frozen=True)

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str | None = None  # "early", "mid", "late", "around", "since", "by" ...
    end: PartialDate | None = None  # last day/month/year of a range ("June 3-5")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    @property
    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def label(self) -> str:
        """How a reader wants to see it: '2025-05', 'late 2023', '2025-06-03 – 2025-06-05'."""
        text = self.iso
        if self.end is not None and self.end.iso != self.iso:
            text = f"{text} – {self.end.iso}"
        if self.qualifier in ("early", "mid", "late", "around", "since", "by", "before", "after"):
            text = f"{self.qualifier} {text}"
        return text

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


class Document(Model):
    id: str
    path: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, only when the text itself gives it
    source_url: str | None = None
    author: str | None = None
    text: str
    content_hash: str
    encoding: str = "utf-8"
    excluded: list[tuple[int, int]] = Field(default_factory=list)  # metadata and boilerplate spans
    warnings: list[str] = Field(default_factory=list)

    @property
    def display_title(self) -> str:
        return self.title or self.path.rsplit("/", 1)[-1]


class Sentence(Model):
    doc_id: str
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    kind: SentenceKind = "body"


class CountryMention(Model):
    doc_id: str
    code: str  # ISO 3166-1 alpha-3
    surface: str  # the words in the text: "Rwandan", "Kinshasa", "the Kingdom of Morocco"
    span: Span


class Country(Model):
    code: str
    name: str
    doc_ids: list[str]
    mentions: int


class PersonMention(Model):
    """A person as one document names them, before cross-document merging."""

    id: str
    doc_id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    country: str | None = None
    spans: list[Span] = Field(default_factory=list)


class MergeNote(Model):
    """Why two mentions were judged to be one person, so a reader can check it."""

    mention_id: str
    name: str
    reason: str
    score: float


class Person(Model):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    role: str | None = None
    country: str | None = None
    doc_ids: list[str] = Field(default_factory=list)
    mention_ids: list[str] = Field(default_factory=list)
    merges: list[MergeNote] = Field(default_factory=list)


class Quote(Model):
    id: str
    doc_id: str
    text: str
    partial: bool = False
    speaker: str | None = None  # the name as resolved in the document
    speaker_mention_id: str | None = None
    speaker_id: str | None = None  # the merged Person, set by resolve
    date: PartialDate | None = None
    date_from_published: bool = False
    countries: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    span: Span  # the quoted words, without the quote marks


class Event(Model):
    id: str
    doc_id: str
    date: PartialDate | None = None
    kind: EventKind = "other"
    countries: list[str] = Field(default_factory=list)
    people: list[str] = Field(default_factory=list)  # PersonMention ids in the document
    person_ids: list[str] = Field(default_factory=list)  # merged Person ids, set by resolve
    summary: str
    evidence: str
    topics: list[str] = Field(default_factory=list)
    span: Span


class Figure(Model):
    id: str
    doc_id: str
    kind: FigureKind = "other"
    value: float
    unit: str  # "USD", "%", "EUR", "ZAR", "KZT", ...
    year: int | None = None
    approximate: bool = False
    countries: list[str] = Field(default_factory=list)
    label: str  # what the number measures, in the article's words
    evidence: str
    topics: list[str] = Field(default_factory=list)
    group_id: str | None = None  # set by resolve: the same measure reported elsewhere
    span: Span


class FigureGroup(Model):
    """One measure (kind, year, countries) across documents; a conflict when values differ."""

    id: str
    kind: FigureKind
    year: int | None
    unit: str
    countries: list[str]
    figure_ids: list[str]
    values: list[float]
    conflict: bool


class DocumentFacts(Model):
    """What one article yields on its own: the output of the pure per-document extraction."""

    document: Document
    sentences: list[Sentence] = Field(default_factory=list)
    countries: list[CountryMention] = Field(default_factory=list)
    people: list[PersonMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


class Corpus(Model):
    """All documents' facts after cross-document resolution: what the store holds."""

    documents: list[DocumentFacts] = Field(default_factory=list)
    countries: list[Country] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    figure_groups: list[FigureGroup] = Field(default_factory=list)
