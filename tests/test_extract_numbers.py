"""Money and percentage parsing: separators, scales, currencies, and what is not an amount."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_tui.extract.numbers import currency_names, find_amounts, parse_number


@pytest.mark.parametrize("text, value", [
    ("7,000", 7000), ("1,234,567", 1234567), ("1.234.567", 1234567), ("1,5", 1.5), ("106,3", 106.3),
    ("0,89", 0.89), ("28,5", 28.5), ("2.75", 2.75), ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("12", 12),
    ("7\u00a0000", 7000), ("0,125", 0.125),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1,", ",5", "1,23,4", "1.2.3", "1 23", "12a"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def amounts(text: str) -> list[tuple[float, str]]:
    return [(round(a.value, 6), a.unit) for a in find_amounts(text)]


@pytest.mark.parametrize("text, value, unit", [
    ("exports reached 412 million US dollars", 412e6, "USD"),
    ("trade stood at $2,4 billion", 2.4e9, "USD"),
    ("a loan of $8,7 million", 8.7e6, "USD"),
    ("a R37-million contract", 37e6, "ZAR"),
    ("a €1.8bn package", 1.8e9, "EUR"),
    ("worth 3.1 billion euros", 3.1e9, "EUR"),
    ("KZT 2.6 trillion in the budget", 2.6e12, "KZT"),
    ("4.4 trillion tenge", 4.4e12, "KZT"),
    ("US$ 640 million", 640e6, "USD"),
    ("USD 75 million", 75e6, "USD"),
    ("75 million USD", 75e6, "USD"),
    ("£45m for schools", 45e6, "GBP"),
    ("₸900 billion", 900e9, "KZT"),
    ("12 billion rubles", 12e9, "RUB"),
    ("3 billion yuan", 3e9, "CNY"),
    ("2,500 Kenyan shillings", 2500, "KES"),
    ("$4,500", 4500, "USD"),
    ("a 7,4% rise", 7.4, "%"),
    ("up 11 percent", 11, "%"),
    ("up 11 per cent", 11, "%"),
    ("exports (41%)", 41, "%"),
])
def test_money_and_percent_forms(text, value, unit):
    assert amounts(text) == [(pytest.approx(value), unit)]


@pytest.mark.parametrize("text", [
    "So 2 billion for a region of 1.6 billion people",
    "more than 5,000 kilometers of railway",
    "38 out of 120 seats",
    "the last 40 years",
    "an A320 and COP29",
    "she paid r5 for it",
    "Mr R. Osei R 5",
    "a 5m wall",
])
def test_bare_numbers_are_not_amounts(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize("text, cue", [
    ("trade stood at around $90 million", "around"),
    ("it had surpassed $2 billion", "surpassed"),
    ("nearly €4 million", "nearly"),
    ("more than 30%", "more than"),
    ("some $12 million", "some"),
])
def test_approximation_cues(text, cue):
    (a,) = find_amounts(text)
    assert a.approximate and a.cue == cue


def test_exact_amount_has_no_cue():
    (a,) = find_amounts("trade reached $90 million")
    assert not a.approximate and a.cue is None


def test_ranges_keep_the_upper_bound():
    (a,) = find_amounts("$3-4 billion")
    assert a.value == 3e9 and a.high == 4e9
    (p,) = find_amounts("by 5-8%")
    assert p.value == 5 and p.high == 8


def test_spans_and_offsets():
    text = "In 2023, trade reached $610 million, a 9,2% increase."
    found = find_amounts(text, offset=50)
    assert [text[a.start - 50:a.end - 50] for a in found] == ["$610 million", "9,2%"]
    assert [a.text for a in found] == ["$610 million", "9,2%"]


def test_currency_names_come_from_pycountry_too():
    names = currency_names()
    assert names["euros"] == "EUR" and names["tenge"] == "KZT" and names["moroccan dirhams"] == "MAD"
    assert "dirhams" not in names  # UAE or Morocco: not guessed


# --- properties ---------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_thousands_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", ".")) == (n if n >= 1000 and f"{n:,}".count(",") >= 2 else
                                                        parse_number(f"{n:,}".replace(",", ".")))
    assert parse_number(str(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=99))
def test_decimal_comma_and_point_round_trip(whole, frac):
    text = f"{whole}.{frac:02d}"
    assert parse_number(text) == pytest.approx(float(text))
    assert parse_number(text.replace(".", ",")) == pytest.approx(float(text))
    one_digit = f"{whole},{frac % 10}"
    assert parse_number(one_digit) == pytest.approx(whole + (frac % 10) / 10)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("trillion", 1e12)]),
       st.sampled_from([("${n} {s}", "USD"), ("€{n}{s}", "EUR"), ("{n} {s} US dollars", "USD"),
                        ("{n} {s} tenge", "KZT"), ("EUR {n} {s}", "EUR")]))
def test_formatted_amounts_round_trip(whole, tenth, scale, form):
    word, factor = scale
    template, unit = form
    for number, value in ((f"{whole},{tenth}", whole + tenth / 10), (f"{whole}.{tenth}", whole + tenth / 10),
                          (str(whole), whole)):
        (a,) = find_amounts("It reached " + template.format(n=number, s=word) + " last year.")
        assert a.unit == unit
        assert a.value == pytest.approx(value * factor)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(st.sampled_from(
    ["$", "€", "R", "1", "1,5", "7,000", "%", "million", "bn", "m", "US", "dollars", "-", " ", ".", ",", "KZT",
     "tenge", "about", "5-10", "2,9%", "(", ")"]), max_size=40).map("".join)),
    st.integers(min_value=0, max_value=1000))
def test_find_amounts_never_raises_and_stays_inside(text, offset):
    for a in find_amounts(text, offset):
        assert offset <= a.start < a.end <= offset + len(text)
        assert text[a.start - offset:a.end - offset] == a.text
        assert a.unit == "%" or (len(a.unit) == 3 and a.unit.isupper())
        assert a.value == a.value  # not NaN


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or value >= 0


@pytest.mark.parametrize("text", ["9" * 309 + "%", "$" + "9" * 309 + " million", "1" + "0" * 400 + " tenge",
                                  "$" + "9" * 305 + " trillion"])
def test_a_number_too_large_for_a_float_is_no_amount(text):
    assert find_amounts(text) == []
    assert parse_number("9" * 400) is None


def test_ringgit_sticks_to_its_number():
    (amount,) = find_amounts("trade worth RM162.3 million last year")
    assert (amount.value, amount.unit) == (162.3e6, "MYR")
    assert find_amounts("the FARM5 tractor") == []
