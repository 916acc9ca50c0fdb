"""The registry's Celery entry points: the daily pass (regularity as dates pass,
expiry and renewal reminders) and invitations queued before the outbox."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from civic.notifications.models import EmailDelivery, Notification
from entities import services
from entities.models import Entity, Invitation
from entities.models.documents import REQUIREMENTS
from entities.tasks import daily_registry_pass, send_invitation
from tests.factories.entities import DocumentFactory

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("America/Sao_Paulo")
EXPIRES = dt.date(2026, 6, 30)
EXPIRY_KIND = "entities.document_expiring"
RENEWAL_KIND = "entities.renewal_due"


def on_day(day: dt.date, hour: int = 3) -> dt.datetime:
    """The moment the beat job runs on `day` (03:00 in Betim)."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def days_before(n: int) -> dt.date:
    return EXPIRES - dt.timedelta(days=n)


@pytest.fixture
def run_pass(django_capture_on_commit_callbacks):
    """Run the daily pass as the beat would on a given day, side effects included."""

    def run(day: dt.date, hour: int = 3) -> dict:
        with (
            time_machine.travel(on_day(day, hour), tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return daily_registry_pass()

    return run


@pytest.fixture
def regular_entity(entity, representative):
    """An entity with every document current; the federal certidão expires on
    EXPIRES, the others much later."""
    for doc_type, requirement in REQUIREMENTS.items():
        expires = None
        if requirement.needs_expiry:
            expires = (
                EXPIRES
                if doc_type == "cnd_federal"
                else EXPIRES + dt.timedelta(days=365)
            )
        DocumentFactory(
            entity=entity,
            doc_type=doc_type,
            issued_on=dt.date(2026, 1, 5),
            expires_on=expires,
        )
    services.regularity_refresh(entity, today=dt.date(2026, 1, 5))
    entity.refresh_from_db()
    assert entity.regularity == "regular"
    return entity


def reminder_keys():
    return sorted(
        Notification.objects.filter(kind=EXPIRY_KIND).values_list("key", flat=True)
    )


def thresholds_sent(document):
    prefix = f"document-expiry:{document.pk}:"
    return [k.removeprefix(prefix) for k in reminder_keys() if k.startswith(prefix)]


def federal(entity):
    return entity.documents.current().get(doc_type="cnd_federal")


# Regularity -------------------------------------------------------------------


def test_regularity_turns_expired_the_day_after_expiry(regular_entity, run_pass):
    run_pass(EXPIRES)
    regular_entity.refresh_from_db()
    assert regular_entity.regularity == "regular"

    result = run_pass(EXPIRES + dt.timedelta(days=1))
    regular_entity.refresh_from_db()
    assert regular_entity.regularity == "expired"
    assert result["regularity_changed"] == 1

    # Nothing changes on the next day's run.
    assert run_pass(EXPIRES + dt.timedelta(days=2))["regularity_changed"] == 0


def test_regularity_recovers_after_a_new_version(
    regular_entity, representative, run_pass
):
    run_pass(EXPIRES + dt.timedelta(days=1))
    regular_entity.refresh_from_db()
    assert regular_entity.regularity == "expired"
    from tests.factories.entities import pdf_upload

    with time_machine.travel(on_day(EXPIRES + dt.timedelta(days=2)), tick=False):
        services.document_upload(
            entity=regular_entity,
            doc_type="cnd_federal",
            file=pdf_upload(),
            issued_on=EXPIRES + dt.timedelta(days=2),
            expires_on=EXPIRES + dt.timedelta(days=182),
            by=representative,
        )
    regular_entity.refresh_from_db()
    assert regular_entity.regularity == "regular"


def test_collectives_are_left_alone(entity_factory, run_pass):
    collective = entity_factory(kind=Entity.Kind.COLLECTIVE, cnpj="")
    Entity.objects.filter(pk=collective.pk).update(
        regularity=Entity.Regularity.NOT_APPLICABLE
    )
    run_pass(EXPIRES)
    collective.refresh_from_db()
    assert collective.regularity == Entity.Regularity.NOT_APPLICABLE


# Expiry reminders ---------------------------------------------------------------


def test_reminders_at_30_7_and_0_days_each_once(
    regular_entity, representative, run_pass, mailoutbox
):
    document = federal(regular_entity)
    for n in range(45, -10, -1):
        day = days_before(n)
        run_pass(day)
        run_pass(day, hour=15)  # a duplicate beat run the same day
    assert thresholds_sent(document) == ["0d", "30d", "7d"]
    assert [m.to[0] for m in mailoutbox] == [representative.email] * 3


@pytest.mark.parametrize(
    ("run_days", "expected"),
    [
        ([31], []),
        ([30], ["30d"]),
        # The job was down on day 30: the first run after it still reminds.
        ([28], ["30d"]),
        ([28, 27, 20, 8], ["30d"]),
        ([28, 7], ["30d", "7d"]),
        # Down from day 30 to day 6: only the most urgent reminder is sent.
        ([6], ["7d"]),
        ([6, 1], ["7d"]),
        ([6, 0], ["0d", "7d"]),
        # Discovered two days after expiry: one last reminder.
        ([-2], ["0d"]),
        # Long expired: no more reminders.
        ([-30], []),
    ],
)
def test_late_or_irregular_runs_remind_once_per_threshold(
    regular_entity, run_pass, run_days, expected
):
    document = federal(regular_entity)
    for n in run_days:
        run_pass(days_before(n))
        run_pass(days_before(n))
    assert thresholds_sent(document) == expected


def test_the_reminder_email_says_what_and_where(
    regular_entity, representative, run_pass, mailoutbox
):
    run_pass(days_before(30))
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "30/06/2026" in body
    assert str(REQUIREMENTS["cnd_federal"].issuer) in body
    assert REQUIREMENTS["cnd_federal"].issuer_url in body


def test_no_reminders_for_superseded_versions(regular_entity, representative, run_pass):
    old = federal(regular_entity)
    from tests.factories.entities import pdf_upload

    with time_machine.travel(on_day(days_before(40)), tick=False):
        new = services.document_upload(
            entity=regular_entity,
            doc_type="cnd_federal",
            file=pdf_upload(),
            issued_on=days_before(40),
            expires_on=EXPIRES + dt.timedelta(days=180),
            by=representative,
        )
    for n in (30, 7, 0):
        run_pass(days_before(n))
    assert thresholds_sent(old) == []
    assert thresholds_sent(new) == []


def test_no_reminders_without_representatives(regular_entity, representative, run_pass):
    regular_entity.representatives.all().delete()
    run_pass(days_before(30))
    assert reminder_keys() == []


def test_no_reminders_for_rejected_entities(regular_entity, run_pass):
    Entity.objects.filter(pk=regular_entity.pk).update(status=Entity.Status.REJECTED)
    run_pass(days_before(7))
    assert reminder_keys() == []


def test_every_representative_is_reminded(
    regular_entity, representative, user_factory, run_pass, mailoutbox
):
    from tests.factories.entities import RepresentativeFactory

    other = user_factory()
    RepresentativeFactory(entity=regular_entity, user=other, is_primary=False)
    run_pass(days_before(7))
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [representative.email, other.email]
    )


# Renewal reminders -------------------------------------------------------------


def approve(entity, staff_user, when):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUBMITTED)
    with time_machine.travel(when, tick=False):
        services.entity_transition(
            entity_id=entity.pk, action="approve", actor=staff_user
        )
    entity.refresh_from_db()
    return entity


