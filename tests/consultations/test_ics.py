"""Calendar files (consultations/ics.py): `/agenda.ics` and each event's
`evento.ics`, parsed back with the icalendar library as a calendar app would."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from civic.territory.models import Bairro
from consultations import ics, services
from consultations.models import Event, PolicyArea
from tests.consultations.consultation_support import S
from tests.factories.consultations import (
    ConsultationFactory,
    EventFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("America/Sao_Paulo")
FEED = "/agenda.ics"


def local(year, month, day, hour, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def next_year_at(month, day, hour, minute=0) -> dt.datetime:
    return local(timezone.localdate().year + 1, month, day, hour, minute)


def event_ics_url(event) -> str:
    return reverse("consultations:event_ics", kwargs={"slug": event.slug})


def parse(response) -> Calendar:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(calendar) -> dict[str, object]:
    return {str(v["UID"]): v for v in calendar.walk("VEVENT")}


def uid(event) -> str:
    return f"evento-{event.pk}@participa.betim.mg.gov.br"


@pytest.fixture
def hearing():
    venue = VenueFactory(
        name="Centro Administrativo",
        address="Rua Pará de Minas, 640",
        bairro=Bairro.objects.get(slug="brasileia"),
        step_free_access=True,
    )
    return EventFactory(
        title="Audiência da LDO",
        subject="Metas e prioridades para o próximo ano.",
        legal_basis="LRF, art. 48",
        starts_at=next_year_at(3, 10, 19),
        ends_at=next_year_at(3, 10, 21, 30),
        venue=venue,
        libras=True,
        stream_url="https://video.example/ao-vivo",
        published_at=timezone.now(),
    )


# The calendar
# ------------------------------------------------------------------------------


def test_feed_is_a_calendar(client, hearing):
    calendar = parse(client.get(FEED))
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == ics.PRODID
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-TIMEZONE"]) == "America/Sao_Paulo"
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "America/Sao_Paulo"
    assert list(vevents(calendar)) == [uid(hearing)]


def test_an_empty_feed_is_still_valid(client):
    calendar = parse(client.get(FEED))
    assert calendar.walk("VEVENT") == []
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_event_fields(client, hearing):
    [vevent] = parse(client.get(event_ics_url(hearing))).walk("VEVENT")
    assert str(vevent["UID"]) == uid(hearing)
    assert str(vevent["SUMMARY"]) == "Audiência pública: Audiência da LDO"
    assert str(vevent["LOCATION"]) == (
        "Centro Administrativo, Rua Pará de Minas, 640, Brasiléia, Betim - MG"
    )
    url = f"http://testserver/audiencias/{hearing.slug}/"
    assert str(vevent["URL"]) == url
    description = str(vevent["DESCRIPTION"])
    assert "Metas e prioridades para o próximo ano." in description
    assert "Base legal: LRF, art. 48" in description
    assert "intérprete de Libras" in description
    assert "acesso sem degraus" in description
    assert "https://video.example/ao-vivo" in description
    assert url in description
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert int(vevent["SEQUENCE"]) == 1
    assert str(vevent["CLASS"]) == "PUBLIC"


def test_times_are_in_sao_paulo(client, hearing):
    response = client.get(event_ics_url(hearing))
    [vevent] = parse(response).walk("VEVENT")
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert start == hearing.starts_at
    assert end == hearing.ends_at
    assert vevent["DTSTART"].params["TZID"] == "America/Sao_Paulo"
    assert (start.hour, start.minute, end.hour, end.minute) == (19, 0, 21, 30)
    assert start.utcoffset() == dt.timedelta(hours=-3)
    year = hearing.starts_at.year
    raw = response.content.decode()
    assert f"DTSTART;TZID=America/Sao_Paulo:{year}0310T190000\r\n" in raw
    assert f"DTEND;TZID=America/Sao_Paulo:{year}0310T213000\r\n" in raw


def test_the_zone_knows_the_old_daylight_saving_time():
    """Betim had daylight-saving time until 2019: an event then was at -02:00,
    and the VTIMEZONE written for it must say so."""
    event = EventFactory(
        starts_at=local(2018, 1, 15, 19), ends_at=local(2018, 1, 15, 21)
    )
    calendar = Calendar.from_ical(ics.build_calendar(name="Teste", events=[event]))
    [zone] = calendar.walk("VTIMEZONE")
    tz = zone.to_tz()
    assert tz.utcoffset(dt.datetime(2018, 1, 15, 19)) == dt.timedelta(hours=-2)
    assert tz.utcoffset(dt.datetime(2018, 6, 15, 19)) == dt.timedelta(hours=-3)
    [vevent] = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == event.starts_at
    assert vevent.decoded("DTSTART").utcoffset() == dt.timedelta(hours=-2)


def test_uids_are_stable_across_requests_and_edits(
    client, hearing, staff_user, django_capture_on_commit_callbacks
):
    first = client.get(FEED).content
    assert client.get(FEED).content == first  # the same bytes: cacheable
    with django_capture_on_commit_callbacks(execute=True):
        hearing.title = "Audiência da LDO — nova pauta"
        services.event_save(event=hearing, actor=staff_user)
    edited = vevents(parse(client.get(FEED)))
    assert list(edited) == [uid(hearing)]
    assert str(edited[uid(hearing)]["SUMMARY"]).endswith("nova pauta")
    assert int(edited[uid(hearing)]["SEQUENCE"]) == 1  # same date, same sequence


def test_reschedule_and_cancel_raise_the_sequence(
    client, hearing, staff_user, django_capture_on_commit_callbacks
):
    start = hearing.starts_at + dt.timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_reschedule(
            event_id=hearing.pk,
            actor=staff_user,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            reason="Reforma do auditório.",
        )
    [moved] = parse(client.get(event_ics_url(hearing))).walk("VEVENT")
    assert str(moved["UID"]) == uid(hearing)
    assert int(moved["SEQUENCE"]) == 2
    assert moved.decoded("DTSTART") == start
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(
            event_id=hearing.pk, actor=staff_user, reason="Falta de quórum."
        )
    for response in (client.get(event_ics_url(hearing)), client.get(FEED)):
        cancelled = vevents(parse(response))[uid(hearing)]
        assert str(cancelled["STATUS"]) == "CANCELLED"
        assert int(cancelled["SEQUENCE"]) == 3
        assert str(cancelled["SUMMARY"]).startswith("CANCELADO: ")
        assert "Motivo: Falta de quórum." in str(cancelled["DESCRIPTION"])
        assert str(cancelled["TRANSP"]) == "TRANSPARENT"


def test_drafts_never_appear(client, hearing):
    draft = EventFactory(status=Event.Status.DRAFT)
    ConsultationFactory(status=S.DRAFT)
    assert list(vevents(parse(client.get(FEED)))) == [uid(hearing)]
    assert client.get(event_ics_url(draft)).status_code == 404
    assert client.get("/audiencias/nao-existe/evento.ics").status_code == 404


def test_staff_do_not_see_drafts_in_the_feed_either(client, hearing, staff_user):
    EventFactory(status=Event.Status.DRAFT)
    client.force_login(staff_user)
    assert list(vevents(parse(client.get(FEED)))) == [uid(hearing)]


def test_event_file_name_and_headers(client, hearing):
    response = client.get(event_ics_url(hearing))
    assert response["Content-Disposition"] == (
        f"inline; filename=\"{hearing.slug}.ics\"; filename*=UTF-8''{hearing.slug}.ics"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    # Public: the anonymous page cache may keep it.
    assert "no-store" not in response.get("Cache-Control", "")


def test_consultation_deadlines_are_in_the_feed(client):
    consultation = ConsultationFactory(
        title="Plano de Cultura",
        opens_at=next_year_at(2, 1, 9),
        closes_at=next_year_at(3, 1, 23, 59),
        status=S.SCHEDULED,
    )
    found = vevents(parse(client.get(FEED)))
    opening = found[f"consulta-{consultation.pk}-abertura@participa.betim.mg.gov.br"]
    closing = found[
        f"consulta-{consultation.pk}-encerramento@participa.betim.mg.gov.br"
    ]
    assert opening.decoded("DTSTART") == consultation.opens_at
    assert closing.decoded("DTSTART") == consultation.closes_at
    assert closing.decoded("DTSTART").hour == 23
    assert "DTEND" not in closing  # an instant: blocks nobody's time
    assert str(opening["SUMMARY"]) == "Abre a consulta pública: Plano de Cultura"
    assert str(closing["SUMMARY"]) == "Encerra a consulta pública: Plano de Cultura"
    url = f"http://testserver/consultas/{consultation.slug}/"
    assert str(closing["URL"]) == url
    assert url in str(closing["DESCRIPTION"])


def test_old_items_leave_the_feed(client):
    long_ago = timezone.now() - dt.timedelta(days=400)
    EventFactory(starts_at=long_ago, ends_at=long_ago + dt.timedelta(hours=2))
    ConsultationFactory(
        opens_at=long_ago - dt.timedelta(days=30), closes_at=long_ago, status=S.ANSWERED
    )
    last_month = timezone.now() - dt.timedelta(days=30)
    recent = EventFactory(
        starts_at=last_month,
        ends_at=last_month + dt.timedelta(hours=2),
        status=Event.Status.CONCLUDED,
    )
    assert list(vevents(parse(client.get(FEED)))) == [uid(recent)]


def test_feed_filters(client):
    health = PolicyArea.objects.get(slug="saude")
    culture = PolicyArea.objects.get(slug="cultura")
    citrolandia = Bairro.objects.get(slug="citrolandia")
    here = EventFactory(
        policy_area=health,
        venue=VenueFactory(bairro=citrolandia),
        starts_at=next_year_at(5, 1, 10),
    )
    elsewhere = EventFactory(policy_area=culture, starts_at=next_year_at(5, 2, 10))
    whole_city = ConsultationFactory(
        policy_area=health, closes_at=next_year_at(5, 3, 10)
    )
    in_bairro = ConsultationFactory(
        policy_area=culture, closes_at=next_year_at(5, 4, 10)
    )
    in_bairro.bairros.set([citrolandia])
    other_bairro = ConsultationFactory(
        policy_area=culture, closes_at=next_year_at(5, 5, 10)
    )
    other_bairro.bairros.set([Bairro.objects.exclude(pk=citrolandia.pk).first()])

    def found(**params):
        uids = vevents(parse(client.get(FEED, params)))
        return {
            u.split("@")[0].rsplit("-abertura", 1)[0].rsplit("-encerramento", 1)[0]
            for u in uids
        }

    def names(*objects):
        return {
            f"evento-{o.pk}" if isinstance(o, Event) else f"consulta-{o.pk}"
            for o in objects
        }

    assert found(area="saude") == names(here, whole_city)
    assert found(bairro="citrolandia") == names(here, whole_city, in_bairro)
    assert found(area="cultura", bairro="citrolandia") == names(in_bairro)
    assert found() == names(here, elsewhere, whole_city, in_bairro, other_bairro)
    calendar = parse(client.get(FEED, {"area": "saude"}))
    assert str(calendar["X-WR-CALNAME"]) == "Agenda do Participa Betim — Saúde"


@pytest.mark.parametrize(
    "params", [{"area": "nao-existe"}, {"bairro": "<script>"}, {"area": "x" * 5000}]
)
def test_bad_filters_are_a_400_not_a_500(client, params):
    response = client.get(FEED, params)
    assert response.status_code == 400
    assert "Filtro inválido" in response.content.decode()


# RFC 5545 line folding
# ------------------------------------------------------------------------------


def test_long_lines_are_folded(client):
    subject = "Participação popular e orçamento — ações é çã " * 40
    EventFactory(subject=subject, title="Fórum de ações estratégicas " * 5)
    content = client.get(FEED).content
    assert content.endswith(b"\r\n")
    lines = content.split(b"\r\n")[:-1]
    assert b"\n" not in b"".join(lines)  # only CRLF ends a line
    for line in lines:
        assert len(line) <= 75, line
        line.decode("utf-8")  # no multi-octet character split across lines
    folded = [line for line in lines if line.startswith(b" ")]
    assert len(folded) > 20
    # Unfolded, the text comes back whole.
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert subject.strip() in str(vevent["DESCRIPTION"])


def test_line_breaks_in_text_are_escaped(client):
    EventFactory(subject="Primeira linha.\nSegunda linha; com vírgula, e \\ barra.")
    content = client.get(FEED).content.decode()
    [vevent] = Calendar.from_ical(content).walk("VEVENT")
    assert "Primeira linha.\nSegunda linha; com vírgula, e \\ barra." in str(
        vevent["DESCRIPTION"]
    )
    assert "Primeira linha.\\nSegunda linha\\; com vírgula\\, e \\\\ barra." in (
        content.replace("\r\n ", "")
    )


# Query counts
# ------------------------------------------------------------------------------


def test_the_feed_does_not_grow_with_the_items(client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CIVIC_PAGE_CACHE_ENABLED = False

    def add(n):
        for _ in range(n):
            EventFactory(venue=VenueFactory(bairro=Bairro.objects.first()))
            ConsultationFactory()

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            parse(client.get(FEED))
        return len(context.captured_queries)

    add(2)
    client.get(FEED)
    few = queries()
    add(20)
    assert queries() == few
    assert few <= 6
