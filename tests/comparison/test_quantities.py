"""Reading quantities: digits, words, ranges, units, "about"."""

from __future__ import annotations

import pytest

from storydesk.comparison.quantities import quantity_at, tokenize


def _first(text: str):  # type: ignore[no-untyped-def]
    tokens = tokenize(text)
    for i in range(len(tokens)):
        quantity = quantity_at(tokens, i, text)
        if quantity is not None:
            return quantity
    raise AssertionError(f"no quantity in {text!r}")


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "approximate"),
    [
        ("a crack about 40 centimetres long", 40, 40, "centimetres", True),
        ("sentenced to three to 10 years", 3, 10, "years", False),
        ("some 1.2 million people", 1_200_000, 1_200_000, "", True),
        ("forty-five vehicles", 45, 45, "", False),
        ("a fee of $6.8m", 6_800_000, 6_800_000, "$", False),
        ("fell 20-30ft down", 20, 30, "ft", False),
        ("18,000 tons per year", 18_000, 18_000, "tons", False),
    ],
)
def test_quantity_at_reads_value_range_unit(
    text: str, low: float, high: float, unit: str, approximate: bool
) -> None:
    quantity = _first(text)
    assert (quantity.low, quantity.high, quantity.unit, quantity.approximate) == (
        low,
        high,
        unit,
        approximate,
    )


def test_quantity_agrees_across_units() -> None:
    assert _first("40 cm").agrees(_first("16 inches"))  # 40.6 cm: rounding
    assert not _first("40 cm").agrees(_first("45 cm"))


def test_quantity_at_skips_ordinals() -> None:
    assert quantity_at(tokenize("his 34th birthday"), 1, "his 34th birthday") is None
