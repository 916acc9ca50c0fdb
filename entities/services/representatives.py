"""Who represents an entity: invitations, removal, and handing over the role."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import notifications
from ..models import Entity, Invitation, Representative
from ..rules import forget_representations


def invitation_create(*, entity: Entity, email: str, by) -> Invitation:
    """Invite someone by email to represent the entity; the email goes on commit."""
    if not by.has_perm("entities.invite_representative", entity):
        raise PermissionDenied
    email = email.strip().lower()
    if Representative.objects.filter(entity=entity, user__email__iexact=email).exists():
        raise ValidationError(
            _("Essa pessoa já representa a entidade."), code="already_representative"
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                entity=entity, email=email, invited_by=by
            )
    except IntegrityError:
        raise ValidationError(
            _("Já existe um convite pendente para esse e-mail."), code="already_invited"
        ) from None
    notifications.invitation_send(invitation)
    return invitation


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
        representative, _created = Representative.objects.get_or_create(
            entity=invitation.entity, user=user
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        notifications.representative_joined(representative, invitation)
    forget_representations(user)
    return representative


def representative_remove(*, representative: Representative, by) -> None:
    """The primary representative (or staff) removes another representative."""
    entity = representative.entity
    if not by.has_perm("entities.manage_representatives", entity):
        raise PermissionDenied
    if representative.is_primary:
        raise ValidationError(
            _("Passe a responsabilidade principal a outra pessoa antes de removê-la."),
            code="primary",
        )
    with transaction.atomic():
        Representative.objects.filter(pk=representative.pk).delete()
        notifications.representative_removed(entity, representative.user, by)
    forget_representations(representative.user)


def representative_leave(*, representative: Representative, by) -> None:
    """A representative stops representing the entity themselves."""
    if representative.user_id != by.pk:
        raise PermissionDenied
    if representative.is_primary:
        raise ValidationError(
            _("Passe a responsabilidade principal a outra pessoa antes de sair."),
            code="primary",
        )
    Representative.objects.filter(pk=representative.pk).delete()
    forget_representations(by)


def representative_make_primary(
    *, representative: Representative, by
) -> Representative:
    """Hand the primary role over to another representative of the same entity."""
    entity = representative.entity
    if not by.has_perm("entities.manage_representatives", entity):
        raise PermissionDenied
    with transaction.atomic():
        Entity.objects.select_for_update().filter(pk=entity.pk).first()
        # Clear first: the partial unique constraint allows one primary at a time.
        Representative.objects.filter(entity=entity, is_primary=True).update(
            is_primary=False
        )
        Representative.objects.filter(pk=representative.pk).update(is_primary=True)
        notifications.primary_handed_over(entity, representative.user, by)
    representative.refresh_from_db()
    forget_representations(by)
    return representative
