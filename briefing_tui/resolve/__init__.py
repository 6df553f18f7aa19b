"""Across documents: one country table, one person under many names, one figure from many sources.

Two ways in. `resolve` takes DocumentFacts and sets the links on their facts (a quote's
speaker, an event's people, a figure's group): what `briefing extract --json` prints.
`resolve_changes` is a build's: it takes store rows and makes the tables alone (the store
derives the links from them when it is loaded, so a document's rows never change when
another document does).

A build changes few documents, and resolution is local: merging never joins two surnames
and grouping never joins two measures. So a build keeps, beside the tables, one partition
per surname (its mentions, and the people made of them) and one per measure (its
figures, and the groups made of them), each partition's entries as one JSON text that is
decoded only when the partition is touched. Given the documents that went (their old
rows) and came (their new rows; a changed document does both), `resolve_changes` merges
again only the surnames and groups again only the measures those rows name, keeps every
other person and group as it was, and updates the country counts: exactly a full
resolve, which is the same call with no previous tables and every document coming.
"""

from __future__ import annotations

from bisect import insort
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import orjson

from briefing_tui.models import Corpus, Country, DocumentFacts
from briefing_tui.resolve.countries import aggregate_countries, country_name
from briefing_tui.resolve.figures import FigureInput, Measure, group_figures, group_inputs, input_of_row, published_year
from briefing_tui.resolve.people import Mention, merge_mentions, merge_people, mention_of_row, person_key, surname

Rows = list[dict[str, Any]]
DocumentRows = dict[str, Rows]  # one document's rows per fact table


def resolve(documents: list[DocumentFacts], *, countries: list[Country] | None = None) -> Corpus:
    """The corpus of the documents' facts. `countries` is the country table of documents
    given without their country mentions."""
    people = merge_people(documents)
    person_of = {mention_id: person.id for person in people for mention_id in person.mention_ids}
    for facts in documents:
        for quote in facts.quotes:
            quote.speaker_id = person_of.get(quote.speaker_mention_id or "")
        for event in facts.events:
            event.person_ids = sorted({person_of[m] for m in event.people if m in person_of})
    return Corpus(
        documents=documents,
        countries=aggregate_countries(documents) if countries is None else countries,
        people=people,
        figure_groups=group_figures(documents),
    )


def resolve_changes(previous: dict[str, Rows] | None, gone: list[DocumentRows], came: list[DocumentRows],
                    paths: dict[str, str]) -> dict[str, Rows]:
    """The countries, people and figure_groups tables, and the partition tables, once the
    `gone` documents' rows leave the `previous` build's tables and the `came` ones join
    them. `paths` maps every document's id to its path (documents are in path order)."""
    return {**resolve_countries_and_people(previous, gone, came, paths),
            **resolve_figure_groups(previous, gone, came)}


def resolve_countries_and_people(previous: dict[str, Rows] | None, gone: list[DocumentRows],
                                 came: list[DocumentRows], paths: dict[str, str]) -> dict[str, Rows]:
    """The countries, people and person_partitions tables of `resolve_changes`."""
    previous = previous or {}
    gone_ids = {rows["documents"][0]["id"] for rows in gone}
    return {
        "countries": _countries(previous.get("countries", []), gone, came, paths),
        **_people(previous.get("people", []), previous.get("person_partitions", []), gone_ids, gone, came),
    }


def resolve_figure_groups(previous: dict[str, Rows] | None, gone: list[DocumentRows],
                          came: list[DocumentRows]) -> dict[str, Rows]:
    """The figure_groups and figure_partitions tables of `resolve_changes`: they need nothing
    of the other tables, so a build may make them in another process meanwhile."""
    previous = previous or {}
    gone_ids = {rows["documents"][0]["id"] for rows in gone}
    return _figure_groups(previous.get("figure_groups", []), previous.get("figure_partitions", []),
                          gone_ids, gone, came)


def _countries(table: Rows, gone: list[DocumentRows], came: list[DocumentRows], paths: dict[str, str]) -> Rows:
    """The country table with the mentions of `gone` taken out and those of `came` counted in."""
    delta: Counter[str] = Counter()
    left, joined = defaultdict(set), defaultdict(set)
    for documents, sign, ids in ((gone, -1, left), (came, 1, joined)):
        # counted and paired in comprehensions: a full build has half a million mentions
        for code, n in Counter(m["code"] for rows in documents for m in rows["country_mentions"]).items():
            delta[code] += sign * n
        for code, doc_id in {(m["code"], m["doc_id"]) for rows in documents for m in rows["country_mentions"]}:
            ids[code].add(doc_id)
    countries = {c["code"]: c for c in table}
    for code in delta.keys() | left.keys() | joined.keys():
        old = countries.pop(code, None)
        mentions = (old["mentions"] if old else 0) + delta[code]
        if mentions:
            doc_ids = [d for d in (old["doc_ids"] if old else ()) if d not in left[code]]
            doc_ids = sorted([*doc_ids, *joined[code]], key=paths.__getitem__)  # runs: linear
            countries[code] = Country(code=code, name=old["name"] if old else country_name(code), doc_ids=doc_ids,
                                      mentions=mentions).model_dump(mode="json")
    return sorted(countries.values(), key=lambda c: (-c["mentions"], c["name"], c["code"]))


