"""The life of a council meeting: planned → convened → held (or cancelled).

- An ordinária comes from the annual calendar (`plan_calendar`) and is
  convened `council.ordinary_notice_days` days ahead; an extraordinária says
  why and is convened `council.extraordinary_notice_hours` hours ahead. Less
  notice is refused, unless an extraordinária records why it cannot wait
  (the usual regimento pattern: urgent matters may be convened at once, with
  the reason in the record).
- A convocation needs a pauta: at least one item.
- Once convened, a new date is not a transition but a recorded step
  (`reschedule_meeting`) that bumps `schedule_version` and convenes everyone
  again with the new date.
- "hold" comes after the start, once the installation quorum was reached.
- "cancel" always says why.

Attendance and quorum are in `attendance`, votes in `votes`, the ata in
`minutes`, absences and loss of mandate in `absences`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.cache import invalidate_public_pages
from civic.workflow import NOTE_MAX_LENGTH, InvalidTransition, Step, Workflow

from ..models import AgendaItem, Meeting, MeetingLog

S = Meeting.Status
K = Meeting.Kind


def notice_required(meeting: Meeting) -> timedelta:
    """The notice the regimento asks for this kind of meeting."""
    council = meeting.council
    if meeting.kind == K.EXTRAORDINARY:
        return timedelta(hours=council.extraordinary_notice_hours)
    return timedelta(days=council.ordinary_notice_days)


def notice_is_short(meeting: Meeting, starts_at: datetime, now: datetime) -> bool:
    """Whether convening now for `starts_at` gives less notice than the rule."""
    return starts_at - now < notice_required(meeting)


def short_notice_message(meeting: Meeting, starts_at: datetime, now: datetime) -> str:
    """What the secretary reads when the notice is too short, and what to do."""
    council = meeting.council
    if meeting.kind == K.EXTRAORDINARY:
        return _(
            "A reunião extraordinária precisa ser convocada com pelo menos "
            "%(hours)s horas de antecedência (faltam %(left)s horas). Escolha "
            "outra data ou justifique a urgência no campo indicado."
        ) % {
            "hours": council.extraordinary_notice_hours,
            "left": formats.number_format(
                max((starts_at - now).total_seconds() / 3600, 0), 1
            ),
        }
    return _(
        "A reunião ordinária precisa ser convocada com pelo menos %(days)s dias "
        "de antecedência (faltam %(left)s dias). Escolha uma data a partir de "
        "%(earliest)s."
    ) % {
        "days": council.ordinary_notice_days,
        "left": formats.number_format(
            max((starts_at - now).total_seconds() / 86400, 0), 1
        ),
        "earliest": formats.date_format(
            timezone.localtime(now + notice_required(meeting)), "d/m/Y H:i"
        ),
    }


def _text(step: Step, name: str, *, required: str | None = None) -> str:
    """The stripped text parameter `name`, refused beside its field when
    missing (with `required`) or too long."""
    value = (step.params.get(name) or "").strip()
    if required and not value:
        raise ValidationError({name: required})
    if len(value) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                name: _("Use no máximo %(limit)s caracteres.")
                % {"limit": NOTE_MAX_LENGTH}
            }
        )
    step.params[name] = value
    return value


def check_schedule(
    meeting: Meeting, starts_at: datetime, now: datetime, short_notice_reason: str
) -> None:
    """The date is in the future and gives the notice the rule asks, or it is
    an extraordinária whose urgency is justified."""
    if starts_at is None or starts_at <= now:
        raise ValidationError(
            {"starts_at": _("A data da reunião já passou: escolha uma data futura.")}
        )
    if not notice_is_short(meeting, starts_at, now):
        return
    if meeting.kind == K.EXTRAORDINARY and short_notice_reason:
        return
    raise ValidationError(
        {
            "starts_at": ValidationError(
                short_notice_message(meeting, starts_at, now), code="short_notice"
            )
        }
    )


def live_items(meeting: Meeting):
    """The pauta without the items withdrawn from it."""
    return meeting.agenda_items.exclude(result=AgendaItem.Result.WITHDRAWN)


OUT_OF_TIME = {
    "hold": gettext_lazy(
        "A reunião ainda não começou: ela só pode ser dada como realizada depois "
        "do horário de início."
    ),
}


class MeetingWorkflow(Workflow):
    """Convene, hold and cancel, each the rule `councils.<action>_meeting`.
    Parameters: convene(short_notice_reason)."""

    model = Meeting
    log_model = MeetingLog
    transitions = {
        (S.PLANNED, "convene"): S.CONVENED,
        (S.CONVENED, "hold"): S.HELD,
        (S.PLANNED, "cancel"): S.CANCELLED,
        (S.CONVENED, "cancel"): S.CANCELLED,
    }
    action_labels = {
        "convene": gettext_lazy("Convocar"),
        "hold": gettext_lazy("Registrar como realizada"),
        "cancel": gettext_lazy("Cancelar a reunião"),
        # Steps of the history that change no status (`record()`).
        "create": gettext_lazy("Reunião criada"),
        "edit": gettext_lazy("Dados da reunião alterados"),
        "plan": gettext_lazy("Reunião prevista no calendário anual"),
        "add_item": gettext_lazy("Item incluído na pauta"),
        "withdraw_item": gettext_lazy("Item retirado da pauta"),
        "reschedule": gettext_lazy("Reunião remarcada"),
        "install": gettext_lazy("Reunião instalada (quórum atingido)"),
        "vote": gettext_lazy("Votação registrada"),
        "justify_absence": gettext_lazy("Ausência justificada pelo(a) conselheiro(a)"),
        "add_document": gettext_lazy("Documento incluído"),
        "delete_document": gettext_lazy("Documento excluído"),
    }
    note_required = frozenset({"cancel"})
    note_required_message = gettext_lazy("Explique o motivo do cancelamento.")

    def in_time(self, obj, action: str, now: datetime) -> bool:
        if action == "hold":
            return obj.starts_at <= now
        return True

    def refusal(self, obj, action: str, user, now=None) -> Exception | None:
        """Why the action cannot be taken now (None when it can)."""
        now = now or timezone.now()
        if (self.status_of(obj), action) not in self.transitions:
            return InvalidTransition(
                obj.status,
                action,
                status_label=obj.get_status_display(),
                action_label=self.label(action),
            )
        if not self.has_permission(obj, action, user):
            return PermissionDenied()
        if not self.in_time(obj, action, now):
            return ValidationError(OUT_OF_TIME[action])
        return None

    def check(self, step: Step) -> None:
        if not self.in_time(step.obj, step.action, step.now):
            raise ValidationError(OUT_OF_TIME[step.action])
        if step.action == "convene":
            self.check_convene(step)
        elif step.action == "hold":
            self.check_hold(step)

    def check_convene(self, step: Step) -> None:
        meeting = step.obj
        reason = _text(step, "short_notice_reason")
        if meeting.kind == K.EXTRAORDINARY and not meeting.reason.strip():
            raise ValidationError(
                {"reason": _("Diga o motivo da reunião extraordinária.")}
            )
        check_schedule(meeting, meeting.starts_at, step.now, reason)
        if not live_items(meeting).exists():
            raise ValidationError(
                _("Monte a pauta antes de convocar: inclua pelo menos um item."),
                code="no_agenda",
            )

    def check_hold(self, step: Step) -> None:
        from .attendance import meeting_quorum

        meeting = step.obj
        if meeting.installed_at:
            return
        quorum = meeting_quorum(meeting, step.now)
        if not quorum.reached:
            raise ValidationError(
                _(
                    "A reunião não atingiu o quórum de instalação: %(present)s "
                    "presentes de %(required)s necessários. Registre as presenças "
                    "ou cancele a reunião por falta de quórum."
                )
                % {"present": quorum.present, "required": quorum.required},
                code="no_quorum",
            )
        step.set(installed_at=step.now, installed_on_call=quorum.call)

    def apply(self, step: Step) -> None:
        meeting = step.obj
        if step.action == "convene":
            reason = step.params["short_notice_reason"]
            if not notice_is_short(meeting, meeting.starts_at, step.now):
                reason = ""
            step.set(convened_at=step.now, short_notice_reason=reason)
            if reason:
                step.note = _("Prazo reduzido: %(why)s") % {"why": reason}

    def after(self, step: Step, log: MeetingLog) -> None:
        from ..notifications import meetings as notices

        if step.action == "convene":
            notices.meeting_convened(step.obj, actor=step.actor)
        elif step.action == "cancel":
            notices.meeting_cancelled(step.obj, reason=step.note, actor=step.actor)
        transaction.on_commit(invalidate_public_pages)


workflow = MeetingWorkflow()


def convene_meeting(
    meeting: Meeting, *, actor, short_notice_reason: str = "", now=None
) -> Meeting:
    """Convene the meeting and send the convocation with the pauta to every
    titular and suplente (regimento: ordinária and extraordinária notice)."""
    return workflow.run(
        meeting.pk,
        "convene",
        actor=actor,
        now=now,
        short_notice_reason=short_notice_reason,
    )


def hold_meeting(meeting: Meeting, *, actor, now=None) -> Meeting:
    """Record that the meeting took place, installed with quorum."""
    return workflow.run(meeting.pk, "hold", actor=actor, now=now)


def cancel_meeting(meeting: Meeting, *, actor, note: str, now=None) -> Meeting:
    """Cancel the meeting, with the reason, and tell the members if convened."""
    return workflow.run(meeting.pk, "cancel", actor=actor, note=note, now=now)


def reschedule_meeting(
    meeting: Meeting,
    *,
    actor,
    starts_at: datetime,
    ends_at: datetime | None = None,
    reason: str,
    short_notice_reason: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Move a convened meeting: the same notice rules as the convocation; the
    version goes up and everyone is convened again for the new date."""
    from ..notifications import meetings as notices

    now = now or timezone.now()
    reason = (reason or "").strip()
    short_notice_reason = (short_notice_reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Explique o motivo da mudança de data.")})
    for name, value in (
        ("reason", reason),
        ("short_notice_reason", short_notice_reason),
    ):
        if len(value) > NOTE_MAX_LENGTH:
            raise ValidationError(
                {
                    name: _("Use no máximo %(limit)s caracteres.")
                    % {"limit": NOTE_MAX_LENGTH}
                }
            )
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update()
            .select_related("council")
            .get(pk=meeting.pk)
        )
        if locked.status != S.CONVENED:
            raise InvalidTransition(
                locked.status,
                "reschedule",
                status_label=locked.get_status_display(),
                action_label=_("Remarcar"),
            )
        if not actor.has_perm("councils.reschedule_meeting", locked):
            raise PermissionDenied
        if ends_at is not None and ends_at <= starts_at:
            raise ValidationError(
                {"ends_at": _("O término deve ser depois do início.")}
            )
        if starts_at == locked.starts_at:
            raise ValidationError({"starts_at": _("A nova data é igual à atual.")})
        check_schedule(locked, starts_at, now, short_notice_reason)
        previous = locked.starts_at
        locked.starts_at = starts_at
        locked.ends_at = ends_at
        locked.schedule_version += 1
        fields = ["starts_at", "ends_at", "schedule_version", "updated_at"]
        if notice_is_short(locked, starts_at, now):
            locked.short_notice_reason = short_notice_reason
            fields.append("short_notice_reason")
        locked.save(update_fields=fields)
        workflow.record(
            locked,
            action="reschedule",
            actor=actor,
            note=reason,
            data={"previous": previous, "new": starts_at},
            now=now,
        )
        notices.meeting_convened(locked, actor=actor, previous_starts_at=previous)
        transaction.on_commit(invalidate_public_pages)
    return locked


# The annual calendar and the pauta (re-exported: one import for the admin).
from .agenda import plan_calendar, withdraw_item  # noqa: E402

__all__ = [
    "cancel_meeting",
    "convene_meeting",
    "hold_meeting",
    "plan_calendar",
    "reschedule_meeting",
    "withdraw_item",
    "workflow",
]
