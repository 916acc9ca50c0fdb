"""Invitations and changes of representatives (entities/services/representatives.py)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from entities import services
from entities.models import Representative

pytestmark = pytest.mark.django_db


# Representatives -------------------------------------------------------------


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


def test_handing_over_keeps_exactly_one_primary(
    entity, representative, second_representative
):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    services.representative_make_primary(representative=membership, by=representative)

    primaries = Representative.objects.filter(entity=entity, is_primary=True)
    assert list(primaries.values_list("user", flat=True)) == [second_representative.pk]
    # The former primary can no longer hand the role over.
    old = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(PermissionDenied):
        services.representative_make_primary(representative=old, by=representative)


def test_staff_can_hand_over_the_primary_role(
    entity, representative, second_representative, staff_user
):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    services.representative_make_primary(representative=membership, by=staff_user)
    assert (
        Representative.objects.get(entity=entity, is_primary=True).user
        == second_representative
    )


def test_primary_cannot_be_removed(entity, representative, staff_user):
    membership = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(ValidationError) as raised:
        services.representative_remove(representative=membership, by=staff_user)
    assert raised.value.code == "primary"
    assert Representative.objects.filter(pk=membership.pk).exists()


def test_primary_removes_another_representative(
    entity,
    representative,
    second_representative,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    with django_capture_on_commit_callbacks(execute=True):
        services.representative_remove(representative=membership, by=representative)
    assert not Representative.objects.filter(pk=membership.pk).exists()
    assert [m.to[0] for m in mailoutbox] == [second_representative.email]


def test_non_primary_cannot_remove(entity, representative, second_representative):
    primary = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(PermissionDenied):
        services.representative_remove(representative=primary, by=second_representative)


def test_leaving(entity, representative, second_representative):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    services.representative_leave(representative=membership, by=second_representative)
    assert not Representative.objects.filter(pk=membership.pk).exists()
    primary = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(ValidationError):
        services.representative_leave(representative=primary, by=representative)
