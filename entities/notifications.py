"""What the entity registry tells people, and whom.

Services decide that something happened and call these inside their
transaction; each picks its recipients (never the person who acted) and a
deterministic key (a log row's pk, a document and threshold, an invitation and
its send count; never the clock), so a repeated call or job tells nobody twice.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind
from civic.notifications.services import notify, notify_address

from .models import Invitation

# Representative changes in the entity's history (`EntityEvent.action`); the
# status does not change, and the note names the person concerned.
JOIN = "join"
REMOVE_REPRESENTATIVE = "remove_representative"
LEAVE = "leave"
SET_PRIMARY = "set_primary"

# Labels of those actions where the history is shown (to merge into the views'
# EVENT_LABELS).
HISTORY_LABELS = {
    JOIN: _("Novo representante"),
    REMOVE_REPRESENTATIVE: _("Representante removido"),
    LEAVE: _("Representante saiu"),
    SET_PRIMARY: _("Novo responsável principal"),
}


def _invitation_still_open(notification) -> bool:
    """Checked at send time: a revoked, used or expired invitation is not sent."""
    return Invitation.objects.filter(
        pk=notification.context.get("invitation_id"),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()


REVIEW_REQUESTED = register_kind(
    "entities.review_requested",
    label=_("Cadastros de entidades para analisar"),
    description=_(
        "Para a equipe da SRSC: um cadastro ou pedido de representação chegou."
    ),
    summary=_("%(what)s: %(entity)s"),
    default_email_mode=EmailMode.DAILY,
)
DECISION = register_kind(
    "entities.registration_decision",
    label=_("Análise do cadastro da sua entidade"),
    description=_(
        "Quando a equipe aprova, pede ajustes, indefere ou suspende o cadastro."
    ),
    summary=_("%(entity)s: %(decision)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
DOCUMENT_EXPIRING = register_kind(
    "entities.document_expiring",
    label=_("Documentos perto do vencimento"),
    description=_(
        "30 dias, 7 dias e no dia do vencimento de uma certidão da entidade."
    ),
    summary=_("%(entity)s: %(document)s vence em %(expires_on)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
RENEWAL_DUE = register_kind(
    "entities.renewal_due",
    label=_("Renovação anual do cadastro"),
    description=_(
        "Quando é hora de confirmar que os dados da entidade estão atualizados."
    ),
    summary=_("%(entity)s: confirme os dados do cadastro até %(due_on)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
REPRESENTATIVES = register_kind(
    "entities.representatives_changed",
    label=_("Representantes da entidade"),
    description=_(
        "Quando alguém passa a representar a entidade, sai, ou assume a responsabilidade."
    ),
    summary=_("%(entity)s: %(change)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
INVITATION = register_kind(
    "entities.invitation",
    label=_("Convite para representar uma entidade"),
    description=_("O convite enviado ao e-mail que um representante informou."),
    summary=_("Convite para representar %(entity)s"),
    is_relevant=_invitation_still_open,
    to_address=True,
)
CLAIM_DECIDED = register_kind(
    "entities.claim_decided",
    label=_("Pedidos de representação"),
    description=_("A resposta da equipe ao seu pedido para representar uma entidade."),
    summary=_("%(entity)s: pedido %(decision)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)

DECISION_TEXT = {
    "request_changes": _("ajustes solicitados"),
    "approve": _("cadastro aprovado"),
    "reject": _("cadastro indeferido"),
    "suspend": _("cadastro suspenso"),
    "reinstate": _("cadastro reativado"),
}


def reviewers():
    """Active people who review entity registrations."""
    User = get_user_model()
    perm = Q(groups__permissions__codename="review_entity") | Q(
        user_permissions__codename="review_entity"
    )
    return User.objects.filter(perm, is_active=True).distinct()


def _representatives(entity, *, exclude=None):
    User = get_user_model()
    people = User.objects.filter(representations__entity=entity, is_active=True)
    if exclude is not None:
        people = people.exclude(pk=exclude.pk)
    return people


def _dashboard_url(entity) -> str:
    return reverse("entities:manage", kwargs={"pk": entity.pk})


def _review_url(entity) -> str:
    return reverse("entities_review:inspect", args=[entity.pk])


def entity_event_notify(event) -> None:
    """Tell the right people about one step of the review workflow."""
    entity = event.entity
    if event.action in ("submit", "resubmit"):
        what = (
            _("Novo cadastro para análise")
            if event.action == "submit"
            else _("Cadastro reenviado com ajustes")
        )
        notify(
            reviewers().exclude(pk=event.actor_id),
            REVIEW_REQUESTED.slug,
            {"what": str(what), "entity": entity.display_name},
            key=f"entity-event:{event.pk}",
            url=_review_url(entity),
        )
    elif event.action in DECISION_TEXT:
        notify(
            _representatives(entity).exclude(pk=event.actor_id),
            DECISION.slug,
            {
                "entity": entity.display_name,
                "action": event.action,
                "decision": str(DECISION_TEXT[event.action]),
                "note": event.note,
            },
            key=f"entity-event:{event.pk}",
            url=_dashboard_url(entity),
        )


def approved_entity_changed(event) -> None:
    """A representative changed an approved entity's public data: the
    reviewers are told (once per history row), to look at the change."""
    notify(
        reviewers().exclude(pk=event.actor_id),
        REVIEW_REQUESTED.slug,
        {
            "what": str(_("Dados de entidade aprovada alterados")),
            "entity": event.entity.display_name,
        },
        key=f"entity-event:{event.pk}",
        url=_review_url(event.entity),
    )


def document_expiring(document, *, threshold: int) -> None:
    """Remind the representatives that a document expires soon (once per threshold)."""
    entity = document.entity
    notify(
        _representatives(entity),
        DOCUMENT_EXPIRING.slug,
        {
            "entity": entity.display_name,
            "document": str(document.get_doc_type_display()),
            "expires_on": document.expires_on.strftime("%d/%m/%Y"),
            "days_left": threshold,
            "issuer": str(document.requirement.issuer),
            "issuer_url": document.requirement.issuer_url,
        },
        key=f"document-expiry:{document.pk}:{threshold}d",
        url=reverse("entities:documents", kwargs={"pk": entity.pk}),
    )


def renewal_due(entity) -> None:
    """Ask the representatives to confirm the entity's data (once per due date)."""
    notify(
        _representatives(entity),
        RENEWAL_DUE.slug,
        {
            "entity": entity.display_name,
            "due_on": entity.renewal_due_on.strftime("%d/%m/%Y"),
        },
        key=f"renewal:{entity.pk}:{entity.renewal_due_on.isoformat()}",
        url=_dashboard_url(entity),
    )


