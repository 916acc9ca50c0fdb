"""Small display helpers of the public directory and profile pages."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from civic.accounts.validators import format_phone

from ..models import Entity
from ..presentation import REGULARITY_TAG

register = template.Library()


@register.filter
def phone_display(value: str) -> str:
    """Stored digits as (31) 99999-9999."""
    return format_phone(value) if value else ""


@register.filter
def regularity_tag_class(entity: Entity) -> str:
    """The gov.br tag colour of an entity's regularity."""
    return REGULARITY_TAG.get(entity.regularity, "bg-gray-60")


@register.simple_tag
def select_options(bound_field) -> str:
    """The <option>s (and <optgroup>s) of a choice field, rendered in Python.

    The directory's filters have some 80 options; Django's per-option widget
    templates cost tens of milliseconds per page, this costs well under one.
    """
    selected = str(bound_field.value() or "")
    return mark_safe(  # noqa: S308 (every value and label goes through escape())
        "".join(_options(bound_field.field.choices, selected))
    )


def _options(choices, selected: str):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield f'<optgroup label="{escape(value)}">'
            yield from _options(label, selected)
            yield "</optgroup>"
            continue
        mark = " selected" if str(value) == selected else ""
        yield f'<option value="{escape(value)}"{mark}>{escape(label)}</option>'
