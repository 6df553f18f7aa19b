"""Article text into Markdown that stays text: no heading, table, link, image or HTML can come of it.

Notes are read in GitHub, editors and converters (CommonMark + GFM), so every piece of article
text is escaped here before it is placed in a line the note itself started (a bullet, a title,
a numbered source). URLs and file paths go into code spans, where nothing is interpreted.
YAML front matter values are double-quoted JSON strings, which YAML reads as they are.
"""

from __future__ import annotations

import json
import re

# C0/C1 controls (newlines included: a piece of article text is one line), bidi overrides,
# line and paragraph separators, byte-order marks
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
# Markdown punctuation that starts emphasis, code, links, images, autolinks, HTML, entities,
# strikethrough, tables, headings, math in common extensions; and '@' (GFM email autolinks)
_INLINE = re.compile(r"([\\`*_\[\]<>!|~&#$@^{}])")
# what GFM and linkify turn into links without brackets: 'http://', 'www.x', 'x.org', '//0.x'
_SCHEME = re.compile(r"(?<=[A-Za-z0-9]):(?=//)")
_DOUBLE_SLASH = re.compile(r"(?<=/)/")
_DOMAIN_DOT = re.compile(r"(?<=[A-Za-z0-9])\.(?=[A-Za-z0-9])")
# block syntax a line could open with: list bullets, ordered lists, setext/thematic lines, quotes
_LEADING_MARK = re.compile(r"^([-+=>])")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])")


def one_line(text: str | None) -> str:
    """Control characters out, every run of whitespace one space: text safe to place in a line."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", text or "")).strip()


def escape(text: str | None) -> str:
    """Inline Markdown showing exactly `one_line(text)` and nothing else (no markup of any kind)."""
    text = _INLINE.sub(r"\\\1", one_line(text))
    text = _SCHEME.sub(r"\\:", text)
    text = _DOUBLE_SLASH.sub(r"\\/", text)
    text = _DOMAIN_DOT.sub(r"\\.", text)
    text = _LEADING_MARK.sub(r"\\\1", text)
    return _LEADING_NUMBER.sub(r"\1\\\2", text)


def code(text: str | None) -> str:
    """A code span showing `one_line(text)` literally (for URLs and file paths)."""
    text = one_line(text) or " "
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if text.startswith("`") or text.endswith("`"):  # one_line stripped the spaces a span would eat
        text = f" {text} "
    return f"{fence}{text}{fence}"


def yaml_str(text: str | None) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML) of one clean line."""
    return json.dumps(one_line(text), ensure_ascii=False)


def yaml_list(items: list[str]) -> str:
    return "[" + ", ".join(yaml_str(i) for i in items) + "]"


def word_count(text: str) -> int:
    """Words as a reader counts them on the page: whitespace-separated, Markdown marks included."""
    return len(text.split())