def _representatives_url(entity) -> str:
    return reverse("entities:representatives", kwargs={"pk": entity.pk})


def _tell_representatives(event, change, person) -> None:
    """Tell the entity's representatives, but not the actor, of a change
    (`change` names the person it concerns as `%(name)s`)."""
    entity = event.entity
    notify(
        _representatives(entity).exclude(pk=event.actor_id),
        REPRESENTATIVES.slug,
        {
            "entity": entity.display_name,
            "change": str(change) % {"name": person.display_name},
        },
        key=f"entity-event:{event.pk}",
        url=_representatives_url(entity),
        about=[person],
    )


def representative_joined(event, user) -> None:
    """Someone accepted an invitation: the others are told."""
    _tell_representatives(event, _("%(name)s passou a representar a entidade"), user)


def representative_removed(event, user) -> None:
    """Someone was removed: they are told, and the others as when one leaves."""
    entity = event.entity
    notify(
        [user],
        REPRESENTATIVES.slug,
        {
            "entity": entity.display_name,
            "change": str(_("você deixou de representar a entidade")),
        },
        key=f"entity-event:{event.pk}",
        url=reverse("entities:my_entities"),
    )
    representative_left(event, user)


def representative_left(event, user) -> None:
    """Someone stopped representing the entity themselves: the others are told."""
    _tell_representatives(event, _("%(name)s deixou de representar a entidade"), user)


def primary_handed_over(event, user) -> None:
    """The primary role changed hands: the representatives are told."""
    _tell_representatives(event, _("%(name)s é agora o responsável principal"), user)


def claim_submitted(claim) -> None:
    notify(
        reviewers().exclude(pk=claim.claimant_id),
        REVIEW_REQUESTED.slug,
        {
            "what": str(_("Pedido de representação")),
            "entity": claim.entity.display_name,
        },
        key=f"claim:{claim.pk}",
        url=reverse("entities_claims:inspect", args=[claim.pk]),
    )


def claim_decided(claim) -> None:
    decision = _("aprovado") if claim.status == "approved" else _("recusado")
    notify(
        [claim.claimant],
        CLAIM_DECIDED.slug,
        {
            "entity": claim.entity.display_name,
            "decision": str(decision),
            "approved": claim.status == "approved",
            "note": claim.decision_note,
        },
        key=f"claim-decided:{claim.pk}",
        url=(
            _dashboard_url(claim.entity)
            if claim.status == "approved"
            else claim.entity.get_absolute_url()
        ),
    )


def invitation_send(invitation) -> None:
    """Email the invitation link through the outbox, to the invited address.

    The invitee may have no account yet, so this is told to the address
    (in pt-BR, no inbox). The key counts the invitation's sends: a resend is a
    new email, a repeated call for the same send is not.
    """
    inviter = invitation.invited_by
    notify_address(
        invitation.email,
        INVITATION.slug,
        {
            "invitation_id": invitation.pk,
            "entity": invitation.entity.display_name,
            "inviter": inviter.display_name if inviter else "",
            "expires_on": timezone.localtime(invitation.expires_at).strftime(
                "%d/%m/%Y"
            ),
        },
        key=f"invitation:{invitation.pk}:{invitation.sends}",
        url=reverse("entities:invitation_accept", kwargs={"token": invitation.token}),
        about=[inviter],
    )
