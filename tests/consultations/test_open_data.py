"""Open data of consultations and events: CSV and JSON downloads, the CSV of
contributions (names only when the person chose, LGPD art. 5 II and 11), and
their entries in the `/dados-abertos/` catalogue."""

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.territory.models import Bairro
from consultations.models import Contribution, Event
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

C = Contribution
CONSULTATIONS_CSV = reverse("consultations:open_data_consultations_csv")
CONSULTATIONS_JSON = reverse("consultations:open_data_consultations_json")
EVENTS_CSV = reverse("consultations:open_data_events_csv")
EVENTS_JSON = reverse("consultations:open_data_events_json")
CONTRIBUTIONS_CSV = reverse("consultations:open_data_contributions_csv")


def body(response) -> str:
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content).decode("utf-8")


def csv_rows(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = body(response)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def json_rows(response) -> list[dict]:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body(response))
    assert data["licenca"] == "CC-BY 4.0"
    return data["results"]


def test_the_urls():
    assert CONSULTATIONS_CSV == "/dados-abertos/consultas.csv"
    assert EVENTS_JSON == "/dados-abertos/audiencias.json"
    assert CONTRIBUTIONS_CSV == "/dados-abertos/contribuicoes.csv"


# Contributions
# ------------------------------------------------------------------------------


@pytest.fixture
def answered(user_factory):
    """An answered consultation with every kind of author and moderation."""
    consultation = consultation_with_text(S.ANSWERED, title="Plano de Hortas")
    citrolandia = Bairro.objects.get(slug="citrolandia")
    shown = user_factory(
        full_name="Ana Mostra Nome",
        email="ana@example.org",
        cpf="52998224725",
        phone="31999998888",
    )
    hidden_name = user_factory(
        full_name="Bruno Sem Nome",
        email="bruno@example.org",
        cpf="11144477735",
        phone="31988887777",
    )
    representative = user_factory(full_name="Carla Representante")
    entity = approved_entity_with_representative(representative)
    answer = {"answer": C.Answer.ACCEPTED, "answer_text": "Incluída no texto."}
    rows = {
        "shown": ContributionFactory(
            consultation=consultation,
            author=shown,
            show_name=True,
            text="Mais hortas nas escolas.",
            bairro=citrolandia,
            **answer,
        ),
        "anonymous": ContributionFactory(
            consultation=consultation,
            author=hidden_name,
            show_name=False,
            device=device(consultation, "art-2-par-2"),
            position=C.Position.PROPOSAL,
            proposed_text='=HYPERLINK("http://evil.example")',
            text="Sou contra o artigo, por motivos políticos.",
            **answer,
        ),
        "entity": ContributionFactory(
            consultation=consultation,
            author=representative,
            on_behalf_of=entity,
            show_name=False,
            text="A associação apoia.",
            **answer,
        ),
        "hidden": ContributionFactory(
            consultation=consultation,
            author=hidden_name,
            text="Texto ofensivo que a moderação removeu.",
            moderation=C.Moderation.HIDDEN,
            moderation_reason="Linguagem ofensiva.",
        ),
        "pending": ContributionFactory(
            consultation=consultation,
            author=hidden_name,
            text="Nunca publicada.",
            moderation=C.Moderation.PENDING,
        ),
    }
    rows["reply"] = ContributionFactory(
        consultation=consultation,
        parent=rows["shown"],
        author=hidden_name,
        text="Concordo com a Ana.",
    )
    return consultation, rows, entity


def test_names_only_when_chosen_and_never_contact_data(client, answered):
    _consultation, rows, entity = answered
    response = client.get(CONTRIBUTIONS_CSV)
    text = body(client.get(CONTRIBUTIONS_CSV))
    by_id = {int(r["id"]): r for r in csv_rows(response)}
    assert by_id[rows["shown"].pk]["autoria"] == "Ana Mostra Nome"
    assert by_id[rows["anonymous"].pk]["autoria"] == "Participante"
    assert by_id[rows["entity"].pk]["autoria"] == entity.display_name
    assert by_id[rows["reply"].pk]["autoria"] == "Participante"
    for private in (
        "Bruno",
        "Carla",
        "example.org",
        "52998224725",
        "529.982.247-25",
        "11144477735",
        "31999998888",
        "31988887777",
    ):
        assert private not in text, private


