"""Money amounts and percentages, with what they measure.

Every money amount (with a currency: symbol, code or name) and every percentage in a body
sentence is a figure; a bare number ("1 billion people", "7,000 kilometers") is not
(`numbers.find_amounts` decides). Titles and headings repeat the story's figures, bylines
and author bios have none, so only body sentences count.

What a figure measures (`kind`), from the words of its clause, the nearest cue winning:

* growth — a percentage that is a change: "grew by 15%", "a 12,4% increase", "up 5%",
  "fell 3 percent";
* share — a percentage in brackets after a product ("exports … sulfur (64%)", label
  "sulfur (exports)": the product and the trade direction named before the list) or
  "X% of exports/imports/trade", "accounted for X%";
* trade_turnover / export / import / investment — the measure named near a money amount
  ("trade turnover", "bilateral trade", "trade volume", "exports", "imports",
  "investing", "attracted … from investors"); with none in the sentence, the previous
  sentence of the paragraph may name it ("investment flows … remain limited. Since 2005,
  X has attracted a total of $Y");
* other — anything else ("95% of the country").

`year` is the sentence's date before the amount (else after it), never a "since" date
(a total since a year is not that year's figure), never a comparison base ("over 2023").
`approximate` follows the cue before the amount (around, about, nearly, some, over, more
than, surpassed …). Countries are those of the sentence; with none, "the two countries"
means the two last named before it, and otherwise the previous sentence of the paragraph
or the document's focus country stands in.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pydantic import TypeAdapter

from briefing_tui.extract.context import DocumentContext, countries_in
from briefing_tui.extract.dates import DateMention
from briefing_tui.extract.events import TWO_COUNTRIES
from briefing_tui.extract.numbers import Amount, find_amounts
from briefing_tui.models import CountryMention, Document, Figure, Sentence, stable_id

__all__ = ["extract_figures", "MEASURES"]

# kind → cue words for money amounts (regex fragments, case-insensitive, word boundaries)
MEASURES: dict[str, list[str]] = {
    "trade_turnover": [
        r"trade\s+turnover", r"turnover", r"trade\s+volumes?", r"volume\s+of\s+(?:bilateral\s+|mutual\s+)?trade",
        r"bilateral\s+trade", r"mutual\s+trade", r"foreign\s+trade", r"trade", r"commerce", r"trading",
    ],
    "export": [r"exports?", r"exported", r"exporting", r"exporters?", r"shipments?", r"sales\s+abroad"],
    "import": [r"imports?", r"imported", r"importing", r"importers?", r"purchases"],
    "investment": [
        r"invest(?:ed|s|ing|ments?|ors?)?", r"FDI", r"capital\s+inflows?", r"attracted", r"inflows?",
        r"portfolio", r"co-invest(?:ed|ing|ment)?",
    ],
}
_GROWTH = re.compile(
    r"\b(?:grew|grow(?:s|ing|th)?|increas(?:e|ed|es|ing)|rose|rise[sn]?|rising|up|jump(?:ed|s)?|surg(?:e|ed)|"
    r"climb(?:ed|s)?|gain(?:ed|s)?|expand(?:ed|s)?|fell|fall(?:s|en)?|declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|"
    r"drop(?:ped|s)?|down|shr[ai]nk|contract(?:ed|ion)|plunged?|slump(?:ed)?|year-on-year|y/y)\b",
    re.IGNORECASE,
)
_SHARE_AFTER = re.compile(r"^\s*(?:of|in)\s+(?:the\s+|its\s+|their\s+|total\s+|all\s+)*(?P<what>exports?|imports?|trade|"
                          r"turnover|investments?|GDP|market)\b", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"\b(?:share|accounted\s+for|accounts\s+for|accounting\s+for|makes?\s+up|made\s+up|"
                           r"constitut(?:es|ed|ing)|represent(?:s|ed|ing))\b[^.;]{0,30}$", re.IGNORECASE)
_OF_AFTER = re.compile(r"^\s*of\s+(?P<what>(?:the\s+)?[\w’'-]+(?:\s+[\w’'-]+){0,3}?)(?=\s+(?:are|is|was|were|have|has|had|"
                       r"with|which|who|that|in|on|by|to|for|and|are)\b|[,.;:!?)”\"]|$)", re.IGNORECASE)
_VERBS = re.compile(
    r"\b(?:reached|reach(?:es|ing)?|grew|grow(?:s|ing)?|stood|stands|standing|amounted|amounts|amounting|"
    r"totall?ed|totals?|was|were|is|are|had|has|have|peaked|surpassed|exceeded|rose|fell|increased|decreased|"
    r"declined|hit|topped|came\s+to|made\s+up|accounted|remained?|will|would|could|can|may|might|should|"
    r"now|still|also)\b",
    re.IGNORECASE,
)
_LIST_STOP = re.compile(r"(?:[,;:(]|\b(?:by|and|or|include[sd]?|including|are|is|was|were|as|with|from|notably|"
                        r"mainly|mostly|primarily|chiefly|especially|particularly|led|dominated|such)\b)", re.IGNORECASE)
# "fell to 23%", "up to 5%": a level or a cap, not a change
_LEVEL_BEFORE = re.compile(r"\bto\s+(?:(?:about|around|some|nearly|almost|over|just|roughly)\s+)?$", re.IGNORECASE)
_CLAUSE = re.compile(r"[;:]|,\s+(?:while|whereas|but|and\s+(?:in|by|since))\b|\s[–—]\s")
# "a GDP of $440 billion", "contracts worth $25 million": the noun an amount is of
_NOUN_BEFORE = re.compile(r"(?P<what>(?:[\w’'-]+\s+){0,2}[\w’'-]+)\s+(?:of|worth|valued\s+at|totall?ing|amounting\s+to)"
                          r"\s+(?:(?:about|around|some|nearly|over|almost|more\s+than|up\s+to)\s+)?$", re.IGNORECASE)
_FUNCTION_WORDS = frozenset("a an the its their his her with of for to in on by and at from as this that".split())
_RIGHT_AFTER = re.compile(r"\s*(?:in|during|for|as\s+of)?\s*")
_YEAR_EARLIER = re.compile(r"\s*,?\s*(?:a|one)\s+year\s+(?:earlier|before|ago)|\s*,?\s*(?:in\s+)?the\s+(?:previous|prior|"
                           r"preceding)\s+year|\s*,?\s*the\s+year\s+before", re.IGNORECASE)
_COMPARISON_BEFORE = re.compile(r"\b(?:over|than|compared\s+(?:to|with)|versus|vs\.?|against|from)\s+(?:the\s+)?$",
                                re.IGNORECASE)

# the smaller patterns of the functions below, compiled once
_CLOSE_GAP = re.compile(r"\s*(?:in|of|worth\s+of|for|from)?\s*(?:the\s+|its\s+|their\s+|new\s+|\w+\s+)?")
_TWO_WORDS_AT_END = re.compile(r"(?:\b[\w’'-]+(?:['’]s)?\s+){0,2}$")
_LABEL_MODIFIER = re.compile(r"(?:[A-Z][\w’'-]*['’]s|[A-Z][\w-]*-[A-Z][\w-]*|bilateral|mutual|total|annual|overall|"
                             r"foreign|direct|agricultural|[A-Z][\w’'-]*-\w+)")
_VERB_ENDING = re.compile(r"(?:ed|ing)$")
_LABEL_STOP = re.compile(r"[,;:(]")
_SPACES = re.compile(r"\s+")
_LEADING_DATE = re.compile(r"^\s*(?:In|On|By|Since|During|As\s+of)\s+[^,]{0,30}?\d{4},\s*")
_DIRECTION = re.compile(r"\b(?:exports?|exported|imports?|imported)\b", re.IGNORECASE)
_CLOSING_PAREN = re.compile(r"\s*\)")
_GROWTH_WORD_BEFORE = re.compile(r"(?:\b(?:by|of|an?|up|down)\s+)?$")
_GROWTH_NOUN_AFTER = re.compile(r"^\s*(?:increase|rise|growth|decrease|decline|drop|jump|gain|fall|surge|year-on-year)",
                                re.IGNORECASE)
_GROWTH_VERB_BEFORE = re.compile(r"\b(?:grew|grow\w*|increas\w*|rose|rise\w*|up|down|fell|fall\w*|declin\w*|decreas\w*|"
                                 r"drop\w*|jump\w*|climb\w*|gain\w*|surg\w*|expand\w*)\s+(?:by\s+)?$", re.IGNORECASE)
_GROWTH_COMPARED = re.compile(r"\s*(?:increase|rise|growth|decrease|decline|drop|jump|gain|fall|surge)"
                              r"(?:\s+(?:over|from|on|compared\s+(?:to|with))\s+(?:the\s+)?[\w-]+)?", re.IGNORECASE)
_VERB_LABEL = re.compile(r"(?i)(?:co-)?invest(?:ed|s|ing)?|attracted|inflows?|exported|exporting|imported|"
                         r"importing|trading")
_WHERE_AFTER = re.compile(r"(?:\s+(?:a\s+total\s+of|worth|about|around|some|nearly|over))?\s+"
                          r"(?P<prep>in|into|from|to)\s+(?P<what>[^,.;:]{3,90}?)(?=[,.;:]|\s+(?:and|with|by|which|that|"
                          r"while|as)\b|$)")


_CASE_SENSITIVE_CUE = "FDI"  # "FDI", not "fdi"


def _compile(lowered: bool = False) -> tuple[re.Pattern, dict[str, str]]:
    """All cues in one regex (one pass per sentence), one group per cue, longer cues first
    so that at one position the longest wins ("trade turnover" over "trade").

    The `lowered` form matches a lower-cased sentence without IGNORECASE (several times
    faster: every other cue is written in lower case) and leaves out "FDI", whose capitals matter (`_FDI` finds it: no other cue
    contains the word, so their matches never overlap)."""
    cues = sorted(((p, kind) for kind, patterns in MEASURES.items() for p in patterns
                   if not (lowered and p == _CASE_SENSITIVE_CUE)), key=lambda c: -len(c[0]))
    kind_of = {f"m{i}": kind for i, (_, kind) in enumerate(cues)}
    body = "|".join(f"(?P<m{i}>{f'(?-i:{p})' if p == _CASE_SENSITIVE_CUE else p})" for i, (p, _) in enumerate(cues))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", 0 if lowered else re.IGNORECASE), kind_of


_MEASURE_RE, _MEASURE_KIND = _compile()
_MEASURE_LOWER_RE, _MEASURE_LOWER_KIND = _compile(lowered=True)
_FDI = re.compile(rf"(?<![\w-]){_CASE_SENSITIVE_CUE}(?![\w])")
_FDI_KIND = next(kind for kind, patterns in MEASURES.items() if _CASE_SENSITIVE_CUE in patterns)


@lru_cache(maxsize=64)
def _measures(text: str) -> tuple[tuple[str, int, int], ...]:
    """The measure cues of a sentence as (kind, start, end), in order."""
    lowered = text.lower()
    if len(lowered) != len(text) or "ı" in text or "ſ" in text:  # lower-casing moves offsets, or
        # IGNORECASE reads these letters as i and s where lower() does not
        return tuple((_MEASURE_KIND[m.lastgroup], m.start(), m.end()) for m in _MEASURE_RE.finditer(text))
    found = [(_MEASURE_LOWER_KIND[m.lastgroup], m.start(), m.end()) for m in _MEASURE_LOWER_RE.finditer(lowered)]
    if _CASE_SENSITIVE_CUE in text:
        found = sorted([*found, *((_FDI_KIND, m.start(), m.end()) for m in _FDI.finditer(text))], key=lambda c: c[1])
    return tuple(found)


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _CLAUSE.finditer(text, 0, start):
        left = m.end()
    m = _CLAUSE.search(text, end)
    right = m.start() if m else len(text)
    return left, right


def _nearest_measure(text: str, amount_start: int, amount_end: int) -> tuple[str, int, int] | None:
    left, right = _clause_bounds(text, amount_start, amount_end)
    measures = [t for t in _measures(text) if left <= t[1] and t[2] <= right] or _measures(text)
    if not measures:
        return None
    # a measure before the amount names it ("trade reached $X"); one after it only when it
    # follows closely and without a comma ("$X in exports", "$X of investment")
    def distance(t: tuple[str, int, int]) -> float:
        if t[2] <= amount_start:
            return amount_start - t[2]
        gap = text[amount_end:t[1]]
        if _CLOSE_GAP.fullmatch(gap):
            return len(gap)
        return 200 + len(gap) + (200 if "," in gap else 0)
    return min(measures, key=distance)


def _label_phrase(text: str, measure: tuple[str, int, int], amount_start: int) -> str:
    """The measure in the article's words: its noun phrase, up to the verb before the amount."""
    _, m_start, m_end = measure
    # a possessive or adjective just before: "Kazakhstan's trade", "bilateral trade"
    before = text[:m_start]
    pre = _TWO_WORDS_AT_END.search(before)
    start = m_start
    if pre:
        words = pre.group(0)
        kept = ""
        for w in reversed(words.split()):
            if _LABEL_MODIFIER.fullmatch(w) or w.lower() in (
                    "bilateral", "mutual", "total", "annual", "overall", "foreign", "direct"):
                kept = f"{w} {kept}"
            else:
                break
        start = m_start - len(kept)
    end = m_end
    if _VERB_ENDING.search(text[m_start:m_end]):
        return text[m_start:m_end]  # a verb ("investing", "attracted") names the measure alone
    if m_end <= amount_start:
        tail = text[m_end:amount_start]
        v = _VERBS.search(tail)
        cut = v.start() if v else len(tail)
        comma = _LABEL_STOP.search(tail)
        if comma and comma.start() < cut:
            cut = comma.start()
        end = m_end + cut
    label = text[start:end].strip(" ,;:–—-")
    return _SPACES.sub(" ", label)


