"""The ata of a meeting: drafted after the meeting, approved at a later held
meeting (the usual regimento: the ata is read and approved at the next
meeting), then published for everyone, which tells followers and members.

A second `Workflow` over the meeting, on its `minutes_status`; its steps go
to the same meeting log.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.cache import invalidate_public_pages
from civic.workflow import Step, Workflow

from ..models import Meeting, MeetingLog

M = Meeting.Minutes
S = Meeting.Status
MINUTES_MAX_LENGTH = 100_000
NOT_HELD = gettext_lazy("Uma ata não pode ser aprovada antes da reunião acontecer.")


class MinutesWorkflow(Workflow):
    """draft_minutes, approve_minutes, publish_minutes: the rules
    `councils.<action>_meeting`. Parameters: draft(text), approve(approved_in)."""

    model = Meeting
    log_model = MeetingLog
    status_field = "minutes_status"
    transitions = {
        (M.NONE, "draft_minutes"): M.DRAFT,
        (M.DRAFT, "draft_minutes"): M.DRAFT,
        (M.DRAFT, "approve_minutes"): M.APPROVED,
        (M.APPROVED, "publish_minutes"): M.PUBLISHED,
    }
    action_labels = {
        "draft_minutes": gettext_lazy("Redigir a ata"),
        "approve_minutes": gettext_lazy("Registrar a aprovação da ata"),
        "publish_minutes": gettext_lazy("Publicar a ata"),
    }

    def in_time(self, obj, action: str, now: datetime) -> bool:
        return obj.status == S.HELD

    def check(self, step: Step) -> None:
        meeting = step.obj
        if meeting.status != S.HELD:
            if step.action == "approve_minutes":
                raise ValidationError({"approved_in": NOT_HELD})
            raise ValidationError(
                _("A ata é redigida depois que a reunião é registrada como realizada.")
            )
        if step.action == "draft_minutes":
            text = (step.params.get("text") or "").strip()
            if not text:
                raise ValidationError({"text": _("Escreva o texto da ata.")})
            if len(text) > MINUTES_MAX_LENGTH:
                raise ValidationError(
                    {
                        "text": _("Use no máximo %(limit)s caracteres.")
                        % {"limit": MINUTES_MAX_LENGTH}
                    }
                )
            step.params["text"] = text
        elif step.action == "approve_minutes":
            check_approving_meeting(meeting, step.params.get("approved_in"))

    def apply(self, step: Step) -> None:
        if step.action == "draft_minutes":
            step.set(minutes_text=step.params["text"])
        elif step.action == "approve_minutes":
            approving = step.params["approved_in"]
            step.set(minutes_approved_in=approving)
            step.data = {"approved_in": approving.pk}
        elif step.action == "publish_minutes":
            step.set(minutes_published_at=step.now)

    def after(self, step: Step, log: MeetingLog) -> None:
        from ..notifications import meetings as notices

        if step.action == "publish_minutes":
            notices.minutes_published(step.obj, actor=step.actor)
            transaction.on_commit(invalidate_public_pages)


def check_approving_meeting(meeting: Meeting, approving) -> None:
    """The ata is approved at a later meeting of the same council that was held."""
    if approving is None:
        raise ValidationError(
            {"approved_in": _("Escolha a reunião em que a ata foi aprovada.")}
        )
    if (
        approving.council_id != meeting.council_id
        or approving.pk == meeting.pk
        or approving.starts_at <= meeting.starts_at
    ):
        raise ValidationError(
            {
                "approved_in": _(
                    "A ata é aprovada numa reunião posterior do mesmo conselho."
                )
            }
        )
    if approving.status != S.HELD:
        raise ValidationError(
            {
                "approved_in": _(
                    "A reunião escolhida ainda não foi realizada: registre-a como "
                    "realizada antes."
                )
            }
        )


minutes_workflow = MinutesWorkflow()


def approving_candidates(meeting: Meeting):
    """The later held meetings of the council where the ata may be approved."""
    return Meeting.objects.filter(
        council_id=meeting.council_id, status=S.HELD, starts_at__gt=meeting.starts_at
    ).order_by("starts_at")


def draft_minutes(meeting: Meeting, *, actor, text: str, now=None) -> Meeting:
    """Write or correct the draft of the ata (only after the meeting was held)."""
    if meeting.status != S.HELD:
        raise ValidationError(
            _("A ata é redigida depois que a reunião é registrada como realizada.")
        )
    return minutes_workflow.run(
        meeting.pk, "draft_minutes", actor=actor, now=now, text=text
    )


def approve_minutes(
    meeting: Meeting, *, actor, approved_in: Meeting | None, now=None
) -> Meeting:
    """Record the approval of the ata at a later held meeting."""
    if meeting.status != S.HELD:
        raise ValidationError({"approved_in": NOT_HELD})
    return minutes_workflow.run(
        meeting.pk, "approve_minutes", actor=actor, now=now, approved_in=approved_in
    )


def publish_minutes(meeting: Meeting, *, actor, now: datetime | None = None) -> Meeting:
    """Publish the approved ata and tell followers and members."""
    return minutes_workflow.run(
        meeting.pk, "publish_minutes", actor=actor, now=now or timezone.now()
    )