def test_hidden_text_is_not_exposed_and_pending_is_left_out(client, answered):
    _consultation, rows, _entity = answered
    text = body(client.get(CONTRIBUTIONS_CSV))
    by_id = {int(r["id"]): r for r in csv_rows(client.get(CONTRIBUTIONS_CSV))}
    assert "Texto ofensivo" not in text
    assert by_id[rows["hidden"].pk]["texto"] == (
        "Contribuição removida pela moderação: Linguagem ofensiva."
    )
    assert rows["pending"].pk not in by_id
    assert "Nunca publicada" not in text


def test_contribution_columns(client, answered):
    consultation, rows, _entity = answered
    by_id = {int(r["id"]): r for r in csv_rows(client.get(CONTRIBUTIONS_CSV))}
    shown = by_id[rows["shown"].pk]
    assert shown["consulta"] == "Plano de Hortas"
    assert shown["consulta_slug"] == consultation.slug
    assert shown["dispositivo"] == "Geral"
    assert shown["bairro"] == "Citrolândia"
    assert shown["resposta"] == "Acatada"
    assert shown["justificativa"] == "Incluída no texto."
    assert dt.datetime.fromisoformat(shown["data"]).utcoffset() == dt.timedelta(
        hours=-3
    )
    proposal = by_id[rows["anonymous"].pk]
    assert proposal["dispositivo"] == "Art. 2º, § 2º"
    assert proposal["posicao"] == "Proposta de redação"
    # A spreadsheet would run it as a formula: prefixed with a quote.
    assert proposal["redacao_proposta"] == '\'=HYPERLINK("http://evil.example")'
    assert by_id[rows["reply"].pk]["em_resposta_a"] == str(rows["shown"].pk)


def test_anonymous_authors_get_the_month_only_and_hidden_answers_no_text(
    client, answered
):
    """Bairro plus an exact time can single out an anonymous participant; the
    devolutiva of a hidden contribution may quote what moderation removed."""
    _consultation, rows, _entity = answered
    Contribution.objects.filter(pk=rows["anonymous"].pk).update(
        bairro=Bairro.objects.get(slug="citrolandia")
    )
    Contribution.objects.filter(pk=rows["hidden"].pk).update(
        answer=C.Answer.OUT_OF_SCOPE, answer_text="Citava o Texto ofensivo."
    )
    by_id = {int(r["id"]): r for r in csv_rows(client.get(CONTRIBUTIONS_CSV))}
    month = timezone.localtime(rows["anonymous"].created_at).strftime("%Y-%m")
    anonymous = by_id[rows["anonymous"].pk]
    assert anonymous["bairro"] == "Citrolândia"
    assert anonymous["data"] == month
    assert by_id[rows["reply"].pk]["data"] == month
    # Public authorship keeps the exact moment.
    assert by_id[rows["shown"].pk]["data"] != month
    assert by_id[rows["entity"].pk]["data"].startswith(month + "-")
    assert by_id[rows["hidden"].pk]["justificativa"] == ""


@pytest.mark.parametrize("status", [S.OPEN, S.CLOSED, S.DRAFT])
def test_only_answered_consultations(client, status):
    consultation = ConsultationFactory(status=status)
    ContributionFactory(consultation=consultation, text="Ainda sem devolutiva")
    answered = ContributionFactory(
        consultation=consultation_with_text(S.ANSWERED),
        answer=C.Answer.ACCEPTED,
        answer_text="Incluída.",
    )
    rows = csv_rows(client.get(CONTRIBUTIONS_CSV))
    assert [int(row["id"]) for row in rows] == [answered.pk]


def test_an_erased_account_shows_no_name(client, answered):
    _consultation, rows, _entity = answered
    author = rows["shown"].author
    author.deleted_at = timezone.now()
    author.save()
    by_id = {int(r["id"]): r for r in csv_rows(client.get(CONTRIBUTIONS_CSV))}
    assert by_id[rows["shown"].pk]["autoria"] == "Participante"


# Consultations and events
# ------------------------------------------------------------------------------


