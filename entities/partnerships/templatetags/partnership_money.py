"""`{{ value|brl }}`: reais in the Brazilian format (R$ 1.234,56)."""

from django import template

from ..presentation import brl as format_brl

register = template.Library()


@register.filter
def brl(value) -> str:
    return format_brl(value)
