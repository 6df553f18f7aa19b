"""A corpus whose every field is a markup or terminal-escape payload: the UI must show it literally."""

from __future__ import annotations

from briefing_tui.ingest import parse_text
from briefing_tui.models import (
    Corpus,
    Country,
    DocumentFacts,
    Event,
    Figure,
    FigureGroup,
    PartialDate,
    Person,
    PersonMention,
    Quote,
    Span,
    stable_id,
)

BOLD = "[bold red]x[/]"
CLICK = "[@click=app.quit]"
LINK = "[link=file:///etc/passwd]x[/link]"
ESCAPE = "\x1b[2J"

TEXT = f"""{BOLD} Summit at the [National] Space Center

Officials met in the {CLICK} hall on 3 June 2025.
“{LINK} is open to all,” said [b]Nobody[/b] of the {CLICK}ministry.
Trade with [red]Nowhere[/red] reached $5 million in 2024.
{ESCAPE} Escape sequences are text too.
"""

PAYLOADS = (BOLD, CLICK, LINK, "[National] Space Center", "[b]Nobody[/b]", "[red]Nowhere[/red]")


def make_hostile_corpus() -> Corpus:
    document, sentences = parse_text(TEXT, "[blink]hostile[/blink].txt")
    document = document.model_copy(update={"title": f"{BOLD} Summit at the [National] Space Center"})
    doc = document.id

    def span(phrase: str) -> Span:
        start = TEXT.index(phrase)
        sentence = next(s.index for s in sentences if s.start <= start < s.end)
        return Span(doc_id=doc, sentence=sentence, start=start, end=start + len(phrase))

    mention = PersonMention(id=stable_id("per", doc, "nobody"), doc_id=doc, name="[b]Nobody[/b]",
                            role=f"{CLICK}minister", country="XNW", spans=[span("[b]Nobody[/b]")])
    person = Person(id=stable_id("per", mention.id), name="[b]Nobody[/b]", role=f"{CLICK}minister",
                    country="XNW", doc_ids=[doc], mention_ids=[mention.id])
    event = Event(id=stable_id("evt", doc, 1), doc_id=doc, date=PartialDate(year=2025, month=6, day=3),
                  kind="meeting", countries=["XNW"], person_ids=[person.id],
                  summary=f"{BOLD} officials met in the {CLICK} hall", evidence=f"met in the {CLICK} hall",
                  topics=["[blink]trade[/blink]"], span=span(f"met in the {CLICK} hall"))
    quote = Quote(id=stable_id("quo", doc, 1), doc_id=doc, text=f"{LINK} is open to all", speaker="[b]Nobody[/b]",
                  speaker_mention_id=mention.id, speaker_id=person.id, date=PartialDate(year=2025, month=6, day=3),
                  countries=["XNW"], topics=["[blink]trade[/blink]"], span=span(f"{LINK} is open to all"))
    figure = Figure(id=stable_id("fig", doc, 1), doc_id=doc, kind="trade_turnover", value=5e6, unit="USD", year=2024,
                    countries=["XNW"], label=f"trade with [red]Nowhere[/red] {LINK}", evidence="$5 million",
                    topics=["[blink]trade[/blink]"], span=span("$5 million"))
    rival = figure.model_copy(update={"id": stable_id("fig", doc, 2), "value": 7e6, "label": f"{CLICK} estimate"})
    group = FigureGroup(id=stable_id("grp", figure.id), kind="trade_turnover", year=2024, unit="USD",
                        countries=["XNW"], figure_ids=[figure.id, rival.id], values=[5e6, 7e6], conflict=True)
    figure.group_id = rival.group_id = group.id
    undated = Event(id=stable_id("evt", doc, 2), doc_id=doc, kind="other", countries=["XNW"],
                    summary=f"{ESCAPE} escape in a summary {LINK}", evidence="Escape sequences",
                    span=span("Escape sequences"))
    facts = DocumentFacts(document=document, sentences=sentences, people=[mention], quotes=[quote],
                          events=[event, undated], figures=[figure, rival])
    return Corpus(documents=[facts],
                  countries=[Country(code="XNW", name="[red]Nowhere[/red]", doc_ids=[doc], mentions=1)],
                  people=[person], figure_groups=[group])