_SUBJECT_END = re.compile(
    r"\b(?:grew|grow(?:s|ing)?|increased|rose|rises|fell|falls|declined|decreased|dropped|jumped|climbed|stood|stands|"
    r"reached|was|were|is|are|has|have|had|remained|amounted|totall?ed|accounted|will|would)\b", re.IGNORECASE)


def _subject(text: str, amount_start: int) -> str | None:
    """What a percentage without a named measure is about: its clause's subject before the
    verb ("Inflation in Ghana fell to 23%" → "Inflation in Ghana")."""
    left, _ = _clause_bounds(text, amount_start, amount_start)
    clause = text[left:amount_start]
    clause = _LEADING_DATE.sub("", clause)
    verb = _SUBJECT_END.search(clause)
    if verb is None:
        return None
    phrase = clause[:verb.start()].strip(" ,;:–—\"“”")
    if not phrase or len(phrase.split()) > 8 or not phrase[0].isalpha():
        return None
    return phrase


def _noun_before(text: str, amount_start: int) -> str | None:
    """The noun an amount is "of" or "worth", without articles: "a GDP of $X" → "GDP"."""
    m = _NOUN_BEFORE.search(text, 0, amount_start)
    if m is None:
        return None
    words = m["what"].split()
    cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _FUNCTION_WORDS), default=0)
    return " ".join(words[cut:]) or None


