"""`{{ event|schedule }}`: when an event happens, written out (consultations/dates.py)."""

from django import template

from .. import dates

register = template.Library()


@register.filter
def schedule(event) -> str:
    return dates.schedule(event.starts_at, event.ends_at)
