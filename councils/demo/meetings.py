"""A council's meetings in the demo: two held meetings (the first with votes,
two resolutions and its ata approved at the second; the second's ata still a
draft), an upcoming convened meeting, and the planned annual calendar.

Dates follow today, so the meetings are made once per council (a council
that has meetings is left alone) and a second run changes nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from consultations.models import Venue
from consultations.selectors.agenda import local_zone

from ..models import AgendaItem, Attendance, Mandate, Meeting, MeetingDocument
from ..services import quorum
from .agenda import AGENDAS, SIMPLE, Item
from .pdf import pdf_file
from .resolutions import publish_resolutions

# weekday (Monday 0), hour, minute of each council's ordinary meetings.
SCHEDULE = {"CMAS": (3, 14, 0), "CMDCA": (1, 9, 0), "CMS": (2, 18, 30)}
VENUE = "Casa dos Conselhos de Betim"
LOCATION = "Plenário, 2º andar; transmissão pelo canal da Prefeitura"


def venue() -> Venue:
    place, _created = Venue.objects.get_or_create(
        name=VENUE,
        defaults={
            "address": "Rua Inconfidentes, 301, Centro",
            "capacity": 80,
            "step_free_access": True,
            "accessibility_notes": "Elevador até o plenário e intérprete de Libras "
            "nas reuniões ordinárias.",
        },
    )
    return place


def _at(day: date, council) -> datetime:
    _weekday, hour, minute = SCHEDULE[council.acronym]
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


def _weekday_on_or_before(day: date, council) -> date:
    weekday = SCHEDULE[council.acronym][0]
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _second_weekday(year: int, month: int, council) -> date:
    first = date(year, month, 1)
    weekday = SCHEDULE[council.acronym][0]
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7)


def _items(meeting, items: list[Item]) -> list[AgendaItem]:
    return [
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            title=item.title,
            description=item.description,
            is_deliberative=item.deliberative,
            majority=item.majority,
        )
        for position, item in enumerate(items, start=1)
    ]


def _attendance(meeting, seats, mandates, secretary, *, replaced, justified) -> int:
    """Every seat's attendance; returns how many seats were filled."""
    present = 0
    for index, seat in enumerate(seats):
        titular = mandates[seat.pk][Mandate.Role.TITULAR]
        status, mandate, note = Attendance.Status.TITULAR, titular, ""
        if index == replaced:
            status = Attendance.Status.ALTERNATE
            mandate = mandates[seat.pk][Mandate.Role.ALTERNATE]
        elif index == justified:
            status, note = Attendance.Status.JUSTIFIED, "Consulta médica agendada."
        Attendance.objects.create(
            meeting=meeting,
            seat=seat,
            status=status,
            mandate=mandate,
            justification=note,
            recorded_by=secretary,
            recorded_at=meeting.installed_at,
        )
        present += status != Attendance.Status.JUSTIFIED
    return present


def _vote(item: AgendaItem, council, *, present: int, seats: int) -> None:
    """Counts that fit the item's majority, decided by the shared arithmetic."""
    against = 2 if item.majority == SIMPLE else 1
    votes_for, abstentions = present - against - 1, 1
    result = quorum.vote_result(
        majority=item.majority,
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstentions,
        present=present,
        voting_seats=seats,
        casting_vote_allowed=council.president_casting_vote,
    )
    item.votes_for, item.votes_against, item.abstentions = (
        votes_for,
        against,
        abstentions,
    )
    item.result = (
        AgendaItem.Result.APPROVED if result.approved else AgendaItem.Result.REJECTED
    )
    item.voted_at = item.meeting.installed_at + timedelta(minutes=20 * item.position)
    item.save()


def _minutes(meeting, items, present: int, seats: int) -> str:
    local = timezone.localtime(meeting.starts_at)
    lines = [
        f"Aos {local:%d/%m/%Y}, às {local:%H:%M}, no plenário da {VENUE}, reuniu-se "
        f"o {meeting.council.name}, com {present} dos {seats} assentos presentes, "
        "em primeira chamada.",
    ]
    for item in items:
        text = f"{item.position}. {item.title}: {item.description}"
        if item.is_deliberative:
            text += (
                f" Em votação, {item.votes_for} votos a favor, {item.votes_against} "
                f"contra e {item.abstentions} abstenção: "
                f"{item.get_result_display().lower()}."
            )
        lines.append(text)
    lines.append(
        "Nada mais havendo a tratar, a presidência encerrou a reunião, e eu, "
        "secretária executiva, lavrei a presente ata."
    )
    return "\n\n".join(lines)


