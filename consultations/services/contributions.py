"""Contributions and replies, and when a consultation or event takes them.
Supports and abuse reports are in `reactions.py`; moderation and the
devolutiva in `moderation.py`.

A contribution belongs to a consultation or to an event, never both (the model's
check constraint). The same services serve both targets, so hearings and forums
get the same moderation and the same reasoned answer as consultations.

Every write runs in a transaction; counters change only with F() under the
contribution's row lock, and each change people see publicly makes the cached
anonymous pages stale on commit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import Consultation, Contribution, Event

C = Contribution
MAX_TEXT = C._meta.get_field("text").max_length


class ContributionClosed(ValidationError):
    """The consultation or event does not take contributions now."""


def too_long(value: str, limit: int) -> str:
    return _("O texto pode ter no máximo %(limit)s caracteres; este tem %(count)s.") % {
        "limit": f"{limit:,}".replace(",", "."),
        "count": f"{len(value):,}".replace(",", "."),
    }


def closed_message(target) -> str:
    """Why this consultation or event takes no contribution now, in pt-BR."""
    if isinstance(target, Consultation):
        if target.status == Consultation.Status.SCHEDULED:
            return _("Esta consulta ainda não foi aberta: aguarde a data de abertura.")
        if target.status in (Consultation.Status.CLOSED, Consultation.Status.ANSWERED):
            return _("Esta consulta está encerrada e não recebe mais contribuições.")
        return _("Esta consulta não está recebendo contribuições.")
    return _("Este evento não está recebendo contribuições.")


def target_is_open(target) -> bool:
    """Whether the consultation or event takes contributions now."""
    if isinstance(target, Consultation):
        return target.status == Consultation.Status.OPEN
    # An event takes contributions while it is published (before, during and
    # after the meeting, until staff conclude it with the minutes).
    return target.status == Event.Status.PUBLISHED


def lock_contribution(contribution_id: int) -> Contribution:
    """The contribution, locked for the rest of the transaction, with its
    consultation or event."""
    return (
        # Only this row: PostgreSQL refuses FOR UPDATE on the nullable side
        # of the outer joins to the consultation and the event.
        Contribution.objects.select_for_update(of=("self",))
        .select_related("consultation", "event")
        .get(pk=contribution_id)
    )


def _lock_target(*, consultation_id=None, event_id=None):
    if consultation_id is not None:
        return Consultation.objects.select_for_update().get(pk=consultation_id)
    return Event.objects.select_for_update().get(pk=event_id)


def _check_author(target, author, recorded_by) -> None:
    """Who may write here: a citizen online, or staff recording a statement."""
    if recorded_by is not None:
        perm = (
            "consultations.manage_consultation"
            if isinstance(target, Consultation)
            else "consultations.manage_event"
        )
        if not recorded_by.has_perm(perm, target):
            raise PermissionDenied
        return
    if author is None or not (author.is_authenticated and author.is_active):
        raise PermissionDenied
    if isinstance(target, Consultation) and not author.has_perm(
        "consultations.contribute", target
    ):
        raise PermissionDenied


def _clean_text(errors: dict, name: str, value: str, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        errors.setdefault(name, []).append(
            _("Escreva sua contribuição.")
            if name == "text"
            else _("Escreva a redação que você propõe para o dispositivo.")
        )
    elif len(value) > MAX_TEXT:
        errors.setdefault(name, []).append(too_long(value, MAX_TEXT))
    return value


def _invalidate_if_public(contribution: Contribution) -> None:
    if contribution.moderation != C.Moderation.PENDING:
        transaction.on_commit(invalidate_public_pages)


def contribution_create(
    *,
    author,
    text: str,
    consultation: Consultation | None = None,
    event: Event | None = None,
    device=None,
    position: str = "",
    proposed_text: str = "",
    show_name: bool = False,
    on_behalf_of=None,
    channel: str = C.Channel.ONLINE,
    author_label: str = "",
    recorded_by=None,
    parent: Contribution | None = None,
) -> Contribution:
    """Record a contribution to an open consultation or a published event.

    General, or on one device with a position (concordo, discordo, proposta de
    redação with the proposed text). On behalf of an entity only by one of its
    representatives, once the registry approved it. Under pre-moderation it
    waits, visible only to its author. Staff recording an oral or written
    statement pass `recorded_by` (and `author_label` when the person has no
    account). The author's bairro is kept for the report's counts per bairro.
    """
    if (consultation is None) == (event is None):
        raise ValueError("A contribution needs a consultation or an event, not both.")
    errors: dict[str, list[str]] = {}
    text = _clean_text(errors, "text", text, required=True)
    position = position or ""
    proposed_text = (proposed_text or "").strip()
    if position and position not in C.Position.values:
        errors.setdefault("position", []).append(_("Escolha uma posição válida."))
    if device is not None:
        if event is not None or device.consultation_id != consultation.pk:
            errors.setdefault("device", []).append(
                _("Este dispositivo não pertence ao texto em consulta.")
            )
        elif not position:
            errors.setdefault("position", []).append(
                _("Diga se concorda, discorda ou propõe outra redação.")
            )
    elif position:
        errors.setdefault("device", []).append(
            _(
                "Escolha o dispositivo sobre o qual você se posiciona, ou deixe a "
                "posição em branco para uma contribuição geral."
            )
        )
    if position == C.Position.PROPOSAL:
        proposed_text = _clean_text(
            errors, "proposed_text", proposed_text, required=True
        )
    elif proposed_text:
        errors.setdefault("proposed_text", []).append(
            _(
                "A redação proposta só vale com a posição “Proposta de redação”. "
                "Mude a posição ou apague este campo."
            )
        )
    if author is not None and on_behalf_of is not None:
        if not author.has_perm("entities.act_for_entity", on_behalf_of):
            errors.setdefault("on_behalf_of", []).append(
                _(
                    "Você só pode falar em nome de uma entidade aprovada que você representa."
                )
            )
    if parent is not None:
        device, position, proposed_text = None, "", ""
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        target = _lock_target(
            consultation_id=consultation.pk if consultation else None,
            event_id=event.pk if event else None,
        )
        if not target_is_open(target):
            raise ContributionClosed(closed_message(target), code="closed")
        _check_author(target, author, recorded_by)
        premoderated = isinstance(target, Consultation) and target.premoderation
        contribution = Contribution.objects.create(
            consultation=target if isinstance(target, Consultation) else None,
            event=target if isinstance(target, Event) else None,
            device=device,
            parent=parent,
            author=author,
            author_label=(author_label or "").strip()[:150],
            on_behalf_of=on_behalf_of,
            show_name=bool(show_name),
            position=position,
            text=text,
            proposed_text=proposed_text,
            channel=channel,
            recorded_by=recorded_by,
            bairro_id=getattr(author, "bairro_id", None),
            moderation=C.Moderation.PENDING if premoderated else C.Moderation.PUBLISHED,
        )
        _invalidate_if_public(contribution)
    return contribution


def contribution_reply(
    *,
    parent_id: int,
    author,
    text: str,
    show_name: bool = False,
    on_behalf_of=None,
) -> Contribution:
    """Reply to a contribution, one level deep.

    A reply to a reply joins the same conversation: it is attached to the
    top-level contribution, so threads never nest deeper than one level. The
    author of the contribution replied to is told.
    """
    replied_to = Contribution.objects.select_related("parent").get(pk=parent_id)
    parent = replied_to.parent or replied_to
    if parent.moderation != C.Moderation.PUBLISHED:
        raise ValidationError(
            _("Não é possível responder a uma contribuição que não está publicada."),
            code="not_published",
        )
    reply = contribution_create(
        author=author,
        text=text,
        consultation=parent.consultation,
        event=parent.event,
        show_name=show_name,
        on_behalf_of=on_behalf_of,
        parent=parent,
    )
    if reply.moderation == C.Moderation.PUBLISHED:
        tell_replied(reply, replied_to)
    return reply


def tell_replied(reply: Contribution, replied_to: Contribution | None = None) -> None:
    """Tell the author of the thread, and of the reply answered if another person."""
    parent = reply.parent
    notifications.contribution_replied(reply)
    if replied_to is not None and replied_to.pk != parent.pk:
        reply.parent = replied_to
        try:
            notifications.contribution_replied(reply)
        finally:
            reply.parent = parent


def answer_window_error(contribution: Contribution) -> str | None:
    """Why this contribution cannot be answered now (None when it can)."""
    if contribution.consultation_id:
        status = contribution.consultation.status
        if status == Consultation.Status.CLOSED:
            return None
        if status == Consultation.Status.ANSWERED:
            return _(
                "O relatório final já foi publicado: as respostas não podem mais mudar."
            )
        return _("A devolutiva só pode ser dada depois do encerramento da consulta.")
    event = contribution.event
    if event.status == Event.Status.CONCLUDED:
        return _("A ata já foi publicada: as respostas não podem mais mudar.")
    if event.status != Event.Status.PUBLISHED:
        return _("Este evento não recebe respostas.")
    if event.ends_at > timezone.now():
        return _("A devolutiva só pode ser dada depois do término do evento.")
    return None
