"""The open-data API: `/api/v1/entidades/`, its OpenAPI schema and docs page."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from civic.territory.models import Bairro, Regional
from entities.models import Area, Entity
from tests.entities.listing import make_listed_entities, publish
from tests.factories.entities import (
    BoardMemberFactory,
    DocumentFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/entidades/"


def _detail(slug):
    return f"/api/v1/entidades/{slug}/"


def _slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_url_names_match_the_paths():
    assert reverse("api-v1:entities_list") == LIST
    assert reverse("api-v1:entities_detail", args=["x"]) == _detail("x")
    assert reverse("api-v1:openapi-json") == "/api/v1/schema/"
    assert reverse("api-v1:openapi-view") == "/api/v1/docs/"


def test_schema_is_valid_openapi_with_both_paths(client):
    response = client.get("/api/v1/schema/")

    schema = json.loads(response.content)
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Participa Betim — dados abertos"
    # Other apps publish their own paths (consultas, audiências); the entity
    # paths are exactly these two.
    entity_paths = {p for p in schema["paths"] if p.startswith("/api/v1/entidades")}
    assert entity_paths == {LIST, "/api/v1/entidades/{slug}/"}
    list_params = {p["name"] for p in schema["paths"][LIST]["get"]["parameters"]}
    assert list_params == {
        "q",
        "area",
        "regional",
        "bairro",
        "natureza",
        "regularidade",
        "tipo",
        "limit",
        "offset",
    }


def test_schema_validates_against_the_openapi_specification(client):
    from openapi_spec_validator import validate

    validate(client.get("/api/v1/schema/").json())


def test_docs_page_is_self_hosted(client):
    response = client.get("/api/v1/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pt-BR">' in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(s.startswith("/static/") for s in sources), sources
    assert "/api/v1/schema/" in html


@pytest.mark.parametrize("role", ["anonymous", "citizen", "staff_user"])
def test_list_shows_only_approved_entities(role, request, client, entity_factory):
    listed = publish(entity_factory(name="Aprovada"))
    for status in ["draft", "submitted", "rejected", "suspended"]:
        Entity.objects.filter(pk=entity_factory().pk).update(status=status)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(LIST)

    assert _slugs(response) == [listed.slug]
    assert response.json()["count"] == 1


def test_list_filters(client, entity_factory):
    saude = Area.objects.get(slug="saude")
    norte = Regional.objects.get(slug="norte")
    bairro = Bairro.objects.get(slug="citrolandia")
    a = publish(
        entity_factory(name="Associação Saúde Norte", areas=[saude]),
        regularity="regular",
    )
    a.regionais.set([norte])
    b = publish(entity_factory(name="Grupo Cultural"), regularity="expired")
    b.bairros.set([bairro])
    c = publish(
        entity_factory(
            name="Coletivo Jovem", kind="collective", cnpj="", legal_nature=None
        ),
        regularity="not_applicable",
    )

    assert _slugs(client.get(LIST, {"area": "saude"})) == [a.slug]
    assert _slugs(client.get(LIST, {"regional": "norte"})) == [a.slug]
    assert _slugs(client.get(LIST, {"regional": "citrolandia"})) == [b.slug]
    assert _slugs(client.get(LIST, {"bairro": "citrolandia"})) == [b.slug]
    assert _slugs(client.get(LIST, {"natureza": "3999"})) == [a.slug, b.slug]
    assert _slugs(client.get(LIST, {"regularidade": "expired"})) == [b.slug]
    assert _slugs(client.get(LIST, {"tipo": "collective"})) == [c.slug]
    assert _slugs(client.get(LIST, {"q": "associacao saude"})) == [a.slug]
    assert _slugs(client.get(LIST, {"q": a.cnpj_display})) == [a.slug]
    assert _slugs(client.get(LIST, {"area": "nao-existe"})) == []


def test_list_pagination(client):
    make_listed_entities(25)

    first = client.get(LIST).json()
    page = client.get(LIST, {"limit": 10, "offset": 20}).json()
    beyond = client.get(LIST, {"offset": 1000}).json()

    assert first["count"] == 25
    assert len(first["items"]) == 20
    assert page["count"] == 25
    assert len(page["items"]) == 5
    # Alphabetical order: "Entidade Listada 0", "... 1", "... 10", ...
    expected = sorted(f"Entidade Listada {n}" for n in range(25))[20:]
    assert [item["razao_social"] for item in page["items"]] == expected
    assert beyond == {"items": [], "count": 25}


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"offset": -1},
        {"limit": "abc"},
        {"tipo": "empresa"},
        {"regularidade": "ok"},
        {"area": "<script>"},
        {"natureza": "39"},
        {"q": "x" * 201},
    ],
)
def test_invalid_parameters_are_422_not_500(client, params):
    assert client.get(LIST, params).status_code == 422


@pytest.mark.parametrize(
    "q", ["abc\x00def", "&|!():*<->", "'; DROP TABLE x; --", "ç" * 200]
)
def test_odd_search_text_never_fails(client, q):
    make_listed_entities(2)

    assert client.get(LIST, {"q": q}).status_code == 200


def test_detail(client, entity_factory):
    entity = publish(
        entity_factory(name="Instituto Detalhe", summary="Linha 1\nLinha 2")
    )
    BoardMemberFactory(entity=entity, name="Ana Presidente", role="Presidente")

    data = client.get(_detail(entity.slug)).json()

    assert data["razao_social"] == "Instituto Detalhe"
    assert data["cnpj"] == entity.cnpj_display
    assert data["cnpj_numero"] == entity.cnpj
    assert data["natureza_juridica"] == {
        "codigo": "3999",
        "descricao": "Associação Privada",
    }
    assert data["resumo"] == "Linha 1\nLinha 2"
    assert data["diretoria"] == [
        {
            "nome": "Ana Presidente",
            "cargo": "Presidente",
            "representante_legal": True,
            "mandato_ate": entity.board_members.get().mandate_ends_on.isoformat(),
        }
    ]
    assert data["url"] == f"http://testserver{entity.get_absolute_url()}"
    assert data["contato"]["email"] == entity.email


@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "suspended"])
def test_detail_of_unpublished_entity_is_404_even_for_its_people(
    client, entity, representative, status
):
    Entity.objects.filter(pk=entity.pk).update(status=status)
    client.force_login(representative)

    assert client.get(_detail(entity.slug)).status_code == 404


def test_unknown_detail_is_404(client):
    assert client.get(_detail("nao-existe")).status_code == 404


def test_no_private_field_ever_appears(client, entity_factory, user_factory):
    entity = publish(
        entity_factory(
            name="Entidade Reservada",
            email="reservado@entidade.example.org",
            phone="31988887777",
            street="Rua Secreta",
            publish_contact=False,
        )
    )
    BoardMemberFactory(entity=entity, cpf="52998224725")
    DocumentFactory(entity=entity, original_name="ata-confidencial.pdf")
    RepresentativeFactory(
        entity=entity, user=user_factory(email="rep.privado@example.org")
    )

    bodies = [
        client.get(LIST).content.decode(),
        client.get(_detail(entity.slug)).content.decode(),
        client.get("/api/v1/schema/").content.decode(),
    ]

    for body in bodies:
        for secret in [
            "52998224725",
            "529.982.247-25",
            "ata-confidencial",
            "rep.privado@example.org",
            "reservado@entidade.example.org",
            "31988887777",
            "Rua Secreta",
            '"cpf"',
            '"documents"',
            '"representatives"',
        ]:
            assert secret not in body, secret
    assert json.loads(bodies[1])["contato"] is None


def test_query_count_does_not_grow_with_entities(client):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    make_listed_entities(10, start=10_000)
    target = Entity.objects.listed().first()
    small = (
        count(LIST),
        count(f"{LIST}?q=listada&limit=100"),
        count(_detail(target.slug)),
    )
    make_listed_entities(490, start=20_000)
    target.areas.set(Area.objects.all())
    for i in range(10):
        BoardMemberFactory(
            entity=target, name=f"Membro {i}", is_legal_representative=False
        )

    large = (
        count(LIST),
        count(f"{LIST}?q=listada&limit=100"),
        count(_detail(target.slug)),
    )

    assert small == large
    assert max(large) <= 8


def test_fuzzing_the_list_endpoint_finds_no_server_error(entity_factory):
    """Schemathesis generates parameters from the schema and calls the WSGI app."""
    import schemathesis
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    make_listed_entities(5)
    publish(entity_factory(name="Associação Fuzz"))
    # Like Django's test client: a request must not close the connection that
    # holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        _fuzz(schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application()))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _fuzz(schema):
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance

    checks = [not_a_server_error, response_schema_conformance]

    for path in (LIST, "/api/v1/entidades/{slug}/"):
        operation = schema[path]["GET"]

        @settings(
            max_examples=60,
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def call(case):
            response = case.call()
            case.validate_response(response, checks=checks)

        call()
