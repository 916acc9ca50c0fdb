"""Open data: the catalogue `/dados-abertos/` and the CSV/JSON downloads."""

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civic import open_data
from entities.models import Area, Cnae, Entity, PublicServed
from tests.entities.listing import make_listed_entities, publish
from tests.factories.entities import BoardMemberFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

CSV_URL = reverse("entities:csv")
JSON_URL = reverse("entities:json")


def _body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _csv_rows(response) -> list[dict]:
    text = _body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def _json(response) -> dict:
    return json.loads(_body(response).decode("utf-8"))


# Catalogue ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ["anonymous", "citizen", "staff_user"])
def test_catalogue_lists_the_entity_datasets(role, request, client):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("open_data"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Entidades da sociedade civil de Betim" in html
    for url in [
        CSV_URL,
        JSON_URL,
        "/api/v1/entidades/",
        "/api/v1/docs/",
        "/api/v1/schema/",
    ]:
        assert f'href="{url}"' in html, url
    assert "<code>cnpj_numero</code>" in html  # data dictionary
    assert "ponto e vírgula" in html


def test_registry_accepts_other_apps_datasets(client):
    dataset = open_data.Dataset(
        slug="teste-consultas",
        title="Consultas públicas (teste)",
        description="Uma descrição.",
        resources=(
            open_data.Resource("CSV", "entities:csv"),
            open_data.Resource("X", "nao:existe"),
        ),
        order=99,
    )
    open_data.register(dataset)
    try:
        html = client.get(reverse("open_data")).content.decode()
        titles = [d.title for d in open_data.datasets()]
    finally:
        open_data._registry.pop("teste-consultas")

    assert "Consultas públicas (teste)" in html
    assert titles.index("Consultas públicas (teste)") > 0  # ordered by `order`
    assert 'href="">' not in html  # a resource whose URL does not resolve is left out


def test_iso_writes_dates_as_is_and_moments_in_betims_time():
    moment = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.UTC)

    assert open_data.iso(moment) == "2026-03-01T09:30:00-03:00"
    assert open_data.iso(dt.date(2026, 3, 1)) == "2026-03-01"
    assert open_data.iso(None) == ""


# CSV --------------------------------------------------------------------------


@pytest.fixture
def rich_entity(entity_factory):
    entity = entity_factory(
        name="Associação Ação & Cidadania",
        trade_name="AAC",
        main_cnae=Cnae.objects.get(code="9430800"),
        areas=[
            Area.objects.get(slug="saude"),
            Area.objects.get(slug="trabalho-emprego-e-renda"),
        ],
        email="privado@aac.example.org",
        phone="31977776666",
    )
    entity.publics.set([PublicServed.objects.get(slug="mulheres")])
    BoardMemberFactory(entity=entity, cpf="52998224725")
    return publish(entity, regularity="regular")


@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_csv_has_every_approved_entity_with_public_fields(
    role, request, client, rich_entity, entity_factory
):
    Entity.objects.filter(pk=entity_factory(name="Rascunho").pk).update(status="draft")
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(CSV_URL)
    rows = _csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="entidades-betim-'
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["cnpj"] == rich_entity.cnpj_display
    assert row["cnpj_numero"] == rich_entity.cnpj
    assert row["razao_social"] == "Associação Ação & Cidadania"
    assert row["nome_fantasia"] == "AAC"
    assert row["tipo"] == "osc"
    assert (row["natureza_juridica_codigo"], row["natureza_juridica"]) == (
        "3999",
        "Associação Privada",
    )
    assert row["cnae_codigo"] == "9430800"
    assert row["areas"] == "Saúde | Trabalho, emprego e renda"
    assert row["publicos"] == "Mulheres"
    assert row["regularidade"] == "regular"
    assert row["renovacao_pendente"] == "false"
    assert row["aprovada_em"].startswith(str(rich_entity.approved_at.year))
    assert row["renovacao_ate"] == rich_entity.renewal_due_on.isoformat()
    assert row["url"] == f"http://testserver{rich_entity.get_absolute_url()}"


def test_downloads_never_carry_private_data(client, rich_entity, user_factory):
    RepresentativeFactory(
        entity=rich_entity, user=user_factory(email="rep@example.org")
    )

    for url in (CSV_URL, JSON_URL):
        body = _body(client.get(url)).decode()
        for secret in [
            "52998224725",
            "privado@aac.example.org",
            "31977776666",
            "rep@example.org",
        ]:
            assert secret not in body, (url, secret)


def test_csv_neutralises_spreadsheet_formulas(client, entity_factory):
    publish(entity_factory(name='=HYPERLINK("http://mal.example")', trade_name="+1-2"))

    row = _csv_rows(client.get(CSV_URL))[0]

    assert row["razao_social"] == '\'=HYPERLINK("http://mal.example")'
    assert row["nome_fantasia"] == "'+1-2"


def test_downloads_accept_the_directory_filters(client, entity_factory):
    saude = Area.objects.get(slug="saude")
    publish(entity_factory(name="Da Saúde", areas=[saude]))
    publish(
        entity_factory(name="Coletivo X", kind="collective", cnpj="", legal_nature=None)
    )

    assert [
        r["razao_social"] for r in _csv_rows(client.get(CSV_URL, {"area": "saude"}))
    ] == ["Da Saúde"]
    data = _json(client.get(JSON_URL, {"tipo": "collective"}))
    assert [r["razao_social"] for r in data["results"]] == ["Coletivo X"]
    assert data["results"][0]["cnpj"] == ""
    assert data["results"][0]["tipo"] == "collective"
    assert [
        r["razao_social"] for r in _csv_rows(client.get(CSV_URL, {"q": "saude"}))
    ] == ["Da Saúde"]


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
@pytest.mark.parametrize(
    "params", [{"area": "nao-existe"}, {"tipo": "empresa"}, {"bairro": "x\x00"}]
)
def test_invalid_filter_is_a_400_with_a_message(client, url, params):
    response = client.get(url, params)

    assert response.status_code == 400
    assert "Filtro inválido" in response.content.decode()


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
@pytest.mark.parametrize(
    "params", [{"q": "x" * 10_000}, {"q": "a\x00b"}, {"page": "abc"}]
)
def test_odd_search_text_is_fine(client, url, params):
    assert client.get(url, params).status_code == 200


def test_json_is_one_valid_document(client, rich_entity):
    response = client.get(JSON_URL)
    data = _json(response)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="entidades-betim-'
    )
    assert '.json"' in response["Content-Disposition"]
    assert data["licenca"] == "CC-BY 4.0"
    (row,) = data["results"]
    assert row["areas"] == ["Saúde", "Trabalho, emprego e renda"]
    assert row["renovacao_pendente"] is False
    assert row["cnpj_numero"] == rich_entity.cnpj


def test_empty_downloads_are_still_valid(client):
    assert _csv_rows(client.get(CSV_URL)) == []
    assert _json(client.get(JSON_URL))["results"] == []


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_downloads_stream_in_chunks_with_bounded_queries(client, monkeypatch, url):
    """Rows are read `chunk_size` at a time: queries grow per chunk, not per row."""
    from entities.views import opendata

    monkeypatch.setattr(opendata.EntitiesDownload, "chunk_size", 100)
    make_listed_entities(500)

    with CaptureQueriesContext(connection) as ctx:
        body = _body(client.get(url))

    # Setup (filter options) plus, per chunk of 100, the rows and 4 prefetches.
    assert len(ctx.captured_queries) <= 6 + 5 * 5
    assert body.count(b"entidade-listada-") == 500
