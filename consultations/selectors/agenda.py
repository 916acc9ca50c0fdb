"""Read use cases of the agenda: hearings, forums and consultation deadlines
(openings and closings) in a month, the upcoming ones, and the calendar feed.

Every function costs a fixed number of queries whatever the number of items:
one for events (with their venue, bairro and area), one for consultations (with
their area), and the filter options once each.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro

from .. import agenda_sources
from ..models import Consultation, Event, PolicyArea

# Far enough for any real agenda; keeps date arithmetic away from year 1 and 9999.
MIN_YEAR = 2000
MAX_YEAR = 2100
# The list view shows this many upcoming items at most.
UPCOMING_LIMIT = 100

CS = Consultation.Status
ES = Event.Status
# A consultation's opening and closing; every other kind is a meeting or event
# ("event", and other apps' kinds such as "council_meeting").
DEADLINE_KINDS = frozenset({"opening", "closing"})


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_midnight(day: date) -> datetime:
    """The start of a day in Betim, as an aware datetime."""
    return datetime.combine(day, time.min, tzinfo=local_zone())


@dataclass(frozen=True)
class AgendaFilters:
    """What the agenda is narrowed to (None: everything)."""

    area: PolicyArea | None = None
    bairro: Bairro | None = None

    def event_q(self) -> Q:
        q = Q()
        if self.area is not None:
            q &= Q(policy_area=self.area)
        if self.bairro is not None:
            q &= Q(venue__bairro=self.bairro)
        return q

    def consultation_q(self) -> Q:
        q = Q()
        if self.area is not None:
            q &= Q(policy_area=self.area)
        if self.bairro is not None:
            # A consultation with no bairros concerns the whole city, so every bairro.
            q &= Q(bairros=self.bairro) | Q(bairros__isnull=True)
        return q

    @property
    def is_active(self) -> bool:
        return self.area is not None or self.bairro is not None


@dataclass(frozen=True)
class AgendaItem:
    """One line of the agenda: an event, or a consultation's opening or closing."""

    kind: str  # "event", "opening" or "closing"
    title: str
    starts_at: datetime
    ends_at: datetime | None
    url: str
    label: str
    short_label: str
    area: str
    place: str
    status: str
    status_label: str
    # An Event or Consultation, or another app's object (agenda_sources).
    obj: Any = field(compare=False, repr=False)
    # The staff calendar links each item to its page in the Wagtail admin.
    admin_url: str = field(default="", compare=False)

    @property
    def is_cancelled(self) -> bool:
        return self.kind not in DEADLINE_KINDS and self.status == ES.CANCELLED

    @property
    def is_deadline(self) -> bool:
        return self.kind in DEADLINE_KINDS

    def local_days(self) -> list[date]:
        """The days of Betim this item occupies (an event may span several)."""
        start = timezone.localtime(self.starts_at, local_zone()).date()
        if self.ends_at is None:
            return [start]
        end_local = timezone.localtime(self.ends_at, local_zone())
        end = end_local.date()
        if end_local.time() == time.min and end > start:
            end -= timedelta(days=1)  # ends at midnight: not on the next day
        return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def event_item(event: Event) -> AgendaItem:
    venue = event.venue
    return AgendaItem(
        kind="event",
        title=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        url=event.get_absolute_url(),
        label=str(event.get_kind_display()),
        short_label=str(event.get_kind_display()),
        area=event.policy_area.name,
        place=venue.name if venue else "",
        status=event.status,
        status_label=str(event.get_status_display()),
        obj=event,
    )


def deadline_items(consultation: Consultation) -> list[AgendaItem]:
    """The opening and the closing of a consultation, as two agenda items."""
    common = {
        "title": consultation.title,
        "ends_at": None,
        "url": consultation.get_absolute_url(),
        "area": consultation.policy_area.name,
        "place": "",
        "status": consultation.status,
        "status_label": str(consultation.get_status_display()),
        "obj": consultation,
    }
    return [
        AgendaItem(
            kind="opening",
            starts_at=consultation.opens_at,
            label=str(_("Abertura de consulta pública")),
            short_label=str(_("Abre a consulta")),
            **common,
        ),
        AgendaItem(
            kind="closing",
            starts_at=consultation.closes_at,
            label=str(_("Encerramento de consulta pública")),
            short_label=str(_("Encerra a consulta")),
            **common,
        ),
    ]


def _events(filters: AgendaFilters, *, include_drafts: bool) -> QuerySet[Event]:
    queryset = Event.objects.all() if include_drafts else Event.objects.public()
    return (
        queryset.filter(filters.event_q())
        .select_related("venue__bairro", "policy_area")
        .order_by("starts_at", "pk")
    )


def _consultations(
    filters: AgendaFilters, *, include_drafts: bool
) -> QuerySet[Consultation]:
    queryset = (
        Consultation.objects.all() if include_drafts else Consultation.objects.public()
    )
    return (
        queryset.filter(filters.consultation_q())
        .select_related("policy_area")
        .order_by("opens_at", "pk")
    )


def _sorted(items: list[AgendaItem]) -> list[AgendaItem]:
    order = {"opening": 0, "closing": 2}
    return sorted(items, key=lambda i: (i.starts_at, order.get(i.kind, 1), i.title))


