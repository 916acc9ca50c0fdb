"""Notices about meetings: the convocation (and a new one for a new date), the
reminder the day before, the cancellation, the ata published and the absence
alert. Who is told and with what; `notify()` writes the rows in the caller's
transaction and the emails leave on commit.

Keys are deterministic, so a repeated call tells nobody twice:
- convocation "meeting-<pk>-v<schedule_version>" (a new date is a new version);
- reminder "meeting-<pk>-v<schedule_version>-reminder";
- cancellation "meeting-<pk>-cancelled";
- ata "meeting-<pk>-minutes";
- absence alert "absences-<mandate>-<consecutive|alternate>-<meeting>";
- a member who will not attend, to the secretariat
  "meeting-<pk>-v<schedule_version>-reply-<reply>-absent".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from civic.notifications import notify
from civic.notifications.models import Notification

from . import kinds


def when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "d/m/Y \\à\\s H\\hi")


def meeting_url(meeting) -> str:
    """The meeting's public page (empty while the public pages are not wired)."""
    try:
        return meeting.get_absolute_url()
    except NoReverseMatch:
        return ""


def place(meeting) -> str:
    parts = [str(meeting.venue)] if meeting.venue_id else []
    if meeting.venue_id and meeting.venue.address:
        parts.append(meeting.venue.address)
    if meeting.location_notes:
        parts.append(meeting.location_notes)
    return " — ".join(parts) or _("local a confirmar")


def member_ids(council, *, exclude=None) -> list[int]:
    """Every current titular and suplente of the council (user ids)."""
    ids = council.mandates.filter(ends_on__isnull=True).values_list(
        "person_id", flat=True
    )
    return sorted(set(ids) - {getattr(exclude, "pk", None)})


def pauta(meeting) -> list[dict]:
    """The live items of the pauta, as primitives for the email templates."""
    from ..models import AgendaItem

    return [
        {
            "position": item.position,
            "title": item.title,
            "deliberative": item.is_deliberative,
        }
        for item in meeting.agenda_items.exclude(
            result=AgendaItem.Result.WITHDRAWN
        ).order_by("position")
    ]


def _context(meeting, what: str, lines: list[str], **extra) -> dict:
    return {
        "council": str(meeting.council.acronym),
        "what": what,
        "lines": [str(line) for line in lines],
        "meeting": str(meeting.display_title),
        "when": when(meeting.starts_at),
        "place": place(meeting),
        **extra,
    }


def withdraw_reminders(meeting) -> int:
    """Drop the reminders not yet due of every earlier schedule of the meeting
    (their email deliveries go with them)."""
    deleted, _rows = Notification.objects.filter(
        kind=kinds.CONVOCATION.slug,
        key__startswith=f"meeting-{meeting.pk}-v",
        key__endswith="-reminder",
        due_at__gt=timezone.now(),
    ).delete()
    return deleted


def meeting_convened(meeting, *, actor=None, previous_starts_at=None) -> None:
    """The convocation with the pauta to every titular and suplente, and the
    reminder `COUNCILS_MEETING_REMINDER_HOURS` before the start."""
    people = member_ids(meeting.council, exclude=actor)
    items = pauta(meeting)
    lines = [
        _("Data: %(when)s.") % {"when": when(meeting.starts_at)},
        _("Local: %(place)s.") % {"place": place(meeting)},
    ]
    if meeting.kind == meeting.Kind.EXTRAORDINARY and meeting.reason:
        lines.append(_("Motivo: %(reason)s") % {"reason": meeting.reason})
    if previous_starts_at is not None:
        what = _("nova data da reunião")
        lines.insert(
            0,
            _("A reunião marcada para %(old)s mudou de data.")
            % {"old": when(previous_starts_at)},
        )
        withdraw_reminders(meeting)
    else:
        what = _("convocação para reunião")
    lines.append(_("Pauta:"))
    lines.extend(f"{item['position']}. {item['title']}" for item in items)
    url = meeting_url(meeting)
    version = meeting.schedule_version
    notify(
        people,
        kinds.CONVOCATION.slug,
        _context(meeting, what, lines, items=items),
        key=f"meeting-{meeting.pk}-v{version}",
        url=url,
    )
    due = meeting.starts_at - timedelta(hours=settings.COUNCILS_MEETING_REMINDER_HOURS)
    if due > timezone.now():
        notify(
            people,
            kinds.CONVOCATION.slug,
            _context(
                meeting,
                _("lembrete da reunião"),
                [
                    _("Lembrete: a reunião é em %(when)s.")
                    % {"when": when(meeting.starts_at)},
                    _("Local: %(place)s.") % {"place": place(meeting)},
                ],
            ),
            key=f"meeting-{meeting.pk}-v{version}-reminder",
            url=url,
            due_at=due,
        )


