"""The life of a consultation: draft → scheduled → open → closed → answered.

Opening and closing happen at the scheduled times without anyone acting: the
beat job `consultations_tick` applies them, idempotently, under row locks.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.cache import invalidate_public_pages
from civic.workflow import InvalidTransition, Step, Workflow

from .. import notifications
from ..models import Consultation, ConsultationLog, Contribution
from ..selectors.staff import UNANSWERED

S = Consultation.Status


class ConsultationWorkflow(Workflow):
    """Staff schedule, unschedule and publish the report; the clock opens and
    closes. Each person's action is the rule `consultations.<action>_consultation`."""

    model = Consultation
    log_model = ConsultationLog
    transitions = {
        (S.DRAFT, "schedule"): S.SCHEDULED,
        (S.SCHEDULED, "unschedule"): S.DRAFT,
        (S.SCHEDULED, "open"): S.OPEN,
        (S.OPEN, "close"): S.CLOSED,
        (S.CLOSED, "publish_report"): S.ANSWERED,
    }
    action_labels = {
        "schedule": gettext_lazy("Agendar a consulta"),
        "unschedule": gettext_lazy("Desfazer o agendamento"),
        "open": gettext_lazy("Abrir"),
        "close": gettext_lazy("Encerrar"),
        "publish_report": gettext_lazy("Publicar o relatório final"),
    }
    clock_actions = frozenset({"open", "close"})

    def has_permission(self, obj, action: str, actor) -> bool:
        """The clock's actions are nobody else's, superusers included."""
        if action in self.clock_actions:
            return actor is None
        return super().has_permission(obj, action, actor)

    def staff_actions(self) -> list[str]:
        """The actions a person takes (the rest are the clock's), in table order."""
        return list(
            dict.fromkeys(
                action
                for (_status, action) in self.transitions
                if action not in self.clock_actions
            )
        )

    def check(self, step: Step) -> None:
        consultation = step.obj
        if step.action == "schedule":
            if consultation.closes_at <= step.now:
                raise ValidationError(
                    _("O encerramento já passou: ajuste as datas antes de agendar.")
                )
            if not consultation.devices.exists():
                raise ValidationError(
                    _("Divida o texto em dispositivos antes de agendar a consulta.")
                )
        if step.action == "publish_report":
            unanswered = Contribution.objects.filter(
                UNANSWERED, consultation=consultation
            ).count()
            if unanswered:
                raise ValidationError(
                    _("Ainda há %(count)s contribuições sem resposta.")
                    % {"count": unanswered}
                )

    def apply(self, step: Step) -> None:
        if step.action == "schedule":
            step.set(published_at=step.now)
        if step.action == "publish_report":
            step.set(report_published_at=step.now)

    def after(self, step: Step, log: ConsultationLog) -> None:
        notifications.consultation_changed(step.obj, step.action)
        transaction.on_commit(invalidate_public_pages)


workflow = ConsultationWorkflow()
CONSULTATION_TRANSITIONS = workflow.transitions


def consultation_transition(
    *,
    consultation_id: int,
    action: str,
    actor=None,
    note: str = "",
    now: datetime | None = None,
) -> Consultation:
    """Apply one action under a row lock. `actor=None` is the clock (open/close)."""
    return workflow.run(consultation_id, action, actor=actor, note=note, now=now)


def consultations_tick(now: datetime | None = None) -> dict[str, int]:
    """Open scheduled consultations whose time has come and close open ones whose
    period has ended; remind followers a week before closing. Safe to run twice."""
    now = now or timezone.now()
    done = {"opened": 0, "closed": 0, "closing_reminders": 0}
    due = (
        ("open", "opened", S.SCHEDULED, "opens_at"),
        ("close", "closed", S.OPEN, "closes_at"),
    )
    for action, counter, status, deadline in due:
        for pk in Consultation.objects.filter(
            status=status, **{f"{deadline}__lte": now}
        ).values_list("pk", flat=True):
            try:
                workflow.run(pk, action, actor=None, now=now)
                done[counter] += 1
            except InvalidTransition:
                pass  # another run got there first
    for consultation in Consultation.objects.filter(status=S.OPEN, closes_at__gt=now):
        if notifications.consultation_closing_soon(consultation, now=now):
            done["closing_reminders"] += 1
    return done
