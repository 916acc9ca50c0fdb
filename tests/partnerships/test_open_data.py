"""The "parcerias" and "chamamentos" datasets of `/dados-abertos/`: the
art. 11 fields in CSV and JSON, public rows only, no personal data, and a
query count that does not grow with the rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from entities.models import Entity
from entities.partnerships.models import Call
from tests.factories.partnerships import CallFactory, PartnershipFactory

from .transparency_support import CNPJ, CNPJ_DISPLAY, full_partnership

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8-sig")


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body(response)), delimiter=";"))


@pytest.fixture
def listed(entity, gestor):
    Entity.objects.filter(pk=entity.pk).update(cnpj=CNPJ)
    entity.refresh_from_db()
    PartnershipFactory(entity=entity, number="TC PLAN/2026")  # in celebração
    return full_partnership(entity, gestor=gestor)


def test_partnerships_csv_has_the_art_11_fields(client, listed, entity):
    response = client.get(reverse("partnerships:open_data_partnerships_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "parcerias-betim-" in response["Content-Disposition"]
    [row] = csv_rows(response)
    assert row["numero"] == "TC 007/2026"
    assert row["assinatura"] == "2026-03-15"
    assert row["instrumento_nome"] == "Termo de colaboração"
    assert row["orgao"] == "Secretaria Municipal de Assistência Social"
    assert row["osc_nome"] == entity.name
    assert row["osc_cnpj"] == CNPJ_DISPLAY
    assert row["objeto"] == "Serviço de convivência para 120 crianças no Citrolândia."
    assert row["valor_total"] == "250000.00"
    assert row["valor_liberado"] == "125000.00"
    assert row["prestacao_contas_prazo"] == "2027-04-14"
    assert row["prestacao_contas_apresentada_em"] == "2027-04-10"
    assert row["prestacao_contas_prazo_analise"] == "2027-09-07"
    assert row["prestacao_contas_resultado"] == "Aprovada com ressalvas"
    assert row["equipe_remuneracao_total"] == "82005.00"
    assert row["equipe"] == (
        "Coordenadora pedagógica: 4500.00 por mês, 12 meses | "
        "Educador social: 2800.50 por mês, 10 meses"
    )
    assert row["url"] == f"http://testserver{listed.get_absolute_url()}"


def test_partnerships_json(client, listed):
    data = json.loads(
        body(client.get(reverse("partnerships:open_data_partnerships_json")))
    )
    [item] = data["results"]
    assert item["equipe"] == [
        "Coordenadora pedagógica: 4500.00 por mês, 12 meses",
        "Educador social: 2800.50 por mês, 10 meses",
    ]
    assert item["prestacao_contas_situacao"] == "caveats"


def test_no_personal_data(client, listed, gestor, representative):
    for name in ("csv", "json"):
        text = body(client.get(reverse(f"partnerships:open_data_partnerships_{name}")))
        for person in (gestor, representative):
            assert person.email not in text
            assert person.full_name not in text


def test_the_180_day_rule_applies(client, entity):
    PartnershipFactory(
        entity=entity,
        number="TC OLD/2020",
        status="closed",
        signed_on=dt.date(2020, 1, 1),
        closed_on=dt.date(2021, 1, 1),
    )
    assert (
        csv_rows(client.get(reverse("partnerships:open_data_partnerships_csv"))) == []
    )


def test_query_count_does_not_grow(client, entity):
    full_partnership(entity)
    url = reverse("partnerships:open_data_partnerships_csv")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            body(client.get(url))
        return len(captured)

    small = count()
    for n in range(12):
        full_partnership(entity, number=f"TC {200 + n}/2026")
    assert count() == small


def test_calls_files(client):
    published = CallFactory(
        status=Call.Status.PUBLISHED,
        published_at=dt.datetime(2026, 5, 4, 12, tzinfo=dt.UTC),
    )
    CallFactory()  # draft
    [row] = csv_rows(client.get(reverse("partnerships:open_data_calls_csv")))
    assert row["slug"] == published.slug
    assert row["publicado_em"] == "2026-05-04T09:00:00-03:00"
    assert row["valor_referencia"] == "240000.00"
    data = json.loads(body(client.get(reverse("partnerships:open_data_calls_json"))))
    assert [c["slug"] for c in data["results"]] == [published.slug]


def test_both_datasets_are_in_the_catalogue(client):
    text = client.get(reverse("open_data")).content.decode()
    for name in (
        "open_data_partnerships_csv",
        "open_data_partnerships_json",
        "open_data_calls_csv",
        "open_data_calls_json",
    ):
        assert reverse(f"partnerships:{name}") in text
    assert "/api/v1/parcerias/" in text
    assert "/api/v1/chamamentos/" in text
