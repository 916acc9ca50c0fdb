"""The read-only API of consultations and events: `/api/v1/consultas/` and
`/api/v1/audiencias/`, in the OpenAPI schema, never drafts nor personal data."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.territory.models import Bairro
from consultations.models import Consultation, Contribution, Event, PolicyArea
from tests.consultations.consultation_support import (
    S,
    approved_entity_with_representative,
    consultation_with_text,
    device,
)
from tests.factories.consultations import (
    ConsultationFactory,
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

CONSULTATIONS = "/api/v1/consultas/"
EVENTS = "/api/v1/audiencias/"


def whole_seconds(value: dt.datetime) -> dt.datetime:
    """The API writes milliseconds at most."""
    return value.replace(microsecond=0)


def detail(base, obj) -> str:
    return f"{base}{obj.slug}/"


def get_json(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def slugs(client, url, params=None) -> list[str]:
    return [item["slug"] for item in get_json(client, url, params)["items"]]


def test_url_names_match_the_paths():
    assert reverse("api-v1:consultations_list") == CONSULTATIONS
    assert reverse("api-v1:consultations_detail", args=["x"]) == CONSULTATIONS + "x/"
    assert reverse("api-v1:events_list") == EVENTS
    assert reverse("api-v1:events_detail", args=["x"]) == EVENTS + "x/"


def test_the_schema_has_the_four_paths_and_is_valid(client):
    from openapi_spec_validator import validate

    schema = client.get("/api/v1/schema/").json()
    validate(schema)
    for path in (
        CONSULTATIONS,
        CONSULTATIONS + "{slug}/",
        EVENTS,
        EVENTS + "{slug}/",
    ):
        assert set(schema["paths"][path]) == {"get"}, path
    params = {p["name"] for p in schema["paths"][EVENTS]["get"]["parameters"]}
    assert params == {
        "tipo",
        "situacao",
        "area",
        "bairro",
        "de",
        "ate",
        "limit",
        "offset",
    }
    params = {p["name"] for p in schema["paths"][CONSULTATIONS]["get"]["parameters"]}
    assert params == {"situacao", "area", "q", "limit", "offset"}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(client, staff_user, method):
    consultation = ConsultationFactory()
    event = EventFactory()
    client.force_login(staff_user)
    for url in (
        CONSULTATIONS,
        detail(CONSULTATIONS, consultation),
        EVENTS,
        detail(EVENTS, event),
    ):
        response = getattr(client, method)(
            url, data="{}", content_type="application/json"
        )
        assert response.status_code == 405, (method, url)
    assert Consultation.objects.count() == Event.objects.count() == 1


# Consultations
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "citizen", "staff_user"])
def test_drafts_never_appear(client, request, role):
    public = ConsultationFactory()
    draft = ConsultationFactory(status=S.DRAFT)
    public_event = EventFactory()
    draft_event = EventFactory(status=Event.Status.DRAFT)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert slugs(client, CONSULTATIONS) == [public.slug]
    assert slugs(client, EVENTS) == [public_event.slug]
    assert client.get(detail(CONSULTATIONS, draft)).status_code == 404
    assert client.get(detail(EVENTS, draft_event)).status_code == 404
    assert client.get(CONSULTATIONS + "nao-existe/").status_code == 404


def test_consultation_fields_and_counts(client, user_factory):
    consultation = consultation_with_text(
        S.OPEN,
        title="Plano de Cultura",
        legal_basis="Lei 12.343/2010",
        opens_at=whole_seconds(timezone.now() - dt.timedelta(days=1)),
    )
    consultation.bairros.set([Bairro.objects.get(slug="citrolandia")])
    author = user_factory(full_name="Joana Pessoa", email="joana@example.org")
    top = ContributionFactory(
        consultation=consultation, author=author, show_name=True, support_count=3
    )
    ContributionFactory(consultation=consultation, parent=top, author=author)
    ContributionFactory(
        consultation=consultation,
        text="Texto ofensivo escondido",
        moderation=Contribution.Moderation.HIDDEN,
        support_count=7,
    )
    ContributionFactory(
        consultation=consultation,
        text="Aguardando moderação",
        moderation=Contribution.Moderation.PENDING,
    )
    ContributionFactory(
        consultation=consultation,
        device=device(consultation, "art-2-par-2"),
        position="disagree",
        author=author,
    )
    [item] = get_json(client, CONSULTATIONS)["items"]
    assert item["titulo"] == "Plano de Cultura"
    assert item["situacao"] == "open"
    assert item["base_legal"] == "Lei 12.343/2010"
    assert item["area"]["slug"] == consultation.policy_area.slug
    assert item["contagens"] == {"contribuicoes": 2, "respostas": 1, "apoios": 3}
    assert item["url"] == f"http://testserver/consultas/{consultation.slug}/"
    assert item["relatorio"] is None
    assert item["abertura"].endswith("-03:00")
    assert dt.datetime.fromisoformat(item["abertura"]) == consultation.opens_at

    data = get_json(client, detail(CONSULTATIONS, consultation))
    assert data["bairros"] == [{"slug": "citrolandia", "nome": "Citrolândia"}]
    anchors = [d["ancora"] for d in data["dispositivos"]]
    assert "art-2-par-2" in anchors
    paragraph = next(d for d in data["dispositivos"] if d["ancora"] == "art-2-par-2")
    assert paragraph["ancora_superior"] == "art-2"
    assert paragraph["contribuicoes"] == {
        "concordo": 0,
        "discordo": 1,
        "proposta_de_redacao": 0,
    }
    assert paragraph["url"].endswith("/dispositivos/art-2-par-2/")
    assert data["sintese_relatorio"] == ""


def test_no_personal_data_nor_hidden_text(client, user_factory):
    consultation = consultation_with_text(S.ANSWERED, report_summary="Síntese.")
    person = user_factory(
        full_name="Fulano Sensível", email="fulano@example.org", cpf="52998224725"
    )
    entity = approved_entity_with_representative(person)
    ContributionFactory(
        consultation=consultation,
        author=person,
        on_behalf_of=entity,
        show_name=True,
        text="Minha opinião política",
        answer="accepted",
        answer_text="Acatada.",
    )
    ContributionFactory(
        consultation=consultation,
        text="Texto ofensivo escondido",
        moderation=Contribution.Moderation.HIDDEN,
    )
    event = EventFactory(consultation=consultation)
    RegistrationFactory(event=event, user=person)
    everything = json.dumps(
        [
            get_json(client, CONSULTATIONS),
            get_json(client, detail(CONSULTATIONS, consultation)),
            get_json(client, EVENTS),
            get_json(client, detail(EVENTS, event)),
        ],
        ensure_ascii=False,
    )
    for private in (
        "Fulano",
        "fulano@example.org",
        "52998224725",
        "529.982.247-25",
        "Minha opinião política",
        "Texto ofensivo escondido",
    ):
        assert private not in everything
    data = get_json(client, detail(CONSULTATIONS, consultation))
    assert data["sintese_relatorio"] == "Síntese."
    assert data["relatorio"]["csv"].endswith("/relatorio.csv")


def test_consultation_filters(client):
    health = PolicyArea.objects.get(slug="saude")
    a = ConsultationFactory(title="Plano de saúde bucal", policy_area=health)
    b = ConsultationFactory(
        summary="Mobilidade e ciclovias",
        status=S.CLOSED,
        opens_at=timezone.now() - dt.timedelta(days=30),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )
    assert slugs(client, CONSULTATIONS, {"area": "saude"}) == [a.slug]
    assert slugs(client, CONSULTATIONS, {"situacao": "closed"}) == [b.slug]
    assert slugs(client, CONSULTATIONS, {"q": "ciclovias"}) == [b.slug]
    assert slugs(client, CONSULTATIONS, {"q": "bucal"}) == [a.slug]
    assert slugs(client, CONSULTATIONS, {"area": "nao-existe"}) == []


@pytest.mark.parametrize(
    "params",
    [
        {"situacao": "draft"},
        {"area": "<script>"},
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"q": "x" * 201},
        {"limit": "abc"},
    ],
)
def test_bad_parameters_are_a_422(client, params):
    assert client.get(CONSULTATIONS, params).status_code == 422


@pytest.mark.parametrize(
    "params", [{"de": "2026-02-30"}, {"tipo": "show"}, {"bairro": "a b"}]
)
def test_bad_event_parameters_are_a_422(client, params):
    assert client.get(EVENTS, params).status_code == 422


def test_pagination(client):
    ConsultationFactory.create_batch(25)
    first = get_json(client, CONSULTATIONS)
    page = get_json(client, CONSULTATIONS, {"limit": 10, "offset": 20})
    beyond = get_json(client, CONSULTATIONS, {"offset": 1000})
    assert (first["count"], len(first["items"])) == (25, 20)
    assert (page["count"], len(page["items"])) == (25, 5)
    assert beyond == {"items": [], "count": 25}
    all_slugs = [i["slug"] for i in first["items"]] + slugs(
        client, CONSULTATIONS, {"offset": 20}
    )
    assert len(set(all_slugs)) == 25


# Events
# ------------------------------------------------------------------------------


def test_event_fields(client, user_factory):
    venue = VenueFactory(
        name="Auditório Central",
        bairro=Bairro.objects.get(slug="centro"),
        step_free_access=True,
    )
    event = EventFactory(
        title="Audiência da LDO",
        venue=venue,
        capacity=3,
        libras=True,
        minutes="Ata.",
        starts_at=whole_seconds(timezone.now() + dt.timedelta(days=20)),
    )
    for person in user_factory.create_batch(2):
        RegistrationFactory(event=event, user=person)
    RegistrationFactory(event=event, status="waitlisted")
    RegistrationFactory(event=event, status="cancelled")
    [item] = get_json(client, EVENTS)["items"]
    assert item["titulo"] == "Audiência da LDO"
    assert item["tipo"] == "audiencia"
    assert item["situacao"] == "published"
    assert item["local"]["nome"] == "Auditório Central"
    assert item["local"]["bairro"] == {"slug": "centro", "nome": "Centro"}
    assert item["local"]["acesso_sem_degraus"] is True
    assert item["libras"] is True
    assert item["capacidade"] == 3
    assert item["vagas_restantes"] == 1
    assert item["inscricoes_abertas"] is True
    assert item["ics"] == f"http://testserver/audiencias/{event.slug}/evento.ics"
    assert dt.datetime.fromisoformat(item["inicio"]) == event.starts_at
    assert item["inicio"].endswith("-03:00")
    data = get_json(client, detail(EVENTS, event))
    assert data["ata"] == ""  # published only with the conclusion
    assert data["consulta"] is None


def test_event_detail_of_a_concluded_event(client):
    draft_consultation = ConsultationFactory(status=S.DRAFT)
    past = timezone.now() - dt.timedelta(days=3)
    event = EventFactory(
        status=Event.Status.CONCLUDED,
        starts_at=past,
        ends_at=past + dt.timedelta(hours=2),
        minutes="A ata.",
        attendance_count=40,
        recording_url="https://video.example/gravacao",
        consultation=draft_consultation,
    )
    data = get_json(client, detail(EVENTS, event))
    assert data["ata"] == "A ata."
    assert data["publico_presente"] == 40
    assert data["gravacao"] == "https://video.example/gravacao"
    assert data["inscricoes_abertas"] is False
    assert data["consulta"] is None  # a draft consultation stays hidden


def test_event_filters(client):
    health = PolicyArea.objects.get(slug="saude")
    today = timezone.localdate()
    soon = EventFactory(
        policy_area=health,
        venue=VenueFactory(bairro=Bairro.objects.get(slug="citrolandia")),
        starts_at=timezone.now() + dt.timedelta(days=2),
    )
    forum = EventFactory(
        kind=Event.Kind.FORUM, starts_at=timezone.now() + dt.timedelta(days=40)
    )
    past = timezone.now() - dt.timedelta(days=10)
    cancelled = EventFactory(
        status=Event.Status.CANCELLED,
        starts_at=past,
        ends_at=past + dt.timedelta(hours=1),
    )
    assert slugs(client, EVENTS) == [cancelled.slug, soon.slug, forum.slug]
    assert slugs(client, EVENTS, {"tipo": "forum"}) == [forum.slug]
    assert slugs(client, EVENTS, {"situacao": "cancelled"}) == [cancelled.slug]
    assert slugs(client, EVENTS, {"area": "saude"}) == [soon.slug]
    assert slugs(client, EVENTS, {"bairro": "citrolandia"}) == [soon.slug]
    assert slugs(client, EVENTS, {"de": today.isoformat()}) == [soon.slug, forum.slug]
    until = (today + dt.timedelta(days=10)).isoformat()
    assert slugs(client, EVENTS, {"ate": until}) == [cancelled.slug, soon.slug]


# Query counts
# ------------------------------------------------------------------------------


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_lists_do_not_grow_with_the_items(client, user_factory):
    people = user_factory.create_batch(3)

    def add(n):
        for _ in range(n):
            consultation = ConsultationFactory()
            consultation.bairros.set(Bairro.objects.all()[:3])
            ContributionFactory(consultation=consultation, author=people[0])
            event = EventFactory(venue=VenueFactory(bairro=Bairro.objects.first()))
            for person in people:
                RegistrationFactory(event=event, user=person)

    add(2)
    client.get(CONSULTATIONS)
    counts = {url: queries(client, url) for url in (CONSULTATIONS, EVENTS)}
    add(20)
    for url, few in counts.items():
        assert queries(client, url) == few, url
        assert few <= 4


def test_consultation_detail_does_not_grow_with_devices(client):
    small = ConsultationFactory()
    consultation_with_text(S.OPEN)  # warm up
    large = consultation_with_text(S.OPEN)
    for d in large.devices.all()[:5]:
        ContributionFactory(consultation=large, device=d, position="agree")
    client.get(detail(CONSULTATIONS, small))
    assert queries(client, detail(CONSULTATIONS, small)) == queries(
        client, detail(CONSULTATIONS, large)
    )
