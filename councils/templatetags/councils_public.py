"""Template filters of the councils' public pages."""

from django import template

from ..presentation import public_name as _public_name

register = template.Library()


@register.filter
def public_name(person) -> str:
    """A councillor's public name (never email, CPF or phone)."""
    return _public_name(person)
