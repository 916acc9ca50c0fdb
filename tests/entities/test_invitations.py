"""Inviting representatives: who may invite, the email, and accepting.

The invitation email goes through the notifications outbox to the invited
address, which has no account yet: once per send, retried, visible to staff.
"""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from civic.accounts.services import account_erase
from civic.notifications import tasks
from civic.notifications.choices import DeliveryStatus
from civic.notifications.models import EmailDelivery, Notification
from entities import notifications, services
from entities.models import EntityEvent, Representative

pytestmark = pytest.mark.django_db

INVITEE = "convidada@example.org"
FLAKY = "tests.notifications.backends.FlakyBackend"


@pytest.fixture
def worker_retries():
    """Eager tasks retry inline, as a worker would (Celery would otherwise raise)."""
    from civic.celery import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


@pytest.fixture
def invitation(entity, representative):
    """An invitation whose email is owed (nothing committed in the test)."""
    return services.invitation_create(entity=entity, email=INVITEE, by=representative)


def _delivery(invitation, send=1):
    return EmailDelivery.objects.select_related("notification").get(
        notification__key=f"invitation:{invitation.pk}:{send}"
    )


def test_invitation_emails_a_link(
    entity, representative, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            entity=entity, email=" Nova.Pessoa@Example.org ", by=representative
        )

    assert invitation.email == "nova.pessoa@example.org"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nova.pessoa@example.org"]
    assert f"/convites/{invitation.token}/" in message.body
    delivery = _delivery(invitation)
    assert delivery.status == DeliveryStatus.SENT
    assert delivery.message_id == message.extra_headers["Message-ID"]


def test_second_open_invitation_for_the_same_email_is_refused(entity, representative):
    services.invitation_create(entity=entity, email="a@example.org", by=representative)
    with pytest.raises(ValidationError) as raised:
        services.invitation_create(
            entity=entity, email="A@example.org", by=representative
        )
    assert raised.value.code == "already_invited"


def test_inviting_a_current_representative_is_refused(entity, representative):
    with pytest.raises(ValidationError) as raised:
        services.invitation_create(
            entity=entity, email=representative.email, by=representative
        )
    assert raised.value.code == "already_representative"


def test_citizen_cannot_invite(entity, citizen):
    with pytest.raises(PermissionDenied):
        services.invitation_create(entity=entity, email="x@example.org", by=citizen)


def test_accepting_with_the_invited_account(
    entity, representative, user_factory, django_capture_on_commit_callbacks, mailoutbox
):
    invitee = user_factory(email="convidada@example.org")
    invitation = services.invitation_create(
        entity=entity, email="Convidada@example.org", by=representative
    )
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.invitation_accept(token=invitation.token, user=invitee)

    assert membership.entity == entity
    assert membership.is_primary is False
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitee.has_perm("entities.change_entity", entity)
    # The other representatives are told.
    assert Notification.objects.filter(
        recipient=representative, kind="entities.representatives_changed"
    ).exists()
    assert not Notification.objects.filter(recipient=invitee).exists()
    # A used link cannot be used again.
    with pytest.raises(ValidationError):
        services.invitation_accept(token=invitation.token, user=invitee)


def test_accepting_with_another_account_is_refused(entity, representative, citizen):
    invitation = services.invitation_create(
        entity=entity, email="outra@example.org", by=representative
    )
    with pytest.raises(ValidationError) as raised:
        services.invitation_accept(token=invitation.token, user=citizen)
    assert raised.value.code == "wrong_account"
    assert not Representative.objects.filter(user=citizen).exists()


def test_expired_invitation_is_refused(entity, representative, user_factory, settings):
    invitee = user_factory(email="atrasada@example.org")
    invitation = services.invitation_create(
        entity=entity, email=invitee.email, by=representative
    )
    later = timezone.now() + dt.timedelta(
        days=settings.ENTITIES_INVITATION_DAYS, hours=1
    )
    with time_machine.travel(later), pytest.raises(ValidationError) as raised:
        services.invitation_accept(token=invitation.token, user=invitee)
    assert raised.value.code == "invalid"


def test_revoked_invitation_is_refused(entity, representative, user_factory):
    invitee = user_factory(email="cancelada@example.org")
    invitation = services.invitation_create(
        entity=entity, email=invitee.email, by=representative
    )
    services.invitation_revoke(invitation=invitation, by=representative)
    with pytest.raises(ValidationError):
        services.invitation_accept(token=invitation.token, user=invitee)


def test_unknown_token_is_refused(citizen):
    with pytest.raises(ValidationError):
        services.invitation_accept(token="nao-existe", user=citizen)


# The email, through the outbox ---------------------------------------------


def test_the_invitation_is_an_outbox_row_to_the_address(invitation):
    delivery = _delivery(invitation)
    notification = delivery.notification
    assert (notification.recipient_id, notification.address) == (None, INVITEE)
    assert notification.kind == notifications.INVITATION.slug
    assert (delivery.recipient_id, delivery.status) == (None, DeliveryStatus.PENDING)
    assert notification.url == f"/convites/{invitation.token}/"


def test_the_email_says_who_invites_to_what_until_when(
    invitation, entity, representative, mailoutbox
):
    with translation.override("en"):  # the inviter's language does not matter
        tasks.deliver_emails.delay([_delivery(invitation).pk])
    (message,) = mailoutbox
    html = message.alternatives[0].content
    expires = timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y")
    assert entity.display_name in message.subject
    for body in (message.body, html):
        assert f"http://testserver/convites/{invitation.token}/" in body
        assert representative.display_name in body
        assert entity.display_name in body
        assert expires in body
        assert "/notificacoes/" not in body
    assert '<html lang="pt-br">' in html
    assert "List-Unsubscribe" not in message.extra_headers


