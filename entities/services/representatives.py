"""Who represents an entity: invitations, removal, and handing over the role.

Every change of representatives runs under the entity's row lock, appends a row
to the entity's history (`EntityEvent`; the status does not change) and tells
people keyed on that row, so two changes in the same instant are two events.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.workflow import refuse_duplicate

from .. import notifications
from ..models import Entity, EntityEvent, Invitation, Representative
from ..rules import forget_representations
from .workflow import entity_workflow

# An invitation is emailed at most this many times (the first send included);
# past that, revoke it and invite again.
INVITATION_MAX_SENDS = 5


def invitation_create(*, entity: Entity, email: str, by) -> Invitation:
    """Invite someone by email to represent the entity; the email goes on commit."""
    if not by.has_perm("entities.invite_representative", entity):
        raise PermissionDenied
    email = email.strip().lower()
    if Representative.objects.filter(entity=entity, user__email__iexact=email).exists():
        raise ValidationError(
            _("Essa pessoa já representa a entidade."), code="already_representative"
        )
    with transaction.atomic():
        with (
            refuse_duplicate(
                _("Já existe um convite pendente para esse e-mail."),
                code="already_invited",
            ),
            transaction.atomic(),
        ):
            invitation = Invitation.objects.create(
                entity=entity, email=email, invited_by=by
            )
        notifications.invitation_send(invitation)
    return invitation


def invitation_resend(*, invitation: Invitation, by) -> Invitation:
    """Email an open invitation again: one more send, a new email in the outbox."""
    with transaction.atomic():
        locked = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("entity", "invited_by")
            .filter(pk=invitation.pk)
            .first()
        )
        if locked is None:
            raise ValidationError(_("Este convite não existe mais."), code="invalid")
        if not by.has_perm("entities.invite_representative", locked.entity):
            raise PermissionDenied
        if not locked.is_open:
            raise ValidationError(
                _("Este convite já foi usado, cancelado ou expirou."), code="invalid"
            )
        if locked.sends >= INVITATION_MAX_SENDS:
            raise ValidationError(
                _(
                    "Este convite já foi enviado %(count)d vezes. Cancele-o e "
                    "convide de novo, se for preciso."
                )
                % {"count": locked.sends},
                code="too_many_sends",
            )
        locked.sends += 1
        locked.save(update_fields=["sends"])
        notifications.invitation_send(locked)
    return locked


def invitation_revoke(*, invitation: Invitation, by) -> None:
    if not by.has_perm("entities.invite_representative", invitation.entity):
        raise PermissionDenied
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def invitation_accept(*, token: str, user) -> Representative:
    """Accept an open invitation. The account must use the invited address, so a
    forwarded link cannot make someone else a representative."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("entity")
            .filter(token=token)
        ).first()
        if invitation is None or not invitation.is_open:
            raise ValidationError(
                _("Este convite não existe mais, já foi usado ou expirou."),
                code="invalid",
            )
        if invitation.email.lower() != user.email.lower():
            raise ValidationError(
                _(
                    "Este convite foi enviado para %(email)s. Entre com a conta desse "
                    "e-mail para aceitá-lo."
                )
                % {"email": invitation.email},
                code="wrong_account",
            )
        entity = _lock_entity(invitation.entity_id)
        representative, created = Representative.objects.get_or_create(
            entity=entity, user=user
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        if created:
            event = _log(entity, notifications.JOIN, by=user, person=user)
            notifications.representative_joined(event, user)
    forget_representations(user)
    return representative


def representative_remove(*, representative: Representative, by) -> None:
    """The primary representative (or staff) removes another representative."""
    with transaction.atomic():
        entity, membership = _managed_membership(representative, by)
        if membership.is_primary:
            raise ValidationError(
                _(
                    "Passe a responsabilidade principal a outra pessoa antes de "
                    "removê-la."
                ),
                code="primary",
            )
        membership.delete()
        event = _log(
            entity, notifications.REMOVE_REPRESENTATIVE, by=by, person=membership.user
        )
        notifications.representative_removed(event, membership.user)
    forget_representations(membership.user)


def representative_leave(*, representative: Representative, by) -> None:
    """A representative stops representing the entity themselves."""
    if representative.user_id != by.pk:
        raise PermissionDenied
    with transaction.atomic():
        entity = _lock_entity(representative.entity_id)
        membership = _locked_membership(representative, entity)
        if membership.is_primary:
            raise ValidationError(
                _("Passe a responsabilidade principal a outra pessoa antes de sair."),
                code="primary",
            )
        membership.delete()
        event = _log(entity, notifications.LEAVE, by=by, person=by)
        notifications.representative_left(event, by)
    forget_representations(by)


def representative_make_primary(
    *, representative: Representative, by
) -> Representative:
    """Hand the primary role over to another representative of the same entity."""
    with transaction.atomic():
        entity, membership = _managed_membership(representative, by)
        if not membership.is_primary:
            # Clear first: the partial unique constraint allows one primary at a time.
            Representative.objects.filter(entity=entity, is_primary=True).update(
                is_primary=False
            )
            Representative.objects.filter(pk=membership.pk).update(is_primary=True)
            event = _log(
                entity, notifications.SET_PRIMARY, by=by, person=membership.user
            )
            notifications.primary_handed_over(event, membership.user)
    representative.refresh_from_db()
    forget_representations(by)
    return representative


def _lock_entity(entity_id: int) -> Entity:
    """The entity row, locked: changes of its people happen one at a time."""
    return Entity.objects.select_for_update().get(pk=entity_id)


def _managed_membership(
    representative: Representative, by
) -> tuple[Entity, Representative]:
    """The entity and the representative as they are now, under the entity's
    lock, when `by` may manage its representatives (asked afresh: their own
    role may have just changed)."""
    entity = _lock_entity(representative.entity_id)
    forget_representations(by)
    if not by.has_perm("entities.manage_representatives", entity):
        raise PermissionDenied
    return entity, _locked_membership(representative, entity)


def _locked_membership(representative: Representative, entity: Entity):
    """The representative as it is now, under the entity's lock."""
    membership = (
        Representative.objects.select_related("user")
        .filter(pk=representative.pk, entity=entity)
        .first()
    )
    if membership is None:
        raise ValidationError(
            _("Essa pessoa já não representa a entidade."), code="gone"
        )
    return membership


def _log(entity: Entity, action: str, *, by, person) -> EntityEvent:
    """Append a change of representatives to the entity's history (no status
    change): the note names the person concerned, `data` keeps their id."""
    return entity_workflow.record(
        entity,
        action=action,
        actor=by,
        note=person.display_name,
        data={"user_id": person.pk},
    )
