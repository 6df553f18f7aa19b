"""A one-page briefing note for a set of filters, built from the query API, every fact cited.

The shape follows government briefing-note practice (a State Department memo's bottom line
up front, a UK ministerial submission, a Canadian briefing note): YAML front matter, title,
Bottom line, Key facts, Recent engagement, Trade and investment, Key people, Quotable lines,
Sources. Every fact line ends with numbered references ([1]) to the numbered Sources list.

One page is at most 450 words and 60 lines (the whole file). Each section's candidates are
ranked by pins first, then recency and importance; lines are dropped from the longest
sections until the note fits, pinned lines last, and the note says how many facts it left
out. Article text passes through `markdown.escape`, so it can never become markup.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from briefing_tui.export.files import today
from briefing_tui.export.markdown import code, escape, one_line, word_count, yaml_list, yaml_str
from briefing_tui.export.pins import Pin, resolve_pins
from briefing_tui.models import Document, Event, Figure, Person, Quote
from briefing_tui.query import (
    Filters,
    Index,
    figure_year,
    format_value,
    trade_shares,
    turnover_by_year,
)

MAX_WORDS = 450
MAX_LINES = 60

SECTIONS = ("facts", "engagement", "trade", "people", "quotes")
HEADINGS = {"facts": "Key facts", "engagement": "Recent engagement", "trade": "Trade and investment",
            "people": "Key people", "quotes": "Quotable lines"}
CAPS = {"facts": 4, "engagement": 8, "trade": 5, "people": 5, "quotes": 3}
FLOORS = {"facts": 1, "engagement": 2, "trade": 1, "people": 1, "quotes": 1}
DROP_ORDER = ("engagement", "people", "facts", "trade", "quotes")  # ties: who gives a line first

KEY_FACT_KINDS = {"agreement": "Agreement", "embassy": "Representation"}
EVENT_WEIGHT = {"agreement": 5, "visit": 4, "embassy": 4, "meeting": 3, "forum": 2, "award": 1,
                "shipment": 1, "statement": 1, "other": 0}
FIGURE_KIND_LABELS = {"trade_turnover": "Trade turnover", "export": "Exports", "import": "Imports",
                      "investment": "Investment", "growth": "Growth", "share": "Share", "other": "Figure"}
# words kept of each piece of article text: no single line may eat the page
SUMMARY_WORDS, QUOTE_WORDS, LABEL_WORDS, TITLE_WORDS = 28, 40, 10, 16
SHORT_QUOTE_WORDS = 40
MAX_CITES = 2  # references after one value of a figure
SINGULAR = {"events": "event", "quotes": "quote", "figures": "figure", "people": "person"}


@dataclass(frozen=True)
class Cite:
    """A reference to a document, numbered when the note is written out."""

    doc_id: str


Part = str | Cite  # a str is Markdown, already escaped


@dataclass
class Line:
    """One bullet (or one sentence of the bottom line) and the facts it shows."""

    parts: list[Part]
    facts: tuple[str, ...]
    pinned: bool = False
    order: tuple = ()  # where it goes in its section (display order, not rank)


@dataclass
class Note:
    text: str
    filters: Filters
    words: int = 0
    lines: int = 0
    sources: list[Document] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)  # fact kind -> facts not shown
    pinned: int = 0  # pinned facts shown
    pins_left_out: int = 0  # pinned facts that did not fit on the page
    vanished: list[Pin] = field(default_factory=list)  # pins whose fact is no longer in the store
    moved: dict[str, str] = field(default_factory=dict)  # pin id -> the id its fact has now
    empty: bool = False


# ---------------------------------------------------------------- text helpers

def clip(text: str | None, words: int) -> str:
    """At most `words` words of one clean line, '…' when cut."""
    parts = one_line(text).split(" ")
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def md(text: str | None, words: int = SUMMARY_WORDS) -> str:
    """Article text as inert Markdown, clipped."""
    return escape(clip(text, words))


def date_text(event_or_quote: Event | Quote, index: Index) -> str:
    if event_or_quote.date is not None:
        return event_or_quote.date.label
    if isinstance(event_or_quote, Quote):
        document = index.documents.get(event_or_quote.doc_id)
        if document and document.published:
            return escape(document.published)
    return "undated"


def _sentence(text: str) -> str:
    """Markdown ending in one full stop (summaries may bring their own)."""
    return text.rstrip(" .;:,") + "."


def _recency(date) -> tuple[int, int, int]:
    return (-date.year, -(date.month or 0), -(date.day or 0)) if date is not None else (1, 0, 0)


def countries_text(index: Index, codes: Iterable[str]) -> str:
    return "–".join(escape(index.country_name(c)) for c in sorted(codes))


# ---------------------------------------------------------------- selection

@dataclass
class Selection:
    """Every candidate the filters (and pins) give, before the page limit."""

    events: list[Event]
    quotes: list[Quote]
    figures: list[Figure]
    people: list[Person]
    pinned: set[str]

    @property
    def empty(self) -> bool:
        return not (self.events or self.quotes or self.figures or self.people)

    def total(self) -> dict[str, int]:
        return {"events": len(self.events), "quotes": len(self.quotes), "figures": len(self.figures),
                "people": len(self.people)}


def _people(index: Index, filters: Filters, facts: Iterable[Event | Quote | Figure]) -> list[Person]:
    """Who matches the filters or takes part in the selected facts; of the selected countries when
    there are any (as a profile shows). People have no topics and no year, so a topic filter
    alone would leave no one and a year filter would keep everyone: their facts decide."""
    involved = {p for f in facts if (keys := index.keys.get(f.id)) is not None for p in keys.people}
    people = index.people_list(filters)
    if filters.year_from is not None or filters.year_to is not None:
        people = [p for p in people if p.id in involved]  # people are timeless: years pick them by their facts
    listed = {p.id for p in people}
    people += sorted((index.people[p] for p in involved if p not in listed and p in index.people),
                     key=lambda p: (p.name, p.id))
    if filters.countries:
        own = [p for p in people if p.country in filters.countries]
        return own or people
    return people


def select(index: Index, filters: Filters, pinned_facts: Sequence[Event | Quote | Figure | Person]) -> Selection:
    """The facts matching the filters, plus every pinned fact (pins always make it into the note)."""
    events, quotes, figures = index.timeline(filters), index.quote_list(filters), index.figure_list(filters)
    lists: dict[type, list] = {
        Event: events, Quote: quotes, Figure: figures, Person: _people(index, filters, (*events, *quotes, *figures)),
    }
    for kind, items in lists.items():
        listed = {f.id for f in items}
        items += [f for f in pinned_facts if type(f) is kind and f.id not in listed]
    return Selection(events=lists[Event], quotes=lists[Quote], figures=lists[Figure], people=lists[Person],
                     pinned={f.id for f in pinned_facts})


# ---------------------------------------------------------------- lines of each section

def _event_rank(event: Event, pinned: set[str]) -> tuple:
    """Pins, then newest (to the month), then the weightier kind."""
    date = event.date
    month = -(date.year * 12 + (date.month or 0)) if date else 0
    return (event.id not in pinned, date is None, month, -EVENT_WEIGHT.get(event.kind, 0), _recency(date), event.id)


def _head(ranked: list, pinned: set[str], cap: int) -> list:
    """What a note can use of a ranked list: every pinned item (they rank first) and `cap` more."""
    return ranked[:sum(1 for item in ranked if item.id in pinned) + cap]


def key_fact_lines(index: Index, sel: Selection) -> list[Line]:
    events = sorted((e for e in sel.events if e.kind in KEY_FACT_KINDS), key=lambda e: _event_rank(e, sel.pinned))
    events = _head(events, sel.pinned, CAPS["facts"])
    return [Line([f"{KEY_FACT_KINDS[e.kind]}, {date_text(e, index)}: {md(e.summary)} ", Cite(e.doc_id)],
                 (e.id,), e.id in sel.pinned, _recency(e.date)) for e in events]


def engagement_lines(index: Index, sel: Selection) -> list[Line]:
    events = sorted((e for e in sel.events if e.kind not in KEY_FACT_KINDS), key=lambda e: _event_rank(e, sel.pinned))
    events = _head(events, sel.pinned, CAPS["engagement"])
    return [Line([f"{date_text(e, index)} — {e.kind}: {md(e.summary)} ", Cite(e.doc_id)],
                 (e.id,), e.id in sel.pinned, _recency(e.date)) for e in events]


def _values(figures: Sequence[Figure]) -> list[Part]:
    """The value and its sources; when sources disagree, both values (or the range) with theirs.

    However many articles report a measure, the line stays short: at most two references a
    value, and the number of sources when there are more.
    """
    by_value: dict[tuple[float, bool], list[str]] = {}
    for figure in figures:
        docs = by_value.setdefault((figure.value, figure.approximate), [])
        if figure.doc_id not in docs:
            docs.append(figure.doc_id)
    unit = figures[0].unit
    sources = len({f.doc_id for f in figures})

    def value(key: tuple[float, bool], docs: list[str], cites: int) -> list[Part]:
        amount, approximate = key
        return [("about " if approximate else "") + escape(format_value(amount, unit)) + " ",
                *(Cite(d) for d in docs[:cites])]

    items = list(by_value.items())
    if len(items) == 1:
        parts = value(*items[0], MAX_CITES)
    elif len(items) == 2:
        parts = ["sources differ: ", *value(*items[0], MAX_CITES), "; ", *value(*items[1], MAX_CITES)]
    else:
        low, high = min(items), max(items)
        parts = ["sources differ: from ", *value(*low, 1), " to ", *value(*high, 1)]
    if sources > sum(1 for p in parts if isinstance(p, Cite)):
        parts.append(f" ({sources} sources)")
    return parts


def _same_measure(figure: Figure, groups: dict[str, list[Figure]]) -> list[Figure]:
    """The figure and the others of its group (the same measure in other sources) in the selection."""
    return groups.get(figure.group_id or "", [figure]) if figure.group_id else [figure]


def _year_text(index: Index, figure: Figure) -> str:
    year = figure_year(index, figure)
    return str(year) if year is not None else "year not stated"


def figure_line(index: Index, figure: Figure, groups: dict[str, list[Figure]], pinned: set[str]) -> Line:
    """'Growth, 2023: 12 % [1] — trade growth', the sources of the same measure side by side."""
    same = _same_measure(figure, groups)
    head = f"{FIGURE_KIND_LABELS.get(figure.kind, 'Figure')}, {_year_text(index, figure)}: "
    parts: list[Part] = [head, *_values(same)]
    parts.append(f" — {md(figure.label, LABEL_WORDS)}")
    ids = tuple(f.id for f in same)
    return Line(parts, ids, any(i in pinned for i in ids))


def _bar_line(index: Index, bar, pool: dict[str, Figure], pinned: set[str]) -> Line:
    figures = [pool[i] for i in bar.figure_ids if i in pool]
    where = f", {countries_text(index, bar.countries)}" if bar.countries else ""
    year = bar.year if bar.year is not None else "year not stated"
    return Line([f"Trade turnover{where}, {year}: ", *_values(figures)], bar.figure_ids,
                any(i in pinned for i in bar.figure_ids))


def _share_line(flow: str, shares: list[Figure], pinned: set[str]) -> Line:
    parts: list[Part] = [f"Top {flow[:-1]} shares: "]
    for n, share in enumerate(shares[:2]):
        label = one_line(share.label).removesuffix(f"({flow})").strip() or flow
        parts += [("; " if n else "") + f"{md(label, LABEL_WORDS)} {escape(format_value(share.value, '%'))} ",
                  Cite(share.doc_id)]
    ids = tuple(s.id for s in shares[:2])
    return Line(parts, ids, any(i in pinned for i in ids))


def _latest_first(index: Index, figures: Iterable[Figure]) -> list[Figure]:
    return sorted(figures, key=lambda f: (figure_year(index, f) is None, -(figure_year(index, f) or 0),
                                          -f.value, f.id))


def trade_lines(index: Index, sel: Selection) -> list[Line]:
    """Latest turnover, growth, top export and import shares, investment, exports, imports; round robin."""
    cap = CAPS["trade"]
    pool = {f.id: f for f in sel.figures}
    groups: dict[str, list[Figure]] = {}
    for figure in sel.figures:
        if figure.group_id:
            groups.setdefault(figure.group_id, []).append(figure)
    bars = turnover_by_year(index, sel.figures)
    bars.sort(key=lambda b: (b.year is None, -(b.year or 0), -b.high))
    categories: list[list[Line]] = [[_bar_line(index, bar, pool, sel.pinned) for bar in bars[:cap]]]
    for kind in ("growth", "investment", "export", "import"):
        lines, seen = [], set()
        for figure in _latest_first(index, (f for f in sel.figures if f.kind == kind)):
            if len(lines) == cap:
                break
            if figure.id not in seen:
                line = figure_line(index, figure, groups, sel.pinned)
                seen.update(line.facts)
                lines.append(line)
        categories.append(lines)
    shares = trade_shares(sel.figures)
    categories.insert(2, [_share_line(flow, shares[flow], sel.pinned) for flow in ("exports", "imports")
                          if flow in shares])
    ranked: list[Line] = []
    for depth in range(max(map(len, categories), default=0)):
        ranked += [lines[depth] for lines in categories if depth < len(lines)]
    shown = {i for line in ranked for i in line.facts}
    for figure in sel.figures:  # a pinned figure no line above shows gets its own line
        if figure.id in sel.pinned and figure.id not in shown:
            line = figure_line(index, figure, groups, sel.pinned)
            shown.update(line.facts)
            ranked.append(line)
    ranked.sort(key=lambda line: not line.pinned)  # stable: importance order within pinned and not
    for n, line in enumerate(ranked):
        line.order = (n,)
    return ranked


def people_lines(index: Index, sel: Selection) -> list[Line]:
    quoted = Counter(q.speaker_id for q in sel.quotes if q.speaker_id)
    ranked = sorted(sel.people, key=lambda p: (p.id not in sel.pinned, -len(p.doc_ids), -quoted[p.id], p.name, p.id))
    lines: list[Line] = []
    wanted = sum(1 for p in ranked if p.id in sel.pinned) + CAPS["people"]
    for person in ranked:
        if len(lines) == wanted:
            break
        doc_id = next((d for d in person.doc_ids if d in index.documents), None)
        if doc_id is None:
            continue  # nothing to cite
        where = f", {escape(index.country_name(person.country))}" if person.country else ""
        role = md(person.role, LABEL_WORDS) if person.role else "role not stated"
        lines.append(Line([f"{md(person.name, 8)} — {role}{where} ", Cite(doc_id)], (person.id,),
                          person.id in sel.pinned, (len(lines),)))
    return lines


def speaker_name(index: Index, quote: Quote) -> str | None:
    person = index.people.get(quote.speaker_id or "")
    return person.name if person else quote.speaker


def quote_lines(index: Index, sel: Selection) -> list[Line]:
    """Short attributed quotes, newest first: talking points."""
    def rank(q: Quote) -> tuple:
        return (q.id not in sel.pinned, speaker_name(index, q) is None,
                len(one_line(q.text).split()) > SHORT_QUOTE_WORDS, _recency(q.date), q.id)

    lines = []
    for quote in _head(sorted(sel.quotes, key=rank), sel.pinned, CAPS["quotes"]):
        speaker = md(speaker_name(index, quote), 8) if speaker_name(index, quote) else "unattributed"
        lines.append(Line([f"“{md(quote.text, QUOTE_WORDS)}” — {speaker}, {date_text(quote, index)} ",
                           Cite(quote.doc_id)], (quote.id,), quote.id in sel.pinned, (len(lines),)))
    return lines


# ---------------------------------------------------------------- the bottom line

def bottom_line(index: Index, sel: Selection, candidates: dict[str, list[Line]]) -> list[Line]:
    """2–4 sentences: the latest engagement, the trade headline, the latest agreement, the coverage."""
    sentences: list[Line] = []
    dated = [e for e in sel.events if e.date is not None]
    latest = max(dated, key=lambda e: (e.date.sort_key, EVENT_WEIGHT.get(e.kind, 0)), default=None)
    if latest is not None:
        sentences.append(Line([f"Latest engagement ({latest.date.label}, {latest.kind}): "
                               f"{md(latest.summary).rstrip(' .;:,')} ", Cite(latest.doc_id), "."],
                              (latest.id,)))
    if candidates["trade"]:
        top = candidates["trade"][0]
        sentences.append(Line([*top.parts, "."] if isinstance(top.parts[-1], Cite)
                              else [*top.parts[:-1], _sentence(top.parts[-1])], top.facts))
    agreements = [e for e in dated if e.kind == "agreement" and e is not latest]
    if agreements:
        newest = max(agreements, key=lambda e: e.date.sort_key)
        sentences.append(Line([f"Latest agreement ({newest.date.label}): {md(newest.summary).rstrip(' .;:,')} ",
                               Cite(newest.doc_id), "."], (newest.id,)))
    if not sentences and candidates["people"]:
        top = candidates["people"][0]
        sentences.append(Line(["Most documented person: ", *top.parts, "."], top.facts))
    sentences.append(Line([coverage(index, sel)], ()))
    return sentences[:4]


def coverage(index: Index, sel: Selection) -> str:
    """What the selection holds: how much evidence stands behind the note."""
    docs = {f.doc_id for f in (*sel.events, *sel.quotes, *sel.figures)}
    docs |= {d for p in sel.people for d in p.doc_ids}
    years = sorted(k.year for f in (*sel.events, *sel.quotes, *sel.figures)
                   if (k := index.keys.get(f.id)) is not None and k.year is not None)
    span = f", {years[0]}–{years[-1]}" if years and years[0] != years[-1] else (f", {years[0]}" if years else "")
    held = [plural(n, kind) for kind, n in sel.total().items()]
    return (f"The selection holds {', '.join(held[:-1])} and {held[-1]} "
            f"from {plural(len(docs), 'articles')}{span}.")


def plural(n: int, kind: str) -> str:
    return f"{n} {kind if n != 1 else SINGULAR.get(kind, kind.removesuffix('s'))}"


# ---------------------------------------------------------------- writing it out

def title_of(index: Index, filters: Filters) -> str:
    """A plain-text title made of the filters (names from the store: escape before use as Markdown)."""
    parts = [", ".join(sorted(index.country_name(c) for c in filters.countries)) or "all countries"]
    if filters.topics:
        parts.append(", ".join(sorted(filters.topics)))
    if filters.year_from is not None and filters.year_to is not None:
        parts.append(f"{filters.year_from}–{filters.year_to}")
    elif filters.year_from is not None:
        parts.append(f"since {filters.year_from}")
    elif filters.year_to is not None:
        parts.append(f"until {filters.year_to}")
    if filters.speaker:
        parts.append(f"said by {index.person_name(filters.speaker)}")
    if filters.text:
        parts.append(f"“{filters.text}”")
    return "Briefing note: " + " · ".join(one_line(p) for p in parts)


def front_matter(title: str, date: dt.date, index: Index, filters: Filters, sources: int, pinned: int,
                 left_out: int) -> list[str]:
    speaker = yaml_str(index.person_name(filters.speaker)) if filters.speaker else "null"
    flt = (f"{{countries: {yaml_list(sorted(filters.countries))}, topics: {yaml_list(sorted(filters.topics))}, "
           f"since: {filters.year_from if filters.year_from is not None else 'null'}, "
           f"until: {filters.year_to if filters.year_to is not None else 'null'}, "
           f"speaker: {speaker}, query: {yaml_str(filters.text) if filters.text else 'null'}}}")
    return ["---", f"title: {yaml_str(title)}", f"generated: {yaml_str(date.isoformat())}", f"filters: {flt}",
            f"sources: {sources}", f"pinned: {pinned}", f"left_out: {left_out}", "---", ""]


def _number(parts: list[Part], numbers: dict[str, int]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Cite):
            out.append(f"[{numbers.setdefault(part.doc_id, len(numbers) + 1)}]")
        else:
            out.append(part)
    return "".join(out).rstrip()


def source_line(n: int, document: Document) -> str:
    """'2. Title — 2024-05-02 — `https://…`'; an untitled article is named by its file."""
    parts = [md(document.title, TITLE_WORDS) if one_line(document.title) else code(document.path),
             escape(document.published) or "date unknown"]
    if document.source_url:
        parts.append(code(document.source_url))
    elif one_line(document.title):
        parts.append(code(document.path))
    return f"{n}. " + " — ".join(parts)


def render(index: Index, filters: Filters, date: dt.date, bluf: list[Line], chosen: dict[str, list[Line]],
           left_out: dict[str, int], pinned_shown: int, pins_left_out: int) -> tuple[str, list[Document]]:
    numbers: dict[str, int] = {}
    body = ["**Bottom line.** " + " ".join(_number(s.parts, numbers) for s in bluf), ""]
    for section in SECTIONS:
        body.append(f"## {HEADINGS[section]}")
        lines = sorted(chosen[section], key=lambda line: line.order)
        body += [f"- {_number(line.parts, numbers)}" for line in lines] or ["None in the selected articles."]
        body.append("")
    body.append("## Sources")
    documents = sorted(numbers, key=numbers.get)
    body += [source_line(numbers[d], index.documents[d]) for d in documents]
    left = [plural(n, kind) for kind, n in left_out.items() if n]
    if left:
        pinned_note = f", {pins_left_out} of them pinned" if pins_left_out else ""
        body += ["", f"*Not shown (one-page limit): {', '.join(left)}{pinned_note}.*"]
    title = title_of(index, filters)
    head = front_matter(title, date, index, filters, len(documents), pinned_shown, sum(left_out.values()))
    text = "\n".join([*head, f"# {escape(title)}", "", *body]) + "\n"
    return text, [index.documents[d] for d in documents]


def fits(text: str, max_words: int, max_lines: int) -> bool:
    return word_count(text) <= max_words and text.count("\n") <= max_lines


def _victim(chosen: dict[str, list[Line]], pinned_too: bool) -> tuple[str, int] | None:
    """The line to drop next: the last unpinned line of the section furthest above its floor."""
    best = None
    for section in DROP_ORDER:
        lines = chosen[section]
        droppable = [i for i, line in enumerate(lines) if pinned_too or not line.pinned]
        if not droppable:
            continue
        excess = len(lines) - FLOORS[section]
        if best is None or excess > best[0]:
            best = (excess, section, droppable[-1])
    return (best[1], best[2]) if best else None


def _left_out(index: Index, sel: Selection, shown: set[str]) -> dict[str, int]:
    """Per kind, how many selected facts the page does not show (shown ids are few: count those)."""
    kinds = Counter(index.fact_kind(i) or "" for i in shown)
    return {kind: total - kinds[SINGULAR[kind]] for kind, total in sel.total().items()}


def build_note(index: Index, filters: Filters, pins: Iterable[Pin] = (), *, date: dt.date | None = None,
               max_words: int = MAX_WORDS, max_lines: int = MAX_LINES) -> Note:
    """The one-page note for `filters`, pinned facts always considered first."""
    date = date or today()
    resolved = resolve_pins(index, pins)
    sel = select(index, filters, resolved.facts)
    if sel.empty:
        note = _empty_note(index, filters, date, resolved.vanished)
        note.moved = resolved.moved
        return note
    candidates = {"facts": key_fact_lines(index, sel), "engagement": engagement_lines(index, sel),
                  "trade": trade_lines(index, sel), "people": people_lines(index, sel),
                  "quotes": quote_lines(index, sel)}
    bluf = bottom_line(index, sel, candidates)
    chosen = {s: [line for n, line in enumerate(lines) if line.pinned or n < CAPS[s]]
              for s, lines in candidates.items()}
    while True:
        shown = {i for line in (*bluf, *(x for lines in chosen.values() for x in lines)) for i in line.facts}
        left_out = _left_out(index, sel, shown)
        pinned_shown = len(sel.pinned & shown)
        text, sources = render(index, filters, date, bluf, chosen, left_out, pinned_shown,
                               len(sel.pinned) - pinned_shown)
        if fits(text, max_words, max_lines):
            break
        victim = _victim(chosen, pinned_too=False) or _victim(chosen, pinned_too=True)
        if victim is None:
            break  # only the bottom line is left; it is what it is
        section, position = victim
        del chosen[section][position]
    return Note(text=text, filters=filters, words=word_count(text), lines=text.count("\n"), sources=sources,
                left_out=left_out, pinned=pinned_shown, pins_left_out=len(sel.pinned) - pinned_shown,
                vanished=resolved.vanished, moved=resolved.moved)


MAX_MENTION_SOURCES = 8


def _empty_note(index: Index, filters: Filters, date: dt.date, vanished: list[Pin]) -> Note:
    """No fact matches. When only countries were asked for, the articles that name them are still listed."""
    title = title_of(index, filters)
    mentioned = [d for c in sorted(filters.countries) if c in index.countries for d in index.countries[c].doc_ids
                 if d in index.documents] if filters == Filters(countries=filters.countries) else []
    mentioned = list(dict.fromkeys(mentioned))
    shown = mentioned[:MAX_MENTION_SOURCES]
    if not index.documents:
        why = "The store holds no articles yet: add articles to the seeds folder and build the store."
    elif shown:
        names = escape(", ".join(sorted(index.country_name(c) for c in filters.countries)))
        refs = "".join(f"[{n}]" for n in range(1, len(shown) + 1))
        more = f" (and {len(mentioned) - len(shown)} more)" if len(mentioned) > len(shown) else ""
        why = (f"{names}: named in {plural(len(mentioned), 'articles')} {refs}{more}, but no events, quotes, "
               "figures or people were extracted for it.")
    else:
        why = (f"Nothing in the store matches these filters ({escape(filters.describe(index))}). "
               "Widen the filters, or add articles and rebuild the store.")
    lines = [*front_matter(title, date, index, filters, len(shown), 0, 0), f"# {escape(title)}", "",
             f"**Bottom line.** {why}"]
    if shown:
        lines += ["", "## Sources", *(source_line(n, index.documents[d]) for n, d in enumerate(shown, start=1))]
    text = "\n".join(lines) + "\n"
    return Note(text=text, filters=filters, words=word_count(text), lines=text.count("\n"),
                sources=[index.documents[d] for d in shown], vanished=vanished, empty=True)