def test_renewal_reminder_once_per_cycle(
    entity, representative, staff_user, run_pass, mailoutbox
):
    approve(entity, staff_user, on_day(dt.date(2026, 2, 1), 10))
    assert entity.renewal_due_on == dt.date(2027, 2, 1)

    run_pass(dt.date(2026, 12, 1))
    assert not Notification.objects.filter(kind=RENEWAL_KIND).exists()

    for day in (dt.date(2027, 1, 2), dt.date(2027, 1, 2), dt.date(2027, 1, 20)):
        run_pass(day)
    # Overdue: still only the one reminder of this cycle.
    run_pass(dt.date(2027, 2, 10))
    keys = list(
        Notification.objects.filter(kind=RENEWAL_KIND).values_list("key", flat=True)
    )
    assert keys == [f"renewal:{entity.pk}:2027-02-01"]
    assert [m.to[0] for m in mailoutbox] == [representative.email]

    # The representative confirms; the next cycle has its own reminder.
    with time_machine.travel(on_day(dt.date(2027, 2, 11), 10), tick=False):
        services.entity_confirm_data(entity=entity, by=representative)
    assert entity.renewal_due_on == dt.date(2028, 2, 11)
    run_pass(dt.date(2027, 3, 1))
    run_pass(dt.date(2028, 1, 15))
    run_pass(dt.date(2028, 1, 16))
    keys = sorted(
        Notification.objects.filter(kind=RENEWAL_KIND).values_list("key", flat=True)
    )
    assert keys == [
        f"renewal:{entity.pk}:2027-02-01",
        f"renewal:{entity.pk}:2028-02-11",
    ]


def test_no_renewal_reminder_unless_approved(
    entity, representative, staff_user, run_pass
):
    approve(entity, staff_user, on_day(dt.date(2026, 2, 1), 10))
    services.entity_transition(
        entity_id=entity.pk, action="suspend", actor=staff_user, note="Irregular."
    )
    run_pass(dt.date(2027, 1, 20))
    assert not Notification.objects.filter(kind=RENEWAL_KIND).exists()


# Invitations queued before the outbox -----------------------------------------


@pytest.fixture
def legacy_invitation(entity, representative):
    """An invitation created by the release before the outbox: no outbox row yet."""
    return Invitation.objects.create(
        entity=entity, email="convidada@example.org", invited_by=representative
    )


def test_a_legacy_message_hands_the_invitation_to_the_outbox_once(
    legacy_invitation, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send_invitation(legacy_invitation.pk) is True
        assert send_invitation(legacy_invitation.pk) is True  # a redelivery
    assert [m.to for m in mailoutbox] == [["convidada@example.org"]]
    delivery = EmailDelivery.objects.get()
    assert delivery.notification.key == f"invitation:{legacy_invitation.pk}:1"
    assert delivery.status == "sent"


def test_a_legacy_message_skips_closed_invitations(
    legacy_invitation, representative, settings
):
    services.invitation_revoke(invitation=legacy_invitation, by=representative)
    assert send_invitation(legacy_invitation.pk) is False
    fresh = Invitation.objects.create(
        entity=legacy_invitation.entity, email="outra@example.org"
    )
    later = timezone.now() + dt.timedelta(days=settings.ENTITIES_INVITATION_DAYS + 1)
    with time_machine.travel(later):
        assert send_invitation(fresh.pk) is False
    assert send_invitation(999_999) is False
    assert not EmailDelivery.objects.exists()