def agenda_between(
    *,
    start: datetime,
    end: datetime,
    filters: AgendaFilters | None = None,
    include_drafts: bool = False,
) -> list[AgendaItem]:
    """Events that overlap [start, end) and consultation openings and closings
    within it, in time order (two queries)."""
    filters = filters or AgendaFilters()
    events = _events(filters, include_drafts=include_drafts).filter(
        starts_at__lt=end, ends_at__gt=start
    )
    consultations = _consultations(filters, include_drafts=include_drafts).filter(
        Q(opens_at__gte=start, opens_at__lt=end)
        | Q(closes_at__gte=start, closes_at__lt=end)
    )
    items = [event_item(e) for e in events]
    for consultation in consultations:
        items.extend(
            item
            for item in deadline_items(consultation)
            if start <= item.starts_at < end
        )
    items += agenda_sources.items_between(start, end, filters, include_drafts)
    return _sorted(items)


def agenda_upcoming(
    *,
    now: datetime | None = None,
    filters: AgendaFilters | None = None,
    limit: int = UPCOMING_LIMIT,
) -> list[AgendaItem]:
    """What is still to come (events not yet over, deadlines not yet passed),
    the soonest first, at most `limit` items (two queries)."""
    now = now or timezone.now()
    filters = filters or AgendaFilters()
    events = list(
        _events(filters, include_drafts=False)
        .exclude(status=ES.CONCLUDED)
        .filter(ends_at__gte=now)[:limit]
    )
    consultations = _consultations(filters, include_drafts=False).filter(
        Q(opens_at__gte=now) | Q(closes_at__gte=now)
    )
    items = [event_item(e) for e in events]
    for consultation in consultations.order_by("closes_at", "pk")[:limit]:
        items.extend(i for i in deadline_items(consultation) if i.starts_at >= now)
    items += agenda_sources.items_upcoming(now, filters, limit)
    return _sorted(items)[:limit]


def agenda_feed(
    *, filters: AgendaFilters | None = None, since: datetime | None = None
) -> tuple[list[Event], list[Consultation], list[Any]]:
    """Public events and consultations for the calendar feed, and the VEVENTs
    of other apps' sources: everything that ends after `since` (the feed keeps
    a year of history by default)."""
    filters = filters or AgendaFilters()
    since = since or timezone.now() - timedelta(days=365)
    events = list(
        _events(filters, include_drafts=False)
        .filter(ends_at__gte=since)
        .select_related("organizing_body")
    )
    consultations = list(
        _consultations(filters, include_drafts=False)
        .filter(closes_at__gte=since)
        .select_related("responsible_body")
    )
    return events, consultations, agenda_sources.feed_vevents(since, filters)


def event_for_calendar(*, slug: str) -> Event:
    """One public event for its `.ics` file (DoesNotExist for drafts)."""
    return (
        Event.objects.public()
        .select_related("venue__bairro", "policy_area", "organizing_body")
        .get(slug=slug)
    )


# The month grid ----------------------------------------------------------------


@dataclass
class AgendaDay:
    day: date
    in_month: bool
    is_today: bool
    items: list[AgendaItem] = field(default_factory=list)


def month_bounds(year: int, month: int) -> tuple[datetime, datetime]:
    """The first instant of the month and of the next one, in Betim."""
    first = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return local_midnight(first), local_midnight(following)


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_grid(
    year: int, month: int, items: list[AgendaItem], *, today: date
) -> list[list[AgendaDay]]:
    """Weeks (Sunday first, as Brazilian calendars print them) of AgendaDay,
    each day with the items that fall on it; days of the neighbouring months
    are in the grid but carry no items."""
    weeks = calendar.Calendar(firstweekday=calendar.SUNDAY).monthdatescalendar(
        year, month
    )
    days: dict[date, AgendaDay] = {}
    grid = []
    for week in weeks:
        row = []
        for day in week:
            cell = AgendaDay(
                day=day, in_month=day.month == month, is_today=day == today
            )
            if cell.in_month:
                days[day] = cell
            row.append(cell)
        grid.append(row)
    for item in items:
        for day in item.local_days():
            if day in days:
                days[day].items.append(item)
    return grid


def group_by_day(items: list[AgendaItem]) -> list[tuple[date, list[AgendaItem]]]:
    """Items grouped under the local day they start on (the list view)."""
    groups: dict[date, list[AgendaItem]] = {}
    for item in items:
        day = timezone.localtime(item.starts_at, local_zone()).date()
        groups.setdefault(day, []).append(item)
    return list(groups.items())


# Filter options ----------------------------------------------------------------


def policy_areas() -> list[PolicyArea]:
    return list(PolicyArea.objects.order_by("name"))


def bairros_by_regional() -> list[tuple[str, list[Bairro]]]:
    """Active bairros grouped under their regional, both in alphabetical order
    (one query)."""
    groups: dict[str, list[Bairro]] = {}
    for bairro in (
        Bairro.objects.active()
        .select_related("regional")
        .order_by("regional__name", "name")
    ):
        groups.setdefault(bairro.regional.name, []).append(bairro)
    return list(groups.items())


def every_bairro() -> list[tuple[str, list[Bairro]]]:
    """Every bairro, active or not, as one group: what the calendar feed
    accepts, so a subscribed address keeps working after a bairro is retired."""
    return [("", list(Bairro.objects.order_by("name")))]
