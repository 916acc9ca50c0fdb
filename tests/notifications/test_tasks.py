from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from civic.notifications import notify, tasks
from civic.notifications.choices import DeliveryStatus, EmailMode
from civic.notifications.models import Digest, EmailDelivery, NotificationPreference
from tests.notifications.backends import BrokenBackend, CountingBackend, FlakyBackend

pytestmark = pytest.mark.django_db
SP = ZoneInfo("America/Sao_Paulo")


def _pending(user, kind, key="k", **kwargs):
    """A notification whose email is owed but not yet sent (no commit in tests)."""
    notify([user], kind.slug, {"first_name": "Ana"}, key=key, **kwargs)
    return EmailDelivery.objects.get(notification__key=key, recipient=user)


# deliver_emails ---------------------------------------------------------------


def test_deliver_sends_and_records(user, kind, outbox):
    delivery = _pending(user, kind)
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 1
    assert delivery.message_id == outbox[0].extra_headers["Message-ID"]
    assert CountingBackend.opened == 1


def test_second_deliver_of_the_same_id_sends_nothing(user, kind, outbox):
    delivery = _pending(user, kind)
    tasks.deliver_emails.delay([delivery.pk])
    tasks.deliver_emails.delay([delivery.pk])
    tasks.deliver_emails.delay([delivery.pk, delivery.pk])
    assert len(outbox) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 1


def test_deliver_opens_no_connection_when_nothing_is_owed(user, kind, outbox):
    delivery = _pending(user, kind)
    EmailDelivery.objects.update(status=DeliveryStatus.SENT)
    tasks.deliver_emails.delay([delivery.pk, 999_999])
    assert CountingBackend.opened == 0
    assert outbox == []


def test_flaky_smtp_is_retried_until_sent(user, kind, settings, eager_retries):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    mail.outbox = []
    delivery = _pending(user, kind)
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 3
    assert delivery.last_error == ""
    assert FlakyBackend.calls == 3
    assert len(mail.outbox) == 1


