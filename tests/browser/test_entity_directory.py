"""A visitor searches the entity directory, opens a profile and finds the open
data; every page passes axe-core."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def listed_entities(db):
    from django.utils import timezone

    from civic.territory.models import Bairro, Regional
    from entities.models import Area, Entity
    from home.setup import ensure_site_content
    from tests.entities.listing import publish
    from tests.factories.entities import BoardMemberFactory, EntityFactory

    ensure_site_content()
    saude = Area.objects.get(slug="saude")
    cultura = Area.objects.get(slug="cultura-e-arte")
    capoeira = EntityFactory(
        name="Grupo de Capoeira Raízes de Minas",
        trade_name="Raízes",
        summary="Aulas de capoeira para crianças.\nRodas abertas aos sábados.",
        areas=[cultura],
        instagram="https://instagram.com/raizes",
    )
    capoeira.regionais.set([Regional.objects.get(slug="citrolandia")])
    capoeira.bairros.set([Bairro.objects.get(slug="citrolandia")])
    BoardMemberFactory(entity=capoeira, name="Joana Mestra", role="Presidente")
    publish(capoeira, regularity="regular")
    publish(
        EntityFactory(
            name="Coletivo Saúde na Praça",
            kind="collective",
            cnpj="",
            legal_nature=None,
            areas=[saude],
        ),
        regularity="not_applicable",
        renewal_due_on=timezone.localdate() - dt.timedelta(days=2),
    )
    for i in range(3):
        publish(EntityFactory(name=f"Associação Comunitária {i}", areas=[saude]))
    return Entity.objects.listed().count()


def test_directory_search_profile_and_open_data(
    page, live_server, axe, listed_entities
):
    page.goto(live_server.url + "/entidades/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Entidades da sociedade civil"
    )
    expect(page.locator(".entity-result-count")).to_contain_text(
        f"{listed_entities} entidades"
    )
    axe(page, context="directory")

    page.get_by_label("Buscar por nome, área, bairro ou CNPJ").fill("capoeira raizes")
    page.get_by_role("button", name="Buscar entidades").click()
    expect(page.locator(".entity-result-count")).to_contain_text(
        "1 entidade encontrada"
    )
    axe(page, context="directory search")

    page.get_by_label("Área de atuação").select_option("saude")
    page.get_by_label("Buscar por nome, área, bairro ou CNPJ").fill("")
    page.get_by_role("button", name="Buscar entidades").click()
    expect(page.locator(".entity-card")).to_have_count(4)
    expect(page.get_by_text("Renovação pendente")).to_be_visible()
    axe(page, context="directory filtered")

    page.goto(live_server.url + "/entidades/?q=capoeira")
    page.get_by_role("link", name="Raízes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raízes")
    expect(page.get_by_text("Joana Mestra")).to_be_visible()
    axe(page, context="profile")

    page.goto(live_server.url + "/dados-abertos/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dados abertos")
    axe(page, context="open data catalogue")
