"""What the export tests share: reading a note back as CommonMark/GFM, and a large generated corpus.

`tokens` parses a note the way GitHub-like renderers do (CommonMark + tables +
strikethrough + linkify when installed, YAML front matter split off); `assert_safe_note`
checks that only the note's own structure became markup. `make_large_corpus` writes many
articles in the shapes of the hand-made ones (sentences of my own), with every fact kind.
"""

from __future__ import annotations

import re

import yaml
from factories import _facts
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from briefing_tui.export.note import HEADINGS
from briefing_tui.models import (
    Corpus,
    Country,
    Event,
    Figure,
    FigureGroup,
    PartialDate,
    Person,
    PersonMention,
    Quote,
    stable_id,
)

SECTION_HEADINGS = [*HEADINGS.values(), "Sources"]
UNSAFE_TOKENS = {"table_open", "link_open", "image", "html_inline", "html_block", "s_open", "code_block", "fence",
                 "blockquote_open", "hr"}
CITE = re.compile(r"(?<!\\)\[(\d+)\]")


def markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin)
    try:
        import linkify_it  # noqa: F401  (optional: GFM-style bare links)
    except ImportError:
        return md
    md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])
    md.linkify.set({"fuzzy_link": True, "fuzzy_email": True})
    return md.use(front_matter_plugin)


MD = markdown()


def tokens(text: str):
    return MD.parse(text)


def front_matter(text: str) -> dict:
    token = next(t for t in tokens(text) if t.type == "front_matter")
    return yaml.safe_load(token.content)


def all_tokens(text: str):
    for token in tokens(text):
        yield token
        yield from token.children or ()


def headings(text: str) -> list[tuple[str, str]]:
    toks = tokens(text)
    return [(t.tag, toks[i + 1].content) for i, t in enumerate(toks) if t.type == "heading_open"]


def assert_safe_note(text: str) -> None:
    """Valid structure, and nothing but the note's own headings and lists became markup."""
    assert text.startswith("---\n")
    assert isinstance(front_matter(text), dict)
    found = headings(text)
    assert found[0][0] == "h1" and found[0][1].startswith("Briefing note: ")
    assert all(tag == "h2" and title in SECTION_HEADINGS for tag, title in found[1:]), found
    bad = [(t.type, t.content) for t in all_tokens(text) if t.type in UNSAFE_TOKENS]
    assert not bad, bad


