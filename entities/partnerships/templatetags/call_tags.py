"""Display helpers of the chamamentos: money in pt-BR and score numbers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def brl(value) -> str:
    """R$ 1.234,56 (empty for None)."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}R$ {groups},{cents}"


@register.filter
def points(value) -> str:
    """A score with a decimal comma (8,50), or a dash."""
    if value is None:
        return "—"
    return f"{Decimal(value):.2f}".replace(".", ",")
