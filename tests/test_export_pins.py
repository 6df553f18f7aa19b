"""Pins are the user's data: kept beside the store, untouched by builds, found again, reported when gone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_tui.export.pins import (
    Pin,
    PinsError,
    describe_pin,
    load_pins,
    pin_for,
    pins_path,
    resolve_pins,
    save_pins,
)
from briefing_tui.pipeline import build_store
from briefing_tui.query import load_index
from briefing_tui.ui.pins import Pins


def test_pins_live_next_to_the_store(tmp_path: Path):
    assert pins_path(tmp_path / "store" / "briefing.json") == tmp_path / "store" / "pins.json"


def test_save_and_load_round_trip(fixture_index, tmp_path: Path):
    facts = [fixture_index.events[0], fixture_index.quotes[0], fixture_index.figures[0],
             next(iter(fixture_index.people.values()))]
    pins = [pin_for(fixture_index, f) for f in facts]
    path = tmp_path / "pins.json"
    save_pins(path, pins)
    assert sorted(load_pins(path), key=lambda p: p.id) == sorted(pins, key=lambda p: p.id)
    assert {p.kind for p in pins} == {"event", "quote", "figure", "person"}
    assert all(p.doc and p.evidence and p.label for p in pins)
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1


def test_no_file_is_no_pins_and_a_bad_file_is_an_error(tmp_path: Path):
    assert load_pins(tmp_path / "pins.json") == []
    bad = tmp_path / "bad.json"
    for content in ("{not json", '{"pins": 3}', '{"pins": [{"kind": "event"}]}', "[]"):
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(PinsError) as caught:
            load_pins(bad)
        assert "\n" not in str(caught.value)


def test_resolve_by_id_by_evidence_or_report_vanished(fixture_index):
    embassy = next(e for e in fixture_index.events if e.kind == "embassy")
    kept = pin_for(fixture_index, embassy)
    renumbered = Pin(id="evt-old", kind="event", label="x", doc=kept.doc, evidence=kept.evidence)
    person = pin_for(fixture_index, next(iter(fixture_index.people.values())))
    person_renumbered = Pin(id="per-old", kind="person", label=person.label, evidence=person.evidence)
    gone = Pin(id="quo-gone", kind="quote", label="“words nobody said”", doc="gone.txt", evidence="words")
    resolved = resolve_pins(fixture_index, [kept, renumbered, person_renumbered, gone])
    assert [f.id for f in resolved.facts] == [embassy.id, person.id]
    assert resolved.moved == {"evt-old": embassy.id, "per-old": person.id}
    assert resolved.vanished == [gone]
    assert describe_pin(gone) == "quote “words nobody said” (gone.txt)"


def test_pins_survive_a_rebuild_and_a_vanished_one_is_reported(articles: Path, tmp_path: Path):
    store = tmp_path / "store" / "briefing.json"
    build_store(articles, store)
    index = load_index(store)
    pins = Pins(store)
    for fact in (*index.events[:2], *index.figures[:1]):
        pins.toggle(fact.id, pin_for(index, fact))
    before = pins_path(store).read_bytes()

    (articles / "santiago-ties.txt").unlink()  # the article of one pin goes away
    (articles / "accra-talks.txt").write_text((articles / "accra-talks.txt").read_text(encoding="utf-8")
                                              + "\nA closing line.\n", encoding="utf-8")
    build_store(articles, store)
    build_store(articles, store, move_aside=True)
    assert pins_path(store).read_bytes() == before  # builds never touch pins.json

    again = Pins(store)
    assert len(again) == len(pins) and again.problem is None
    resolved = resolve_pins(load_index(store), again.records)
    lost = {p.id for p in again.records if p.doc == "santiago-ties.txt"}
    assert {p.id for p in resolved.vanished} == lost
    assert len(resolved.facts) == len(pins) - len(lost)


def test_the_app_pins_are_saved_at_each_change(fixture_store: Path, fixture_index):
    pins = Pins(fixture_store)
    event = fixture_index.events[0]
    assert pins.toggle(event.id, pin_for(fixture_index, event)) is True
    assert [p.id for p in load_pins(pins_path(fixture_store))] == [event.id]
    assert event.id in Pins(fixture_store)
    assert pins.toggle(event.id) is False
    assert load_pins(pins_path(fixture_store)) == []
    pins.toggle("evt-a")
    pins.rename({"evt-a": "evt-b"}, {"evt-b": Pin(id="evt-b", kind="event")})
    assert list(Pins(fixture_store)) == ["evt-b"]
    pins.forget({"evt-b"})
    assert len(Pins(fixture_store)) == 0


def test_an_unreadable_pins_file_is_kept_aside_never_overwritten(fixture_store: Path):
    path = pins_path(fixture_store)
    path.write_text("{half a file", encoding="utf-8")
    pins = Pins(fixture_store)
    assert len(pins) == 0 and "unreadable" in (pins.problem or "")
    pins.toggle("evt-x")
    kept = [p for p in path.parent.iterdir() if p.name.startswith("pins.json.unreadable-")]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{half a file"
    assert [p.id for p in load_pins(path)] == ["evt-x"]


def test_a_pins_file_that_cannot_be_written_is_reported(tmp_path: Path):
    store = tmp_path / "store" / "briefing.json"
    store.parent.mkdir()
    pins_path(store).mkdir()  # a folder where the file should be
    pins = Pins(store)
    assert pins.toggle("evt-x") is True and "evt-x" in pins
    assert pins.problem and pins.problem.startswith("pins not saved")
