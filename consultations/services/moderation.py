"""What moderators and staff decide about contributions: hide or publish them
(`contribution_moderate`), and give the devolutiva (`contribution_answer`).

Both lock the contribution's row, ask the rules with it, and make the cached
anonymous pages stale on commit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import AbuseReport, Contribution, SpeakerRequest
from .contributions import (
    answer_window_error,
    lock_contribution,
    tell_replied,
    too_long,
)
from .event_workflow import workflow as event_workflow

C = Contribution
MAX_REASON = C._meta.get_field("moderation_reason").max_length
MAX_ANSWER = C._meta.get_field("answer_text").max_length


MODERATION_ACTIONS = {
    "hide": C.Moderation.HIDDEN,
    "publish": C.Moderation.PUBLISHED,
}


def contribution_moderate(
    *, contribution_id: int, by, action: str, reason: str = ""
) -> Contribution:
    """Hide a contribution with a public reason, or publish it (approve a pending
    one, restore a hidden one, or keep a reported one). Open abuse reports are
    resolved either way; who decided and when is kept on the row."""
    if action not in MODERATION_ACTIONS:
        raise ValueError(f"Unknown moderation action {action!r}")
    reason = (reason or "").strip()
    if action == "hide" and not reason:
        raise ValidationError(
            {"reason": [_("Escreva o motivo: ele é mostrado no lugar do texto.")]}
        )
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": [too_long(reason, MAX_REASON)]})
    now = timezone.now()
    with transaction.atomic():
        contribution = lock_contribution(contribution_id)
        if not by.has_perm("consultations.moderate_contribution", contribution):
            raise PermissionDenied
        target = MODERATION_ACTIONS[action]
        was_pending = contribution.moderation == C.Moderation.PENDING
        changed = contribution.moderation != target or (
            target == C.Moderation.HIDDEN and contribution.moderation_reason != reason
        )
        contribution.moderation = target
        contribution.moderation_reason = reason if target == C.Moderation.HIDDEN else ""
        contribution.moderated_by = by
        contribution.moderated_at = now
        contribution.save(
            update_fields=[
                "moderation",
                "moderation_reason",
                "moderated_by",
                "moderated_at",
            ]
        )
        AbuseReport.objects.filter(
            contribution=contribution, resolved_at__isnull=True
        ).update(resolved_at=now)
        if changed:
            notifications.contribution_moderated(contribution)
            if (
                was_pending
                and contribution.parent_id
                and target == C.Moderation.PUBLISHED
            ):
                tell_replied(contribution)
            transaction.on_commit(invalidate_public_pages)
    return contribution


def contribution_answer(
    *, contribution_id: int, by, answer: str, answer_text: str
) -> Contribution:
    """Give (or correct) the devolutiva: accepted, partly accepted, not accepted
    or out of scope, with its justification (Lei 9.784/1999 art. 50: decisions
    state their reasons). Only top-level contributions are answered; answers can
    change until the report (or the event's minutes) is published."""
    answer_text = (answer_text or "").strip()
    errors: dict[str, list[str]] = {}
    if answer not in C.Answer.values:
        errors["answer"] = [_("Escolha a resposta.")]
    if not answer_text:
        errors["answer_text"] = [_("Escreva a justificativa da resposta.")]
    elif len(answer_text) > MAX_ANSWER:
        errors["answer_text"] = [too_long(answer_text, MAX_ANSWER)]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        contribution = lock_contribution(contribution_id)
        if not by.has_perm("consultations.answer_contribution", contribution):
            raise PermissionDenied
        if contribution.parent_id is not None:
            raise ValidationError(
                _("Respostas entre participantes não recebem devolutiva."),
                code="reply",
            )
        if contribution.moderation == C.Moderation.PENDING:
            raise ValidationError(
                _("Modere a contribuição (publique ou oculte) antes de respondê-la."),
                code="pending",
            )
        if message := answer_window_error(contribution):
            raise ValidationError(message, code="window")
        contribution.answer = answer
        contribution.answer_text = answer_text
        contribution.answered_by = by
        contribution.answered_at = timezone.now()
        contribution.save(
            update_fields=["answer", "answer_text", "answered_by", "answered_at"]
        )
        transaction.on_commit(invalidate_public_pages)
    return contribution


def speaker_topic_moderate(
    *, request_id: int, by, action: str, reason: str = ""
) -> SpeakerRequest:
    """Hide a speaker-list topic with a public reason, or publish it (approve a
    pre-moderated one, restore a hidden one); recorded in the event's history."""
    if action not in MODERATION_ACTIONS:
        raise ValueError(f"Unknown moderation action {action!r}")
    reason = (reason or "").strip()
    if action == "hide" and not reason:
        raise ValidationError(
            {"reason": [_("Escreva o motivo: ele é mostrado no lugar do tema.")]}
        )
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": [too_long(reason, MAX_REASON)]})
    with transaction.atomic():
        request = (
            SpeakerRequest.objects.select_for_update()
            .select_related("event")
            .get(pk=request_id)
        )
        if not by.has_perm("consultations.moderate_speakerrequest", request):
            raise PermissionDenied
        target = SpeakerRequest.Moderation(MODERATION_ACTIONS[action].value)
        request.moderation = target
        request.moderation_reason = reason if target == target.HIDDEN else ""
        request.moderated_by = by
        request.moderated_at = timezone.now()
        request.save(
            update_fields=[
                "moderation",
                "moderation_reason",
                "moderated_by",
                "moderated_at",
            ]
        )
        event_workflow.record(
            request.event,
            action="moderate_speaker",
            actor=by,
            note=request.moderation_reason,
            data={"speaker_request": request.pk, "moderation": target.value},
            now=request.moderated_at,
        )
        transaction.on_commit(invalidate_public_pages)
    return request
