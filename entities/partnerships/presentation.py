"""How partnerships' values read in Betim: money in the Brazilian format."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def brl(value) -> str:
    """`R$ 1.234,56`: reais always in the Brazilian format, whatever the
    interface language, because they are the legal amounts of the termo."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{sign}R$ {'.'.join(groups)},{cents}"
