"""The public agenda `/agenda/` (month and list views, filters, navigation)
and the staff calendar in the Wagtail admin."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.territory.models import Bairro
from consultations import services
from consultations.models import Event, PolicyArea
from consultations.selectors.agenda import agenda_between, month_bounds, month_grid
from tests.consultations.consultation_support import S
from tests.factories.consultations import (
    ConsultationFactory,
    EventFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("America/Sao_Paulo")
AGENDA = "/agenda/"
YEAR = timezone.localdate().year + 1  # a month with nothing else in it
MONTH = f"{YEAR}-03"


def at(day, hour, minute=0, month=3, year=YEAR) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ)


def event_on(day, hour=19, hours=2, **kwargs) -> Event:
    start = at(day, hour)
    return EventFactory(
        starts_at=start, ends_at=start + dt.timedelta(hours=hours), **kwargs
    )


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def days_showing(html: str, text: str) -> list[str]:
    """The dates (YYYY-MM-DD) of the month-grid cells that mention `text`."""
    cells = re.findall(r'<td class="agenda-day[^"]*"[^>]*>(.*?)</td>', html, re.S)
    found = []
    for cell in cells:
        if text in cell:
            found.append(re.search(r'<time datetime="([\d-]+)"', cell).group(1))
    return found


def month(client, **params) -> str:
    return html_of(client.get(AGENDA, {"mes": MONTH, **params}))


def upcoming(client, **params) -> str:
    return html_of(client.get(AGENDA, {"visao": "lista", **params}))


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.CIVIC_PAGE_CACHE_ENABLED = False


# The month
# ------------------------------------------------------------------------------


def test_month_shows_events_on_their_day(client):
    event_on(10, title="Audiência da LDO")
    event_on(20, title="Fórum de Mobilidade", kind=Event.Kind.FORUM)
    html = month(client)
    assert days_showing(html, "Audiência da LDO") == [f"{YEAR}-03-10"]
    assert days_showing(html, "Fórum de Mobilidade") == [f"{YEAR}-03-20"]
    assert f"março de {YEAR}" in html.lower()


def test_other_months_are_not_shown(client):
    start = at(10, 19, month=4)
    EventFactory(
        title="Em abril", starts_at=start, ends_at=start + dt.timedelta(hours=2)
    )
    html = month(client)
    assert "Em abril" not in html
    assert f"nada agendado em março de {YEAR}" in html.lower()


def test_days_are_betim_days(client):
    """23:30 in Betim is already the next day in UTC: it stays on its local day."""
    event_on(10, hour=23, hours=0.25, title="Sessão noturna")
    assert days_showing(month(client), "Sessão noturna") == [f"{YEAR}-03-10"]


def test_an_event_over_several_days_is_on_each(client):
    start = at(10, 9)
    EventFactory(title="Conferência", starts_at=start, ends_at=at(12, 0))
    # Ends at midnight: not on the 12th.
    assert days_showing(month(client), "Conferência") == [
        f"{YEAR}-03-10",
        f"{YEAR}-03-11",
    ]


def test_consultation_deadlines_are_shown(client):
    ConsultationFactory(
        title="Plano de Cultura",
        status=S.SCHEDULED,
        opens_at=at(2, 9),
        closes_at=at(25, 23, 59),
    )
    html = month(client)
    assert days_showing(html, "Plano de Cultura") == [f"{YEAR}-03-02", f"{YEAR}-03-25"]
    assert "Abre a consulta" in html
    assert "Encerra a consulta" in html


def test_drafts_are_absent_even_for_staff(client, staff_user):
    event_on(10, title="Rascunho de audiência", status=Event.Status.DRAFT)
    event_on(11, title="Audiência publicada")
    soon = timezone.now() + dt.timedelta(days=3)
    EventFactory(
        title="Audiência em breve", starts_at=soon, ends_at=soon + dt.timedelta(hours=2)
    )
    ConsultationFactory(
        title="Rascunho de consulta",
        status=S.DRAFT,
        opens_at=at(2, 9),
        closes_at=at(25, 9),
    )
    for _ in ("anonymous", "staff"):
        html = month(client)
        assert "Audiência publicada" in html
        html += upcoming(client)
        assert "Audiência em breve" in html
        assert "Rascunho de audiência" not in html
        assert "Rascunho de consulta" not in html
        client.force_login(staff_user)


def test_cancelled_and_concluded_events_stay_visible(client):
    event_on(10, title="Audiência cancelada", status=Event.Status.CANCELLED)
    event_on(11, title="Audiência concluída", status=Event.Status.CONCLUDED)
    html = month(client)
    assert days_showing(html, "Audiência cancelada") == [f"{YEAR}-03-10"]
    assert "(cancelada)" in html
    assert days_showing(html, "Audiência concluída") == [f"{YEAR}-03-11"]


def test_items_link_to_their_pages(client):
    event = event_on(10)
    consultation = ConsultationFactory(opens_at=at(2, 9), closes_at=at(25, 9))
    html = month(client)
    assert f'href="/audiencias/{event.slug}/"' in html
    assert f'href="/consultas/{consultation.slug}/"' in html


# Navigation
# ------------------------------------------------------------------------------


def test_navigation_between_months(client):
    html = month(client, area="saude")
    assert f'href="/agenda/?area=saude&amp;mes={YEAR}-02" rel="prev"' in html
    assert f'href="/agenda/?area=saude&amp;mes={YEAR}-04" rel="next"' in html
    assert 'href="/agenda/?area=saude">Mês atual' in html


def test_navigation_across_the_year(client):
    html = html_of(client.get(AGENDA, {"mes": f"{YEAR}-12"}))
    assert f'mes={YEAR + 1}-01" rel="next"' in html
    assert f'mes={YEAR}-11" rel="prev"' in html
    html = html_of(client.get(AGENDA, {"mes": f"{YEAR}-01"}))
    assert f'mes={YEAR - 1}-12" rel="prev"' in html


def test_no_link_past_the_last_year(client):
    html = html_of(client.get(AGENDA, {"mes": "2100-12"}))
    assert 'rel="next"' not in html
    assert 'rel="prev"' in html


# A fixed "now" for the pages that default to the current month: a run across
# midnight at the end of a month would otherwise compare two different months.
NOW = at(15, 12, month=6)


def test_the_current_month_by_default(client):
    with time_machine.travel(NOW, tick=False):
        html = html_of(client.get(AGENDA))
    assert 'aria-current="date"' in html
    assert f'<time datetime="{YEAR}-06-15">' in html
    assert f"junho de {YEAR}" in html.lower()
    assert "Mês atual" not in html


@pytest.mark.parametrize(
    "value", ["2026-13", "abc", "1999-12", "2101-01", "0000-00", "2026-1", "9" * 500]
)
def test_a_bad_month_shows_the_current_one(client, value):
    with time_machine.travel(NOW, tick=False):
        html = html_of(client.get(AGENDA, {"mes": value}))
    assert f'<time datetime="{YEAR}-06-15">' in html
    assert f"junho de {YEAR}" in html.lower()


# The list
# ------------------------------------------------------------------------------


def test_list_shows_what_is_coming(client):
    soon = EventFactory(
        title="Audiência próxima", starts_at=timezone.now() + dt.timedelta(days=3)
    )
    EventFactory(
        title="Audiência cancelada próxima",
        status=Event.Status.CANCELLED,
        starts_at=timezone.now() + dt.timedelta(days=4),
    )
    past = timezone.now() - dt.timedelta(days=3)
    EventFactory(
        title="Audiência passada", starts_at=past, ends_at=past + dt.timedelta(hours=2)
    )
    ConsultationFactory(
        title="Consulta aberta",
        opens_at=timezone.now() - dt.timedelta(days=3),
        closes_at=timezone.now() + dt.timedelta(days=10),
    )
    html = upcoming(client)
    assert "Audiência próxima" in html
    assert "Audiência cancelada próxima" in html
    assert "Audiência passada" not in html
    # An open consultation: its closing is ahead, its opening is not.
    assert "Encerramento de consulta pública" in html
    assert "Abertura de consulta pública" not in html
    assert html.index("Audiência próxima") < html.index("Consulta aberta")
    day = timezone.localtime(soon.starts_at).date().isoformat()
    assert f'id="agenda-dia-{day}"' in html
    assert 'aria-current="page"' in html
    # Days are headed as Portuguese writes them: month in lower case.
    from consultations.dates import long_day

    heading = long_day(timezone.localtime(soon.starts_at).date())
    assert heading == heading.lower()
    assert heading[0].upper() + heading[1:] in html


def test_empty_list(client):
    assert "Nada agendado por enquanto." in upcoming(client)


# Filters
# ------------------------------------------------------------------------------


@pytest.fixture
def mixed():
    health = PolicyArea.objects.get(slug="saude")
    culture = PolicyArea.objects.get(slug="cultura")
    citrolandia = Bairro.objects.get(slug="citrolandia")
    elsewhere = Bairro.objects.exclude(pk=citrolandia.pk).filter(is_active=True).first()
    event_on(
        3,
        title="Saúde em Citrolândia",
        policy_area=health,
        venue=VenueFactory(bairro=citrolandia),
    )
    event_on(
        4,
        title="Cultura no Centro",
        policy_area=culture,
        venue=VenueFactory(bairro=elsewhere),
    )
    ConsultationFactory(
        title="Consulta da cidade toda",
        policy_area=health,
        opens_at=at(5, 9),
        closes_at=at(6, 9),
    )
    local_one = ConsultationFactory(
        title="Consulta de Citrolândia",
        policy_area=culture,
        opens_at=at(7, 9),
        closes_at=at(8, 9),
    )
    local_one.bairros.set([citrolandia])
    other = ConsultationFactory(
        title="Consulta de outro bairro",
        policy_area=culture,
        opens_at=at(9, 9),
        closes_at=at(10, 9),
    )
    other.bairros.set([elsewhere])


TITLES = [
    "Saúde em Citrolândia",
    "Cultura no Centro",
    "Consulta da cidade toda",
    "Consulta de Citrolândia",
    "Consulta de outro bairro",
]


def shown(html) -> list[str]:
    return [title for title in TITLES if f'agenda-item-title">{title}<' in html]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, TITLES),
        ({"area": "saude"}, ["Saúde em Citrolândia", "Consulta da cidade toda"]),
        (
            {"bairro": "citrolandia"},
            [
                "Saúde em Citrolândia",
                "Consulta da cidade toda",
                "Consulta de Citrolândia",
            ],
        ),
        ({"area": "cultura", "bairro": "citrolandia"}, ["Consulta de Citrolândia"]),
    ],
)
def test_filters_by_area_and_bairro(client, mixed, params, expected):
    assert shown(month(client, **params)) == expected


def test_filters_apply_to_the_list_and_the_feed_link(client, mixed):
    ConsultationFactory(
        title="Consulta futura de saúde",
        policy_area=PolicyArea.objects.get(slug="saude"),
        opens_at=timezone.now() + dt.timedelta(days=1),
        closes_at=timezone.now() + dt.timedelta(days=9),
    )
    html = upcoming(client, area="saude")
    assert "Consulta futura de saúde" in html
    html = upcoming(client, area="cultura")
    assert "Consulta futura de saúde" not in html
    assert 'href="/agenda.ics?area=cultura"' in html
    assert "http://testserver/agenda.ics?area=cultura" in html
    assert "Limpar filtros" in html


def test_bad_filters_are_reported_and_ignored(client, mixed):
    html = month(client, area="nao-existe", bairro="<script>alert(1)</script>")
    assert shown(html) == TITLES
    assert "<script>alert(1)</script>" not in html
    assert "Faça uma escolha válida" in html


# Query counts and the page cache
# ------------------------------------------------------------------------------


def queries(client, params) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(AGENDA, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{"mes": MONTH}, {"visao": "lista"}])
def test_queries_do_not_grow_with_the_items(client, params):
    soon = timezone.now() + dt.timedelta(days=2)

    def add(n):
        for i in range(n):
            day = (i % 27) + 1
            event_on(day, venue=VenueFactory(bairro=Bairro.objects.first()))
            start = soon + dt.timedelta(hours=i)
            EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=1))
            consultation = ConsultationFactory(
                opens_at=at(day, 8), closes_at=at(day, 20)
            )
            consultation.bairros.set(Bairro.objects.all()[:2])

    add(2)
    client.get(AGENDA, params)  # warm per-process caches
    few = queries(client, params)
    add(30)
    assert queries(client, params) == few
    assert few <= 8


def test_anonymous_visitors_get_the_cached_page_until_something_changes(
    client, settings, staff_user, django_capture_on_commit_callbacks
):
    settings.CIVIC_PAGE_CACHE_ENABLED = True
    draft = event_on(10, title="Audiência nova", status=Event.Status.DRAFT)
    assert client.get(AGENDA, {"mes": MONTH})["X-Cache"] == "MISS"
    assert client.get(AGENDA, {"mes": MONTH})["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(
            event_id=draft.pk, actor=staff_user, short_notice_reason="Teste."
        )
    response = client.get(AGENDA, {"mes": MONTH})
    assert response["X-Cache"] == "MISS"
    assert "Audiência nova" in response.content.decode()


def test_month_grid_places_items():
    event_on(10, title="Audiência")
    start, end = month_bounds(YEAR, 3)
    assert start == at(1, 0)
    assert end == at(1, 0, month=4)
    items = agenda_between(start=start, end=end)
    weeks = month_grid(YEAR, 3, items, today=dt.date(YEAR, 3, 10))
    assert all(len(week) == 7 for week in weeks)
    assert weeks[0][0].day.weekday() == 6  # Sunday first
    cells = {d.day: d for week in weeks for d in week if d.in_month}
    assert [i.title for i in cells[dt.date(YEAR, 3, 10)].items] == ["Audiência"]
    assert cells[dt.date(YEAR, 3, 10)].is_today


# The staff calendar in the admin
# ------------------------------------------------------------------------------

ADMIN_AGENDA = "consultations_agenda:index"


def test_admin_calendar_url():
    assert reverse(ADMIN_AGENDA) == "/admin/participacao/agenda/"


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(reverse(ADMIN_AGENDA))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("role", "goes_to"),
    [
        ("citizen", "/accounts/login/?next=/admin/participacao/agenda/"),
        ("moderator", "/admin/"),
    ],
)
def test_only_participation_staff_see_the_calendar(client, request, role, goes_to):
    event_on(10, title="Rascunho interno", status=Event.Status.DRAFT)
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(ADMIN_AGENDA))
    assert response.status_code == 302
    assert response["Location"] == goes_to


@pytest.mark.parametrize("role", ["staff_user", "superuser"])
def test_staff_see_drafts_in_the_calendar(client, request, role):
    event_on(10, title="Rascunho interno", status=Event.Status.DRAFT)
    event_on(11, title="Audiência marcada")
    consultation = ConsultationFactory(
        title="Consulta em rascunho",
        status=S.DRAFT,
        opens_at=at(2, 9),
        closes_at=at(25, 9),
    )
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(ADMIN_AGENDA), {"mes": MONTH, "area": ""})
    html = html_of(response)
    assert days_showing(html, "Rascunho interno") == [f"{YEAR}-03-10"]
    assert days_showing(html, "Audiência marcada") == [f"{YEAR}-03-11"]
    assert "(rascunho)" in html
    # Consultations link to their page in the admin.
    edit = reverse("consultations_admin:edit", args=[consultation.pk])
    assert f'href="{edit}"' in html
    assert f'href="/agenda/?mes={MONTH}"' in html


def test_admin_calendar_filters(client, staff_user, mixed):
    client.force_login(staff_user)
    html = html_of(client.get(reverse(ADMIN_AGENDA), {"mes": MONTH, "area": "saude"}))
    assert [t for t in TITLES if t in html] == [
        "Saúde em Citrolândia",
        "Consulta da cidade toda",
    ]


def test_the_menu_item_is_for_staff_only(client, staff_user, moderator):
    client.force_login(staff_user)
    assert reverse(ADMIN_AGENDA) in client.get("/admin/").content.decode()
    client.force_login(moderator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert reverse(ADMIN_AGENDA) not in response.content.decode()