def _product_before(text: str, paren_start: int) -> str | None:
    """The product a bracketed percentage belongs to: "… dominated by sulfur (64%)" → "sulfur"."""
    before = text[:paren_start].rstrip()
    stops = list(_LIST_STOP.finditer(before))
    start = stops[-1].end() if stops else 0
    phrase = before[start:].strip(" ,;:")
    if not phrase or len(phrase.split()) > 6:
        return None
    return phrase


def _direction(text: str, pos: int) -> str | None:
    """Whether a list of products at `pos` is of exports or imports (the nearest cue before)."""
    best = None
    for m in _DIRECTION.finditer(text[:pos]):
        best = "export" if m.group(0).lower().startswith("export") else "import"
    return best


def _year(text: str, sentence_start: int, dates: list[DateMention], amount: Amount) -> int | None:
    """The sentence's year for a figure: a date right after the amount ("$5 million in
    2022"), else the last before it, else the first after it; never a "since" date (a total
    since a year is not that year's figure), never a comparison base ("over 2023"). "a year
    earlier" after the amount is the year before the sentence's year."""
    a_start, a_end = amount.start - sentence_start, amount.end - sentence_start
    before, after, right_after = None, None, None
    for m in dates:
        d = m.date
        if m.named or d.qualifier == "since" or (d.end is not None and d.month is None):
            continue
        if _COMPARISON_BEFORE.search(text, 0, m.start):
            continue
        if m.end <= a_start:
            before = d.year
        elif m.start >= a_end:
            if after is None:
                after = d.year
            if right_after is None and _RIGHT_AFTER.fullmatch(text, a_end, m.start):
                right_after = d.year
    if right_after is not None:
        return right_after
    year = before if before is not None else after
    if year is not None and _YEAR_EARLIER.match(text, a_end):
        return year - 1
    return year


