"""Council meetings in the agenda: `/agenda/`, `/agenda.ics`, the staff
calendar (through `consultations.agenda_sources`) and each council's own
`/conselhos/<slug>/agenda.ics`.

Convened and held meetings appear; a meeting cancelled after it was convened
stays in the calendar files as CANCELLED, so subscribed calendars drop it.
Planned meetings (the secretariat's working calendar) never appear, except in
the staff calendar. UIDs depend only on the primary key; SEQUENCE follows the
meeting's schedule_version, plus one once cancelled.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event as VEvent

from consultations import ics
from consultations.agenda_sources import AgendaSource, register_source
from consultations.selectors.agenda import AgendaItem

from .models import Meeting

MS = Meeting.Status
# A meeting with no end time is shown as this long.
DEFAULT_DURATION = timedelta(hours=2)
KIND = "council_meeting"


def meeting_uid(meeting: Meeting) -> str:
    return f"conselho-reuniao-{meeting.pk}@{ics.UID_DOMAIN}"


def ends_at(meeting: Meeting) -> datetime:
    return meeting.ends_at or meeting.starts_at + DEFAULT_DURATION


def _meetings(filters, *, include_planned: bool = False) -> QuerySet[Meeting]:
    statuses = [MS.CONVENED, MS.HELD]
    if include_planned:
        statuses.append(MS.PLANNED)
    queryset = Meeting.objects.filter(
        status__in=statuses, council__is_active=True
    ).select_related("council__policy_area", "venue__bairro")
    if filters is not None and filters.area is not None:
        queryset = queryset.filter(council__policy_area=filters.area)
    if filters is not None and filters.bairro is not None:
        queryset = queryset.filter(venue__bairro=filters.bairro)
    return queryset.order_by("starts_at", "pk")


def meeting_title(meeting: Meeting) -> str:
    return f"{meeting.council.acronym}: {meeting.display_title}"


def meeting_item(meeting: Meeting) -> AgendaItem:
    area = meeting.council.policy_area
    return AgendaItem(
        kind=KIND,
        title=meeting_title(meeting),
        starts_at=meeting.starts_at,
        ends_at=ends_at(meeting),
        url=meeting.get_absolute_url(),
        label=_("Reunião de conselho"),
        short_label=_("Conselho"),
        area=area.name if area else "",
        place=meeting.venue.name if meeting.venue_id else meeting.location_notes,
        status=meeting.status,
        status_label=str(meeting.get_status_display()),
        obj=meeting,
    )


def between(start, end, filters, include_drafts: bool = False) -> list[AgendaItem]:
    """Meetings overlapping [start, end) (one query)."""
    meetings = _meetings(filters, include_planned=include_drafts).filter(
        starts_at__lt=end
    )
    return [meeting_item(m) for m in meetings if ends_at(m) > start]


def upcoming(now, filters, limit: int) -> list[AgendaItem]:
    """Convened meetings still to come, soonest first (one query)."""
    meetings = _meetings(filters).filter(status=MS.CONVENED, starts_at__gte=now)
    return [meeting_item(m) for m in meetings[:limit]]


def feed_meetings(*, since: datetime, filters=None, council=None) -> list[Meeting]:
    """Meetings for a calendar file: convened, held, and cancelled after being
    convened, from `since` on (one query)."""
    queryset = (
        Meeting.objects.filter(council__is_active=True, starts_at__gte=since)
        .filter(
            Q(status__in=[MS.CONVENED, MS.HELD])
            | Q(status=MS.CANCELLED, convened_at__isnull=False)
        )
        .select_related("council__policy_area", "venue__bairro")
        .order_by("starts_at", "pk")
    )
    if council is not None:
        queryset = queryset.filter(council=council)
    if filters is not None and filters.area is not None:
        queryset = queryset.filter(council__policy_area=filters.area)
    if filters is not None and filters.bairro is not None:
        queryset = queryset.filter(venue__bairro=filters.bairro)
    return list(queryset)


def _location(meeting: Meeting) -> str:
    venue = meeting.venue
    parts = []
    if venue is not None:
        parts += [venue.name, venue.address]
        if venue.bairro_id and venue.bairro.name not in venue.address:
            parts.append(venue.bairro.name)
        parts.append("Betim - MG")
    if meeting.location_notes:
        parts.append(meeting.location_notes)
    return ", ".join(p for p in parts if p)


def meeting_vevent(meeting: Meeting) -> VEvent:
    """One council meeting as a VEVENT."""
    cancelled = meeting.status == MS.CANCELLED
    url = ics.absolute(meeting.get_absolute_url())
    vevent = VEvent()
    vevent.add("uid", meeting_uid(meeting))
    vevent.add("dtstamp", meeting.updated_at.astimezone(ics.UTC))
    vevent.add("last-modified", meeting.updated_at.astimezone(ics.UTC))
    vevent.add("sequence", meeting.schedule_version + (1 if cancelled else 0))
    vevent.add("dtstart", timezone.localtime(meeting.starts_at, ics.local_zone()))
    vevent.add("dtend", timezone.localtime(ends_at(meeting), ics.local_zone()))
    summary = meeting_title(meeting)
    if cancelled:
        summary = _("CANCELADA: %(summary)s") % {"summary": summary}
    vevent.add("summary", summary)
    lines = [str(meeting.council.name)]
    if meeting.reason:
        lines += ["", meeting.reason]
    lines += ["", _("Pauta, documentos e ata: %(url)s") % {"url": url}]
    vevent.add("description", "\n".join(lines))
    location = _location(meeting)
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    categories = [str(_("Reunião de conselho"))]
    if meeting.council.policy_area_id:
        categories.append(meeting.council.policy_area.name)
    vevent.add("categories", categories)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    vevent.add("class", "PUBLIC")
    return vevent


def feed(since, filters) -> list[VEvent]:
    return [meeting_vevent(m) for m in feed_meetings(since=since, filters=filters)]


register_source(
    AgendaSource(name="councils", between=between, upcoming=upcoming, feed=feed)
)
