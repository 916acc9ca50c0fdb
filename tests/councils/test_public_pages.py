"""The councils' public pages: the list, a council's page and a meeting's page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, Mandate, Segment
from tests.factories.councils import CouncilFactory, MeetingFactory, ResolutionFactory

from .public_support import convened, held, planned

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.CIVIC_PAGE_CACHE_ENABLED = False


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_list_shows_active_councils_with_their_next_meeting(client, council):
    meeting = convened(council, title="Reunião de março")
    convened(council, days=30)
    CouncilFactory(name="Conselho Extinto", is_active=False)
    page = html(client.get(reverse("councils:list")))
    assert "Conselho Municipal de Assistência Social (CMAS)" in page
    assert "Deliberativo" in page
    assert meeting.get_absolute_url() in page
    assert "Conselho Extinto" not in page


def test_detail_shows_composition_by_segment_with_public_names(client, council):
    council.summary = "O CMAS delibera sobre a política de assistência."
    council.save()
    titular = Mandate.objects.filter(
        council=council, role="titular", entity__isnull=False
    ).first()
    titular.person.cpf, titular.person.phone = "52998224725", "31999998888"
    titular.person.save()
    page = html(client.get(council.get_absolute_url()))
    assert "O CMAS delibera" in page
    assert str(Segment.GOVERNMENT.label) in page
    assert str(Segment.ENTITIES.label) in page
    for mandate in Mandate.objects.filter(council=council):
        assert mandate.person.full_name in page
        assert mandate.person.email not in page
    assert reverse("entities:detail", args=[titular.entity.slug]) in page
    assert "52998224725" not in page
    assert "529.982.247-25" not in page
    assert "31999998888" not in page
    assert "Gestão de" in page


def test_erased_councillor_shows_the_placeholder(client, council, citizen):
    from civic.accounts.services import account_erase

    mandate = Mandate.objects.filter(council=council).first()
    name = mandate.person.full_name
    account_erase(user=mandate.person, by=mandate.person)
    page = html(client.get(council.get_absolute_url()))
    assert name not in page
    assert "Participante removido" in page
    assert Mandate.objects.filter(pk=mandate.pk).exists()


def test_detail_lists_calendar_minutes_and_resolutions(client, council):
    upcoming = convened(council, title="Próxima ordinária")
    past = held(council, title="Ordinária de fevereiro")
    hidden = planned(council, title="Só no calendário interno")
    ResolutionFactory(
        council=council,
        status="published",
        year=2026,
        number=12,
        title="Aprova o plano",
    )
    ResolutionFactory(council=council, title="Minuta sem número")
    page = html(client.get(council.get_absolute_url()))
    assert upcoming.get_absolute_url() in page
    assert past.get_absolute_url() in page
    assert f"{past.get_absolute_url()}#ata" in page
    assert hidden.title not in page
    assert "Resolução CMAS nº 012/2026" in page
    assert "Minuta sem número" not in page
    assert reverse("councils:ics", args=[council.slug]) in page


def test_inactive_or_unknown_council_is_404(client, council):
    Council.objects.filter(pk=council.pk).update(is_active=False)
    assert client.get(council.get_absolute_url()).status_code == 404
    assert client.get("/conselhos/nao-existe/").status_code == 404


def test_held_meeting_shows_attendance_quorum_votes_and_ata(client, council):
    meeting = held(council)
    page = html(client.get(meeting.get_absolute_url()))
    assert "Presente: suplente no lugar do titular" in page
    assert "6 de 6 assentos ocupados; o quórum exigia 4." in page
    assert "Quórum atingido." in page
    assert "A favor: 4; contra: 1; abstenções: 1." in page
    assert "Aprovado" in page
    assert "Maioria simples dos presentes" in page
    assert "aprovou o plano" in page
    for mandate in Mandate.objects.filter(council=council):
        assert mandate.person.email not in page


def test_unpublished_ata_is_not_shown(client, council):
    meeting = held(council, minutes=False)
    page = html(client.get(meeting.get_absolute_url()))
    assert "aprovou o plano" not in page
    assert "A ata será publicada depois de aprovada" in page


def test_convened_meeting_shows_the_pauta_but_no_result(client, council):
    from tests.factories.councils import AgendaItemFactory

    meeting = convened(council)
    AgendaItemFactory(meeting=meeting, title="Plano de ação", is_deliberative=True)
    page = html(client.get(meeting.get_absolute_url()))
    assert "Plano de ação" in page
    assert "Presença e quórum" not in page


def test_planned_meeting_and_other_councils_meeting_are_404(
    client, council, other_council
):
    assert client.get(planned(council).get_absolute_url()).status_code == 404
    meeting = convened(other_council)
    url = reverse("councils:meeting", args=[council.slug, meeting.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["councils:detail", "councils:list"])
def test_council_page_queries_do_not_grow(client, council, name):
    def counted() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            url = reverse(name, args=[council.slug] if name != "councils:list" else [])
            assert client.get(url).status_code == 200
        return len(queries)

    def add(n: int, start: int):
        for i in range(n):
            convened(council, days=1 + i)
            MeetingFactory(
                council=council,
                status="held",
                minutes_status="published",
                starts_at=timezone.now() - dt.timedelta(days=1 + start + i),
            )
            CouncilFactory()
            ResolutionFactory(
                council=council, status="published", year=2026, number=start + i + 1
            )

    add(5, 0)
    counted()  # the first request of a site creates its settings row
    small = counted()
    add(45, 5)
    assert counted() == small
    assert small <= 20
