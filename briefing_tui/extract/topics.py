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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from briefing_tui.models import DocumentFacts

__all__ = ["KIND_TOPICS", "TopicTable", "load_topics", "tag_topics", "topic_labels", "topics_of"]

# what a figure measures says its topic even when the sentence has no keyword
KIND_TOPICS = {"trade_turnover": "trade", "export": "trade", "import": "trade", "investment": "finance"}

_WORD = re.compile(r"[^\W\d_]+")
_STEM_KEY = 3  # prefix keywords are indexed by their first letters


@dataclass(frozen=True)
class TopicTable:
    """Keywords compiled for lookup: word tuples → topics, and stems for `word*` keywords."""

    order: tuple[str, ...]
    labels: dict[str, str]
    exact: dict[tuple[str, ...], frozenset[str]]  # lower-case keywords
    exact_cased: dict[tuple[str, ...], frozenset[str]]  # keywords with a capital, as written
    stems: dict[tuple[tuple[str, ...], str], list[tuple[str, frozenset[str]]]]  # (head words, first letters)
    lengths: tuple[int, ...]  # word counts of exact keywords
    head_lengths: tuple[int, ...]  # word counts before the starred word


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def compile_topics(spec: dict[str, dict]) -> TopicTable:
    """A lookup table from the JSON form: {topic: {"label": ..., "keywords": [...]}}."""
    exact: dict[tuple[str, ...], set[str]] = {}
    cased: dict[tuple[str, ...], set[str]] = {}
    stems: dict[tuple[tuple[str, ...], str], dict[str, set[str]]] = {}
    for topic, entry in spec.items():
        for keyword in entry["keywords"]:
            starred = keyword.endswith("*")
            words = _words(keyword.rstrip("*"))
            if not words:
                continue
            if starred:
                head = tuple(w.lower() for w in words[:-1])
                stem = words[-1].lower()
                if len(stem) < _STEM_KEY:
                    raise ValueError(f"topic keyword {keyword!r}: a starred word needs {_STEM_KEY}+ letters")
                stems.setdefault((head, stem[:_STEM_KEY]), {}).setdefault(stem, set()).add(topic)
            elif keyword != keyword.lower():
                cased.setdefault(tuple(words), set()).add(topic)
            else:
                exact.setdefault(tuple(words), set()).add(topic)
    return TopicTable(
        order=tuple(spec),
        labels={topic: entry.get("label", topic) for topic, entry in spec.items()},
        exact={k: frozenset(v) for k, v in exact.items()},
        exact_cased={k: frozenset(v) for k, v in cased.items()},
        stems={k: [(stem, frozenset(t)) for stem, t in v.items()] for k, v in stems.items()},
        lengths=tuple(sorted({len(k) for k in (*exact, *cased)})),
        head_lengths=tuple(sorted({len(head) for head, _ in stems})),
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
    n = len(words)
    for i in range(n):
        for length in table.lengths:
            if i + length > n:
                break
            key = tuple(lower[i:i + length])
            if key in table.exact:
                found |= table.exact[key]
            key = tuple(words[i:i + length])
            if key in table.exact_cased:
                found |= table.exact_cased[key]
        for head_len in table.head_lengths:
            if i + head_len >= n:
                break
            word = lower[i + head_len]
            for stem, topics in table.stems.get((tuple(lower[i:i + head_len]), word[:_STEM_KEY]), ()):
                if word.startswith(stem):
                    found |= topics
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