def _held(council, day, items, seats, mandates, secretary, **absences) -> Meeting:
    starts_at = _at(day, council)
    meeting = Meeting.objects.create(
        council=council,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2, minutes=30),
        venue=venue(),
        location_notes=LOCATION,
        status=Meeting.Status.HELD,
        convened_at=starts_at - timedelta(days=10),
        installed_at=starts_at + timedelta(minutes=10),
        installed_on_call=Meeting.Call.FIRST,
    )
    agenda = _items(meeting, items)
    present = _attendance(meeting, seats, mandates, secretary, **absences)
    installation = quorum.installation(
        present=present,
        voting_seats=len(seats),
        first_rule=council.installation_quorum,
        second_rule=council.second_call_quorum,
        second_call=False,
    )
    assert installation.reached  # noqa: S101 - the demo's own arithmetic
    for item in agenda:
        if item.is_deliberative:
            _vote(item, council, present=present, seats=len(seats))
    meeting.minutes_text = _minutes(meeting, agenda, present, len(seats))
    meeting.minutes_status = Meeting.Minutes.DRAFT
    meeting.save()
    return meeting


def _upcoming(council, day, previous: Meeting, item: Item, agenda) -> Meeting:
    starts_at = _at(day, council)
    meeting = Meeting.objects.create(
        council=council,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2, minutes=30),
        venue=venue(),
        location_notes=LOCATION,
        status=Meeting.Status.CONVENED,
        convened_at=timezone.now(),
    )
    approval = Item(
        f"Aprovação da ata da reunião de {timezone.localtime(previous.starts_at):%d/%m/%Y}",
        "Minuta enviada aos conselheiros com a convocação.",
        deliberative=True,
    )
    reports = Item("Informes da secretaria executiva e das comissões", "")
    created = _items(meeting, [approval, item, reports])
    for title, visibility, agenda_item in (
        (agenda.public_doc, MeetingDocument.Visibility.PUBLIC, created[1]),
        (
            agenda.members_doc,
            MeetingDocument.Visibility.MEMBERS_UNTIL_MEETING,
            created[1],
        ),
    ):
        MeetingDocument.objects.create(
            meeting=meeting,
            agenda_item=agenda_item,
            title=title,
            visibility=visibility,
            file=pdf_file(
                "documento.pdf",
                title,
                [
                    f"{council.name}: {item.title}.",
                    item.description,
                    "Documento de demonstração.",
                ],
            ),
        )
    return meeting


def _calendar(council, after: date) -> list[Meeting]:
    """Planned ordinárias, monthly, for the rest of the year (and the next year
    too when fewer than three months are left)."""
    last_year = after.year if after.month <= 9 else after.year + 1
    planned, year, month = [], after.year, after.month
    while (year, month) < (last_year, 12):
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        planned.append(
            Meeting(
                council=council,
                starts_at=_at(_second_weekday(year, month, council), council),
                venue=venue(),
                location_notes=LOCATION,
            )
        )
    return Meeting.objects.bulk_create(planned)


def ensure_meetings(council, seats, mandates, secretary, today: date) -> bool:
    """The council's meetings and resolutions, once; True when made now."""
    if council.meetings.exists():
        return False
    agenda = AGENDAS[council.acronym]
    first = _held(
        council,
        _weekday_on_or_before(today - timedelta(days=42), council),
        agenda.held,
        seats,
        mandates,
        secretary,
        replaced=1,
        justified=len(seats) - 1,
    )
    ata = Item(
        f"Aprovação da ata da reunião de {timezone.localtime(first.starts_at):%d/%m/%Y}",
        "Minuta enviada aos conselheiros com a convocação.",
        deliberative=True,
    )
    second = _held(
        council,
        _weekday_on_or_before(today - timedelta(days=14), council),
        [ata, Item("Informes das comissões temáticas", "")],
        seats,
        mandates,
        secretary,
        replaced=None,
        justified=None,
    )
    first.minutes_status = Meeting.Minutes.PUBLISHED
    first.minutes_approved_in = second
    first.minutes_published_at = second.ends_at + timedelta(days=1)
    first.save()
    publish_resolutions(council, first, agenda, secretary)
    upcoming_day = _weekday_on_or_before(today + timedelta(days=14), council)
    upcoming = _upcoming(council, upcoming_day, second, agenda.upcoming, agenda)
    _calendar(council, timezone.localtime(upcoming.starts_at).date())
    return True
