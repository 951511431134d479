"""Numbers as reports write them: digits, written-out words, "about", ranges, units.

A quantity is read from a run of tokens: "about 40 centimetres", "three to 10 years", "1.2
million people", "forty", "$150", "20-30ft". Its value is normalised (units to one base per
dimension, written numbers to digits) so that "40 cm" and "forty centimetres" agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Tokens: a number (with thousands commas, decimals and a glued unit: 40cm, 5%), a word, or a
# currency sign. Offsets are relative to the text the tokens come from.
TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(?:[^\W\d_]+|%)?|[^\W\d_]+(?:['’][^\W\d_]+)*|[$£€%]")
_DIGITS = re.compile(r"(\d+(?:,\d{3})*(?:\.\d+)?)([^\W\d_]+|%)?$")

_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
NUMBER_WORDS = frozenset(_SMALL)  # words that may start a written-out number
APPROXIMATE = frozenset(
    {"about", "around", "nearly", "almost", "approximately", "roughly", "some", "over",
     "more", "less", "fewer", "under", "least", "most", "than", "up", "estimated", "just"}
)  # fmt: skip

_CURRENCIES = ("$", "£", "€")
_MONEY_SCALES = {"m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "k": 1e3}
# Unit word -> (dimension, factor to the dimension's base unit).
UNITS: dict[str, tuple[str, float]] = {
    "mm": ("length", 0.001), "millimetres": ("length", 0.001), "millimeters": ("length", 0.001),
    "cm": ("length", 0.01), "centimetres": ("length", 0.01), "centimeters": ("length", 0.01),
    "m": ("length", 1.0), "metres": ("length", 1.0), "meters": ("length", 1.0),
    "metre": ("length", 1.0), "meter": ("length", 1.0), "km": ("length", 1000.0),
    "kilometres": ("length", 1000.0), "kilometers": ("length", 1000.0),
    "inches": ("length", 0.0254), "inch": ("length", 0.0254),
    "ft": ("length", 0.3048), "feet": ("length", 0.3048), "foot": ("length", 0.3048),
    "yards": ("length", 0.9144), "miles": ("length", 1609.344), "mile": ("length", 1609.344),
    "mi": ("length", 1609.344),
    "g": ("mass", 0.001), "grams": ("mass", 0.001), "kg": ("mass", 1.0),
    "kilograms": ("mass", 1.0), "kilos": ("mass", 1.0), "lb": ("mass", 0.4536),
    "lbs": ("mass", 0.4536), "pounds": ("mass", 0.4536), "tons": ("mass", 1000.0),
    "tonnes": ("mass", 1000.0),
    "%": ("percent", 1.0), "percent": ("percent", 1.0), "pct": ("percent", 1.0),
    "$": ("usd", 1.0), "dollars": ("usd", 1.0), "£": ("gbp", 1.0), "€": ("eur", 1.0),
    "seconds": ("time", 1.0), "minutes": ("time", 60.0), "hours": ("time", 3600.0),
    "days": ("time", 86400.0), "weeks": ("time", 604800.0), "months": ("time", 2629800.0),
    "years": ("time", 31557600.0), "year": ("time", 31557600.0), "day": ("time", 86400.0),
    "hour": ("time", 3600.0), "minute": ("time", 60.0), "week": ("time", 604800.0),
    "month": ("time", 2629800.0),
    "mph": ("speed", 1.0), "degrees": ("degrees", 1.0),
}  # fmt: skip


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


@dataclass(frozen=True)
class Quantity:
    """A number read from tokens ``first``..``last`` (inclusive) of a token list."""

    low: float
    high: float  # == low unless a range ("three to 10")
    unit: str  # the canonical unit word, or "" when none
    dimension: str  # "length", "mass" ... or "" (a count)
    approximate: bool  # "about", "nearly", "more than" ...
    first: int
    last: int
    text: str  # the words as written

    @property
    def base(self) -> tuple[float, float]:
        factor = UNITS[self.unit][1] if self.unit in UNITS else 1.0
        return self.low * factor, self.high * factor

    @property
    def is_range(self) -> bool:
        return self.high != self.low

    def contains(self, other: Quantity) -> bool:
        low, high = self.base
        o_low, o_high = other.base
        return low <= o_low and o_high <= high

    def agrees(self, other: Quantity) -> bool:
        """The same amount, allowing for rounding of converted or approximate values."""
        low, high = self.base
        o_low, o_high = other.base
        tolerance = 0.03 if self.dimension and self.unit != other.unit else 1e-9
        return _close(low, o_low, tolerance) and _close(high, o_high, tolerance)


def _close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-12)


def _digits(token: str) -> tuple[float, str] | None:
    match = _DIGITS.match(token)
    if not match:
        return None
    return float(match.group(1).replace(",", "")), (match.group(2) or "").lower()


def _words_value(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """A written-out number starting at token i: (value, index of its last token)."""
    total, current, j = 0.0, 0.0, i
    while j < len(tokens):
        word = tokens[j].lower
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _SCALES and (current or j > i):
            current = max(current, 1.0) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0.0
        elif word == "and" and j > i and j + 1 < len(tokens) and tokens[j + 1].lower in _SMALL:
            pass
        else:
            break
        j += 1
    if j == i:
        return None
    return total + current, j - 1


def _number_at(tokens: list[Token], i: int) -> tuple[float, str, int] | None:
    """(value, glued unit, last token) of a number starting at token i, scales applied."""
    digits = _digits(tokens[i].text) if tokens[i].text[0].isdigit() else None
    if digits is not None:
        value, glued = digits
        last = i
        if glued in _SCALES:
            value, glued = value * _SCALES[glued], ""
        elif not glued and i + 1 < len(tokens) and tokens[i + 1].lower in _SCALES:
            value, last = value * _SCALES[tokens[i + 1].lower], i + 1
        if glued and glued not in UNITS and glued not in _MONEY_SCALES:
            return None  # "5th", "2nd", "911s": not a quantity
        return value, glued, last
    words = _words_value(tokens, i)
    if words is None:
        return None
    return words[0], "", words[1]


def quantity_at(tokens: list[Token], i: int, text: str) -> Quantity | None:
    """The quantity whose number starts at token i, with its range, unit and qualifier."""
    if i > 0 and tokens[i - 1].lower in _SMALL | _SCALES.keys():
        return None  # inside a written number
    number = _number_at(tokens, i)
    if number is None:
        return None
    low, unit, last = number
    high = low
    # A range: "three to 10", "20-30ft", "between 5 and 7".
    if last + 1 < len(tokens):
        gap = text[tokens[last].end : tokens[last + 1].start]
        joined = tokens[last + 1].lower in ("to", "and") or gap.strip() in ("-", "–")
        k = last + 2 if tokens[last + 1].lower in ("to", "and") else last + 1
        if joined and k < len(tokens) and not unit:
            upper = _number_at(tokens, k)
            if upper is not None and upper[0] > low:
                high, unit, last = upper[0], upper[1], upper[2]
    currency = i > 0 and tokens[i - 1].text in _CURRENCIES
    if currency:
        if unit in _MONEY_SCALES:  # "$6.8m", "£2bn"
            low, high = low * _MONEY_SCALES[unit], high * _MONEY_SCALES[unit]
        unit = tokens[i - 1].text
    elif unit and unit not in UNITS:
        unit = ""  # "5k" without a currency: no unit we know
    elif not unit and last + 1 < len(tokens) and tokens[last + 1].lower in UNITS:
        unit = tokens[last + 1].lower
        last += 1
    qualifier = i - 2 if currency else i - 1  # "about $973,000"
    approximate = qualifier >= 0 and tokens[qualifier].lower in APPROXIMATE
    dimension = UNITS[unit][0] if unit in UNITS else ""
    start = (
        tokens[i - 1].start if unit and i > 0 and tokens[i - 1].text == unit else tokens[i].start
    )
    return Quantity(
        low, high, unit, dimension, approximate, i, last, text[start : tokens[last].end]
    )
