"""`{{ event|schedule }}`, `{{ day|long_day }}` and `{{ moment|hour }}`: dates written out as people
in Betim read them (consultations/dates.py)."""

from django import template

from .. import dates

register = template.Library()


@register.filter
def schedule(event) -> str:
    return dates.schedule(event.starts_at, event.ends_at)


@register.filter
def long_day(value) -> str:
    return dates.long_day(value)


@register.filter
def hour(value) -> str:
    return dates.hour(value)