def test_sent_once_even_if_the_task_runs_twice(invitation, mailoutbox):
    delivery = _delivery(invitation)
    tasks.deliver_emails.delay([delivery.pk])
    tasks.deliver_emails.delay([delivery.pk])
    assert [m.to for m in mailoutbox] == [[INVITEE]]


def test_an_smtp_failure_is_retried(invitation, settings, worker_retries):
    settings.EMAIL_BACKEND = FLAKY
    mail.outbox = []
    delivery = _delivery(invitation)
    tasks.deliver_emails.delay([delivery.pk])
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 3)
    assert [m.to for m in mail.outbox] == [[INVITEE]]


def test_staff_see_it_in_the_email_queue(invitation, client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("email_deliveries:index"))
    assert _delivery(invitation) in response.context["object_list"]
    assert INVITEE in response.content.decode()


def test_a_revoked_invitation_is_not_sent(invitation, representative, mailoutbox):
    services.invitation_revoke(invitation=invitation, by=representative)
    tasks.deliver_emails.delay([_delivery(invitation).pk])
    assert mailoutbox == []
    assert _delivery(invitation).status == DeliveryStatus.SKIPPED


def test_an_invitee_with_an_account_gets_it_by_email_not_in_the_inbox(
    entity, representative, user_factory
):
    invitee = user_factory(email=INVITEE)
    services.invitation_create(entity=entity, email=INVITEE, by=representative)
    assert not Notification.objects.filter(recipient=invitee).exists()
    assert Notification.objects.filter(address=INVITEE).exists()


def test_erasing_the_invitee_account_erases_the_email_row(invitation, user_factory):
    invitee = user_factory(email=INVITEE)
    account_erase(user=invitee, by=invitee)
    assert not Notification.objects.filter(address=INVITEE).exists()
    assert not EmailDelivery.objects.exists()


# Resending -------------------------------------------------------------------


def test_resending_sends_a_second_email(
    entity, representative, django_capture_on_commit_callbacks, mailoutbox
):
    # The same instant: the key counts sends, it never reads the clock.
    with time_machine.travel(timezone.now(), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = services.invitation_create(
                entity=entity, email=INVITEE, by=representative
            )
        with django_capture_on_commit_callbacks(execute=True):
            services.invitation_resend(invitation=invitation, by=representative)
    assert [m.to for m in mailoutbox] == [[INVITEE], [INVITEE]]
    assert _delivery(invitation, send=2).status == DeliveryStatus.SENT
    invitation.refresh_from_db()
    assert invitation.sends == 2


def test_only_representatives_resend(invitation, citizen):
    with pytest.raises(PermissionDenied):
        services.invitation_resend(invitation=invitation, by=citizen)
    assert EmailDelivery.objects.count() == 1


def test_a_closed_invitation_is_not_resent(invitation, representative):
    services.invitation_revoke(invitation=invitation, by=representative)
    with pytest.raises(ValidationError) as raised:
        services.invitation_resend(invitation=invitation, by=representative)
    assert raised.value.code == "invalid"
    assert EmailDelivery.objects.count() == 1


def test_resends_are_capped(invitation, representative):
    for _ in range(services.representatives.INVITATION_MAX_SENDS - 1):
        services.invitation_resend(invitation=invitation, by=representative)
    with pytest.raises(ValidationError) as raised:
        services.invitation_resend(invitation=invitation, by=representative)
    assert raised.value.code == "too_many_sends"
    assert (
        EmailDelivery.objects.count() == services.representatives.INVITATION_MAX_SENDS
    )


# Joining ---------------------------------------------------------------------


def test_joining_is_logged_and_told_to_the_others_once(
    invitation, entity, representative, user_factory
):
    invitee = user_factory(email=INVITEE, full_name="Nova Representante")
    services.invitation_accept(token=invitation.token, user=invitee)
    (event,) = EntityEvent.objects.filter(entity=entity, action=notifications.JOIN)
    assert (event.actor, event.note) == (invitee, "Nova Representante")
    assert event.from_status == event.to_status == entity.status
    told = Notification.objects.filter(key=f"entity-event:{event.pk}")
    assert list(told.values_list("recipient", flat=True)) == [representative.pk]


def test_erasing_the_invitee_account_removes_the_address_from_accepted_invitations(
    invitation, user_factory
):
    invitee = user_factory(email=INVITEE)
    services.invitation_accept(token=invitation.token, user=invitee)
    account_erase(user=invitee, by=invitee)
    assert not invitation.entity.invitations.filter(email__iexact=INVITEE).exists()


def test_erasing_the_inviter_removes_their_name_from_the_invitation_email(
    entity, representative
):
    services.invitation_create(entity=entity, email=INVITEE, by=representative)
    account_erase(user=representative, by=representative)
    notification = Notification.objects.get(address=INVITEE)
    assert notification.context["inviter"] == "Participante removido"


def test_erasing_a_representative_removes_their_name_from_the_others_inbox(
    invitation, user_factory, representative
):
    invitee = user_factory(email=INVITEE, full_name="Nova Representante")
    services.invitation_accept(token=invitation.token, user=invitee)
    account_erase(user=invitee, by=invitee)
    [told] = Notification.objects.filter(recipient=representative)
    assert "Nova Representante" not in str(told.context)
    assert "Participante removido" in told.context["change"]