def section(text: str, title: str) -> list[str]:
    """The lines of one `## title` section."""
    lines = text.splitlines()
    start = lines.index(f"## {title}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("## ")), len(lines))
    return [line for line in lines[start:end] if line]


def numbered_sources(text: str) -> dict[int, str]:
    return {int(m.group(1)): m.group(2) for line in section(text, "Sources")
            if (m := re.match(r"(\d+)\. (.*)", line))}


def citations(text: str) -> set[int]:
    body = text.split("\n## Sources\n")[0]
    return {int(n) for n in CITE.findall(body)}


def words(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------- a large generated corpus

CODES = {"GHA": "Ghana", "CHL": "Chile", "KEN": "Kenya", "PER": "Peru"}


def _article(n: int, code: str, partner: str) -> str:
    month = n % 12 + 1
    return (
        f"Delegation Talks Number {n}\n\n"
        f"On {2015 + n % 10}-{month:02d}-05 the foreign minister of {CODES[code]} Person{n} Alpha met "
        f"envoy Person{n} Beta of {CODES[partner]} in the capital.\n"
        f"The sides signed an accord on port logistics number {n}.\n"
        f"“We will keep building this partnership number {n} together,” said Person{n} Alpha.\n"
        f"Trade between the two reached ${100 + n} million in {2015 + n % 10}, up {n % 9 + 1}% on the year.\n"
        f"Copper made up {40 + n % 50}% of exports.\n"
    )


def make_large_corpus(count: int = 120) -> Corpus:
    """`count` articles, each with a meeting, an agreement, a quote, three figures and two people."""
    documents, people, groups = [], [], []
    codes = list(CODES)
    measures: dict[tuple[int, tuple[str, ...]], list[Figure]] = {}
    for n in range(count):
        code, partner = codes[n % 4], codes[(n + 1) % 4]
        text = _article(n, code, partner)
        facts, span = _facts(f"gen/{n:04d}.txt", text)
        doc = facts.document.id
        date = PartialDate(year=2015 + n % 10, month=n % 12 + 1, day=5)
        alpha = PersonMention(id=stable_id("per", doc, "a"), doc_id=doc, name=f"Person{n} Alpha",
                              role="Minister of Foreign Affairs", country=code, spans=[span(f"Person{n} Alpha")])
        beta = PersonMention(id=stable_id("per", doc, "b"), doc_id=doc, name=f"Person{n} Beta", role="Envoy",
                             country=partner, spans=[span(f"Person{n} Beta")])
        facts.people = [alpha, beta]
        pa = Person(id=stable_id("per", alpha.id), name=alpha.name, role=alpha.role, country=code, doc_ids=[doc],
                    mention_ids=[alpha.id])
        pb = Person(id=stable_id("per", beta.id), name=beta.name, role=beta.role, country=partner,
                    doc_ids=[doc], mention_ids=[beta.id])
        people += [pa, pb]
        both = [code, partner]
        facts.events = [
            Event(id=stable_id("evt", doc, 1), doc_id=doc, date=date, kind="meeting", countries=both,
                  person_ids=[pa.id, pb.id], summary=f"Person{n} Alpha met envoy Person{n} Beta",
                  evidence=f"Person{n} Alpha met", topics=["trade"], span=span(f"Person{n} Alpha met")),
            Event(id=stable_id("evt", doc, 2), doc_id=doc, date=date, kind="agreement", countries=both,
                  summary=f"Accord on port logistics number {n} signed", evidence="signed an accord",
                  topics=["logistics"], span=span("signed an accord")),
        ]
        quote_text = f"We will keep building this partnership number {n} together"
        facts.quotes = [Quote(id=stable_id("quo", doc, 1), doc_id=doc, text=quote_text, speaker=alpha.name,
                              speaker_mention_id=alpha.id, speaker_id=pa.id, date=date, countries=both,
                              topics=["trade"], span=span(quote_text))]
        turnover = Figure(id=stable_id("fig", doc, 1), doc_id=doc, kind="trade_turnover", value=(100 + n) * 1e6,
                          unit="USD", year=date.year, countries=both, label="trade between the two",
                          evidence=f"${100 + n} million", topics=["trade"], span=span(f"${100 + n} million"))
        facts.figures = [
            turnover,
            Figure(id=stable_id("fig", doc, 2), doc_id=doc, kind="growth", value=n % 9 + 1, unit="%",
                   year=date.year, countries=both, label="trade growth", evidence=f"up {n % 9 + 1}%",
                   topics=["trade"], span=span(f"up {n % 9 + 1}%")),
            Figure(id=stable_id("fig", doc, 3), doc_id=doc, kind="share", value=40 + n % 50, unit="%",
                   countries=both, label="copper (exports)", evidence=f"Copper made up {40 + n % 50}%",
                   topics=["mining"], span=span(f"Copper made up {40 + n % 50}%")),
        ]
        measures.setdefault((date.year, tuple(sorted(both))), []).append(turnover)
        documents.append(facts)
    for (year, pair), figures in measures.items():
        group = FigureGroup(id=stable_id("grp", year, *pair), kind="trade_turnover", year=year, unit="USD",
                            countries=list(pair), figure_ids=[f.id for f in figures],
                            values=[f.value for f in figures], conflict=len({f.value for f in figures}) > 1)
        for figure in figures:
            figure.group_id = group.id
        groups.append(group)
    return Corpus(documents=documents,
                  countries=[Country(code=c, name=name, doc_ids=[d.document.id for d in documents], mentions=count)
                             for c, name in CODES.items()],
                  people=people, figure_groups=groups)
