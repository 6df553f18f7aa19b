"""Title, publication date, source URL and author from an article's own text.

News files come with whatever their source put around the story: YAML front matter,
`key: value` header lines, a bare `date 2025-06-03` token, a `03.06.2025 19:11:22 539`
stamp (day.month.year, time, view count), a dateline (`Astana, May 30, 2025 –`), a
`Source : URL` line, sign-up footers, disclaimers and photo credits. This module finds
them and marks their spans so that none of it is mistaken for the story's facts.

The publication date is only ever one the text states; when it states none, it is None.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))

_HEADER_KEYS = {
    "title": "title", "headline": "title",
    "date": "published", "published": "published", "publication date": "published",
    "published at": "published", "pubdate": "published", "pub_date": "published",
    "source": "source_url", "url": "source_url", "link": "source_url",
    "source url": "source_url", "source_url": "source_url", "original": "source_url",
    "author": "author", "by": "author", "byline": "author",
}
_HEADER_LINE = re.compile(
    r"^[ \t]*(?P<key>" + "|".join(re.escape(k) for k in sorted(_HEADER_KEYS, key=len, reverse=True))
    + r")[ \t]*:[ \t]*(?P<value>\S.*?)[ \t]*$",
    re.IGNORECASE,
)
_DATE_TOKEN = re.compile(r"^[ \t]*date[ \t]+(?P<value>\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_STAMP_LINE = re.compile(
    r"^[ \t]*(?P<value>\d{1,2}\.\d{1,2}\.\d{4})(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?(?:[ \t]+\d+)?[ \t]*$"
)
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})(?:,[ \t]*|[ \t]*[–—/-][ \t]*)"
    r"(?P<value>(?:" + _MONTH_RE + r")\.?[ \t]+\d{1,2},?[ \t]+\d{4}|\d{1,2}[ \t]+(?:" + _MONTH_RE
    + r")\.?,?[ \t]+\d{4})[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[–—:-]",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?[ \t]+)?"
_FULL_DATE = re.compile(
    r"(?<![\w.])(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4}|"
    + _WEEKDAY + r"\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:" + _MONTH_RE + r")\.?,?[ \t]+\d{4}|"
    + _WEEKDAY + r"(?:" + _MONTH_RE + r")\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?,?[ \t]+\d{4})(?![\w])",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*(?:[ap]\.?m\.?|gmt|utc|[A-Z]{3,4})\b)?", re.IGNORECASE)
_STAMP_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_UPDATE_STAMP = re.compile(r"^\W*(?:last[ \t]+)?(?:updated|modified|edited)\b", re.IGNORECASE)
_PROSE_LINE_WORDS = 15  # the first line this long is the story: stamps come before it
_STAMP_WORDS = 4  # words besides the date, times and numbers: places, a section, "Published"
_LEADING_STAMP_WORDS = 10  # a line that opens with its date may name the outlet and sections after it
_BYLINE_STAMP_WORDS = 8  # "By Jane Doe in International on 28 February 2025"
_SOURCE_LINE = re.compile(r"^[ \t]*source[ \t]*:[ \t]*(?P<value>https?://\S+)[ \t]*$", re.IGNORECASE | re.MULTILINE)
_URL = re.compile(r"https?://\S+")
_CREDIT = re.compile(r"(?:photo|image|picture|video)(?:[ \t]+credits?)?[ \t]*:.*$", re.IGNORECASE | re.MULTILINE)
_CREDIT_WORDS = ("photo", "image", "picture", "video")  # one of which every `_CREDIT` match has: change together
_BOILERPLATE = re.compile(
    r"\bsign[ -]?up\b.*\b(?:newsletter|website|e-?mail|our)\b|\bsubscribe\b.*\b(?:our|newsletter|channel)\b|"
    r"\bnewsletter\b|sent directly to (?:you|your inbox)|follow us on|all rights reserved|"
    r"^[ \t]*(?:disclaimer|editor'?s note|read (?:also|more)|related(?: articles?)?)[ \t]*:|"
    r"views and opinions expressed|do(?:es)? not necessarily reflect|^[ \t]*©",
    re.IGNORECASE | re.MULTILINE,
)
# lower-case words one of which every `_BOILERPLATE` match contains: change them together
_BOILERPLATE_WORDS = (
    "sign up", "sign-up", "signup", "subscribe", "newsletter", "sent directly to", "follow us on",
    "all rights reserved", "disclaimer", "editor", "read also", "read more", "related",
    "views and opinions expressed", "not necessarily reflect", "©",
)
# letters that IGNORECASE matches with i and s where lower() does not give them (for `_may_hold`)
_CASE_FOLD_EXCEPTIONS = "ıſİ"
_AUTHOR_BIO = re.compile(
    r"^[ \t]*(?:[Tt]he[ \t]+)?(?:[Aa]uthor|[Ww]riter)(?:[ \t]+of[ \t]+this[ \t]+article)?[ \t]+is[ \t]+"
    r"(?P<name>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,4})",
    re.MULTILINE,
)
_NAME = r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){1,4}"
_BYLINE = re.compile(rf"[ \t]*[Bb]y[ \t]+(?P<name>{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+and[ \t]+){_NAME})*)[ \t]*$")
# a story signed on its last line: "Jane Doe" (any script's capitals)
_SIGNATURE = re.compile(r"[ \t]*(?P<name>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’.-]*){1,3})\.?[ \t]*$")
_NOT_SIGNATURE = frozenset("read more share related news comments comment tags tag print email follow subscribe "
                           "advertisement photo photos source home back top next previous latest popular video "
                           "also see the and of in on for to".split())
_SIGNED_STORY_LINES = 3  # a signature ends a story of at least this many lines
# an author named at the foot of the page: "Browse all articles from Jane Doe", "Written by Jane Doe"
_FOOTER_AUTHOR = re.compile(
    rf"^[ \t]*(?i:(?:browse|see|read|view|more)[ \t]+(?:all[ \t]+)?(?:articles|stories|posts|news)[ \t]+(?:from|by)|"
    rf"written[ \t]+by|reported[ \t]+by|text[ \t]+by|story[ \t]+by)[ \t]+(?P<name>{_NAME})[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
_SENTENCE_END = re.compile(r"[.!?…:;”\"’)]\s*$")


@dataclass
class Metadata:
    title: str | None = None
    published: str | None = None
    source_url: str | None = None
    author: str | None = None
    title_span: tuple[int, int] | None = None
    excluded: list[tuple[int, int]] = field(default_factory=list)  # not part of the story at all
    meta: list[tuple[int, int]] = field(default_factory=list)  # byline and author bio: about the source
    warnings: list[str] = field(default_factory=list)


def parse_full_date(value: str) -> date | None:
    """A complete calendar date in any of the header forms, else None (never a guess)."""
    value = value.strip().rstrip(".,")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+Z-]*)?", value)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", value)
    if m:
        return _valid(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(?:[^\W\d_]+,?\s+)?(" + _MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", value,
                     re.IGNORECASE)
    if m:
        return _valid(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    m = re.fullmatch(r"(?:[^\W\d_]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(" + _MONTH_RE + r")\.?,?\s+(\d{4})", value,
                     re.IGNORECASE)
    if m:
        return _valid(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    return None


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def parse_metadata(text: str) -> Metadata:
    meta = Metadata()
    lines = _lines(text)
    first = _front_matter(text, lines, meta)
    first = _header_lines(text, lines, first, meta)
    _stamp_lines(text, lines, first, meta)
    _title(text, lines, first, meta)
    _dateline(text, lines, first, meta)
    _footer_and_captions(text, lines, meta)
    return meta


def _set(meta: Metadata, field_name: str, value: str, span_text: str = "") -> None:
    value = value.strip().strip("'\"")
    if not value:
        return
    if field_name == "published":
        parsed = parse_full_date(value)
        if parsed is None:
            meta.warnings.append(f"unrecognised publication date {value!r}")
            return
        value = parsed.isoformat()
    elif field_name == "source_url":
        url = _URL.search(value)
        if url is None:
            return
        value = url.group(0).rstrip(".,;)")
    if getattr(meta, field_name) is None:
        setattr(meta, field_name, value)


def _front_matter(text: str, lines: list[tuple[int, int]], meta: Metadata) -> int:
    """YAML front matter of flat `key: value` pairs; returns the first line after it."""
    i = 0
    while i < len(lines) and not text[lines[i][0]:lines[i][1]].strip():
        i += 1
    if i >= len(lines) or text[lines[i][0]:lines[i][1]].strip() != "---":
        return 0
    for j in range(i + 1, len(lines)):
        line = text[lines[j][0]:lines[j][1]]
        if line.strip() in ("---", "..."):
            for k in range(i + 1, j):
                m = _HEADER_LINE.match(text[lines[k][0]:lines[k][1]])
                if m:
                    _set(meta, _HEADER_KEYS[m["key"].lower()], m["value"])
            meta.excluded.append((lines[i][0], lines[j][1]))
            return j + 1
    meta.warnings.append("front matter is not closed by '---'; read as text")
    return 0


def _header_lines(text: str, lines: list[tuple[int, int]], first: int, meta: Metadata) -> int:
    """Leading header lines (key: value, date token, date stamp); returns the first story line."""
    i = first
    while i < len(lines):
        start, end = lines[i]
        line = text[start:end]
        if not line.strip():
            i += 1
            continue
        m = _HEADER_LINE.match(line)
        if m and (_HEADER_KEYS[m["key"].lower()] != "title" or meta.title is None):
            key = _HEADER_KEYS[m["key"].lower()]
            if key == "title":
                meta.title = m["value"].strip()
            else:
                _set(meta, key, m["value"])
            meta.excluded.append((start, end))
            i += 1
            continue
        m = _STAMP_LINE.match(line)
        if m:
            _set(meta, "published", m["value"])
            meta.excluded.append((start, end))
            i += 1
            continue
        m = _DATE_TOKEN.match(line)
        if m:
            _set(meta, "published", m["value"])
            meta.excluded.append((start, start + m.end()))
            if (byline := _BYLINE.match(line, m.end())) is not None:
                meta.author = meta.author or byline["name"]  # " date 2025-02-24 By Jane Doe"
                meta.meta.append((start + m.end(), end))
            elif line[m.end():].strip():
                return i  # the story goes on on the same line
            i += 1
            continue
        m = _BYLINE.match(line)
        if m:
            meta.author = meta.author or m["name"]
            meta.meta.append((start, end))
            i += 1
            continue
        return i
    return i


def _stamp_date(line: str) -> date | None:
    """The date of a header line that is only a date with its trimmings: a time, a view
    count, a place, a section name, "Published", or a byline ("By X in Y on DATE")."""
    m = _FULL_DATE.search(line)
    if m is None or (parsed := parse_full_date(m.group())) is None:
        return None
    rest = _CLOCK.sub(" ", line[:m.start()] + " " + line[m.end():])
    words = _STAMP_WORD.findall(rest)
    if re.match(r"\W*by\s", line, re.IGNORECASE):
        limit = _BYLINE_STAMP_WORDS
    elif not line[:m.start()].strip() and not _SENTENCE_END.search(line):
        limit = _LEADING_STAMP_WORDS  # "February 22, 2023 The Gazette Africa & Middle East, Egypt 0"
    else:
        limit = _STAMP_WORDS
    return parsed if len(words) <= limit else None


def _stamp_lines(text: str, lines: list[tuple[int, int]], first: int, meta: Metadata) -> None:
    """Date stamps among the lines a web page puts above its story ("06 March, 2023 | 16:09",
    "POLITICS | 15:03 / 17.08.2024", "Published Jun 30, 2023", "Mon, 22 Jan 2024 - 11:36 GMT").

    Only lines before the first line long enough to be prose are read, so a date in the
    story is never taken for the publication date; "Updated" stamps count only when no
    other is there.
    """
    published = updated = None
    for start, end in lines[first:]:
        line = text[start:end]
        if len(line.split()) >= _PROSE_LINE_WORDS and _SENTENCE_END.search(line):
            break
        if (byline := _BYLINE.match(line)) is not None and (start, end) not in meta.meta:
            meta.author = meta.author or byline["name"]
            meta.meta.append((start, end))
            continue
        if (start, end) in meta.excluded or (parsed := _stamp_date(line)) is None:
            continue
        meta.excluded.append((start, end))
        if _UPDATE_STAMP.match(line):
            updated = updated or parsed
        else:
            published = published or parsed
    if meta.published is None and (published or updated):
        meta.published = (published or updated).isoformat()


def _title(text: str, lines: list[tuple[int, int]], first: int, meta: Metadata) -> None:
    """The first story line is a title when it is short and does not read as a sentence."""
    i = first
    while i < len(lines) and (not text[lines[i][0]:lines[i][1]].strip() or lines[i] in meta.excluded):
        i += 1
    if i >= len(lines):
        return
    start, end = lines[i]
    line = text[start:end]
    if _DATE_TOKEN.match(line) or _DATELINE.match(line):
        return
    words = line.split()
    if len(words) > 30 or _SENTENCE_END.search(line) or not line.strip()[0].isupper():
        return
    if not any(text[s:e].strip() for s, e in lines[i + 1:]):
        return  # a one-line file is a story, not a title
    stripped = line.strip()
    offset = start + (len(line) - len(line.lstrip()))
    meta.title_span = (offset, offset + len(stripped))
    if meta.title is None:
        meta.title = stripped
    # sites often repeat the title (print and web headline) and add stamps after it
    for s, e in lines[i + 1:i + 8]:
        following = text[s:e]
        if following.strip() == stripped:
            meta.excluded.append((s, e))
        elif (m := _STAMP_LINE.match(following)) is not None:
            _set(meta, "published", m["value"])
            meta.excluded.append((s, e))
        elif following.strip():
            break


def _dateline(text: str, lines: list[tuple[int, int]], first: int, meta: Metadata) -> None:
    """`Astana, May 30, 2025 –` opening the story gives the date if nothing else did."""
    for start, end in lines[first:]:
        if (start, end) in meta.excluded or (meta.title_span and meta.title_span[0] >= start and meta.title_span[1] <= end):
            continue
        line = text[start:end]
        if not line.strip():
            continue
        m = _DATELINE.match(line)
        if m and meta.published is None:
            parsed = parse_full_date(m["value"])
            if parsed is not None:
                meta.published = parsed.isoformat()
        if _STAMP_LINE.match(line):
            continue
        return


def _signature(text: str, lines: list[tuple[int, int]], meta: Metadata) -> None:
    """The story's last line as its author's name, when it is nothing but a name."""
    filled = [(s, e) for s, e in lines if text[s:e].strip()]
    if meta.author or len(filled) < _SIGNED_STORY_LINES:
        return
    start, end = filled[-1]
    m = _SIGNATURE.match(text, start, end)
    if m is None or m.end() != end:
        return
    words = m["name"].split()
    if all(w[0].isupper() for w in words) and not any(w.lower().strip(".") in _NOT_SIGNATURE for w in words):
        meta.author = m["name"]
        meta.meta.append((start, end))


def _may_hold(text: str, lowered: str, words: tuple[str, ...]) -> bool:
    """A necessary condition of a case-insensitive pattern every match of which contains one
    of `words`, a dozen times cheaper than the pattern (most articles have no boilerplate
    and no photo credit)."""
    if any(letter in text for letter in _CASE_FOLD_EXCEPTIONS):
        return True
    return any(word in lowered for word in words)


def _line_around(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _footer_and_captions(text: str, lines: list[tuple[int, int]], meta: Metadata) -> None:
    """Source lines, photo credits, sign-up footers, disclaimers and the author's bio.

    Each pattern runs once over the whole text, so a huge article costs one regex pass,
    not one per line.
    """
    for m in _SOURCE_LINE.finditer(text):
        _set(meta, "source_url", m["value"])
        meta.excluded.append((m.start(), m.end()))
    lowered = text.lower()
    if _may_hold(text, lowered, _CREDIT_WORDS):
        for m in _CREDIT.finditer(text):
            meta.excluded.append((m.start(), m.end()))
    boilerplate = {_line_around(text, m.start()) for m in _BOILERPLATE.finditer(text)} \
        if _may_hold(text, lowered, _BOILERPLATE_WORDS) else set()
    for start, end in sorted(boilerplate):
        if len(text[start:end].split()) <= 80:
            meta.excluded.append((start, end))
    for m in _AUTHOR_BIO.finditer(text):
        line = _line_around(text, m.start())
        if line not in boilerplate and len(text[line[0]:line[1]].split()) <= 80:
            meta.author = meta.author or m["name"].rstrip(".,")
            meta.meta.append(line)
    for m in _FOOTER_AUTHOR.finditer(text):
        meta.author = meta.author or m["name"]
        meta.meta.append((m.start(), m.end()))
    _signature(text, lines, meta)
    if meta.author:
        # a bare byline line repeating the author's name ("Jane Doe.")
        byline = re.compile(rf"^[ \t]*{re.escape(meta.author)}\.?[ \t]*$", re.MULTILINE)
        for m in byline.finditer(text):
            if (m.start(), m.end()) not in meta.meta:
                meta.meta.append((m.start(), m.end()))
