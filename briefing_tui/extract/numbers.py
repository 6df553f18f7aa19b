"""Money amounts and percentages as numbers: "$106,3 million", "R44-million", "2,9%".

Public entry points:

* `parse_number("1,5")` → 1.5: one written number, decimal comma or point, thousands
  separators (",", ".", thin and no-break spaces), None when it is not a number;
* `find_amounts(text, offset=0)` → every money amount and percentage in `text` as an
  `Amount` (value, unit, span, the approximation cue before it).

Separators: a comma or point followed by exactly three digits groups thousands
("7,000", "1.250.000", "1,234.5"); followed by one or two digits, or three when the other
separator also appears as a thousands mark, it is the decimal mark ("1,5", "106,3",
"0,89", "1.234,567"). One exception follows the genre: "1.500" with a single point reads as
one and a half (English news writes decimals with a point).

Currencies: symbols ($, US$, €, £, ₸, ₽, R before a digit …), ISO codes before or after
("USD 5 million", "KZT 1.2 trillion", "5 bn EUR"; checked against pycountry) and names
after ("US dollars", "euros", "tenge", "Kenyan shillings"; pycountry's names plus common
forms). A bare number ("1 billion people", "7,000 kilometers") is not an amount.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Amount", "find_amounts", "parse_number", "SCALES", "currency_names"]

SCALES = {
    "thousand": 1e3, "k": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mil": 1e6, "millions": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "billions": 1e9,
    "trillion": 1e12, "trln": 1e12, "tn": 1e12, "tr": 1e12, "trillions": 1e12,
    "lakh": 1e5, "crore": 1e7,
}
# symbols before the number; "$" is the US dollar unless a country letter says otherwise
_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD",
    "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "€": "EUR", "£": "GBP",
    "₸": "KZT", "₽": "RUB", "₹": "INR", "₦": "NGN", "₺": "TRY", "₩": "KRW", "₴": "UAH", "₱": "PHP",
    "GH₵": "GHS", "₵": "GHS", "E£": "EGP", "KSh": "KES", "Ksh": "KES", "USh": "UGX", "TSh": "TZS",
    "Rs.": "INR", "Rs": "INR", "¥": "CNY", "R": "ZAR", "RM": "MYR",
}
# ISO codes that are also English words, not read as currencies on their own
_CODE_STOPLIST = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "PEN", "SOS", "GEL", "MAD", "TRY", "CAD"}) - {"CAD"}
_SPECIAL_CODES = frozenset({
    "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD",
    "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX", "XAD", "ZWG", "VED",
})
# names pycountry does not spell the way news does, and plain nouns with one clear reading
_EXTRA_NAMES = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD", "united states dollar": "USD",
    "euro": "EUR", "tenge": "KZT", "kazakh tenge": "KZT", "kazakhstani tenge": "KZT", "rand": "ZAR",
    "south african rand": "ZAR", "ruble": "RUB", "rouble": "RUB", "russian rouble": "RUB", "yuan": "CNY",
    "chinese yuan": "CNY", "renminbi": "CNY", "rmb": "CNY", "pound": "GBP", "pound sterling": "GBP",
    "pounds sterling": "GBP", "british pound": "GBP", "sterling": "GBP", "yen": "JPY", "japanese yen": "JPY",
    "rupee": "INR", "indian rupee": "INR", "naira": "NGN", "nigerian naira": "NGN", "cedi": "GHS",
    "ghanaian cedi": "GHS", "birr": "ETB", "ethiopian birr": "ETB", "som": "KGS", "kyrgyz som": "KGS",
    "uzbek sum": "UZS", "uzbek soum": "UZS", "soum": "UZS", "lira": "TRY", "turkish lira": "TRY",
    "riyal": "SAR", "saudi riyal": "SAR", "emirati dirham": "AED", "uae dirham": "AED", "won": "KRW",
    "south korean won": "KRW", "real": "BRL", "reais": "BRL", "brazilian real": "BRL", "rwandan franc": "RWF",
    "ugandan shilling": "UGX", "tanzanian shilling": "TZS", "cfa franc": "XOF", "west african cfa franc": "XOF",
    "central african cfa franc": "XAF", "azerbaijani manat": "AZN", "turkmen manat": "TMT", "tajik somoni": "TJS",
    "somoni": "TJS", "hryvnia": "UAH", "ukrainian hryvnia": "UAH", "belarusian ruble": "BYN",
    "georgian lari": "GEL", "lari": "GEL", "armenian dram": "AMD", "dram": "AMD", "mongolian tugrik": "MNT",
    "zambian kwacha": "ZMW", "malawian kwacha": "MWK", "angolan kwanza": "AOA", "kwanza": "AOA",
    "congolese franc": "CDF", "algerian dinar": "DZD", "tunisian dinar": "TND", "libyan dinar": "LYD",
    "moroccan dirham": "MAD", "egyptian pound": "EGP", "sudanese pound": "SDG", "kenyan shilling": "KES",
    "namibian dollar": "NAD", "botswana pula": "BWP", "pula": "BWP", "mozambican metical": "MZN",
    "metical": "MZN", "swiss franc": "CHF", "pakistani rupee": "PKR", "sri lankan rupee": "LKR",
    "indonesian rupiah": "IDR", "rupiah": "IDR", "malaysian ringgit": "MYR", "ringgit": "MYR", "thai baht": "THB",
    "baht": "THB", "vietnamese dong": "VND", "philippine peso": "PHP", "mexican peso": "MXN",
    "argentine peso": "ARS", "chilean peso": "CLP", "colombian peso": "COP", "peruvian sol": "PEN",
    "israeli shekel": "ILS", "shekel": "ILS", "iranian rial": "IRR", "qatari riyal": "QAR", "omani rial": "OMR",
    "kuwaiti dinar": "KWD", "bahraini dinar": "BHD", "jordanian dinar": "JOD", "iraqi dinar": "IQD",
    "polish zloty": "PLN", "zloty": "PLN", "czech koruna": "CZK", "hungarian forint": "HUF", "forint": "HUF",
    "swedish krona": "SEK", "norwegian krone": "NOK", "danish krone": "DKK", "romanian leu": "RON",
    "serbian dinar": "RSD", "canadian dollar": "CAD", "australian dollar": "AUD", "singapore dollar": "SGD",
    "hong kong dollar": "HKD", "new zealand dollar": "NZD", "taiwan dollar": "TWD",
}
_AMBIGUOUS_NOUNS = frozenset({"franc", "dinar", "dirham", "shilling", "manat", "rial", "peso", "krona", "krone",
                              "kwacha", "leu", "pound sterling"}) - {"pound sterling"}

_APPROX = re.compile(
    r"(?:\b(?:around|about|approximately|approx\.?|roughly|nearly|almost|some|over|more\s+than|less\s+than|"
    r"fewer\s+than|under|just\s+under|just\s+over|above|below|close\s+to|upwards\s+of|up\s+to|at\s+least|"
    r"at\s+most|in\s+excess\s+of|an\s+estimated|estimated\s+at|estimated|exceed(?:ed|ing|s)?|surpass(?:ed|ing|es)?|"
    r"top(?:ped|ping|s)|well\s+over|circa|c\.|an?\s+(?:almost|nearly))|~|≈)\s*$",
    re.IGNORECASE,
)

_NUM = r"(?:\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:(?:,\d{3})+|(?:\.\d{3}){2,}|(?:[\u00a0\u202f\u2009]\d{3})+)(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SCALE = r"(?:thousand|millions?|mln|mn|mil|billions?|bln|bn|trillions?|trln|tn|lakh|crore)"


@lru_cache(maxsize=1)
def currency_names() -> dict[str, str]:
    """Lower-case currency names (singular and plural) → ISO 4217 code."""
    names: dict[str, str] = {}
    try:
        import pycountry
        for cur in pycountry.currencies:
            if cur.alpha_3 in _SPECIAL_CODES or cur.alpha_3.startswith("X") and cur.alpha_3 not in ("XOF", "XAF"):
                continue
            name = re.sub(r"\s*\(.*\)", "", cur.name).strip().lower()
            if name in _AMBIGUOUS_NOUNS or not name:
                continue
            names[name] = cur.alpha_3
    except Exception:  # pycountry is a dependency; without its data the extras still work
        pass
    names.update(_EXTRA_NAMES)
    out: dict[str, str] = {}
    for name, code in names.items():
        out[name] = code
        out.update({plural: code for plural in _plurals(name)})
    return out


def _plurals(name: str) -> list[str]:
    head, _, last = name.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last in ("yen", "yuan", "renminbi", "rmb", "naira", "tenge", "rand", "won", "baht", "dong", "birr",
                "som", "soum", "kwanza", "kwacha", "sterling", "reais", "rupiah", "ringgit", "somoni", "pula",
                "lari", "hryvnia", "metical", "forint", "zloty"):
        extra = {"rand": ["rands"], "kwacha": ["kwachas"], "som": ["soms"], "metical": ["meticais"],
                 "zloty": ["zlotys"], "hryvnia": ["hryvnias"], "lari": ["laris"]}.get(last, [])
        return [prefix + e for e in extra]
    if last.endswith("y") and not last.endswith(("ay", "ey", "oy")):
        return [prefix + last[:-1] + "ies"]
    if last == "real":
        return [prefix + "reais", prefix + "reals"]
    if last == "leu":
        return [prefix + "lei"]
    if last in ("krona", "krone"):
        return [prefix + ("kronor" if last == "krona" else "kroner")]
    if last == "shekel":
        return [prefix + "shekels", prefix + "shekalim"]
    if last.endswith(("s", "x", "sh", "ch")):
        return [prefix + last + "es"]
    return [prefix + last + "s"]


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    codes = set(currency_names().values())
    try:
        import pycountry
        codes |= {c.alpha_3 for c in pycountry.currencies}
    except Exception:
        pass
    return frozenset(codes - _SPECIAL_CODES - _CODE_STOPLIST)


_DIGIT = re.compile(r"\d")


def _code_alternation(codes: frozenset[str]) -> str:
    """The codes as a regex factored by their first two letters ("A(?:E[D]|F[N]…)"): the
    engine then tries a few branches at a position instead of every code. All codes have
    three letters, so at most one matches anywhere, whatever the order of the branches."""
    tree: dict[str, dict[str, list[str]]] = {}
    for code in sorted(codes):
        tree.setdefault(code[0], {}).setdefault(code[1], []).append(code[2])
    return "(?:" + "|".join(
        first + "(?:" + "|".join(second + "[" + "".join(thirds) + "]" for second, thirds in seconds.items()) + ")"
        for first, seconds in tree.items()) + ")"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    names = sorted(currency_names(), key=len, reverse=True)
    name_re = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    codes = _code_alternation(_currency_codes())
    symbols = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
    # the lookaheads let the engine skip most positions (lower-case letters, spaces) with
    # one character test instead of trying every currency code and symbol there
    money = re.compile(
        r"(?=(?-i:[\dA-Z$€£¥₸₽₹₦₺₩₴₱₵]))"
        r"(?P<pre>(?<![\w$€£¥₸₽₹₦₺₩₴₱₵])(?:(?P<sym>" + symbols + r")|(?P<precode>" + codes + r")(?=[\s\u00a0]?\d))"
        r"[\s\u00a0]?)?"
        r"(?<![\d.,])(?P<num>" + _NUM + r")"
        r"(?:\s*(?:-|–|to)\s*(?P<num2>" + _NUM + r"))?"
        r"(?:(?:[\s\u00a0]|-)?(?P<scale>" + _SCALE + r")\b|(?P<scale1>[mbkMBK])\b)?"
        r"(?:[\s\u00a0]+(?P<postname>" + name_re + r")\b|[\s\u00a0]?(?P<postcode>" + codes + r")\b)?",
        re.IGNORECASE,
    )
    percent = re.compile(
        r"(?=[+\-−\d])(?<![\w.,])(?P<sign>[+\-−])?(?P<num>" + _NUM + r")(?:\s*(?:-|–|to)\s*(?P<num2>" + _NUM + r"))?"
        r"(?:\s?%|[\s\u00a0](?P<word>percentage\s+points?|per\s*cents?|pct)\b)",
        re.IGNORECASE,
    )
    return money, percent


@dataclass(frozen=True)
class Amount:
    """A money amount or percentage found in text: `text[start:end]` is the written amount."""

    value: float
    unit: str  # ISO 4217 code or "%"
    start: int
    end: int
    text: str
    approximate: bool = False
    cue: str | None = None  # the approximation words before it: "around", "surpassed"
    cue_start: int | None = None
    high: float | None = None  # the upper bound of a range: "$1-2 billion"
    scale: str | None = None


def parse_number(text: str) -> float | None:
    """One written number, "7,000" → 7000.0, "1,5" → 1.5, "1.234,5" → 1234.5; None if not one
    (nor when it is too large for a float: 309 digits would read as infinity)."""
    value = _parse_number(text)
    return value if value is None or math.isfinite(value) else None


def _parse_number(text: str) -> float | None:
    if not isinstance(text, str):
        return None
    s = text.strip().replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    if not s or not re.fullmatch(r"\d[\d., ]*", s) or not s[-1].isdigit():
        return None
    if " " in s:
        parts = s.split(" ")
        if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 or (i == len(parts) - 1 and re.fullmatch(r"\d{3}[.,]\d+", p))
                                                for i, p in enumerate(parts[1:], 1))):
            return None
        s = "".join(parts)
    commas, dots = s.count(","), s.count(".")
    try:
        if commas and dots:
            # the last separator is the decimal mark, the other groups thousands
            if s.rfind(",") > s.rfind("."):
                whole, frac = s.rsplit(",", 1)
                return _grouped(whole, ".") + float("0." + frac) if _grouped(whole, ".") is not None else None
            whole, frac = s.rsplit(".", 1)
            return _grouped(whole, ",") + float("0." + frac) if _grouped(whole, ",") is not None else None
        for sep, other in ((",", "."), (".", ",")):
            n = s.count(sep)
            if not n:
                continue
            groups = s.split(sep)
            if n == 1:
                whole, frac = groups
                if len(frac) == 3 and sep == "," and 1 <= len(whole) <= 3 and whole != "0":
                    return float(whole + frac)  # "7,000"
                if not whole:
                    return None
                return float(f"{whole}.{frac}")  # "1,5", "106,3", "1.500", "0,891"
            value = _grouped(s, sep)
            return value
        return float(s)
    except ValueError:
        return None


def _grouped(s: str, sep: str) -> float | None:
    """"1,234,567" with sep "," → 1234567.0; None when the groups are not thousands."""
    groups = s.split(sep)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]) or not all(g.isdigit() for g in groups):
        return None
    return float("".join(groups))


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    w = word.lower().rstrip(".")
    return SCALES.get(w, 1.0)


def find_amounts(text: str, offset: int = 0) -> list[Amount]:
    """Money amounts and percentages in `text`, in order; never raises on a string."""
    if not isinstance(text, str) or _DIGIT.search(text) is None:
        return []  # every amount has a digit: most sentences end here
    found = _amounts_of(text)
    if offset:
        return [Amount(**{**a.__dict__, "start": a.start + offset, "end": a.end + offset,
                          "cue_start": a.cue_start + offset if a.cue_start is not None else None}) for a in found]
    return list(found)


# a money amount starts at most this far before its number: a symbol or code, then a space
_LONGEST_PREFIX = max(3, *map(len, _SYMBOLS)) + 1


def _money_matches(money: re.Pattern, text: str):
    """What `money.finditer(text)` yields, searched for only from just before each digit:
    every match has a number, at most _LONGEST_PREFIX characters after its start."""
    pos = 0
    while (digit := _DIGIT.search(text, pos)) is not None:
        m = money.search(text, max(pos, digit.start() - _LONGEST_PREFIX))
        if m is None:
            return
        yield m
        pos = m.end()


@lru_cache(maxsize=4096)
def _amounts_of(text: str) -> tuple[Amount, ...]:
    """The amounts of `text` at offset 0. Cached: figures and events ask about the same sentences."""
    money, percent = _patterns()
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    lowered = text.lower()
    # every percentage has a "%", "per…" or "pct" (no letter of these folds unlike lower())
    percentages = percent.finditer(text) if "%" in text or "per" in lowered or "pct" in lowered else ()
    for m in percentages:
        value = parse_number(m["num"])
        if value is None:
            continue
        high = parse_number(m["num2"]) if m["num2"] else None
        if m["sign"] in ("-", "−") and m.start("sign") >= 0 and (m.start() == 0 or not text[m.start() - 1].isalnum()):
            value = -value
        start = m.start() if m["sign"] else m.start("num")
        found.append(_with_cue(text, Amount(value=value, unit="%", start=start, end=m.end(), text=text[start:m.end()],
                                            high=high)))
        taken.append((start, m.end()))
    for m in _money_matches(money, text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if not m["pre"] and m.start() > 0 and (text[m.start() - 1].isalpha() or text[m.start() - 1] == "_"):
            continue  # "COP29", "A320"
        unit = _money_unit(m, text)
        if unit is None:
            continue
        scale_word = m["scale"] or m["scale1"]
        if m["precode"] and m.end("precode") == m.start("num") and not scale_word:
            continue  # "COP29", "G20": a code glued to a number is a name unless a scale follows
        if m["scale1"] and not (m["sym"] or m["precode"]):
            continue  # "5m" without a currency sign is five metres
        value = parse_number(m["num"])
        if value is None:
            continue
        scale = _scale(scale_word)
        high = parse_number(m["num2"]) if m["num2"] else None
        if high is not None:
            high *= scale
        if not math.isfinite(value * scale) or (high is not None and not math.isfinite(high)):
            continue  # a scale on a huge number overflows: not an amount anyone wrote
        start = m.start("pre") if m["pre"] else m.start("num")
        end = m.end()
        # trailing spaces belong to nothing
        while end > start and text[end - 1].isspace():
            end -= 1
        found.append(_with_cue(text, Amount(value=value * scale, unit=unit, start=start, end=end,
                                            text=text[start:end], high=high, scale=scale_word)))
        taken.append((start, end))
    found.sort(key=lambda a: a.start)
    return tuple(found)


def _money_unit(m: re.Match, text: str) -> str | None:
    if m["sym"]:
        sym = m["sym"]
        if sym in ("R", "RM"):
            # R44-million, RM162.3 million: rand and ringgit only when they stick to the number, not initials
            if m.start("num") != m.end("sym") or (m.start("sym") > 0 and text[m.start("sym") - 1] in ".-'’"):
                return None
        if sym in ("Rs", "Rs.") and m.start("num") - m.end("sym") > 1:
            return None
        code = _SYMBOLS.get(sym)  # symbols are case-sensitive: "r5" is not five rand
        if code == "CNY" and m["postname"] and currency_names().get(_norm(m["postname"])) == "JPY":
            return "JPY"
        return code
    if m["precode"]:
        code = m["precode"].upper()
        if m["precode"] != code:
            return None  # codes are written in capitals: "usd" in prose is not one
        return code
    if m["postname"]:
        return currency_names().get(_norm(m["postname"]))
    if m["postcode"]:
        if m["postcode"] != m["postcode"].upper():
            return None
        return m["postcode"].upper()
    return None


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().lower())


def _with_cue(text: str, amount: Amount) -> Amount:
    window = text[max(0, amount.start - 40):amount.start]
    m = _APPROX.search(window)
    if not m:
        return amount
    cue = m.group(0).strip()
    cue_start = amount.start - len(window) + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return Amount(**{**amount.__dict__, "approximate": True, "cue": cue, "cue_start": cue_start})
