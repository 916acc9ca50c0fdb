"""Notifications to an email address with no account yet: one outbox, once per key."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from civic.notifications import notify, notify_address, tasks
from civic.notifications.choices import DeliveryStatus
from civic.notifications.forms import PreferencesForm, field_name
from civic.notifications.models import EmailDelivery, Notification
from civic.notifications.registry import UnknownKind
from civic.notifications.selectors import (
    notifications_inbox,
    notifications_unread_count,
)
from civic.notifications.services import preferences_of
from civic.notifications.tokens import make_token
from tests.notifications.backends import BrokenBackend, FlakyBackend

pytestmark = pytest.mark.django_db

ADDRESS = "convidada@example.org"


def _tell(kind, *, key="convite:1", address=ADDRESS, **kwargs):
    return notify_address(
        address, kind.slug, {"first_name": "Ana"}, key=key, url="/convites/x/", **kwargs
    )


def test_written_to_the_outbox_and_sent_on_commit(
    address_kind, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = _tell(address_kind, address="  Convidada@Example.ORG ")
    assert (notification.recipient_id, notification.address) == (None, ADDRESS)
    delivery = EmailDelivery.objects.get()
    assert (delivery.notification, delivery.recipient_id) == (notification, None)
    assert delivery.status == DeliveryStatus.SENT
    (message,) = outbox
    assert message.to == [ADDRESS]
    assert "http://testserver/convites/x/" in message.body


def test_no_link_or_header_that_needs_an_account(address_kind, outbox):
    _tell(address_kind)
    tasks.deliver_emails.delay([EmailDelivery.objects.get().pk])
    (message,) = outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "List-Unsubscribe" not in message.message()
    html = message.alternatives[0].content
    for body in (message.body, html):
        assert "/notificacoes/" not in body
        assert "tem uma conta" not in body
        assert "este endereço foi informado no Participa Betim" in body


def test_always_in_portuguese(address_kind, outbox):
    with translation.override("en"):
        _tell(address_kind)
        tasks.deliver_emails.delay([EmailDelivery.objects.get().pk])
    assert '<html lang="pt-br">' in outbox[0].alternatives[0].content


def test_once_per_address_kind_and_key(
    address_kind, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = _tell(address_kind)
        again = _tell(address_kind, address=ADDRESS.upper())
    assert again.pk == first.pk
    assert EmailDelivery.objects.count() == 1
    assert len(outbox) == 1


def test_a_new_key_sends_again(
    address_kind, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _tell(address_kind, key="convite:1:1")
        _tell(address_kind, key="convite:1:2")
    assert [m.to for m in outbox] == [[ADDRESS], [ADDRESS]]


def test_sent_once_when_the_task_runs_twice(address_kind, outbox):
    _tell(address_kind)
    delivery = EmailDelivery.objects.get()
    tasks.deliver_emails.delay([delivery.pk])
    tasks.deliver_emails.delay([delivery.pk])
    assert len(outbox) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)


def test_smtp_failures_are_retried(address_kind, settings, eager_retries):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FlakyBackend"
    mail.outbox = []
    _tell(address_kind)
    delivery = EmailDelivery.objects.get()
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)
    assert FlakyBackend.calls == 3
    assert [m.to for m in mail.outbox] == [[ADDRESS]]


def test_failed_rows_show_in_the_admin_outbox_and_can_be_retried(
    address_kind,
    settings,
    eager_retries,
    client,
    superuser,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.BrokenBackend"
    settings.NOTIFICATIONS_MAX_RETRIES = 1
    _tell(address_kind)
    delivery = EmailDelivery.objects.get()
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert BrokenBackend.calls == 2

    client.force_login(superuser)
    index = client.get(reverse("email_deliveries:index")).content.decode()
    assert ADDRESS in index
    inspect = client.get(reverse("email_deliveries:inspect", args=[delivery.pk]))
    assert ADDRESS in inspect.content.decode()

    settings.EMAIL_BACKEND = "tests.notifications.backends.CountingBackend"
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("email_deliveries:retry", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT
    assert [m.to for m in mail.outbox] == [[ADDRESS]]


def test_the_sweeper_queues_a_lost_row(
    address_kind, outbox, django_capture_on_commit_callbacks
):
    _tell(address_kind)
    EmailDelivery.objects.update(queued_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sweep_outbox() == 1
    assert [m.to for m in outbox] == [[ADDRESS]]


def _tell_then_fail(kind):
    with transaction.atomic():
        _tell(kind)
        raise RuntimeError


def test_a_rollback_tells_nobody(
    address_kind, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            _tell_then_fail(address_kind)
    assert callbacks == []
    assert not Notification.objects.exists()
    assert outbox == []


def test_skipped_when_no_longer_relevant(make_kind, outbox):
    withdrawn = make_kind(
        "testing.withdrawn", to_address=True, is_relevant=lambda n: False
    )
    notify_address(ADDRESS, withdrawn.slug, {}, key="k")
    tasks.deliver_emails.delay([EmailDelivery.objects.get().pk])
    assert outbox == []
    assert EmailDelivery.objects.get().status == DeliveryStatus.SKIPPED


def test_never_in_an_inbox(address_kind, user_factory):
    person = user_factory(email=ADDRESS)
    _tell(address_kind)
    assert not notifications_inbox(user=person).exists()
    assert notifications_unread_count(user=person) == 0


def test_address_kinds_have_no_preference(address_kind, kind, user, client):
    assert address_kind.slug not in preferences_of(user)
    assert field_name(address_kind.slug) not in PreferencesForm().fields
    token = make_token(user.pk, address_kind.slug)
    response = client.get(reverse("notifications:unsubscribe", args=[token]))
    assert response.status_code == 400


def test_each_kind_keeps_to_its_audience(address_kind, kind, user):
    with pytest.raises(UnknownKind):
        notify([user], address_kind.slug, {}, key="k")
    with pytest.raises(ValueError, match=r"notify\(\)"):
        notify_address(ADDRESS, kind.slug, {}, key="k")
    with pytest.raises(ValueError, match="email address"):
        notify_address("não é e-mail", address_kind.slug, {}, key="k")


@pytest.mark.parametrize(
    ("recipient", "address"),
    [(False, ""), (True, ADDRESS), (False, "Maiuscula@example.org")],
    ids=["neither", "both", "upper_case"],
)
def test_the_database_holds_a_person_or_a_lower_case_address(
    user, address_kind, recipient, address
):
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=user if recipient else None,
            address=address,
            kind=address_kind.slug,
            key="k",
        )


def test_the_database_keeps_addresses_once_per_key(address_kind):
    Notification.objects.create(address=ADDRESS, kind=address_kind.slug, key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(address=ADDRESS, kind=address_kind.slug, key="k")


def test_the_database_keeps_addresses_out_of_digests(address_kind):
    notification = _tell(address_kind)
    with pytest.raises(IntegrityError), transaction.atomic():
        EmailDelivery.objects.filter(notification=notification).update(
            status=DeliveryStatus.WAITING_DIGEST
        )


def test_str_names_the_address(address_kind):
    notification = _tell(address_kind)
    assert ADDRESS in str(notification)
    assert EmailDelivery.objects.get().to() == ADDRESS