def meeting_cancelled(meeting, *, reason: str, actor=None) -> None:
    """Tell the members that a convened meeting will not happen, and why
    (a planned meeting was never announced: nobody is told)."""
    withdraw_reminders(meeting)
    if not meeting.convened_at:
        return
    notify(
        member_ids(meeting.council, exclude=actor),
        kinds.CONVOCATION.slug,
        _context(
            meeting,
            _("reunião cancelada"),
            [
                _("A reunião de %(when)s foi cancelada.")
                % {"when": when(meeting.starts_at)},
                _("Motivo: %(reason)s") % {"reason": reason},
            ],
            cancelled=True,
        ),
        key=f"meeting-{meeting.pk}-cancelled",
        url=meeting_url(meeting),
    )


def minutes_published(meeting, *, actor=None) -> None:
    """The ata is out: tell the council's followers and its current members."""
    from ..models import CouncilFollow

    council = meeting.council
    followers = CouncilFollow.objects.filter(council=council).values_list(
        "user_id", flat=True
    )
    people = sorted(
        (set(followers) | set(member_ids(council))) - {getattr(actor, "pk", None)}
    )
    notify(
        people,
        kinds.PUBLICATIONS.slug,
        _context(
            meeting,
            _("ata publicada"),
            [
                _("A ata da %(meeting)s foi publicada.")
                % {"meeting": meeting.display_title}
            ],
        ),
        key=f"meeting-{meeting.pk}-minutes",
        url=meeting_url(meeting),
    )


def absence_limit_reached(count, limit: str, meeting) -> None:
    """Tell the secretariat and the member that the absences reached the
    regimento's limit (the decision on the mandate is the secretariat's)."""
    mandate = count.mandate
    council = meeting.council
    if limit == "consecutive":
        line = _(
            "%(person)s (%(seat)s) chegou a %(count)s faltas consecutivas sem "
            "justificativa; o limite do regimento é %(limit)s."
        ) % {
            "person": mandate.person.display_name,
            "seat": str(mandate.seat),
            "count": count.consecutive,
            "limit": count.consecutive_limit,
        }
    else:
        line = _(
            "%(person)s (%(seat)s) chegou a %(count)s faltas sem justificativa nos "
            "últimos 12 meses; o limite do regimento é %(limit)s."
        ) % {
            "person": mandate.person.display_name,
            "seat": str(mandate.seat),
            "count": count.alternate,
            "limit": count.alternate_limit,
        }
    people = set(council.secretaries.values_list("pk", flat=True)) | {mandate.person_id}
    notify(
        sorted(people),
        kinds.ABSENCES.slug,
        _context(
            meeting,
            _("faltas no limite do regimento"),
            [
                line,
                _(
                    "A perda do mandato não é automática: a secretaria executiva "
                    "analisa o caso e registra a decisão."
                ),
            ],
        ),
        key=f"absences-{mandate.pk}-{limit}-{meeting.pk}",
        url="",
        about=[mandate.person],
    )


def member_cannot_attend(reply) -> None:
    """Tell the council's secretariat that a member will not attend, and
    why, so a titular's suplente can be called in time. Once per reply,
    meeting and schedule version (a new date asks again)."""
    mandate, meeting = reply.mandate, reply.meeting
    council = meeting.council
    secretaries = set(council.secretaries.values_list("pk", flat=True))
    people = sorted(secretaries - {mandate.person_id})
    if not people:
        return
    lines = [
        _(
            "%(person)s (%(seat)s, %(role)s) avisou que não poderá comparecer "
            "à reunião de %(when)s."
        )
        % {
            "person": mandate.person.display_name,
            "seat": str(mandate.seat),
            "role": mandate.get_role_display(),
            "when": when(meeting.starts_at),
        },
        _("Motivo: %(reason)s") % {"reason": reply.justification},
    ]
    if mandate.role == mandate.Role.TITULAR:
        lines.append(_("Se for o caso, avise o(a) suplente do assento."))
    notify(
        people,
        kinds.CONVOCATION.slug,
        _context(meeting, _("conselheiro(a) não poderá comparecer"), lines),
        key=(
            f"meeting-{meeting.pk}-v{meeting.schedule_version}-reply-{reply.pk}-absent"
        ),
        url=reverse("councils_meetings:edit", args=[meeting.pk]),
    )