def extract_figures(document: Document, sentences: list[Sentence], countries: list[CountryMention],
                    context: DocumentContext | None = None) -> list[Figure]:
    """The document's figures; `context` is the document's shared work (made here if not given)."""
    context = context or DocumentContext(document, sentences, countries)
    focus = context.focus
    figures: list[dict] = []  # validated as one list at the end
    previous_in_paragraph: Sentence | None = None
    last_paragraph = None
    mentioned_before: list[str] = []  # country codes in order of last mention
    by_start = context.countries_by_start
    mentions_of = context.countries_by_sentence
    told = 0  # mentions in by_start[:told] are before the current sentence
    for sentence in sentences:
        if sentence.paragraph != last_paragraph:
            previous_in_paragraph = None
            last_paragraph = sentence.paragraph
        while told < len(by_start) and by_start[told].span.start < sentence.start:
            code = by_start[told].code
            if code in mentioned_before:
                mentioned_before.remove(code)
            mentioned_before.append(code)
            told += 1
        if sentence.kind != "body":
            continue
        amounts = find_amounts(sentence.text, offset=sentence.start)
        if amounts:
            sentence_codes = countries_in(sentence.start, sentence.end, mentions_of.get(sentence.index, []))
            dates = [m for m in context.dates(sentence) if m.date is not None]
            for amount in amounts:
                previous_codes = countries_in(previous_in_paragraph.start, previous_in_paragraph.end,
                                              mentions_of.get(previous_in_paragraph.index, [])
                                              ) if previous_in_paragraph else []
                figures.append(_figure(document, sentence, amount, sentence_codes, previous_in_paragraph,
                                       previous_codes, mentioned_before, focus, dates))
        previous_in_paragraph = sentence
    return _figure_list().validate_python(figures)


