"""The councils' API, open data, calendar files and the agenda."""

import json

import pytest
from django.urls import reverse
from icalendar import Calendar

from councils.models import Mandate, Meeting
from tests.test_csv_injection import parse

from .public_support import convened, held, planned

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.CIVIC_PAGE_CACHE_ENABLED = False


def emails_of(council) -> list[str]:
    return [m.person.email for m in Mandate.objects.filter(council=council)]


def test_api_lists_councils_with_next_meeting(client, council):
    meeting = convened(council)
    data = client.get("/api/v1/conselhos/").json()
    assert data["count"] == 1
    (item,) = data["items"]
    assert item["sigla"] == "CMAS"
    assert item["proxima_reuniao"].startswith(
        meeting.starts_at.astimezone().date().isoformat()[:4]
    )
    assert item["ics"].endswith(reverse("councils:ics", args=["cmas"]))


def test_api_detail_has_composition_term_and_upcoming(client, council):
    meeting = convened(council)
    planned(council)
    response = client.get("/api/v1/conselhos/cmas/")
    data = response.json()
    assert [s["segmento"] for s in data["composicao"]] == ["governo", "entidades"]
    seat = data["composicao"][1]["assentos"][0]
    titular = Mandate.objects.get(seat_id=seat["id"], role="titular")
    assert seat["titular"]["nome"] == titular.person.full_name
    assert seat["titular"]["entidade"]["slug"] == titular.entity.slug
    assert data["gestao"]["ato"].startswith("Decreto nº")
    assert [m["id"] for m in data["proximas_reunioes"]] == [meeting.pk]
    text = response.content.decode()
    for email in emails_of(council):
        assert email not in text
    assert "cpf" not in text.lower()


@pytest.mark.parametrize("slug", ["nao-existe", "x\x00y", "a" * 200])
def test_api_unknown_council_is_404(client, council, slug):
    assert client.get(f"/api/v1/conselhos/{slug}/").status_code == 404


def test_open_data_composition_csv_and_json(client, council):
    rows = parse(client.get(reverse("councils:open_data_composition_csv")))
    assert len(rows) == 6
    assert {r["conselho"] for r in rows} == {"CMAS"}
    assert all(r["titular"] and r["suplente"] for r in rows)
    response = client.get(reverse("councils:open_data_composition_json"))
    body = b"".join(response.streaming_content).decode()
    assert len(json.loads(body)["results"]) == 6
    for email in emails_of(council):
        assert email not in body


def test_open_data_meetings_have_attendance_and_votes(client, council):
    held(council)
    convened(council)
    planned(council)
    rows = parse(client.get(reverse("councils:open_data_meetings_csv")))
    assert sorted(r["situacao"] for r in rows) == ["convened", "held"]
    done = next(r for r in rows if r["situacao"] == "held")
    assert done["assentos_presentes"] == "6"
    assert "Presente: suplente no lugar do titular" in done["presencas"]
    assert "a favor 4, contra 1, abstenções 1" in done["pauta"]


def test_datasets_are_in_the_catalogue(client):
    page = client.get(reverse("open_data")).content.decode()
    assert reverse("councils:open_data_composition_csv") in page
    assert reverse("councils:open_data_meetings_json") in page


def _vevents(response):
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_council_ics_has_public_meetings_only(client, council, other_council):
    upcoming = convened(council, title="Ordinária de abril")
    done = held(council)
    cancelled = convened(council, days=40)
    Meeting.objects.filter(pk=cancelled.pk).update(status="cancelled")
    planned(council, title="Interna")
    convened(other_council, title="De outro conselho")
    vevents = _vevents(client.get(reverse("councils:ics", args=[council.slug])))
    summaries = sorted(str(v["summary"]) for v in vevents)
    assert len(vevents) == 3
    assert "CMAS: Ordinária de abril" in summaries
    assert any(s.startswith("CANCELADA: ") for s in summaries)
    uids = {str(v["uid"]) for v in vevents}
    assert f"conselho-reuniao-{upcoming.pk}@participa.betim.mg.gov.br" in uids
    assert f"conselho-reuniao-{done.pk}@participa.betim.mg.gov.br" in uids


def test_agenda_feed_and_page_include_council_meetings(client, council):
    meeting = convened(council, title="Ordinária do CMAS", days=3)
    planned(council, title="Interna")
    vevents = _vevents(client.get(reverse("consultations:agenda_ics")))
    assert [str(v["summary"]) for v in vevents] == ["CMAS: Ordinária do CMAS"]
    page = client.get(reverse("consultations:agenda"), {"visao": "lista"})
    text = page.content.decode()
    assert "CMAS: Ordinária do CMAS" in text
    assert meeting.get_absolute_url() in text
    assert "Interna" not in text


def test_agenda_area_filter_applies_to_council_meetings(client, council):
    from consultations.models import PolicyArea

    area, other = PolicyArea.objects.all()[:2]
    council.policy_area = area
    council.save()
    convened(council, title="Ordinária filtrada")
    shown = client.get(
        reverse("consultations:agenda"), {"visao": "lista", "area": area.slug}
    )
    hidden = client.get(
        reverse("consultations:agenda"), {"visao": "lista", "area": other.slug}
    )
    assert "Ordinária filtrada" in shown.content.decode()
    assert "Ordinária filtrada" not in hidden.content.decode()
