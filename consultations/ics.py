"""iCalendar (RFC 5545) files of the agenda: one event's `.ics` and the feed
`/agenda.ics` with every public event and each consultation's opening and
closing.

Choices, and why:
- Times carry TZID=America/Sao_Paulo with its VTIMEZONE, so a calendar in any
  zone shows the right instant and people in Betim see local times.
- UIDs depend only on the primary key (`evento-<pk>@participa.betim.mg.gov.br`),
  never on the title, date or site address, so edits and reschedules update the
  entry in people's calendars instead of adding a second one.
- SEQUENCE follows the event's schedule_version (each new date increments it),
  plus one once cancelled, so clients that import a file accept the newer one.
- With no METHOD, DTSTAMP is the last change of the entry (RFC 5545 3.8.7.2), so
  the output depends only on the data and can be cached.
- Drafts never appear: callers pass public events and consultations only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Timezone, vDuration
from icalendar import Event as VEvent

from civic.downloads import content_response

from .models import Consultation, Event
from .selectors.agenda import local_zone

UID_DOMAIN = "participa.betim.mg.gov.br"
PRODID = "-//Prefeitura de Betim//Participa Betim//PT-BR"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often subscribed calendars should fetch the feed again.
REFRESH = timedelta(hours=1)


def event_uid(event: Event) -> str:
    return f"evento-{event.pk}@{UID_DOMAIN}"


def consultation_uid(consultation: Consultation, moment: str) -> str:
    """`moment` is "abertura" or "encerramento"."""
    return f"consulta-{consultation.pk}-{moment}@{UID_DOMAIN}"


def absolute(path: str) -> str:
    return settings.SITE_URL + path


def _local(value: datetime) -> datetime:
    return timezone.localtime(value, local_zone())


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _location(event: Event) -> str:
    venue = event.venue
    if venue is None:
        return _("On-line") if event.stream_url else ""
    parts = [venue.name, venue.address]
    if venue.bairro_id and venue.bairro.name not in venue.address:
        parts.append(venue.bairro.name)
    parts.append("Betim - MG")
    return ", ".join(p for p in parts if p)


def _event_description(event: Event) -> str:
    lines = []
    if event.status == Event.Status.CANCELLED:
        lines.append(_("EVENTO CANCELADO."))
        if event.cancellation_reason:
            lines.append(
                _("Motivo: %(reason)s") % {"reason": event.cancellation_reason}
            )
        lines.append("")
    lines.append(event.subject)
    if event.legal_basis:
        lines += ["", _("Base legal: %(basis)s") % {"basis": event.legal_basis}]
    lines += ["", _("Organização: %(body)s") % {"body": event.organizing_body}]
    accessibility = []
    if event.libras:
        accessibility.append(_("intérprete de Libras"))
    if event.venue_id and event.venue.step_free_access:
        accessibility.append(_("acesso sem degraus"))
    if accessibility:
        lines.append(
            _("Acessibilidade: %(items)s") % {"items": ", ".join(accessibility)}
        )
    if event.stream_url:
        lines.append(_("Transmissão on-line: %(url)s") % {"url": event.stream_url})
    if event.status == Event.Status.PUBLISHED and event.starts_at > timezone.now():
        lines += [
            "",
            _("Inscrições e pedidos de fala: %(url)s")
            % {"url": absolute(event.get_absolute_url())},
        ]
    else:
        lines += [
            "",
            _("Mais informações: %(url)s")
            % {"url": absolute(event.get_absolute_url())},
        ]
    return "\n".join(lines)


def event_vevent(event: Event) -> VEvent:
    """One hearing, forum or open meeting as a VEVENT."""
    cancelled = event.status == Event.Status.CANCELLED
    vevent = VEvent()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", _utc(event.updated_at))
    vevent.add("last-modified", _utc(event.updated_at))
    if event.published_at:
        vevent.add("created", _utc(event.published_at))
    vevent.add("sequence", event.schedule_version + (1 if cancelled else 0))
    vevent.add("dtstart", _local(event.starts_at))
    vevent.add("dtend", _local(event.ends_at))
    summary = f"{event.get_kind_display()}: {event.title}"
    if cancelled:
        summary = _("CANCELADO: %(summary)s") % {"summary": summary}
    vevent.add("summary", summary)
    vevent.add("description", _event_description(event))
    location = _location(event)
    if location:
        vevent.add("location", location)
    vevent.add("url", absolute(event.get_absolute_url()))
    vevent.add("categories", [str(event.get_kind_display()), event.policy_area.name])
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    vevent.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    vevent.add("class", "PUBLIC")
    return vevent


def consultation_vevents(consultation: Consultation) -> list[VEvent]:
    """The opening and the closing of a consultation, as two instant VEVENTs
    (no DTEND: an instant, which does not block anyone's time)."""
    url = absolute(consultation.get_absolute_url())
    body = consultation.responsible_body
    common_description = [
        consultation.summary,
        "",
        _("Órgão responsável: %(body)s") % {"body": body},
        _("Base legal: %(basis)s") % {"basis": consultation.legal_basis},
    ]
    moments = [
        (
            "abertura",
            consultation.opens_at,
            _("Abre a consulta pública: %(title)s"),
            _("A consulta recebe contribuições a partir deste momento até %(closes)s."),
        ),
        (
            "encerramento",
            consultation.closes_at,
            _("Encerra a consulta pública: %(title)s"),
            _("Último momento para enviar contribuições (aberta desde %(opens)s)."),
        ),
    ]
    vevents = []
    for moment, when, summary, intro in moments:
        vevent = VEvent()
        vevent.add("uid", consultation_uid(consultation, moment))
        vevent.add("dtstamp", _utc(consultation.updated_at))
        vevent.add("last-modified", _utc(consultation.updated_at))
        vevent.add("dtstart", _local(when))
        vevent.add("summary", summary % {"title": consultation.title})
        described = intro % {
            "closes": _local(consultation.closes_at).strftime("%d/%m/%Y %H:%M"),
            "opens": _local(consultation.opens_at).strftime("%d/%m/%Y %H:%M"),
        }
        vevent.add(
            "description",
            "\n".join(
                [
                    described,
                    "",
                    *common_description,
                    "",
                    _("Leia o texto e participe: %(url)s") % {"url": url},
                ]
            ),
        )
        vevent.add("url", url)
        vevent.add(
            "categories", [str(_("Consulta pública")), consultation.policy_area.name]
        )
        vevent.add("status", "CONFIRMED")
        vevent.add("transp", "TRANSPARENT")
        vevent.add("class", "PUBLIC")
        vevents.append(vevent)
    return vevents


def build_calendar(
    *,
    name: str,
    events: Iterable[Event] = (),
    consultations: Iterable[Consultation] = (),
    description: str = "",
    vevents: Iterable[VEvent] = (),
) -> bytes:
    """A VCALENDAR with the given events and consultation deadlines, and
    `vevents` other apps built (council meetings), always with the VTIMEZONE
    of America/Sao_Paulo (so even an empty feed is valid)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    if description:
        cal.add("x-wr-caldesc", description)
        cal.add("description", description)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    earliest: date | None = None
    for event in events:
        cal.add_component(event_vevent(event))
        earliest = min(filter(None, [earliest, _local(event.starts_at).date()]))
    for consultation in consultations:
        for vevent in consultation_vevents(consultation):
            cal.add_component(vevent)
        earliest = min(filter(None, [earliest, _local(consultation.opens_at).date()]))
    for vevent in vevents:
        cal.add_component(vevent)
        start = vevent.decoded("dtstart")
        earliest = min(filter(None, [earliest, _local(start).date()]))
    # Rules from a year before the earliest entry: the zone's old daylight-saving
    # transitions (until 2019) stay out when nothing needs them. Inserted even
    # when empty, as RFC 5545 wants at least one component in a calendar.
    first = (earliest or timezone.localdate()) - timedelta(days=366)
    first = max(first, Timezone.DEFAULT_FIRST_DATE)
    cal.subcomponents.insert(
        0, Timezone.from_tzid(settings.TIME_ZONE, first_date=first)
    )
    cal.add_missing_timezones(first_date=first)  # any other zone, should one appear
    return cal.to_ical()


def calendar_response(content: bytes, *, filename: str) -> HttpResponse:
    """An `.ics` download that calendar apps open (inline, so a link subscribes).
    Public: it holds only public events, and the page cache may keep it."""
    return content_response(
        content,
        filename=filename,
        content_type=CONTENT_TYPE,
        inline=True,
        private=False,
    )


def event_ics_url(event: Event) -> str:
    return reverse("consultations:event_ics", kwargs={"slug": event.slug})
