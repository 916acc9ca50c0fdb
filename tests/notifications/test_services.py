from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from civic.notifications import notify
from civic.notifications.choices import DeliveryStatus, EmailMode
from civic.notifications.models import (
    EmailDelivery,
    Notification,
    NotificationPreference,
)
from civic.notifications.registry import UnknownKind
from civic.notifications.services import (
    delivery_retry,
    notification_mark_read,
    notifications_mark_all_read,
    preferences_of,
    preferences_set,
)
from tests.notifications.backends import CountingBackend

pytestmark = pytest.mark.django_db


def test_notify_writes_a_notification_and_an_email(
    user, kind, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = notify([user], kind.slug, {"first_name": "Ana"}, key="k1", url="/x/")

    assert [n.recipient_id for n in result] == [user.pk]
    notification = Notification.objects.get()
    assert (notification.kind, notification.key, notification.url) == (
        kind.slug,
        "k1",
        "/x/",
    )
    assert notification.context == {"first_name": "Ana"}
    assert notification.read_at is None
    delivery = EmailDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None
    assert delivery.message_id.startswith("<")
    assert [m.to for m in outbox] == [[user.email]]


def test_notify_twice_with_the_same_key_is_one_notification_and_one_email(
    user, kind, outbox, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            result = notify([user], kind.slug, {}, key="same")
        assert len(result) == 1

    assert Notification.objects.count() == 1
    assert EmailDelivery.objects.count() == 1
    assert len(outbox) == 1


def test_same_key_for_another_kind_or_person_is_a_new_notification(
    user_factory, kind, digest_kind
):
    a, b = user_factory(), user_factory()
    notify([a], kind.slug, {}, key="same")
    notify([a], digest_kind.slug, {}, key="same")
    notify([b], kind.slug, {}, key="same")
    assert Notification.objects.count() == 3


def test_repeat_call_never_mails_an_old_notification_after_a_preference_change(
    user, kind, outbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=user, kind=kind.slug, email_mode="off")
    notify([user], kind.slug, {}, key="k")
    NotificationPreference.objects.filter(user=user).update(email_mode="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], kind.slug, {}, key="k")
    assert EmailDelivery.objects.count() == 0
    assert outbox == []


@pytest.mark.parametrize(
    ("mode", "status", "emails"),
    [
        (EmailMode.OFF, None, 0),
        (EmailMode.DAILY, DeliveryStatus.WAITING_DIGEST, 0),
        (EmailMode.IMMEDIATE, DeliveryStatus.SENT, 1),
    ],
)
def test_preferences_are_respected(
    user, kind, outbox, django_capture_on_commit_callbacks, mode, status, emails
):
    NotificationPreference.objects.create(user=user, kind=kind.slug, email_mode=mode)
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], kind.slug, {}, key="k")

    assert Notification.objects.filter(recipient=user).count() == 1  # in-app always
    assert list(EmailDelivery.objects.values_list("status", flat=True)) == (
        [status] if status else []
    )
    assert len(outbox) == emails


def test_kind_default_applies_without_a_preference_row(
    user, digest_kind, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify([user], digest_kind.slug, {}, key="k")
    assert EmailDelivery.objects.get().status == DeliveryStatus.WAITING_DIGEST
    assert outbox == []


def test_unverified_email_gets_in_app_only(
    user_factory, kind, outbox, django_capture_on_commit_callbacks
):
    person = user_factory(verified_email=False)
    EmailAddress.objects.create(
        user=person, email=person.email, primary=True, verified=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify([person], kind.slug, {}, key="k")
    assert Notification.objects.filter(recipient=person).exists()
    assert not EmailDelivery.objects.exists()
    assert outbox == []


@pytest.mark.parametrize(
    "attrs",
    [{"is_active": False}, {"deleted_at": timezone.now()}],
    ids=["inactive", "erased"],
)
def test_inactive_or_erased_accounts_are_not_notified(
    user_factory, kind, outbox, django_capture_on_commit_callbacks, attrs
):
    person = user_factory(**attrs)
    with django_capture_on_commit_callbacks(execute=True):
        result = notify([person], kind.slug, {}, key="k")
    assert result == []
    assert not Notification.objects.exists()
    assert outbox == []


def _notify_then_fail(user, kind):
    with transaction.atomic():
        notify([user], kind.slug, {}, key="k")
        raise RuntimeError("a domain rule failed after notify")


def test_rollback_sends_nothing_and_queues_nothing(
    user, kind, outbox, django_capture_on_commit_callbacks
):
    with (
        mock.patch("civic.notifications.tasks.deliver_emails.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        with pytest.raises(RuntimeError):
            _notify_then_fail(user, kind)

    assert callbacks == []
    delay.assert_not_called()
    assert not Notification.objects.exists()
    assert not EmailDelivery.objects.exists()
    assert outbox == []


def test_nothing_is_queued_before_commit(user, kind):
    with mock.patch("civic.notifications.tasks.deliver_emails.delay") as delay:
        notify([user], kind.slug, {}, key="k")  # the test transaction never commits
    delay.assert_not_called()


def test_future_reminder_is_hidden_and_not_queued(
    user, kind, outbox, django_capture_on_commit_callbacks
):
    due = timezone.now() + timedelta(days=1)
    with (
        mock.patch("civic.notifications.tasks.deliver_emails.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        notify([user], kind.slug, {}, key="reminder", due_at=due)

    assert callbacks == []
    delay.assert_not_called()
    delivery = EmailDelivery.objects.get()
    assert (delivery.status, delivery.due_at, delivery.queued_at) == (
        DeliveryStatus.PENDING,
        due,
        None,
    )
    assert not Notification.objects.visible().exists()


def test_fan_out_is_chunked_into_tasks_with_one_connection_each(
    user_factory, kind, outbox, django_capture_on_commit_callbacks
):
    people = user_factory.create_batch(250)
    from civic.notifications import tasks

    with (
        mock.patch.object(
            tasks.deliver_emails, "delay", wraps=tasks.deliver_emails.delay
        ) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(people, kind.slug, {}, key="announcement:1")

    sizes = [len(call.args[0]) for call in delay.call_args_list]
    assert sizes == [100, 100, 50]
    assert CountingBackend.opened == 3
    assert len(outbox) == 250
    assert len({m.extra_headers["Message-ID"] for m in outbox}) == 250


def test_fan_out_accepts_ids_and_querysets_and_deduplicates(user_factory, kind):
    a, b = user_factory(), user_factory()
    from civic.accounts.models import User

    result = notify(
        [a.pk, a, User.objects.filter(pk=b.pk).get()], kind.slug, {}, key="k"
    )
    assert sorted(n.recipient_id for n in result) == sorted([a.pk, b.pk])
    result = notify(User.objects.filter(pk__in=[a.pk, b.pk]), kind.slug, {}, key="k2")
    assert len(result) == 2


def test_unknown_kind_is_refused(user):
    with pytest.raises(UnknownKind):
        notify([user], "nobody.registered", {}, key="k")


@pytest.mark.parametrize(
    "payload",
    [
        {"when": timezone.now()},
        {"user": object()},
        {1: "x"},
        {"nested": [{"d": {1, 2}}]},
    ],
)
def test_context_must_be_json_primitives(user, kind, payload):
    with pytest.raises(TypeError):
        notify([user], kind.slug, payload, key="k")


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "relative"],
)
def test_url_must_be_local(user, kind, url):
    with pytest.raises(ValueError, match="local path"):
        notify([user], kind.slug, {}, key="k", url=url)


def test_key_is_required(user, kind):
    with pytest.raises(ValueError, match="key"):
        notify([user], kind.slug, {}, key="")


def test_mark_read_keeps_the_first_time(user, kind):
    (notification,) = notify([user], kind.slug, {}, key="k")
    notification_mark_read(notification=notification)
    first = Notification.objects.get().read_at
    assert first is not None
    notification_mark_read(notification=Notification.objects.get())
    assert Notification.objects.get().read_at == first


def test_mark_all_read_touches_only_own_visible_notifications(user_factory, kind):
    me, other = user_factory(), user_factory()
    notify([me, other], kind.slug, {}, key="a")
    notify(
        [me], kind.slug, {}, key="future", due_at=timezone.now() + timedelta(hours=1)
    )
    assert notifications_mark_all_read(user=me) == 1
    assert (
        Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1
    )
    assert Notification.objects.get(key="future").read_at is None


def test_preferences_set_and_read_back(user, kind, digest_kind):
    assert preferences_of(user)[kind.slug] == EmailMode.IMMEDIATE
    assert preferences_of(user)[digest_kind.slug] == EmailMode.DAILY
    changed = preferences_set(
        user=user, modes={kind.slug: EmailMode.OFF, digest_kind.slug: EmailMode.DAILY}
    )
    assert changed == [kind.slug]
    assert preferences_of(user)[kind.slug] == EmailMode.OFF
    with pytest.raises(ValueError, match="mode"):
        preferences_set(user=user, modes={kind.slug: "weekly"})


def test_delivery_retry_needs_the_permission(user, kind):
    notify([user], kind.slug, {}, key="k")
    delivery = EmailDelivery.objects.get()
    with pytest.raises(PermissionDenied):
        delivery_retry(delivery_id=delivery.pk, by=user)


def test_delivery_retry_requeues_failed_rows_only(
    user, superuser, kind, outbox, django_capture_on_commit_callbacks
):
    notify([user], kind.slug, {}, key="k")
    delivery = EmailDelivery.objects.get()
    assert delivery_retry(delivery_id=delivery.pk, by=superuser) is False  # pending
    EmailDelivery.objects.update(status=DeliveryStatus.FAILED, last_error="boom")
    with django_capture_on_commit_callbacks(execute=True):
        assert delivery_retry(delivery_id=delivery.pk, by=superuser) is True
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert len(outbox) == 1
