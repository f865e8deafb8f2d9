"""Amounts in Swedish formats."""
import pytest

from insatsmining.money import parse_amount, unit_from_header


@pytest.mark.parametrize("raw,sek", [
    ("1 250 000", 1_250_000), ("850 tkr", 850_000), ("1,2 mnkr", 1_200_000), ("400000 kr", 400_000),
    ("0,75 MSEK", 750_000), ("2 300,5 tkr", 2_300_500), ("1.250.000", 1_250_000), (5000, 5000),
    ("1\u00a0234,5", 1234.5), ("3 mkr", 3_000_000),
])
def test_parse_amount(raw, sek):
    assert parse_amount(raw) == pytest.approx(sek)


def test_header_unit_applies_to_bare_numbers():
    assert unit_from_header("Belopp (tkr)") == 1000
    assert parse_amount("120", unit_from_header("Belopp (tkr)")) == 120_000
    assert parse_amount("120 kr", 1000) == 120


@pytest.mark.parametrize("raw", [None, "", float("nan")])
def test_empty_amount_is_none(raw):
    assert parse_amount(raw) is None


@pytest.mark.parametrize("raw", ["ungefär mycket", "12 apelsiner"])
def test_unreadable_amount_raises(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)
