"""Attendance per seat, the live installation quorum, and installing the meeting.

A seat is filled by its titular or, when the titular is absent, by its
suplente (the suplente votes only in the titular's place). Absences are
recorded against the titular's mandate, so they count against the person.
The arithmetic is `quorum.installation`'s, never recomputed here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.workflow import NOTE_MAX_LENGTH

from ..models import Attendance, Mandate, Meeting, Seat
from . import quorum as arithmetic
from .meetings import workflow

S = Meeting.Status
A = Attendance.Status
PRESENT = (A.TITULAR, A.ALTERNATE)


def voting_seats(council) -> int:
    """The seats with a vote: the council's active seats."""
    return council.seats.filter(is_active=True).count()


def present_count(meeting: Meeting) -> int:
    """Seats filled at the meeting (by the titular or the suplente)."""
    return meeting.attendances.filter(status__in=PRESENT).count()


def is_second_call(meeting: Meeting, now: datetime) -> bool:
    """The second call starts `second_call_minutes` after the start."""
    wait = timedelta(minutes=meeting.council.second_call_minutes)
    return now >= meeting.starts_at + wait


def meeting_quorum(
    meeting: Meeting,
    now: datetime | None = None,
    *,
    present: int | None = None,
    seats: int | None = None,
) -> arithmetic.Quorum:
    """The installation quorum that applies now (first or second call)."""
    now = now or timezone.now()
    council = meeting.council
    return arithmetic.installation(
        present=present_count(meeting) if present is None else present,
        voting_seats=voting_seats(council) if seats is None else seats,
        first_rule=council.installation_quorum,
        second_rule=council.second_call_quorum,
        second_call=is_second_call(meeting, now),
    )


def attendance_open(meeting: Meeting, now: datetime) -> bool:
    """Attendance is recorded for a convened or held meeting, from its day on."""
    if meeting.status not in (S.CONVENED, S.HELD):
        return False
    today = timezone.localdate(now)
    return meeting.starts_at <= now or timezone.localdate(meeting.starts_at) == today


def current_holders(seat: Seat) -> dict[str, Mandate]:
    """The seat's current mandates by role ("titular", "suplente")."""
    return {
        mandate.role: mandate
        for mandate in seat.mandates.filter(ends_on__isnull=True).select_related(
            "person"
        )
    }


def record_attendance(
    meeting: Meeting,
    seat: Seat,
    status: str,
    actor,
    justification: str = "",
    *,
    now: datetime | None = None,
) -> Attendance:
    """Record who sat in the seat (titular, suplente in the titular's place) or
    the titular's absence, justified or not; a second recording corrects the
    first. Reaching an absence limit tells the secretariat and the member."""
    from .absences import check_absence_limits

    now = now or timezone.now()
    justification = (justification or "").strip()
    if status not in A.values:
        raise ValidationError({"status": _("Escolha uma das opções de presença.")})
    if len(justification) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "justification": _("Use no máximo %(limit)s caracteres.")
                % {"limit": NOTE_MAX_LENGTH}
            }
        )
    if status == A.JUSTIFIED and not justification:
        raise ValidationError(
            {"justification": _("Escreva a justificativa da ausência.")}
        )
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update()
            .select_related("council")
            .get(pk=meeting.pk)
        )
        if not actor.has_perm("councils.record_attendance", locked):
            raise PermissionDenied
        if seat.council_id != locked.council_id or not seat.is_active:
            raise ValidationError(
                {"seat": _("Este assento não é um assento ativo deste conselho.")}
            )
        if not attendance_open(locked, now):
            raise ValidationError(
                _(
                    "A presença só é registrada em reunião convocada ou realizada, "
                    "a partir do dia da reunião."
                ),
                code="not_open",
            )
        holders = current_holders(seat)
        if status == A.ALTERNATE:
            mandate = holders.get(Mandate.Role.ALTERNATE)
            if mandate is None:
                raise ValidationError(
                    {
                        "status": _(
                            "O assento “%(seat)s” não tem suplente: registre a "
                            "presença do titular ou a ausência."
                        )
                        % {"seat": seat}
                    }
                )
        else:
            mandate = holders.get(Mandate.Role.TITULAR)
            if mandate is None:
                raise ValidationError(
                    {
                        "status": _(
                            "O assento “%(seat)s” está vago: não há titular para "
                            "registrar presença ou ausência."
                        )
                        % {"seat": seat}
                    }
                )
        attendance, _created = Attendance.objects.update_or_create(
            meeting=locked,
            seat=seat,
            defaults={
                "status": status,
                "mandate": mandate,
                "justification": justification if status != A.TITULAR else "",
                "recorded_by": actor,
                "recorded_at": now,
            },
        )
        if status == A.ABSENT:
            check_absence_limits(mandate, locked)
    return attendance


def install(meeting: Meeting, *, actor, now: datetime | None = None) -> Meeting:
    """Declare the meeting installed once the quorum is reached, recording the
    moment and the call (first or second)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Meeting.objects.select_for_update()
            .select_related("council")
            .get(pk=meeting.pk)
        )
        if not actor.has_perm("councils.record_attendance", locked):
            raise PermissionDenied
        if locked.installed_at:
            raise ValidationError(_("A reunião já foi instalada."), code="installed")
        if locked.status != S.CONVENED or locked.starts_at > now:
            raise ValidationError(
                _(
                    "Só uma reunião convocada, depois do horário de início, é instalada."
                ),
                code="not_open",
            )
        quorum = meeting_quorum(locked, now)
        if not quorum.reached:
            raise ValidationError(
                _(
                    "Quórum não atingido: %(present)s presentes, são necessários "
                    "%(required)s (faltam %(missing)s)."
                )
                % {
                    "present": quorum.present,
                    "required": quorum.required,
                    "missing": quorum.missing,
                },
                code="no_quorum",
            )
        locked.installed_at = now
        locked.installed_on_call = quorum.call
        locked.save(update_fields=["installed_at", "installed_on_call", "updated_at"])
        workflow.record(
            locked,
            action="install",
            actor=actor,
            data={"present": quorum.present, "required": quorum.required},
            now=now,
        )
    return locked


def attendance_sheet(meeting: Meeting) -> list[dict]:
    """One row per active seat: the seat, its current titular and suplente, and
    what was recorded (constant number of queries)."""
    seats = list(
        Seat.objects.filter(
            council_id=meeting.council_id, is_active=True
        ).select_related("body")
    )
    mandates = Mandate.objects.filter(
        seat__in=seats, ends_on__isnull=True
    ).select_related("person", "entity")
    holders: dict[int, dict[str, Mandate]] = {}
    for mandate in mandates:
        holders.setdefault(mandate.seat_id, {})[mandate.role] = mandate
    recorded = {
        row.seat_id: row
        for row in Attendance.objects.filter(meeting=meeting).select_related(
            "mandate__person"
        )
    }
    return [
        {
            "seat": seat,
            "titular": holders.get(seat.pk, {}).get(Mandate.Role.TITULAR),
            "suplente": holders.get(seat.pk, {}).get(Mandate.Role.ALTERNATE),
            "attendance": recorded.get(seat.pk),
        }
        for seat in seats
    ]
