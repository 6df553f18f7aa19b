"""The stable JSON shape of `briefing extract --json`: the project's scripting interface.

Documented in the README and read by `../shared/eval/score.py`. Add fields freely; never
rename or remove one.
"""

from __future__ import annotations

from typing import Any

from briefing_tui.models import Corpus, PartialDate


def _date(value: PartialDate | None) -> str | None:
    return value.iso if value is not None else None


def _span(span: Any) -> dict[str, int]:
    return {"sentence": span.sentence, "start": span.start, "end": span.end}


def to_contract(corpus: Corpus) -> dict[str, Any]:
    documents, quotes, events, figures = [], [], [], []
    person_of = {mid: p.id for p in corpus.people for mid in p.mention_ids}
    for facts in corpus.documents:
        doc = facts.document
        documents.append({
            "id": doc.id, "path": doc.path, "title": doc.title, "published": doc.published,
            "source_url": doc.source_url, "author": doc.author, "warnings": doc.warnings,
            "sentences": len(facts.sentences),
        })
        for q in facts.quotes:
            quotes.append({
                "id": q.id, "doc_id": q.doc_id,
                "speaker_id": q.speaker_id or person_of.get(q.speaker_mention_id or ""),
                "speaker": q.speaker, "text": q.text, "date": _date(q.date), "partial": q.partial,
                "countries": q.countries, "topics": q.topics, "span": _span(q.span),
            })
        for e in facts.events:
            events.append({
                "id": e.id, "doc_id": e.doc_id, "date": _date(e.date),
                "date_label": e.date.label if e.date else None, "kind": e.kind,
                "countries": e.countries,
                "people": e.person_ids or [person_of.get(m, m) for m in e.people],
                "summary": e.summary, "evidence": e.evidence, "topics": e.topics, "span": _span(e.span),
            })
        for f in facts.figures:
            figures.append({
                "id": f.id, "doc_id": f.doc_id, "kind": f.kind, "value": f.value, "unit": f.unit,
                "year": f.year, "approximate": f.approximate, "countries": f.countries,
                "label": f.label, "evidence": f.evidence, "topics": f.topics,
                "group_id": f.group_id, "span": _span(f.span),
            })
    return {
        "documents": documents,
        "countries": [c.model_dump() for c in corpus.countries],
        "people": [
            {"id": p.id, "name": p.name, "aliases": p.aliases, "role": p.role, "country": p.country,
             "doc_ids": p.doc_ids, "merges": [m.model_dump() for m in p.merges]}
            for p in corpus.people
        ],
        "quotes": quotes,
        "events": events,
        "figures": figures,
        "figure_groups": [g.model_dump() for g in corpus.figure_groups],
    }
