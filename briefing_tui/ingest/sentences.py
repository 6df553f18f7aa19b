"""Paragraphs and sentences with character offsets into the normalised text.

A rule-based splitter: news prose is regular, and a model would cost hundreds of MB for
little gain. It knows abbreviations, initials ("Ozhet A. Shegirbayev"), decimals and
sentence ends inside closing quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing_tui.ingest.metadata import Metadata

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen col lt sgt capt cmdr adm gov sen rep rev hon pres amb
    jr sr inc ltd co corp no nos vs etc e.g i.e u.s u.k u.n e.u a.m p.m approx est dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec fig vol op art sec para pp mt ft
    """.split()
)
# A sentence ends at . ! ? or an ellipsis, perhaps followed by closing quotes or brackets,
# then whitespace, then something that can open a sentence.
_BOUNDARY = re.compile(r"(?:[.!?]|…)[”\"’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-ÖØ-Þ\u0400-\u042f(])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_LONGEST_WORD = 40  # longer runs before a period are no abbreviation
_TERMINAL = re.compile(r"[.!?…:;”\"’)]$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at `dot` belongs to an abbreviation or an initial."""
    if text[dot] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - _LONGEST_WORD), dot)  # not from 0: linear, not quadratic
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Ozhet A. Shegirbayev"
    return word.lower().strip(".") in _ABBREVIATIONS


def split_sentences(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end], whitespace trimmed."""
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, m.start()):
            continue
        yield from _trimmed(text, pos, m.end())
        pos = m.end()
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _subtract(span: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [span]
    for h_start, h_end in holes:
        next_pieces = []
        for s, e in pieces:
            if h_end <= s or h_start >= e:
                next_pieces.append((s, e))
                continue
            if s < h_start:
                next_pieces.append((s, h_start))
            if h_end < e:
                next_pieces.append((h_end, e))
        pieces = next_pieces
    return pieces


def _inside(span: tuple[int, int], regions: list[tuple[int, int]]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in regions)


def paragraphs(text: str, meta: Metadata) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph; kind is title, heading, meta or body.

    Each non-empty line is a paragraph: news files put one paragraph on a line.
    """
    result: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        line_span = (pos, pos + len(line))
        pos += len(line) + 1
        for s, e in _subtract(line_span, meta.excluded):
            for start, end in _trimmed(text, s, e):
                if meta.title_span and start <= meta.title_span[0] and meta.title_span[1] <= end:
                    kind = "title"
                elif _inside((start, end), meta.meta):
                    kind = "meta"
                elif _looks_like_heading(text[start:end]):
                    kind = "heading"
                else:
                    kind = "body"
                result.append((start, end, kind))
    return result


def _looks_like_heading(paragraph: str) -> bool:
    words = paragraph.split()
    return 0 < len(words) <= 12 and not _TERMINAL.search(paragraph) and paragraph[0].isupper()


def sentence_spans(text: str, meta: Metadata) -> list[tuple[int, int, int, str]]:
    """(paragraph index, start, end, kind) of every sentence outside excluded regions."""
    out = []
    for p_index, (start, end, kind) in enumerate(paragraphs(text, meta)):
        if kind in ("title", "heading"):
            out.append((p_index, start, end, kind))
            continue
        for s, e in split_sentences(text, start, end):
            out.append((p_index, s, e, kind))
    return out
