"""Pins: the facts a user wants in every note, kept beside the store in `pins.json`.

The store is generated and replaced by each build; pins are the user's own data, so they
live in a file that builds never touch. A pin keeps its fact's id (derived from content),
and — should a rebuild give the fact another id — the document path and the evidence
words to find it again. A pin whose fact is gone is reported, never silently dropped.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from briefing_tui.export.files import write_file
from briefing_tui.query import Index, fold, format_value

if TYPE_CHECKING:
    from briefing_tui.models import Event, Figure, Person, Quote

    Fact = Event | Quote | Figure | Person

PINS_FILE = "pins.json"
VERSION = 1
LABEL_CHARS = 80


@cache
def _kinds() -> dict[type, str]:
    """Made on first use: the browser reads the pins before its first frame, which needs no models."""
    from briefing_tui.models import Event, Figure, Person, Quote

    return {Event: "event", Quote: "quote", Figure: "figure", Person: "person"}


class PinsError(Exception):
    """pins.json cannot be read; one line that says what to do. `corrupt`: read, but not pins."""

    def __init__(self, message: str, *, corrupt: bool = False) -> None:
        super().__init__(message)
        self.corrupt = corrupt


class Pin(NamedTuple):  # a named tuple: a fifth of what a frozen dataclass costs the app's start-up
    id: str
    kind: str = "fact"  # event, quote, figure, person
    label: str = ""  # a few words to report the pin by if its fact vanishes
    doc: str | None = None  # the document's path in the seeds
    evidence: str | None = None  # the fact's evidence words (a person: the name)

    @classmethod
    def from_json(cls, record: Any) -> Pin:
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise ValueError("a pin without an id")
        return cls(**{k: record[k] for k in ("id", "kind", "label", "doc", "evidence")
                      if isinstance(record.get(k), str)})


def pins_path(store: Path) -> Path:
    """`pins.json` next to the store file."""
    return Path(store).parent / PINS_FILE


def load_pins(path: Path) -> list[Pin]:
    """The pins in `path` ([] when there is none); PinsError when the file is unreadable."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise PinsError(f"cannot read the pins {path}: {exc.strerror or exc}") from None
    try:
        raw = json.loads(data)
        records = raw["pins"] if isinstance(raw, dict) else None
        if not isinstance(records, list):
            raise ValueError("no list of pins")
        return list(dict((p.id, p) for p in map(Pin.from_json, records)).values())
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise PinsError(f"the pins file {path} is unreadable ({exc}); it is kept as it is", corrupt=True) from None


def save_pins(path: Path, pins: Iterable[Pin]) -> None:
    """Write the pins atomically (ExportError, one line, when the folder is not writable)."""
    records = [{k: v for k, v in p._asdict().items() if v is not None} for p in sorted(pins, key=lambda p: p.id)]
    data = json.dumps({"version": VERSION, "pins": records}, ensure_ascii=False, indent=1) + "\n"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_file(Path(path), data.encode("utf-8"), overwrite=True)


def move_aside(path: Path) -> Path:
    """Keep an unreadable pins file (the user's data) under another name before a new one is saved."""
    target = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}-{n}")
        n += 1
    os.replace(path, target)
    return target


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def _evidence(index: Index, fact: Event | Quote | Figure) -> str | None:
    document = index.documents.get(fact.doc_id)
    return document.text[fact.span.start:fact.span.end] if document else None


def pin_for(index: Index, fact: Fact) -> Pin:
    """The pin of a fact, with what it takes to find the fact again after a rebuild."""
    from briefing_tui.models import Event, Person, Quote

    kind = _kinds()[type(fact)]
    if isinstance(fact, Person):
        document = index.documents.get(fact.doc_ids[0]) if fact.doc_ids else None
        return Pin(id=fact.id, kind=kind, label=_short(fact.name), doc=document.path if document else None,
                   evidence=fact.name)
    if isinstance(fact, Event):
        label = fact.summary
    elif isinstance(fact, Quote):
        label = f"{fact.speaker or 'unattributed'}: “{fact.text}”"
    else:
        label = f"{format_value(fact.value, fact.unit, fact.approximate)} {fact.label}"
    document = index.documents.get(fact.doc_id)
    return Pin(id=fact.id, kind=kind, label=_short(label), doc=document.path if document else None,
               evidence=_evidence(index, fact))


def describe_pin(pin: Pin) -> str:
    """'quote “…” (accra-talks.txt)': how a vanished pin is reported (plain text, not markup)."""
    where = f" ({pin.doc})" if pin.doc else ""
    return f"{pin.kind} {pin.label or pin.id}{where}"


@dataclass
class ResolvedPins:
    facts: list[Fact] = field(default_factory=list)  # the pinned facts in the store now
    vanished: list[Pin] = field(default_factory=list)  # pins whose fact is no longer there
    moved: dict[str, str] = field(default_factory=dict)  # old id -> new id, found by their evidence


def resolve_pins(index: Index, pins: Iterable[Pin]) -> ResolvedPins:
    """Each pin's fact in `index`: by id, else by kind, document and evidence; else vanished."""
    result = ResolvedPins()
    documents_by_path: dict[str, list[str]] = {}
    for document in index.documents.values():
        documents_by_path.setdefault(document.path, []).append(document.id)
    for pin in pins:
        fact = index.fact(pin.id) or _find_again(index, pin, documents_by_path)
        if fact is None:
            result.vanished.append(pin)
            continue
        if fact.id != pin.id:
            result.moved[pin.id] = fact.id
        if all(f.id != fact.id for f in result.facts):
            result.facts.append(fact)
    return result


def _find_again(index: Index, pin: Pin, documents_by_path: dict[str, list[str]]) -> Fact | None:
    if not pin.evidence:
        return None
    if pin.kind == "person":
        named = [p for p in index.people.values() if fold(p.name) == fold(pin.evidence)]
        return named[0] if len(named) == 1 else None
    matches = [
        fact for doc_id in documents_by_path.get(pin.doc or "", ())
        for fact in index.facts_of_document(doc_id)
        if _kinds()[type(fact)] == pin.kind and _evidence(index, fact) == pin.evidence
    ]
    return matches[0] if len(matches) == 1 else None
