"""The daily pass: annual accounts opened once per year of vigência, and
reminders of every open deadline at 30 and 7 days, on the day and overdue,
each once however often the job runs."""

import datetime as dt

import pytest
import time_machine

from civic.notifications.models import Notification
from entities.partnerships.models import (
    Accountability,
    Diligence,
    Partnership,
    Sanction,
)
from entities.partnerships.services.accounts import annual_accounts_create
from entities.partnerships.services.reminders import deadline_reminders_send
from entities.partnerships.tasks import daily_deadlines_pass
from tests.factories.partnerships import PartnershipFactory

from .execution_support import executing, final_accounts, noon, plan, set_status

pytestmark = pytest.mark.django_db
D = dt.date
DEADLINES = "partnerships.deadlines"


def reminders(person):
    return Notification.objects.filter(recipient=person, kind=DEADLINES)


def test_the_daily_pass_is_in_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "partnerships.daily_deadlines_pass" in tasks


def test_annual_accounts_once_per_year(entity, gestor, representative):
    partnership = executing(
        PartnershipFactory(
            entity=entity,
            gestor=gestor,
            starts_on=D(2026, 3, 1),
            ends_on=D(2029, 2, 28),
        )
    )
    assert annual_accounts_create(D(2027, 2, 28)) == 0
    assert annual_accounts_create(D(2027, 3, 1)) == 1
    assert annual_accounts_create(D(2027, 3, 1)) == 0
    assert annual_accounts_create(D(2028, 6, 1)) == 1
    annual = partnership.accountabilities.order_by("period_ends_on")
    assert [(a.kind, a.period_ends_on, a.due_on) for a in annual] == [
        ("anual", D(2027, 3, 1), D(2027, 3, 31)),
        ("anual", D(2028, 3, 1), D(2028, 3, 31)),
    ]
    assert (
        Notification.objects.filter(
            recipient=representative, key__startswith="accountability-log:"
        ).count()
        == 2
    )


def test_no_annual_accounts_outside_execution(entity):
    for status in (Partnership.Status.SIGNED, Partnership.Status.ENDED):
        partnership = PartnershipFactory(
            entity=entity, starts_on=D(2024, 1, 1), ends_on=D(2027, 1, 1)
        )
        set_status(plan(partnership), status)
    assert annual_accounts_create(D(2026, 6, 1)) == 0


@pytest.fixture
def accounts(partnership):
    set_status(plan(partnership), Partnership.Status.ENDED)
    return final_accounts(partnership)


@pytest.mark.parametrize(
    ("days_before", "milestone"),
    [(31, None), (30, "30"), (8, "30"), (7, "7"), (1, "7"), (0, "0"), (-1, "overdue")],
)
def test_presentation_reminders(
    accounts, representative, gestor, staff_user, days_before, milestone
):
    today = accounts.due_on - dt.timedelta(days=days_before)
    with time_machine.travel(noon(today), tick=False):
        deadline_reminders_send()
        deadline_reminders_send()  # a job that runs twice does no harm
    key = f"deadline-accountability-{accounts.pk}-{accounts.due_on.isoformat()}-{milestone}"
    if milestone is None:
        assert not reminders(representative).exists()
        return
    for person in (representative, gestor):
        assert list(reminders(person).values_list("key", flat=True)) == [key]
    assert not reminders(staff_user).exists()


def test_a_whole_period_sends_four_reminders(accounts, representative):
    day = accounts.due_on - dt.timedelta(days=40)
    while day <= accounts.due_on + dt.timedelta(days=10):
        with time_machine.travel(noon(day), tick=False):
            daily_deadlines_pass()
            daily_deadlines_pass()
        day += dt.timedelta(days=1)
    milestones = sorted(
        k.rsplit("-", 1)[1]
        for k in reminders(representative).values_list("key", flat=True)
    )
    assert milestones == ["0", "30", "7", "overdue"]


def test_an_extension_starts_new_reminders(accounts, representative):
    with time_machine.travel(noon(accounts.due_on), tick=False):
        deadline_reminders_send()
    Accountability.objects.filter(pk=accounts.pk).update(
        due_on=accounts.due_on + dt.timedelta(days=30), due_extended=True
    )
    with time_machine.travel(noon(accounts.due_on), tick=False):
        deadline_reminders_send()
    assert reminders(representative).count() == 2


def test_presented_accounts_remind_the_analysis(accounts, representative):
    Accountability.objects.filter(pk=accounts.pk).update(
        status=Accountability.Status.PRESENTED,
        presented_on=D(2027, 1, 1),
        analysis_due_on=D(2027, 6, 1),
    )
    with time_machine.travel(noon(D(2027, 6, 2)), tick=False):
        deadline_reminders_send()
    assert (
        reminders(representative).get().key
        == f"deadline-analysis-{accounts.pk}-2027-06-01-overdue"
    )


def test_diligence_and_defence_reminders(accounts, representative, gestor, entity):
    Accountability.objects.filter(pk=accounts.pk).update(
        status=Accountability.Status.DILIGENCE
    )
    diligence = Diligence.objects.create(
        accountability=accounts,
        issued_on=D(2027, 1, 1),
        due_on=D(2027, 2, 15),
        request="x",
    )
    sanction = Sanction.objects.create(
        entity=entity,
        partnership=accounts.partnership,
        kind=Sanction.Kind.WARNING,
        grounds="x",
        defence_opened_on=D(2027, 2, 5),
        defence_due_on=D(2027, 2, 15),
    )
    with time_machine.travel(noon(D(2027, 2, 8)), tick=False):
        deadline_reminders_send()
    keys = set(reminders(gestor).values_list("key", flat=True))
    assert f"deadline-diligence-{diligence.pk}-2027-02-15-7" in keys
    assert f"deadline-sanction-{sanction.pk}-2027-02-15-7" in keys
    Diligence.objects.filter(pk=diligence.pk).update(answered_on=D(2027, 2, 9))
    Sanction.objects.filter(pk=sanction.pk).update(defence_submitted_on=D(2027, 2, 9))
    with time_machine.travel(noon(D(2027, 2, 15)), tick=False):
        deadline_reminders_send()
    keys = set(reminders(representative).values_list("key", flat=True))
    assert not any(
        k.endswith("-0") and ("diligence" in k or "sanction" in k) for k in keys
    )


def test_decided_accounts_are_not_reminded(accounts, representative):
    Accountability.objects.filter(pk=accounts.pk).update(
        status=Accountability.Status.REGULAR
    )
    with time_machine.travel(noon(accounts.due_on), tick=False):
        assert deadline_reminders_send() == 0
    assert not reminders(representative).exists()
