"""`/api/v1/parcerias/` and `/api/v1/chamamentos/`: public fields only, the
same filters as the pages, constant query counts, nothing unpublished."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from entities.models import Entity
from entities.partnerships.models import Call
from tests.factories.partnerships import CallFactory, PartnershipFactory

from .transparency_support import CNPJ, CNPJ_DISPLAY, full_partnership

pytestmark = pytest.mark.django_db
PARTNERSHIPS = "/api/v1/parcerias/"
CALLS = "/api/v1/chamamentos/"


@pytest.fixture
def listed(entity, gestor):
    Entity.objects.filter(pk=entity.pk).update(cnpj=CNPJ)
    entity.refresh_from_db()
    return full_partnership(entity, gestor=gestor)


def test_list_carries_the_art_11_fields(client, listed, entity):
    PartnershipFactory(entity=entity, number="TC PLAN/2026")  # in celebração
    body = client.get(PARTNERSHIPS).json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["numero"] == "TC 007/2026"
    assert item["instrumento_nome"] == "Termo de colaboração"
    assert item["assinatura"] == "2026-03-15"
    assert item["orgao"] == "Secretaria Municipal de Assistência Social"
    assert item["entidade"] == {
        "slug": entity.slug,
        "nome": entity.name,
        "cnpj": CNPJ_DISPLAY,
    }
    assert item["objeto"].startswith("Serviço de convivência")
    assert item["valor_total"] == "250000.00"
    assert item["valor_liberado"] == "125000.00"
    assert item["prestacao_de_contas"] == {
        "tipo": "anual",
        "fim_do_periodo": "2027-03-15",
        "prazo": "2027-04-14",
        "apresentada_em": "2027-04-10",
        "prazo_analise": "2027-09-07",
        "situacao": "caveats",
        "resultado": "Aprovada com ressalvas",
    }
    assert item["equipe_remuneracao_total"] == "82005.00"
    assert {t["funcao"] for t in item["equipe"]} == {
        "Coordenadora pedagógica",
        "Educador social",
    }
    assert item["url"] == f"http://testserver{listed.get_absolute_url()}"


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"instrumento": "colaboracao"}, 1),
        ({"instrumento": "fomento"}, 0),
        ({"ano": 2026}, 1),
        ({"ano": 2025}, 0),
        ({"situacao": "executing"}, 1),
        ({"situacao": "planning"}, 0),
        ({"area": "assistencia-social"}, 1),
        ({"q": "Citrolândia"}, 1),
        ({"q": "11222333"}, 1),
        ({"q": "nada-disso"}, 0),
    ],
)
def test_list_filters(client, listed, params, count):
    assert client.get(PARTNERSHIPS, params).json()["count"] == count


def test_list_filter_by_entity(client, listed, entity):
    assert client.get(PARTNERSHIPS, {"entidade": entity.slug}).json()["count"] == 1
    assert client.get(PARTNERSHIPS, {"entidade": "outra"}).json()["count"] == 0


@pytest.mark.parametrize(
    "params",
    [{"ano": "abc"}, {"ano": 10**30}, {"area": "não slug"}, {"q": "x" * 201}],
)
def test_bad_filters_are_422(client, listed, params):
    assert client.get(PARTNERSHIPS, params).status_code == 422


def test_detail_is_the_full_record(client, listed):
    body = client.get(f"{PARTNERSHIPS}{listed.pk}/").json()
    assert [g["meta"] for g in body["metas"]] == ["Atender 120 crianças por mês"]
    assert [(p["numero"], p["situacao"]) for p in body["parcelas"]] == [
        (1, "released"),
        (2, "retained"),
    ]
    assert body["parcelas"][1]["motivo_retencao"] == "desvio"
    assert [d["titulo"] for d in body["documentos"]] == ["Plano de trabalho aprovado"]
    assert body["documentos"][0]["url"].endswith(
        f"/parcerias/{listed.pk}/documentos/{listed.documents.get(is_public=True).pk}/"
    )
    assert body["extrato_local"] == "Diário Oficial do Município, edição 2.345"


@pytest.mark.parametrize("suffix", ["0/", "999999/", f"{2**64}/", "abc/"])
def test_detail_missing(client, listed, suffix):
    assert client.get(f"{PARTNERSHIPS}{suffix}").status_code in (404, 422)


def test_planning_detail_is_404(client, entity):
    planning = PartnershipFactory(entity=entity)
    assert client.get(f"{PARTNERSHIPS}{planning.pk}/").status_code == 404


def test_no_personal_data(client, listed, gestor):
    for url in (PARTNERSHIPS, f"{PARTNERSHIPS}{listed.pk}/"):
        text = client.get(url).content.decode()
        assert gestor.email not in text
        assert gestor.full_name not in text
        assert "Parecer jurídico interno" not in text


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, {"limit": 100}).status_code == 200
    return len(captured)


def test_list_query_count_is_constant(client, entity):
    full_partnership(entity)
    client.get(PARTNERSHIPS)
    small = _count(client, PARTNERSHIPS)
    for n in range(15):
        full_partnership(entity, number=f"TC {100 + n}/2026")
    assert _count(client, PARTNERSHIPS) == small


# -- chamamentos -----------------------------------------------------------------


@pytest.fixture
def calls(db):
    published = CallFactory(
        status=Call.Status.PUBLISHED,
        published_at=dt.datetime(2026, 5, 4, 12, tzinfo=dt.UTC),
        title="Convivência para idosos",
    )
    CallFactory(title="Rascunho")  # draft: never public
    return published


def test_calls_list_and_detail(client, calls):
    body = client.get(CALLS).json()
    assert [c["slug"] for c in body["items"]] == [calls.slug]
    assert body["items"][0]["publicado_em"] == "2026-05-04T09:00:00-03:00"
    assert body["items"][0]["valor_referencia"] == "240000.00"
    detail = client.get(f"{CALLS}{calls.slug}/").json()
    assert detail["titulo"] == "Convivência para idosos"
    assert detail["resultado"] == []


def test_calls_filters_and_drafts(client, calls):
    draft = Call.objects.get(title="Rascunho")
    assert client.get(f"{CALLS}{draft.slug}/").status_code == 404
    assert client.get(CALLS, {"situacao": "draft"}).json()["count"] == 0
    assert client.get(CALLS, {"situacao": "published"}).json()["count"] == 1
    assert client.get(CALLS, {"ano": 2025}).json()["count"] == 0
    assert client.get(CALLS, {"instrumento": "colaboracao"}).json()["count"] == 1
    assert client.get(f"{CALLS}n%C3%A3o/").status_code == 404
