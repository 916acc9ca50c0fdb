"""Every deadline computation of a partnership, table-driven, with the legal
defaults and with changed settings; and the reminder milestones by day."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from entities.partnerships.services import deadlines

from .execution_support import noon

D = dt.date


@pytest.mark.parametrize(
    ("function", "start", "expected"),
    [
        # art. 69: 90 days to present the final accounts
        (deadlines.final_accounts_due, D(2026, 12, 31), D(2027, 3, 31)),
        (deadlines.final_accounts_due, D(2027, 11, 30), D(2028, 2, 28)),  # leap year
        # + 30 justified (art. 69 §4)
        (deadlines.presentation_extended, D(2027, 3, 31), D(2027, 4, 30)),
        # annual: 30 days after each year
        (deadlines.annual_accounts_due, D(2027, 3, 1), D(2027, 3, 31)),
        # art. 71: 150 + 150
        (deadlines.analysis_due, D(2027, 1, 10), D(2027, 6, 9)),
        (deadlines.analysis_extended, D(2027, 6, 9), D(2027, 11, 6)),
        # art. 70 §1: 45 + 45
        (deadlines.diligence_due, D(2027, 2, 1), D(2027, 3, 18)),
        (deadlines.diligence_extended, D(2027, 3, 18), D(2027, 5, 2)),
        # art. 73 §1: ten days of defence
        (deadlines.defence_due, D(2026, 12, 28), D(2027, 1, 7)),
        # art. 73 II: suspension of at most two years (730 days)
        (
            deadlines.suspension_latest_end,
            D(2027, 1, 1),
            D(2028, 12, 31),
        ),  # 2028 is leap
        # art. 42 XVI: 60 days' notice
        (deadlines.rescission_earliest, D(2027, 1, 1), D(2027, 3, 2)),
        # art. 55: the last day to ask for an extension
        (deadlines.extension_request_last_day, D(2027, 3, 31), D(2027, 3, 1)),
    ],
)
def test_legal_periods(function, start, expected):
    assert function(start) == expected


@pytest.mark.parametrize(
    ("setting", "value", "function", "start", "expected"),
    [
        (
            "PARTNERSHIPS_ACCOUNTS_DAYS",
            60,
            deadlines.final_accounts_due,
            D(2027, 1, 1),
            D(2027, 3, 2),
        ),
        (
            "PARTNERSHIPS_ANALYSIS_DAYS",
            10,
            deadlines.analysis_due,
            D(2027, 1, 1),
            D(2027, 1, 11),
        ),
        (
            "PARTNERSHIPS_DILIGENCE_DAYS",
            30,
            deadlines.diligence_due,
            D(2027, 1, 1),
            D(2027, 1, 31),
        ),
        (
            "PARTNERSHIPS_DEFENCE_DAYS",
            15,
            deadlines.defence_due,
            D(2027, 1, 1),
            D(2027, 1, 16),
        ),
        (
            "PARTNERSHIPS_EXTENSION_MIN_DAYS",
            45,
            deadlines.extension_request_last_day,
            D(2027, 3, 1),
            D(2027, 1, 15),
        ),
    ],
)
def test_each_period_is_a_setting(settings, setting, value, function, start, expected):
    setattr(settings, setting, value)
    assert function(start) == expected


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "today", "expected"),
    [
        (D(2026, 3, 1), D(2027, 2, 28), D(2027, 12, 1), []),  # under a year: final only
        (
            D(2026, 3, 1),
            D(2027, 3, 1),
            D(2027, 12, 1),
            [],
        ),  # exactly a year: final only
        (D(2026, 3, 1), D(2028, 2, 28), D(2027, 2, 28), []),  # not yet a year
        (D(2026, 3, 1), D(2028, 2, 28), D(2027, 3, 1), [D(2027, 3, 1)]),
        (D(2026, 3, 1), D(2029, 3, 1), D(2030, 1, 1), [D(2027, 3, 1), D(2028, 3, 1)]),
        (
            D(2024, 2, 29),
            D(2027, 1, 1),
            D(2026, 6, 1),
            [D(2025, 2, 28), D(2026, 2, 28)],
        ),
    ],
)
def test_annual_periods(starts_on, ends_on, today, expected):
    assert deadlines.anniversaries(starts_on, ends_on, today) == expected


DUE = D(2027, 3, 31)


@pytest.mark.parametrize(
    ("today", "milestone"),
    [
        (D(2027, 2, 27), None),  # 32 days before
        (D(2027, 2, 28), None),  # 31 days before
        (D(2027, 3, 1), "30"),
        (D(2027, 3, 15), "30"),
        (D(2027, 3, 24), "7"),
        (D(2027, 3, 30), "7"),
        (D(2027, 3, 31), "0"),
        (D(2027, 4, 1), "overdue"),
        (D(2028, 1, 1), "overdue"),
    ],
)
def test_reminder_milestones(today, milestone):
    assert deadlines.reminder_milestone(DUE, today) == milestone


@pytest.mark.parametrize(
    ("moment", "local_day"),
    [
        (
            dt.datetime(2027, 3, 31, 2, 30, tzinfo=dt.UTC),
            D(2027, 3, 30),
        ),  # 23:30 in Betim
        (dt.datetime(2027, 3, 31, 3, 30, tzinfo=dt.UTC), D(2027, 3, 31)),
    ],
)
def test_days_are_betim_days(moment, local_day):
    with time_machine.travel(moment, tick=False):
        assert timezone.localdate() == local_day
        assert deadlines.reminder_milestone(DUE, timezone.localdate()) == (
            "7" if local_day < DUE else "0"
        )


def test_noon_is_inside_the_day():
    assert timezone.localdate(noon(DUE)) == DUE
