"""Every legal period of a partnership's life as a pure function of dates.

Deadlines are computed due dates that people act on (never silent automatic
transitions); the services store them when the period starts, so a later
change of settings never moves a deadline someone is already working to.
Each period is a setting with the legal value as its default
(civic/settings/domain.py).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

OVERDUE = "overdue"


def _days(value: int) -> dt.timedelta:
    return dt.timedelta(days=value)


def final_accounts_due(ends_on: dt.date) -> dt.date:
    """Lei 13.019 art. 69: final accounts within 90 days of the end of the vigência."""
    return ends_on + _days(settings.PARTNERSHIPS_ACCOUNTS_DAYS)


def annual_accounts_due(period_ends_on: dt.date) -> dt.date:
    """Art. 49 and 67 §2: annual accounts after each 12-month period."""
    return period_ends_on + _days(settings.PARTNERSHIPS_ANNUAL_ACCOUNTS_DAYS)


def presentation_extended(due_on: dt.date) -> dt.date:
    """Art. 69 §4: the presentation may be extended once, justified, by 30 days."""
    return due_on + _days(settings.PARTNERSHIPS_ACCOUNTS_EXTENSION_DAYS)


def analysis_due(presented_on: dt.date) -> dt.date:
    """Art. 71: the administration decides within 150 days of the presentation."""
    return presented_on + _days(settings.PARTNERSHIPS_ANALYSIS_DAYS)


def analysis_extended(analysis_due_on: dt.date) -> dt.date:
    """Art. 71 §1: the analysis may be extended once, justified, by 150 days."""
    return analysis_due_on + _days(settings.PARTNERSHIPS_ANALYSIS_EXTENSION_DAYS)


def diligence_due(issued_on: dt.date) -> dt.date:
    """Art. 70 §1: the entity has 45 days to fix what a diligência asks."""
    return issued_on + _days(settings.PARTNERSHIPS_DILIGENCE_DAYS)


def diligence_extended(due_on: dt.date) -> dt.date:
    """Art. 70 §1: once more, by 45 days."""
    return due_on + _days(settings.PARTNERSHIPS_DILIGENCE_EXTENSION_DAYS)


def defence_due(opened_on: dt.date) -> dt.date:
    """Art. 73 §1: ten days of defence from the opening of the file."""
    return opened_on + _days(settings.PARTNERSHIPS_DEFENCE_DAYS)


def suspension_latest_end(starts_on: dt.date) -> dt.date:
    """Art. 73 II: a suspension lasts at most two years."""
    return starts_on + _days(settings.PARTNERSHIPS_SUSPENSION_MAX_DAYS)


def rescission_earliest(notice_on: dt.date) -> dt.date:
    """Art. 42 XVI: rescission after at least 60 days' notice."""
    return notice_on + _days(settings.PARTNERSHIPS_RESCISSION_NOTICE_DAYS)


def extension_request_last_day(ends_on: dt.date) -> dt.date:
    """Art. 55: the entity asks for an extension at least 30 days before the end."""
    return ends_on - _days(settings.PARTNERSHIPS_EXTENSION_MIN_DAYS)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def anniversaries(
    starts_on: dt.date, ends_on: dt.date, today: dt.date
) -> list[dt.date]:
    """The ends of each full year of vigência that have passed by `today` and
    fall before its end (the final accounts cover the last period)."""
    found = []
    year = 1
    while True:
        day = add_years(starts_on, year)
        if day >= ends_on or day > today:
            return found
        found.append(day)
        year += 1


def reminder_milestone(due_on: dt.date, today: dt.date) -> str | None:
    """Which reminder is owed today for a deadline: the latest of 30 and 7
    days before and the day itself that has been reached ("30", "7", "0"),
    "overdue" after it, None before the first. A job that missed a day sends
    only the current one; the notification key makes each one go once."""
    if today > due_on:
        return OVERDUE
    left = (due_on - today).days
    reached = [days for days in settings.PARTNERSHIPS_REMINDER_DAYS if left <= days]
    return str(min(reached)) if reached else None