def _figure(document: Document, sentence: Sentence, amount: Amount, sentence_codes: list[str],
            previous: Sentence | None, previous_codes: list[str], mentioned_before: list[str],
            focus: str | None, dates: list[DateMention]) -> dict:
    """A figure's fields (see `_figure_list`)."""
    text = sentence.text
    a_start, a_end = amount.start - sentence.start, amount.end - sentence.start
    ev_start, ev_end = a_start, a_end
    if amount.cue_start is not None:
        ev_start = amount.cue_start - sentence.start
    kind, label = "other", None

    if amount.unit == "%":
        opens = text[:a_start].rstrip().endswith("(")
        after = text[a_end:]
        before = text[max(0, a_start - 60):a_start]
        share_after = _SHARE_AFTER.match(after)
        if opens and _CLOSING_PAREN.match(after):
            paren = text.rfind("(", 0, a_start)
            product = _product_before(text, paren)
            if product:
                direction = _direction(text, paren)
                kind, label = "share", f"{product} ({direction}s)" if direction else product
                ev_start = text.rfind(product, 0, paren)
                ev_end = a_end + len(after) - len(after.lstrip()) + 1
        if label is None and share_after:
            kind, label = "share", share_after["what"]
            ev_end = a_end + share_after.end()
        elif label is None and _SHARE_BEFORE.search(before):
            kind = "share"
        if label is None and kind == "other":
            growth_before = _GROWTH_WORD_BEFORE.search(text[:a_start])
            near_before = text[max(0, a_start - 25):a_start]
            near_after = text[a_end:a_end + 25]
            if _GROWTH_NOUN_AFTER.search(near_after) or (_GROWTH.search(near_before)
                                                         and not _LEVEL_BEFORE.search(near_before)):
                kind = "growth"
                g = _GROWTH_VERB_BEFORE.search(text[:a_start])
                if g:
                    ev_start = min(ev_start, g.start())
                elif growth_before and growth_before.group(0).strip():
                    ev_start = min(ev_start, growth_before.start())
                comp = _GROWTH_COMPARED.match(near_after + text[a_end + 25:a_end + 60])
                if comp:
                    ev_end = a_end + comp.end()
                measure = _nearest_measure(text, a_start, a_end)
                label = _label_phrase(text, measure, a_start) if measure else (_subject(text, a_start) or "growth")
                if comp and not measure:
                    label = text[a_end:ev_end].strip()
        if label is None:
            of = _OF_AFTER.match(text[a_end:])
            if of:
                label = of["what"].strip()
                ev_end = a_end + of.end()
            else:
                measure = _nearest_measure(text, a_start, a_end)
                label = _label_phrase(text, measure, a_start) if measure else (_subject(text, a_start) or "percentage")
    else:
        measure = _nearest_measure(text, a_start, a_end)
        if measure is None and previous is not None:
            prev = _measures(previous.text)
            if prev:
                kind = prev[0][0]
                label = _label_phrase(previous.text, prev[0], len(previous.text))
        if measure is not None:
            kind = measure[0]
            label = _label_phrase(text, measure, a_start)
            if measure[2] <= a_start and a_start - measure[2] < 40:
                ev_start = min(ev_start, measure[1])
        if label and _VERB_LABEL.fullmatch(label):
            noun = {"investment": "investment", "export": "exports", "import": "imports",
                    "trade_turnover": "trade"}.get(kind, label)
            tail = _WHERE_AFTER.match(text[a_end:])
            label = f"{noun} {tail['prep']} {tail['what'].strip()}" if tail else noun
        if label is None:
            label = _noun_before(text, a_start) or "amount"
    codes = list(sentence_codes)
    if not codes and TWO_COUNTRIES.search(text) and len(mentioned_before) >= 2:
        codes = mentioned_before[-2:][::-1]
    if not codes and previous is not None:
        codes = list(previous_codes)
    if not codes and focus:
        codes = [focus]
    ev_start = max(0, min(ev_start, a_start))
    ev_end = min(len(text), max(ev_end, a_end))
    evidence = text[ev_start:ev_end].strip()
    lead = len(text[ev_start:ev_end]) - len(text[ev_start:ev_end].lstrip())
    span_start = sentence.start + ev_start + lead
    span = {"doc_id": document.id, "sentence": sentence.index, "start": span_start, "end": span_start + len(evidence)}
    year = _year(text, sentence.start, dates, amount)
    return {
        "id": stable_id("fig", document.id, amount.start, amount.end, amount.value, amount.unit),
        "doc_id": document.id, "kind": kind, "value": amount.value, "unit": amount.unit, "year": year,
        "approximate": amount.approximate, "countries": codes, "label": label or "amount", "evidence": evidence,
        "span": span,
    }


@cache
def _figure_list() -> TypeAdapter[list[Figure]]:
    """Figures validated as one list: pydantic-core makes them and their spans in one call
    faster than a figure and a span at a time."""
    return TypeAdapter(list[Figure])
