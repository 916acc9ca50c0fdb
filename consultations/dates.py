"""Dates as people in Betim read them: “quinta-feira, 17 de dezembro de 2026,
das 19h às 21h”, in Betim's time zone and the active language. Shared by the
event pages and the emails, so both say the same thing.

Django's Portuguese month and weekday names are capitalised (“Janeiro”), but
Portuguese writes them in lower case inside a sentence.
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils import formats, timezone, translation
from django.utils.translation import gettext


def local(value: datetime) -> datetime:
    return timezone.localtime(value, timezone.get_default_timezone())


def _portuguese() -> bool:
    return (translation.get_language() or "").startswith("pt")


def long_day(value: date | datetime) -> str:
    """“quinta-feira, 17 de dezembro de 2026”."""
    moment = local(value) if isinstance(value, datetime) else value
    weekday = formats.date_format(moment, "l")
    month = formats.date_format(moment, "F")
    if _portuguese():
        weekday, month = weekday.lower(), month.lower()
    return gettext("%(weekday)s, %(day)s de %(month)s de %(year)s") % {
        "weekday": weekday,
        "day": moment.day,
        "month": month,
        "year": moment.year,
    }


def hour(value: datetime) -> str:
    """“19h”, “19h30”."""
    moment = local(value)
    if not _portuguese():
        return formats.time_format(moment, "TIME_FORMAT")
    return f"{moment.hour}h{moment.minute:02d}" if moment.minute else f"{moment.hour}h"


def schedule(starts_at: datetime, ends_at: datetime) -> str:
    """“quinta-feira, 17 de dezembro de 2026, das 19h às 21h”."""
    if local(starts_at).date() == local(ends_at).date():
        return gettext("%(day)s, das %(start)s às %(end)s") % {
            "day": long_day(starts_at),
            "start": hour(starts_at),
            "end": hour(ends_at),
        }
    return gettext("de %(start_day)s, %(start)s, a %(end_day)s, %(end)s") % {
        "start_day": long_day(starts_at),
        "start": hour(starts_at),
        "end_day": long_day(ends_at),
        "end": hour(ends_at),
    }
