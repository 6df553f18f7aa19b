"""What `briefing export` is told on the command line, as Filters: countries and topics by any name.

A country is an ISO code or any name the country extractor understands ("Burkina Faso",
"Burkinabe", "BF"), or a name or code the store itself lists. Anything else is a clear
error that lists the closest names, so a typo never yields an empty note silently.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from briefing_tui.query import Filters, Index, fold

MAX_SUGGESTIONS = 5


class FilterError(Exception):
    """A filter value nobody knows, worded as one line with the closest known values."""


def _extractor_code(name: str) -> str | None:
    """The country extractor's reading of a name (None when it has no such helper or no answer)."""
    try:
        from briefing_tui.extract.countries import country_code
    except ImportError:
        return None
    try:
        return country_code(name)
    except Exception:  # a lookup problem must not hide the store's own names
        return None


def _known_country_names(index: Index) -> dict[str, str]:
    """Folded name or code -> ISO3, the store's countries over the ISO list."""
    import pycountry

    names = {}
    for country in pycountry.countries:
        code = country.alpha_3
        for name in (country.name, getattr(country, "common_name", None), code, country.alpha_2):
            if name:
                names[fold(name)] = code
    for code, country in index.countries.items():
        names[fold(country.name)] = code
        names[fold(code)] = code
    return names


def _suggest(value: str, choices: Iterable[str]) -> str:
    """'; did you mean: Burkina Faso?' from the choices closest to what was typed (case and accents aside)."""
    by_fold = {fold(c): c for c in choices}
    close = difflib.get_close_matches(fold(value), list(by_fold), n=MAX_SUGGESTIONS, cutoff=0.6)
    return f"; did you mean: {', '.join(by_fold[c] for c in close)}?" if close else ""


def country_code_of(value: str, index: Index) -> str:
    """ISO3 of a typed country; FilterError with the closest names when nobody knows it."""
    typed = fold(value.strip())
    for code, country in index.countries.items():
        if typed in (fold(code), fold(country.name)):
            return code
    code = _extractor_code(value)
    if code:
        return code
    known = _known_country_names(index)
    if typed in known:
        return known[typed]
    hint = _suggest(value, sorted({*(c.name for c in index.countries.values()), *_iso_names()}))
    raise FilterError(f"unknown country {value!r}{hint}")


def _iso_names() -> list[str]:
    import pycountry

    return [getattr(c, "common_name", None) or c.name for c in pycountry.countries]


def topic_of(value: str, index: Index) -> str:
    """The topic id of a typed topic id or label; FilterError with the known topics otherwise."""
    from briefing_tui.extract.topics import topic_labels

    labels = {**{t: t for t in index.all_topics()}, **topic_labels()}
    typed = fold(value.strip())
    for topic, label in labels.items():
        if typed in (fold(topic), fold(label)):
            return topic
    hint = _suggest(value, labels) or f"; topics: {', '.join(sorted(labels))}"
    raise FilterError(f"unknown topic {value!r}{hint}")


def make_filters(index: Index, *, countries: Iterable[str] = (), topics: Iterable[str] = (),
                 since: int | None = None, until: int | None = None, query: str | None = None) -> Filters:
    if since is not None and until is not None and since > until:
        raise FilterError(f"--since {since} is after --until {until}")
    return Filters(countries=frozenset(country_code_of(c, index) for c in countries),
                   topics=frozenset(topic_of(t, index) for t in topics),
                   year_from=since, year_to=until, text=(query or "").strip())
