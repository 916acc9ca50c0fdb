"""Unjustified absences per mandate, the alert at the regimento's limits, and
the loss of mandate (a recorded decision, never automatic).

Counting (the usual regimento pattern; the limits are the council's):
- consecutive: the absent titular's unbroken run of unjustified absences in
  the council's latest held meetings (a presence, a justified absence or the
  suplente sitting in breaks the run);
- alternate: unjustified absences in the held meetings of the last 12 months.
The meeting being recorded counts as held.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.workflow import NOTE_MAX_LENGTH

from ..models import Attendance, Council, CouncilLog, Mandate, Meeting

A = Attendance.Status
YEAR = timedelta(days=365)


@dataclass(frozen=True)
class AbsenceCount:
    mandate: Mandate
    consecutive: int
    alternate: int
    consecutive_limit: int
    alternate_limit: int

    @property
    def at_consecutive_limit(self) -> bool:
        return self.consecutive >= self.consecutive_limit

    @property
    def at_alternate_limit(self) -> bool:
        return self.alternate >= self.alternate_limit

    @property
    def at_limit(self) -> bool:
        return self.at_consecutive_limit or self.at_alternate_limit


def _rows(seat_ids, *, including: Meeting | None = None) -> dict[int, list]:
    """Attendance rows of the seats in held meetings (and `including`), as
    {seat: [(mandate, status, starts_at), ...]}, latest first. One query."""
    meetings = Q(meeting__status=Meeting.Status.HELD)
    if including is not None:
        meetings |= Q(meeting=including)
    rows = Attendance.objects.filter(meetings, seat_id__in=list(seat_ids))
    by_seat: dict[int, list] = {}
    for seat_id, mandate_id, status, starts_at in rows.order_by(
        "-meeting__starts_at", "-meeting_id"
    ).values_list("seat_id", "mandate_id", "status", "meeting__starts_at"):
        by_seat.setdefault(seat_id, []).append((mandate_id, status, starts_at))
    return by_seat


def _count(mandate: Mandate, rows, now: datetime) -> AbsenceCount:
    """The mandate's count, from its seat's rows (latest first)."""
    consecutive, run_open, alternate = 0, True, 0
    since = now - YEAR
    for mandate_id, status, starts_at in rows:
        if timezone.localdate(starts_at) < mandate.starts_on:
            break
        absent = status == A.ABSENT and mandate_id == mandate.pk
        if run_open:
            if absent:
                consecutive += 1
            else:
                run_open = False
        if absent and starts_at >= since:
            alternate += 1
    council = mandate.council
    return AbsenceCount(
        mandate,
        consecutive,
        alternate,
        council.absence_consecutive_limit,
        council.absence_alternate_limit,
    )


def absence_counts(
    mandates: Sequence[Mandate], *, including: Meeting | None = None, now=None
) -> list[AbsenceCount]:
    """The absences of each mandate (of any councils), in one query: the one
    count behind the member area, the secretariat's panel and the alert.
    The mandates need `council` loaded."""
    if not mandates:
        return []
    now = now or timezone.now()
    rows = _rows({m.seat_id for m in mandates}, including=including)
    return [_count(mandate, rows.get(mandate.seat_id, ()), now) for mandate in mandates]


def count_absences(
    mandate: Mandate, *, including: Meeting | None = None, now=None
) -> AbsenceCount:
    """The mandate's unjustified absences, consecutive and in 12 months."""
    return absence_counts([mandate], including=including, now=now)[0]


def absence_status(council: Council, *, now=None, only_at_limit=False):
    """Every current mandate's absences (for the secretariat's panel), in a
    constant number of queries; `only_at_limit` keeps those at a limit."""
    now = now or timezone.now()
    mandates = list(
        Mandate.objects.filter(council=council, ends_on__isnull=True)
        .select_related("person", "seat", "entity", "council")
        .order_by("seat__segment", "seat__position", "seat_id", "role")
    )
    result = []
    for count in absence_counts(mandates, now=now):
        if count.consecutive or count.alternate:
            if count.at_limit or not only_at_limit:
                result.append(count)
    return result


def check_absence_limits(mandate: Mandate, meeting: Meeting) -> AbsenceCount:
    """After an unjustified absence: at a limit, tell the secretariat and the
    member (once per mandate, limit and meeting)."""
    from ..notifications import meetings as notices

    count = count_absences(mandate, including=meeting)
    if count.at_consecutive_limit:
        notices.absence_limit_reached(count, "consecutive", meeting)
    if count.at_alternate_limit:
        notices.absence_limit_reached(count, "alternate", meeting)
    return count


def declare_loss_of_mandate(
    mandate: Mandate, actor, note: str, *, today=None
) -> Mandate | None:
    """End the mandate for absences or another cause the regimento names
    (a decision with its reasons, Lei 9.784/1999 art. 50), and give the seat
    to its suplente, who becomes titular for the rest of the gestão. Returns
    the new titular mandate, or None when the seat has no suplente."""
    note = (note or "").strip()
    if not note:
        raise ValidationError(
            {"note": _("Escreva os fundamentos da decisão de perda do mandato.")}
        )
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": _("Use no máximo %(limit)s caracteres.")
                % {"limit": NOTE_MAX_LENGTH}
            }
        )
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = (
            Mandate.objects.select_for_update()
            .select_related("council", "seat", "person")
            .get(pk=mandate.pk)
        )
        if not actor.has_perm("councils.declare_loss_of_mandate", locked):
            raise PermissionDenied
        if locked.ends_on is not None:
            raise ValidationError(_("Este mandato já terminou."), code="ended")
        start = max(today, locked.starts_on)
        locked.ends_on = start
        locked.end_reason = Mandate.EndReason.LOSS
        locked.save(update_fields=["ends_on", "end_reason"])
        promoted = None
        if locked.role == Mandate.Role.TITULAR:
            suplente = (
                Mandate.objects.select_for_update()
                .filter(
                    seat=locked.seat,
                    role=Mandate.Role.ALTERNATE,
                    ends_on__isnull=True,
                )
                .first()
            )
            if suplente is not None:
                suplente.ends_on = max(today, suplente.starts_on)
                suplente.end_reason = Mandate.EndReason.PROMOTED
                suplente.save(update_fields=["ends_on", "end_reason"])
                promoted = Mandate.objects.create(
                    seat=locked.seat,
                    term_id=suplente.term_id,
                    role=Mandate.Role.TITULAR,
                    person_id=suplente.person_id,
                    entity_id=suplente.entity_id,
                    starts_on=suplente.ends_on,
                )
        CouncilLog.objects.create(
            council=locked.council,
            action="loss_of_mandate",
            from_status="",
            to_status="",
            actor=actor,
            note=note,
            data={
                "mandate": locked.pk,
                "person": locked.person.display_name,
                "seat": str(locked.seat),
                "new_titular_mandate": promoted.pk if promoted else None,
            },
        )
    return promoted