def _people(table: Rows, partitions: Rows, gone_ids: set[str], gone: list[DocumentRows],
            came: list[DocumentRows]) -> dict[str, Rows]:
    parts = {p["surname"]: p for p in partitions}
    arriving: dict[str, list[Mention]] = defaultdict(list)
    for rows in came:
        for row in rows["person_mentions"]:
            arriving[surname(row["name"])].append(mention_of_row(row))
    touched = arriving.keys() | {surname(row["name"]) for rows in gone for row in rows["person_mentions"]}
    dropped, mentions = _reopen(parts, touched, arriving, gone_ids, entries="mentions", made="people",
                                decode=lambda m, _: Mention(*m))
    people = [p for p in table if p["id"] not in dropped]
    of_surname: dict[str, list[str]] = defaultdict(list)
    for person in merge_mentions(m for ms in mentions.values() for m in ms):
        row = person.model_dump(mode="json")
        insort(people, row, key=person_key)
        of_surname[surname(person.name)].append(person.id)
    for name, ms in mentions.items():
        parts[name] = {"surname": name, "mentions": orjson.dumps([list(m) for m in ms]).decode(),
                       "people": of_surname[name]}
    return {"people": people, "person_partitions": [parts[name] for name in sorted(parts)]}


def _figure_groups(table: Rows, partitions: Rows, gone_ids: set[str], gone: list[DocumentRows],
                   came: list[DocumentRows]) -> dict[str, Rows]:
    parts = {_measure_of(p): p for p in partitions}
    arriving: dict[Measure, list[FigureInput]] = defaultdict(list)
    for rows in came:
        published = published_year(rows["documents"][0].get("published"))
        for row in rows["figures"]:
            figure = input_of_row(row, published)
            if figure is not None:
                arriving[figure.measure].append(figure)
    touched = set(arriving)
    for rows in gone:
        for row in rows["figures"]:
            figure = input_of_row(row, None)
            if figure is not None:
                touched.add(figure.measure)
    dropped, figures = _reopen(parts, touched, arriving, gone_ids, entries="figures", made="groups",
                               decode=lambda f, measure: FigureInput(*f, measure))
    measure_of = {f.id: measure for measure, fs in figures.items() for f in fs}
    groups = {g["id"]: g for g in table if g["id"] not in dropped}
    of_measure: dict[Measure, list[str]] = defaultdict(list)
    for group in group_inputs(f for fs in figures.values() for f in fs):
        groups[group.id] = group.model_dump(mode="json")
        of_measure[measure_of[group.figure_ids[0]]].append(group.id)
    for measure, fs in figures.items():
        kind, unit, countries, words = measure
        parts[measure] = {"measure": [kind, unit, list(countries), words],
                          "figures": orjson.dumps([list(f[:-1]) for f in fs]).decode(), "groups": of_measure[measure]}
    ordered = sorted(parts)  # groups sort by measure, then year: each partition's groups are in year order
    return {"figure_groups": [groups[g] for m in ordered for g in parts[m]["groups"]],
            "figure_partitions": [parts[m] for m in ordered]}


def _reopen(parts: dict[Any, Any], touched: set[Any], arriving: dict[Any, list[Any]], gone_ids: set[str], *,
            entries: str, made: str, decode: Callable[[list[Any], Any], Any]) -> tuple[set[str], dict[Any, list[Any]]]:
    """Take every touched partition out of `parts`: the ids of what it had made, which go, and
    its entries, those of documents that stayed (decoded with the key) joined by the arriving ones."""
    dropped: set[str] = set()
    reopened: dict[Any, list[Any]] = {}
    for key in touched:
        old = parts.pop(key, None)
        kept = []
        if old:
            dropped.update(old[made])
            kept = [decode(entry, key) for entry in orjson.loads(old[entries])
                    if entry[0] not in gone_ids]
        if kept or arriving[key]:
            reopened[key] = sorted([*kept, *arriving[key]])
    return dropped, reopened


def _measure_of(partition: dict[str, Any]) -> Measure:
    kind, unit, countries, words = partition["measure"]
    return kind, unit, tuple(countries), words
