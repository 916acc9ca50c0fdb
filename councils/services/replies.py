"""What a conselheiro does in the member area: answer a convocation and
justify an absence.

- A reply ("vou comparecer" / "não poderei comparecer") is given by a titular
  or suplente with a current mandate in the meeting's council, while the
  meeting is convened and has not started. Not attending needs a reason, so
  the secretariat can call the suplente in time. Answering again changes the
  same row (one reply per meeting and mandate). "Não poderei comparecer" is
  told to the council's secretariat (once per reply and meeting date).
- An unjustified absence may be justified by the absent person until
  `COUNCILS_ABSENCE_JUSTIFICATION_DAYS` days after the meeting (the regimento
  interno's usual window). A justified absence does not count towards the
  absence limits, and the change is written to the meeting's history.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from civic.workflow import NOTE_MAX_LENGTH, refuse_duplicate

from ..models import Attendance, AttendanceReply, Mandate, Meeting
from ..notifications import meetings as notices
from .meetings import workflow as meeting_workflow

REPLY_ACTION = "reply"
JUSTIFY_ACTION = "justify_absence"


def _clean_text(text: str | None, field: str) -> str:
    text = (text or "").replace("\x00", "").strip()
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                field: gettext("Use no máximo %(limit)s caracteres.")
                % {"limit": NOTE_MAX_LENGTH}
            }
        )
    return text


def reply_to_convocation(
    meeting: Meeting,
    mandate: Mandate,
    reply: str,
    justification: str = "",
    *,
    now: dt.datetime | None = None,
) -> AttendanceReply:
    """Record (or change) a conselheiro's answer to a convocation, before the
    meeting starts; not attending needs a justification."""
    now = now or timezone.now()
    if reply not in AttendanceReply.Reply.values:
        raise ValidationError({"reply": gettext("Escolha uma das respostas.")})
    justification = _clean_text(justification, "justification")
    if reply == AttendanceReply.Reply.ABSENT and not justification:
        raise ValidationError(
            {
                "justification": gettext(
                    "Diga por que você não poderá comparecer, para que a "
                    "secretaria convoque o(a) suplente a tempo."
                )
            }
        )
    with refuse_duplicate(
        gettext("Sua resposta acabou de ser registrada. Confira e tente de novo.")
    ):
        with transaction.atomic():
            locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
            _check_can_reply(locked, mandate, now)
            answer, _created = AttendanceReply.objects.update_or_create(
                meeting=locked,
                mandate=mandate,
                defaults={
                    "reply": reply,
                    "justification": justification,
                    "replied_at": now,
                },
            )
            if reply == AttendanceReply.Reply.ABSENT:
                answer.meeting = locked
                notices.member_cannot_attend(answer)
    return answer


def _check_can_reply(meeting: Meeting, mandate: Mandate, now: dt.datetime) -> None:
    if not mandate.is_current or mandate.council_id != meeting.council_id:
        raise PermissionDenied
    if meeting.status != Meeting.Status.CONVENED:
        raise ValidationError(
            {
                "reply": gettext(
                    "Esta reunião não está convocada (situação: %(status)s); "
                    "não há convocação a responder."
                )
                % {"status": meeting.get_status_display()}
            }
        )
    if meeting.starts_at <= now:
        raise ValidationError(
            {
                "reply": gettext(
                    "A reunião já começou; não é mais possível responder à convocação."
                )
            }
        )


def justification_deadline(meeting: Meeting) -> dt.date:
    """The last day (local) on which an absence from the meeting may be justified."""
    days = settings.COUNCILS_ABSENCE_JUSTIFICATION_DAYS
    return timezone.localdate(meeting.starts_at) + dt.timedelta(days=days)


def can_justify(attendance: Attendance, now: dt.datetime | None = None) -> bool:
    """An unjustified absence still inside the justification window."""
    now = now or timezone.now()
    return attendance.status == Attendance.Status.ABSENT and timezone.localdate(
        now
    ) <= justification_deadline(attendance.meeting)


def justify_absence(
    attendance: Attendance,
    text: str,
    actor,
    *,
    now: dt.datetime | None = None,
) -> Attendance:
    """The absent conselheiro justifies an unjustified absence within the
    window; it stops counting towards the absence limits and is logged."""
    now = now or timezone.now()
    text = _clean_text(text, "justification")
    if not text:
        raise ValidationError(
            {"justification": gettext("Escreva a justificativa da ausência.")}
        )
    with transaction.atomic():
        locked = Attendance.objects.select_for_update().get(pk=attendance.pk)
        meeting = Meeting.objects.get(pk=locked.meeting_id)
        locked.meeting = meeting
        if not actor.has_perm("councils.justify_own_attendance", locked):
            raise PermissionDenied
        if locked.status != Attendance.Status.ABSENT:
            raise ValidationError(
                {
                    "justification": gettext(
                        "Não há ausência sem justificativa a justificar nesta "
                        "reunião (situação: %(status)s)."
                    )
                    % {"status": locked.get_status_display()}
                }
            )
        deadline = justification_deadline(meeting)
        if timezone.localdate(now) > deadline:
            raise ValidationError(
                {
                    "justification": gettext(
                        "O prazo para justificar esta ausência terminou em "
                        "%(date)s. Procure a secretaria executiva do conselho."
                    )
                    % {"date": deadline.strftime("%d/%m/%Y")}
                }
            )
        locked.status = Attendance.Status.JUSTIFIED
        locked.justification = text
        locked.save(update_fields=["status", "justification"])
        meeting_workflow.record(
            meeting,
            action=JUSTIFY_ACTION,
            actor=actor,
            note=text,
            data={
                "attendance": locked.pk,
                "seat": locked.seat_id,
                "from": Attendance.Status.ABSENT,
                "to": Attendance.Status.JUSTIFIED,
            },
            now=now,
        )
    return locked