def test_consultations_csv_and_json(client, answered):
    consultation, _rows, _entity = answered
    consultation.bairros.set(Bairro.objects.filter(slug__in=["centro", "citrolandia"]))
    ConsultationFactory(title="Rascunho secreto", status=S.DRAFT)
    [row] = csv_rows(client.get(CONSULTATIONS_CSV))
    assert row["titulo"] == "Plano de Hortas"
    assert row["situacao"] == "answered"
    assert row["bairros"] == "Centro | Citrolândia"
    # Published top-level contributions: not the pending, hidden or replies.
    assert row["contribuicoes"] == "3"
    assert row["relatorio_csv"].endswith(
        f"/consultas/{consultation.slug}/relatorio.csv"
    )
    [item] = json_rows(client.get(CONSULTATIONS_JSON))
    assert item["bairros"] == ["Centro", "Citrolândia"]
    assert item["contribuicoes"] == 3
    assert item["slug"] == consultation.slug
    assert dt.datetime.fromisoformat(item["encerramento"]) == consultation.closes_at


def test_events_csv_and_json(client, user_factory):
    event = EventFactory(
        title="Audiência do Orçamento",
        capacity=5,
        venue=VenueFactory(name="Auditório", bairro=Bairro.objects.get(slug="centro")),
        libras=True,
    )
    person = user_factory(full_name="Inscrita Secreta", email="inscrita@example.org")
    RegistrationFactory(event=event, user=person)
    RegistrationFactory(event=event, status="cancelled")
    EventFactory(title="Rascunho de evento", status=Event.Status.DRAFT)
    response = client.get(EVENTS_CSV)
    assert response["Content-Disposition"].startswith(
        'attachment; filename="audiencias-e-foruns-betim-'
    )
    [row] = csv_rows(response)
    assert row["titulo"] == "Audiência do Orçamento"
    assert row["local"] == "Auditório"
    assert row["bairro"] == "Centro"
    assert row["libras"] == "true"
    assert row["vagas_restantes"] == "4"
    [item] = json_rows(client.get(EVENTS_JSON))
    assert item["vagas_restantes"] == 4
    assert item["libras"] is True
    everything = body(client.get(EVENTS_CSV)) + body(client.get(EVENTS_JSON))
    assert "Inscrita" not in everything
    assert "inscrita@example.org" not in everything
    assert "Rascunho" not in everything


def test_downloads_do_not_grow_with_the_rows(client, user_factory):
    people = user_factory.create_batch(2)

    def add(n):
        for _ in range(n):
            consultation = consultation_with_text(S.ANSWERED)
            consultation.bairros.set(Bairro.objects.all()[:2])
            ContributionFactory(
                consultation=consultation,
                author=people[0],
                show_name=True,
                device=device(consultation, "art-1"),
                position="agree",
                bairro=Bairro.objects.first(),
            )
            event = EventFactory(venue=VenueFactory(bairro=Bairro.objects.first()))
            RegistrationFactory(event=event, user=people[1])

    def queries(url) -> int:
        with CaptureQueriesContext(connection) as context:
            body(client.get(url))
        return len(context.captured_queries)

    urls = [
        CONSULTATIONS_CSV,
        CONSULTATIONS_JSON,
        EVENTS_CSV,
        EVENTS_JSON,
        CONTRIBUTIONS_CSV,
    ]
    add(2)
    few = {url: queries(url) for url in urls}
    add(10)
    assert {url: queries(url) for url in urls} == few


# The catalogue
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "citizen", "staff_user"])
def test_the_catalogue_lists_the_datasets(client, request, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    html = client.get("/dados-abertos/").content.decode()
    for title in (
        "Consultas públicas",
        "Audiências públicas, fóruns e reuniões abertas",
        "Contribuições às consultas públicas respondidas",
    ):
        assert title in html
    for url in (
        CONSULTATIONS_CSV,
        CONSULTATIONS_JSON,
        EVENTS_CSV,
        EVENTS_JSON,
        CONTRIBUTIONS_CSV,
        "/api/v1/consultas/",
        "/api/v1/audiencias/",
        "/agenda.ics",
    ):
        assert f'href="{url}"' in html, url
    assert "<code>autoria</code>" in html  # the data dictionary
    assert "opinião política" in html  # why names are left out
