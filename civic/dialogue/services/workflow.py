"""The life of a demand (Lei 13.460/2017 arts. 12–16), as one transition table.

    open ─assign→ triage ─forward→ forwarded
      │             │ ask ↘            │
      └─────────────┴──→ waiting ─reply→ triage
    open/triage/forwarded/reopened ─answer→ answered ─close→ closed
                                        answered ─reopen (once)→ reopened

Deadlines are stored dates staff act on, never silent transitions: the answer
is due DIALOGUE_ANSWER_DAYS after receipt; `ask` stops the clock and `reply`
moves the due date by the days it stood still; `extend` adds
DIALOGUE_EXTENSION_DAYS once, with a justification (art. 16); a reopened
demand gets a new full deadline.
"""

from __future__ import annotations

import datetime as dt

import rules
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.workflow import Step, Workflow

from ..models import Demand, DemandLog, DemandMessage
from ..notifications import demand_changed
from ..selectors.numbers import numbers_changed
from .attachments import attach, check_files

S = Demand.Status
M = DemandMessage.Kind
RUNNING = Demand.RUNNING_STATUSES


def _table() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    for status in RUNNING:
        table[(status, "assign")] = S.TRIAGE if status == S.OPEN else status
        table[(status, "forward")] = S.FORWARDED
        table[(status, "ask")] = S.WAITING
        table[(status, "answer")] = S.ANSWERED
        table[(status, "extend")] = status
        table[(status, "close")] = S.CLOSED
    table[(S.WAITING, "assign")] = S.WAITING
    table[(S.WAITING, "extend")] = S.WAITING
    table[(S.WAITING, "reply")] = S.TRIAGE
    table[(S.WAITING, "close")] = S.CLOSED
    table[(S.ANSWERED, "close")] = S.CLOSED
    table[(S.ANSWERED, "reopen")] = S.REOPENED
    return table


def due_date(start: dt.date, days: int | None = None) -> dt.date:
    """The deadline of an answer counted from `start` (calendar days)."""
    return start + dt.timedelta(
        days=settings.DIALOGUE_ANSWER_DAYS if days is None else days
    )


# Messages written by the action's note, and whom the thread shows them to.
NOTE_MESSAGES = {
    "ask": M.QUESTION,
    "reply": M.REPLY,
    "answer": M.ANSWER,
    "reopen": M.REOPEN,
}


class DemandWorkflow(Workflow):
    model = Demand
    log_model = DemandLog
    transitions = _table()
    action_labels = {
        "assign": gettext_lazy("Atribuir"),
        "forward": gettext_lazy("Encaminhar a outro órgão"),
        "ask": gettext_lazy("Pedir informações"),
        "reply": gettext_lazy("Responder ao pedido de informações"),
        "answer": gettext_lazy("Responder"),
        "close": gettext_lazy("Encerrar"),
        "reopen": gettext_lazy("Reabrir"),
        "extend": gettext_lazy("Prorrogar o prazo"),
    }
    # Each of these writes something the other side reads, or justifies itself
    # (Lei 13.460 art. 16 for the extension, Lei 9.784 art. 50 for the rest).
    note_required = frozenset({"forward", "ask", "reply", "answer", "reopen", "extend"})
    # The note of ask, reply and answer is the message itself.
    note_max_length = 10_000
    # Actions the requester takes; everything else is staff's.
    requester_actions = frozenset({"reply", "reopen"})

    def has_permission(self, obj, action: str, actor) -> bool:
        """The rules decide for superusers too: nobody replies for the requester."""
        if actor is None:
            return False
        return rules.has_perm(self.permission(action), actor, obj)

    def can(self, obj, action: str, user, now=None) -> bool:
        """Also hides what may happen only once and already did."""
        if (action == "reopen" and obj.reopened) or (
            action == "extend" and obj.extended
        ):
            return False
        return super().can(obj, action, user, now)

    def check(self, step: Step) -> None:
        demand = step.obj
        if step.params.get("files"):
            if step.action not in NOTE_MESSAGES:
                raise ValidationError({"files": _("Esta ação não leva anexos.")})
            check_files(step.params["files"])
        if step.action == "assign":
            assignee = step.params.get("assignee")
            if assignee is None or not _is_team_member(assignee):
                raise ValidationError(
                    {"assignee": _("Escolha uma pessoa da equipe da SRSC.")}
                )
        elif step.action == "forward":
            if step.params.get("body") is None:
                raise ValidationError({"body": _("Escolha o órgão.")})
        elif step.action == "extend" and demand.extended:
            raise ValidationError(
                {"note": _("O prazo desta demanda já foi prorrogado uma vez.")}
            )
        elif step.action == "reopen" and demand.reopened:
            raise ValidationError({"note": _("Esta demanda já foi reaberta uma vez.")})
        elif step.action == "close" and not demand.answer and not step.note:
            raise ValidationError(
                {"note": _("Diga por que a demanda é encerrada sem resposta.")}
            )

    def apply(self, step: Step) -> None:
        demand, today = step.obj, timezone.localdate(step.now)
        action = step.action
        if action == "assign":
            step.set(assignee=step.params["assignee"])
            step.data["assignee"] = step.params["assignee"].pk
        elif action == "forward":
            body = step.params["body"]
            step.set(forwarded_to=body, forward_note=step.note)
            step.data["body"] = body.pk
        elif action == "ask":
            step.set(paused_since=today)
        elif action == "reply":
            paused = max((today - (demand.paused_since or today)).days, 0)
            step.set(
                paused_since=None,
                paused_days=demand.paused_days + paused,
                due_on=demand.due_on + dt.timedelta(days=paused),
            )
            step.data["paused_days"] = paused
        elif action == "extend":
            step.set(
                extended=True,
                extension_justification=step.note,
                due_on=demand.due_on
                + dt.timedelta(days=settings.DIALOGUE_EXTENSION_DAYS),
            )
        elif action == "answer":
            values = {"answer": step.note, "answered_at": step.now}
            if demand.answered_in_time is None:
                values["answered_in_time"] = today <= demand.due_on
            step.set(**values)
        elif action == "close":
            step.set(closed_at=step.now, paused_since=None)
        elif action == "reopen":
            step.set(reopened=True, due_on=due_date(today))
        if "due_on" in step.update_fields:
            step.data["due_on"] = step.obj.due_on.isoformat()
        if action in NOTE_MESSAGES:
            message = DemandMessage.objects.create(
                demand=demand,
                kind=NOTE_MESSAGES[action],
                author=_user_or_none(step.actor),
                text=step.note,
                created_at=step.now,
            )
            attach(
                demand=demand,
                message=message,
                files=step.params.get("files") or (),
                by=step.actor,
                now=step.now,
            )

    def after(self, step: Step, log: DemandLog) -> None:
        demand_changed(step.obj, log)
        if step.action in {"answer", "close", "reopen"}:
            numbers_changed()

    def record(self, obj, *, actor, **kwargs) -> DemandLog:
        # Whoever follows an anonymous denúncia by its code has no account.
        return super().record(obj, actor=_user_or_none(actor), **kwargs)


def _user_or_none(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _is_team_member(user) -> bool:
    return (
        isinstance(user, get_user_model())
        and user.is_active
        and user.has_perm("dialogue.manage_dialogue")
    )


workflow = DemandWorkflow()


def demand_transition(
    *, demand_id: int, action: str, actor, note: str = "", now=None, **params
) -> Demand:
    """Take one step of the demand's life (Lei 13.460/2017 arts. 12–16)."""
    return workflow.run(demand_id, action, actor=actor, note=note, now=now, **params)
