"""Inviting representatives: who may invite, the email, and accepting."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from entities import services
from entities.models import Representative

pytestmark = pytest.mark.django_db


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
    invitation.refresh_from_db()
    assert invitation.emailed_at is not None


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