def test_always_failing_smtp_ends_failed_with_the_error(
    user, kind, settings, eager_retries
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.BrokenBackend"
    settings.NOTIFICATIONS_MAX_RETRIES = 3
    delivery = _pending(user, kind)
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == 4  # the first try and 3 retries
    assert "550 caixa indisponível" in delivery.last_error
    assert "SMTPException" in delivery.last_error
    assert BrokenBackend.calls == 4


def test_retry_uses_exponential_backoff_with_jitter(
    user, kind, settings, eager_retries
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.failures = 1
    delivery = _pending(user, kind)
    with mock.patch.object(
        tasks.deliver_emails, "retry", wraps=tasks.deliver_emails.retry
    ) as retry:
        tasks.deliver_emails.delay([delivery.pk])
    (call,) = retry.call_args_list
    assert call.kwargs["args"] == [[delivery.pk]]
    assert 0 <= call.kwargs["countdown"] <= tasks.RETRY_BACKOFF_SECONDS
    assert call.kwargs["max_retries"] == settings.NOTIFICATIONS_MAX_RETRIES
    assert tasks._countdown(10) <= tasks.RETRY_BACKOFF_MAX_SECONDS


def test_a_transport_error_defers_the_rest_of_the_batch_then_sends_it(
    user_factory, kind, settings, eager_retries
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.failures = 1
    mail.outbox = []
    people = user_factory.create_batch(3)
    notify(people, kind.slug, {}, key="k")
    ids = list(EmailDelivery.objects.order_by("pk").values_list("pk", flat=True))
    tasks.deliver_emails.delay(ids)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    attempts = dict(EmailDelivery.objects.values_list("pk", "attempts"))
    assert attempts == {ids[0]: 2, ids[1]: 1, ids[2]: 1}


def test_template_errors_fail_at_once_without_retry(user, make_kind, outbox):
    broken = make_kind(
        "testing.broken", template_prefix="testing/emails/does_not_exist"
    )
    notify([user], broken.slug, {}, key="k")
    delivery = EmailDelivery.objects.get()
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert "TemplateDoesNotExist" in delivery.last_error
    assert outbox == []


@pytest.mark.parametrize(
    "change",
    ["preference_off", "inactive", "unverified", "not_relevant"],
)
def test_deliver_rechecks_at_send_time(user, make_kind, outbox, change):
    relevant = {"value": True}
    kind = make_kind("testing.recheck", is_relevant=lambda n: relevant["value"])
    delivery = _pending(user, kind)
    if change == "preference_off":
        NotificationPreference.objects.create(
            user=user, kind=kind.slug, email_mode="off"
        )
    elif change == "inactive":
        type(user).objects.filter(pk=user.pk).update(is_active=False)
    elif change == "unverified":
        user.emailaddress_set.update(verified=False)
    else:
        relevant["value"] = False
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.last_error
    assert outbox == []


# sweep_outbox -----------------------------------------------------------------


def test_sweeper_requeues_stale_pending_rows_only(
    user_factory, kind, outbox, django_capture_on_commit_callbacks
):
    a, b, c = user_factory.create_batch(3)
    with time_machine.travel(timezone.now() - timedelta(minutes=10), tick=False):
        stale = _pending(a, kind, key="stale")  # queued 10 min ago, task lost
    fresh = _pending(b, kind, key="fresh")  # queued just now
    never = _pending(c, kind, key="never")
    EmailDelivery.objects.filter(pk=never.pk).update(queued_at=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_outbox.delay().get() == 2
    statuses = dict(EmailDelivery.objects.values_list("pk", "status"))
    assert statuses == {
        stale.pk: DeliveryStatus.SENT,
        never.pk: DeliveryStatus.SENT,
        fresh.pk: DeliveryStatus.PENDING,
    }


def test_sweeper_picks_reminders_when_due(
    user, kind, outbox, django_capture_on_commit_callbacks
):
    start = timezone.now()
    due = start + timedelta(hours=24)
    delivery = _pending(user, kind, key="reminder:24h", due_at=due)

    with mock.patch.object(tasks.deliver_emails, "delay") as delay:
        with time_machine.travel(due - timedelta(minutes=1), tick=False):
            tasks.sweep_outbox()
        delay.assert_not_called()

    with (
        time_machine.travel(due + timedelta(seconds=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.sweep_outbox() == 1
        assert tasks.sweep_outbox() == 0  # the second run finds nothing to do
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(outbox) == 1


def test_sweeper_leaves_scheduled_retries_alone(user, kind):
    delivery = _pending(user, kind)
    from civic.notifications.delivery.outbox import mark_retry_scheduled

    mark_retry_scheduled([delivery.pk], countdown=240)
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        assert tasks.sweep_outbox() == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=10), tick=False):
        assert tasks.sweep_outbox() == 1


def test_sweeper_chunks_what_it_queues(
    user_factory, kind, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_EMAIL_BATCH_SIZE = 2
    people = user_factory.create_batch(5)
    notify(people, kind.slug, {}, key="k")
    EmailDelivery.objects.update(queued_at=None)
    with (
        mock.patch.object(tasks.deliver_emails, "delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        tasks.sweep_outbox()
    assert [len(c.args[0]) for c in delay.call_args_list] == [2, 2, 1]


# send_daily_digests ----------------------------------------------------------


def _at(day, hour, minute=0):
    return datetime(2026, 3, day, hour, minute, tzinfo=SP)


def _waiting(user, kind, key, when, first_name="Ana"):
    with time_machine.travel(when, tick=False):
        notify([user], kind.slug, {"first_name": first_name}, key=key)


def test_digest_is_one_email_with_every_waiting_notification(user, digest_kind, outbox):
    _waiting(user, digest_kind, "a", _at(9, 10), first_name="Primeira")
    _waiting(user, digest_kind, "b", _at(9, 18), first_name="Segunda")
    with time_machine.travel(_at(10, 7), tick=False):
        tasks.send_daily_digests.delay()

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == [user.email]
    assert "Aviso de teste para Primeira" in message.body
    assert "Aviso de teste para Segunda" in message.body
    html = message.alternatives[0].content
    assert "Aviso de teste para Primeira" in html
    assert "Aviso de teste para Segunda" in html
    assert "List-Unsubscribe" in message.extra_headers
    digest = Digest.objects.get()
    assert (digest.user_id, digest.day.isoformat()) == (user.pk, "2026-03-10")
    assert set(EmailDelivery.objects.values_list("status", "digest_id")) == {
        (DeliveryStatus.SENT, digest.pk)
    }


def test_second_digest_run_the_same_day_sends_nothing(user, digest_kind, outbox):
    _waiting(user, digest_kind, "a", _at(9, 10))
    with time_machine.travel(_at(10, 7), tick=False):
        tasks.send_daily_digests()
        # A late notification, backdated into the window, after the first run:
        _waiting(user, digest_kind, "late", _at(9, 23))
    with time_machine.travel(_at(10, 7, 1), tick=False):
        tasks.send_daily_digests()
    assert len(outbox) == 1
    assert Digest.objects.count() == 1
    late = EmailDelivery.objects.get(notification__key="late")
    assert late.status == DeliveryStatus.WAITING_DIGEST  # goes out tomorrow
    with time_machine.travel(_at(11, 7), tick=False):
        tasks.send_daily_digests()
    assert len(outbox) == 2


def test_empty_digest_is_never_sent(user, digest_kind, outbox):
    _waiting(user, digest_kind, "a", _at(9, 10))
    NotificationPreference.objects.create(
        user=user, kind=digest_kind.slug, email_mode="off"
    )
    with time_machine.travel(_at(10, 7), tick=False):
        tasks.send_daily_digests()
    assert outbox == []
    assert not Digest.objects.exists()
    assert EmailDelivery.objects.get().status == DeliveryStatus.SKIPPED


def test_nobody_waiting_means_no_digest_task(user, digest_kind):
    with (
        time_machine.travel(_at(10, 7), tick=False),
        mock.patch.object(tasks.deliver_digests, "delay") as delay,
    ):
        assert tasks.send_daily_digests() == 0
    delay.assert_not_called()


def test_digest_window_is_the_local_day_in_sao_paulo(user, digest_kind, outbox):
    # 23:59 in Betim on the 9th is already 02:59 UTC on the 10th.
    _waiting(user, digest_kind, "late-evening", _at(9, 23, 59), first_name="Noite")
    _waiting(user, digest_kind, "after-midnight", _at(10, 0, 1), first_name="Madrugada")
    with time_machine.travel(_at(10, 7), tick=False):
        tasks.send_daily_digests()
    assert len(outbox) == 1
    assert "Noite" in outbox[0].body
    assert "Madrugada" not in outbox[0].body
    assert (
        EmailDelivery.objects.get(notification__key="after-midnight").status
        == DeliveryStatus.WAITING_DIGEST
    )


def test_digest_rechecks_that_each_notification_still_exists(user, digest_kind, outbox):
    _waiting(user, digest_kind, "kept", _at(9, 10), first_name="Mantida")
    _waiting(user, digest_kind, "gone", _at(9, 11), first_name="Removida")
    from civic.notifications.models import Notification

    Notification.objects.filter(key="gone").delete()
    with time_machine.travel(_at(10, 7), tick=False):
        tasks.send_daily_digests()
    assert "Mantida" in outbox[0].body
    assert "Removida" not in outbox[0].body


def test_digest_goes_per_person_in_batches(user_factory, digest_kind, outbox, settings):
    settings.NOTIFICATIONS_EMAIL_BATCH_SIZE = 2
    people = user_factory.create_batch(3)
    with time_machine.travel(_at(9, 10), tick=False):
        notify(people, digest_kind.slug, {}, key="k")
    with time_machine.travel(_at(10, 7), tick=False):
        assert tasks.send_daily_digests() == 2
    assert sorted(m.to[0] for m in outbox) == sorted(p.email for p in people)
    assert CountingBackend.opened == 2


def test_digest_retries_smtp_errors_without_a_duplicate(
    user, digest_kind, settings, eager_retries
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    FlakyBackend.failures = 1
    mail.outbox = []
    _waiting(user, digest_kind, "a", _at(9, 10))
    with time_machine.travel(_at(10, 7), tick=False):
        tasks.send_daily_digests()
    assert len(mail.outbox) == 1
    assert Digest.objects.count() == 1
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 2)


def test_digest_mode_user_gets_no_immediate_email(
    user, kind, outbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=user, kind=kind.slug, email_mode=EmailMode.DAILY
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], kind.slug, {}, key="k")
        tasks.sweep_outbox()
    assert outbox == []
    assert EmailDelivery.objects.get().status == DeliveryStatus.WAITING_DIGEST
