"""`/parcerias/<pk>/`: the full public record of a partnership, its public
documents, and who reaches what (the 8 roles): planning partnerships and
private documents exist for nobody here; no person's CPF, phone or email."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from entities.partnerships.models import (
    Change,
    Partnership,
    PartnershipDocument,
    Sanction,
)
from tests.factories.entities import pdf_upload
from tests.factories.partnerships import PartnershipFactory

from .conftest import ROLES
from .transparency_support import full_partnership

pytestmark = pytest.mark.django_db


@pytest.fixture
def listed(entity, gestor, council):
    partnership = full_partnership(
        entity,
        gestor=gestor,
        council=council,
        origin=Partnership.Origin.UNENFORCEABLE,
        exception_justification="Única entidade com CEBAS no território.",
        exception_published_on=dt.date(2026, 2, 20),
        amendment_reference="Emenda 15/2026, vereadora Ana Souza",
    )
    Change.objects.create(
        partnership=partnership,
        kind=Change.Kind.ADDENDUM,
        status=Change.Status.APPROVED,
        act_number="1º Termo Aditivo",
        decided_on=dt.date(2026, 9, 1),
        new_ends_on=dt.date(2028, 6, 30),
        value_change=Decimal("30000.00"),
        description="Prorrogação por mais três meses com acréscimo de valor.",
    )
    Change.objects.create(
        partnership=partnership,
        kind=Change.Kind.APOSTILLE,
        description="Pedido ainda em análise, que não é público.",
    )
    Sanction.objects.create(
        entity=entity,
        partnership=partnership,
        kind=Sanction.Kind.WARNING,
        status=Sanction.Status.APPLIED,
        grounds="Atraso reiterado.",
        defence_due_on=dt.date(2026, 10, 10),
        act="Portaria SEMAS 40/2026",
        starts_on=dt.date(2026, 10, 20),
        ends_on=dt.date(2026, 10, 20),
    )
    Sanction.objects.create(
        entity=entity,
        partnership=partnership,
        kind=Sanction.Kind.SUSPENSION,
        grounds="Em prazo de defesa: não é pública.",
        defence_due_on=dt.date(2026, 11, 10),
    )
    return partnership


def test_the_full_record(client, listed, entity, council):
    response = client.get(listed.get_absolute_url())
    text = response.content.decode()
    for expected in (
        "Termo de colaboração TC 007/2026",
        "Inexigibilidade de chamamento (art. 31)",
        "Única entidade com CEBAS no território.",
        "Extrato da justificativa publicado em 20/02/2026.",
        "Emenda 15/2026, vereadora Ana Souza",
        entity.get_absolute_url(),
        council.get_absolute_url(),
        "Secretaria Municipal de Assistência Social",
        "De 15/03/2026 a 14/03/2028",
        "18/03/2026, Diário Oficial do Município, edição 2.345",
        "Portaria SEMAS nº 12/2026",
        # plano de trabalho: metas with indicator and verification, parcelas
        "Atender 120 crianças por mês",
        "Crianças atendidas",
        "Listas de presença",
        "Liberada em 27/03/2026",
        "R$ 125.000,00",
        "Retida",
        "Desvio de finalidade ou inadimplemento de obrigações (art. 48, II)",
        "Total das parcelas: R$ 250.000,00.",
        # team, changes, accounts, sanctions, documents
        "Coordenadora pedagógica: R$ 4.500,00",
        "1º Termo Aditivo",
        "nova data de fim 30/06/2028",
        "valor alterado em R$ 30.000,00",
        "Aprovada com ressalvas em 01/08/2027",
        "Advertência",
        "Portaria SEMAS 40/2026",
        "Plano de trabalho aprovado",
    ):
        assert expected in text, expected
    for hidden in (
        "Pedido ainda em análise",
        "Em prazo de defesa",
        "Parecer jurídico interno",
    ):
        assert hidden not in text, hidden
    assert f"{reverse('partnerships:report')}?parceria={listed.pk}" in text


def test_an_imported_entity_is_named_without_a_link(client, entity):
    entity.__class__.objects.filter(pk=entity.pk).update(status="draft")
    partnership = PartnershipFactory(
        entity=entity, status="executing", signed_on=dt.date(2026, 1, 1)
    )
    text = client.get(partnership.get_absolute_url()).content.decode()
    assert entity.name in text
    assert entity.get_absolute_url() not in text


def test_no_personal_data_of_people(client, listed, gestor, representative):
    for url in (reverse("partnerships:list"), listed.get_absolute_url()):
        text = client.get(url).content.decode()
        for person in (gestor, representative):
            assert person.email not in text
            assert person.full_name not in text


# -- who reaches what ------------------------------------------------------------


@pytest.fixture
def scene(listed, committee_member, council_secretary, representative):
    planning = PartnershipFactory(entity=listed.entity, number="TC PLAN/2026")
    planning_doc = PartnershipDocument.objects.create(
        partnership=planning,
        kind="plano",
        title="Plano em celebração",
        file=pdf_upload(),
        is_public=True,
    )
    public = listed.documents.get(is_public=True)
    private = listed.documents.get(is_public=False)
    return listed, planning, public, private, planning_doc


def document_url(partnership, document):
    return reverse("partnerships:document", args=[partnership.pk, document.pk])


@pytest.mark.parametrize("role", ROLES)
def test_every_public_url_for_every_role(as_role, scene, role):
    listed, planning, public, private, planning_doc = scene
    client = as_role(role)
    expected = {
        reverse("partnerships:list"): 200,
        listed.get_absolute_url(): 200,
        reverse("partnerships:report"): 200,
        f"{reverse('partnerships:report')}?parceria={listed.pk}": 200,
        document_url(listed, public): 200,
        # Never reachable here, whoever asks: private documents, a document
        # through another partnership, anything of a partnership in celebração.
        document_url(listed, private): 404,
        document_url(planning, public): 404,
        document_url(planning, planning_doc): 404,
        planning.get_absolute_url(): 404,
        reverse("partnerships:detail", args=[10**30]): 404,
    }
    for url, status in expected.items():
        assert client.get(url).status_code == status, (role, url)


def test_public_document_is_served_through_the_downloads_module(client, scene):
    listed, _planning, public, _private, _doc = scene
    response = client.get(document_url(listed, public))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        'filename="Plano de trabalho aprovado.pdf"' in response["Content-Disposition"]
    )


# -- where the public finds the transparency pages --------------------------------


def test_main_menu_links_the_partnerships(client):
    text = client.get(reverse("entities:directory")).content.decode()
    assert f'href="{reverse("partnerships:list")}"' in text


def test_the_about_page_links_calls_and_partnerships():
    from home.content import ABOUT

    text = str(ABOUT["body"])
    assert 'href="/chamamentos/">chamamentos públicos</a>' in text
    assert 'href="/parcerias/">termos de fomento e de colaboração</a>' in text
    assert reverse("partnerships:calls") == "/chamamentos/"
    assert reverse("partnerships:list") == "/parcerias/"
