"""Topic tags for events, quotes and figures, from a documented keyword list.

The topics and their keywords live in `data/topics.json`, documented in `data/topics.md`
(format, matching rules, why some words are left out). Matching is on whole words of the
fact's own text: an event's evidence sentence, a quote's words, a figure's sentence (a
figure's evidence is only the amount and its measure), or for a product's share the
product ("cocoa (12%)" is agriculture even in a sentence that also lists oil). Figures of
trade and investment also get their topic from their kind. Words are looked up in dictionaries, not matched
with one regex per keyword, so tagging costs microseconds per fact.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from briefing_tui.models import DocumentFacts

__all__ = ["KIND_TOPICS", "TopicTable", "compile_topics", "load_topics", "tag_topics", "topic_labels", "topics_of"]

# what a figure measures says its topic even when the sentence has no keyword
KIND_TOPICS = {"trade_turnover": "trade", "export": "trade", "import": "trade", "investment": "finance"}

_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")  # the same in an ASCII text, and faster: no Unicode database calls
_STEM_KEY = 3  # prefix keywords are indexed by their first letters


@dataclass(frozen=True)
class _Keyword:
    words: tuple[str, ...]  # lower case unless cased; the last is a stem when starred
    starred: bool
    cased: bool
    topics: frozenset[str]

    def at(self, words: list[str], lower: list[str], i: int) -> bool:
        """Whether the keyword occurs at word `i`."""
        seq = words if self.cased else lower
        n = len(self.words)
        if i + n > len(seq):
            return False
        if self.starred:
            return tuple(seq[i:i + n - 1]) == self.words[:-1] and seq[i + n - 1].startswith(self.words[-1])
        return tuple(seq[i:i + n]) == self.words


@dataclass(frozen=True)
class TopicTable:
    """Keywords indexed by the word they start with (a single starred word by its first
    letters), so that each word of a text costs a few dictionary lookups."""

    order: tuple[str, ...]
    labels: dict[str, str]
    by_word: dict[str, list[_Keyword]]  # first word, lower case
    by_cased_word: dict[str, list[_Keyword]]  # first word as written (keywords with a capital)
    by_stem: dict[str, list[_Keyword]]  # first letters of a single starred word
    by_lower: dict[str, tuple[_Keyword, ...]] = field(default_factory=dict)  # `starting` of words met so far

    def starting(self, low: str) -> tuple[_Keyword, ...]:
        """The keywords without capitals that may start at a lower-case word (remembered:
        most words start none, and one lookup then says so)."""
        keywords = self.by_lower.get(low)
        if keywords is None:
            keywords = self.by_lower[low] = (*self.by_word.get(low, ()), *self.by_stem.get(low[:_STEM_KEY], ()))
        return keywords


def _words(text: str) -> list[str]:
    return (_ASCII_WORD if text.isascii() else _WORD).findall(text)


def compile_topics(spec: dict[str, dict]) -> TopicTable:
    """A lookup table from the JSON form: {topic: {"label": ..., "keywords": [...]}}."""
    topics_of_keyword: dict[tuple[tuple[str, ...], bool, bool], set[str]] = {}
    for topic, entry in spec.items():
        for keyword in entry["keywords"]:
            starred = keyword.endswith("*")
            cased = keyword != keyword.lower()
            words = tuple(_words(keyword.rstrip("*")))
            if not words:
                continue
            if not cased:
                words = tuple(w.lower() for w in words)
            if starred and len(words[-1]) < _STEM_KEY:
                raise ValueError(f"topic keyword {keyword!r}: a starred word needs {_STEM_KEY}+ letters")
            topics_of_keyword.setdefault((words, starred, cased), set()).add(topic)
    by_word: dict[str, list[_Keyword]] = {}
    by_cased_word: dict[str, list[_Keyword]] = {}
    by_stem: dict[str, list[_Keyword]] = {}
    for (words, starred, cased), topics in topics_of_keyword.items():
        keyword = _Keyword(words, starred, cased, frozenset(topics))
        if starred and len(words) == 1:
            by_stem.setdefault(words[0][:_STEM_KEY], []).append(keyword)
        else:
            (by_cased_word if cased else by_word).setdefault(words[0], []).append(keyword)
    return TopicTable(
        order=tuple(spec),
        labels={topic: entry.get("label", topic) for topic, entry in spec.items()},
        by_word=by_word, by_cased_word=by_cased_word, by_stem=by_stem,
    )


@lru_cache(maxsize=1)
def load_topics() -> TopicTable:
    """The packaged table (data/topics.json), read once per process."""
    raw = resources.files("briefing_tui.extract").joinpath("data/topics.json").read_text(encoding="utf-8")
    return compile_topics(json.loads(raw))


def topic_labels() -> dict[str, str]:
    """Topic id → the label readers see, in the file's order."""
    return dict(load_topics().labels)


def topics_of(text: str, table: TopicTable | None = None) -> list[str]:
    """The topics whose keywords occur in `text`, in the table's order."""
    table = table or load_topics()
    words = _words(text) if isinstance(text, str) else []
    lower = [w.lower() for w in words]
    found: set[str] = set()
    known = table.by_lower
    for i, low in enumerate(lower):
        keywords = known.get(low)  # `starting`, without a call for the many words already met
        for keyword in table.starting(low) if keywords is None else keywords:
            if not keyword.topics <= found and keyword.at(words, lower, i):
                found |= keyword.topics
    if not table.by_cased_word.keys().isdisjoint(words):
        for i, word in enumerate(words):
            for keyword in table.by_cased_word.get(word, ()):
                if not keyword.topics <= found and keyword.at(words, lower, i):
                    found |= keyword.topics
    return [t for t in table.order if t in found]


def tag_topics(facts: DocumentFacts) -> DocumentFacts:
    """Set `topics` on the document's events, quotes and figures (in place; returns facts)."""
    table = load_topics()
    text_of = {s.index: s.text for s in facts.sentences}
    by_sentence: dict[int, list[str]] = {}

    def sentence_topics(index: int, fallback: str) -> list[str]:
        if index not in by_sentence:
            by_sentence[index] = topics_of(text_of.get(index, fallback), table)
        return by_sentence[index]

    for event in facts.events:
        event.topics = sentence_topics(event.span.sentence, event.evidence)
    for quote in facts.quotes:
        quote.topics = topics_of(quote.text, table)
    for figure in facts.figures:
        # a product's share is about that product, not every product its sentence lists
        own = topics_of(figure.label, table) if figure.kind == "share" else []
        topics = set(own or sentence_topics(figure.span.sentence, figure.evidence))
        if figure.kind in KIND_TOPICS:
            topics.add(KIND_TOPICS[figure.kind])
        figure.topics = [t for t in table.order if t in topics]
    return facts
