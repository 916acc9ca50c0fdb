"""The public directory `/entidades/`: search, filters, pages, query counts
(entities/views/public.py)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from civic.territory.models import Bairro, Regional
from entities.models import Area, Entity
from tests.entities.listing import listed_names_in, make_listed_entities, publish
from tests.entities.support import count_queries
from tests.factories.entities import (
    EntityFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

DIRECTORY = reverse("entities:directory")


# Directory ------------------------------------------------------------------


@pytest.mark.parametrize(
    "role", ["anonymous", "citizen", "staff_user", "representative"]
)
def test_directory_is_public_and_lists_only_approved_entities(
    role, request, client, entity_factory
):
    approved = publish(entity_factory(name="Associação Aprovada"))
    for status in [
        "draft",
        "submitted",
        "changes_requested",
        "resubmitted",
        "rejected",
        "suspended",
    ]:
        hidden = entity_factory(name=f"Oculta {status}")
        Entity.objects.filter(pk=hidden.pk).update(status=status)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(DIRECTORY)

    assert response.status_code == 200
    assert listed_names_in(response) == [approved.name]
    assert "1 entidade encontrada." in response.content.decode()


def test_directory_has_labelled_search_and_filters(client):
    html = client.get(DIRECTORY).content.decode()

    for name in ["q", "area", "regional", "bairro", "natureza", "regularidade", "tipo"]:
        field_id = re.search(
            rf'name="{name}"[^>]*id="([^"]+)"|id="([^"]+)"[^>]*name="{name}"', html
        )
        assert field_id, name
        assert f'for="{field_id.group(1) or field_id.group(2)}"' in html, name
    assert 'method="get"' in html


def test_search_finds_by_name_without_accents(client, entity_factory):
    publish(entity_factory(name="Associação Cultural Citrolândia"))
    publish(entity_factory(name="Clube de Xadrez do Centro"))

    response = client.get(DIRECTORY, {"q": "associacao citrolandia"})

    assert listed_names_in(response) == ["Associação Cultural Citrolândia"]
    assert "para “associacao citrolandia”" in response.content.decode()


def test_search_by_masked_cnpj_finds_the_entity(client, entity_factory):
    wanted = publish(entity_factory(name="Instituto Alvo"))
    publish(entity_factory(name="Outra"))

    response = client.get(DIRECTORY, {"q": wanted.cnpj_display})

    assert listed_names_in(response) == ["Instituto Alvo"]


def test_filters_by_area_nature_regularity_and_kind(client, entity_factory):
    health = Area.objects.get(slug="saude")
    culture = Area.objects.get(slug="cultura-e-arte")
    a = publish(entity_factory(name="A Saúde", areas=[health]), regularity="regular")
    publish(entity_factory(name="B Cultura", areas=[culture]), regularity="expired")
    c = publish(
        entity_factory(
            name="C Coletivo",
            kind="collective",
            cnpj="",
            legal_nature=None,
            areas=[health],
        ),
        regularity="not_applicable",
    )

    assert listed_names_in(client.get(DIRECTORY, {"area": "saude"})) == [a.name, c.name]
    assert listed_names_in(
        client.get(DIRECTORY, {"area": "saude", "tipo": "collective"})
    ) == [c.name]
    assert listed_names_in(
        client.get(DIRECTORY, {"tipo": "osc", "regularidade": "expired"})
    ) == ["B Cultura"]
    assert listed_names_in(client.get(DIRECTORY, {"natureza": "3999"})) == [
        "A Saúde",
        "B Cultura",
    ]


def test_regional_filter_includes_entities_serving_one_of_its_bairros(
    client, entity_factory
):
    regional = Regional.objects.get(slug="citrolandia")
    bairro = Bairro.objects.filter(regional=regional).first()
    other = Regional.objects.exclude(pk=regional.pk).first()
    direct = publish(entity_factory(name="Direta"))
    direct.regionais.set([regional])
    via_bairro = publish(entity_factory(name="Pelo Bairro"))
    via_bairro.bairros.set([bairro])
    elsewhere = publish(entity_factory(name="Longe"))
    elsewhere.regionais.set([other])

    assert listed_names_in(client.get(DIRECTORY, {"regional": regional.slug})) == [
        "Direta",
        "Pelo Bairro",
    ]
    assert listed_names_in(client.get(DIRECTORY, {"bairro": bairro.slug})) == [
        "Pelo Bairro"
    ]


def test_pagination_uses_page_size_and_keeps_filters_in_links(client, settings):
    settings.ENTITIES_DIRECTORY_PAGE_SIZE = 5
    make_listed_entities(12, areas=[Area.objects.get(slug="saude")])

    response = client.get(DIRECTORY, {"area": "saude", "page": 2})

    html = response.content.decode()
    assert len(response.context["entities"]) == 5
    assert response.context["page_obj"].number == 2
    assert "?area=saude&amp;page=3" in html
    assert "?area=saude&amp;page=1" in html
    assert 'aria-current="page"' in html
    assert "12 entidades encontradas." in html


def test_large_result_sets_show_a_capped_count(client, monkeypatch, settings):
    from entities.views import public

    monkeypatch.setattr(public, "DIRECTORY_COUNT_CAP", 5)
    settings.ENTITIES_DIRECTORY_PAGE_SIZE = 2
    make_listed_entities(12, areas=[Area.objects.get(slug="saude")])

    filtered = client.get(DIRECTORY, {"area": "saude", "page": 99})
    unfiltered = client.get(DIRECTORY)

    assert "Mais de 5 entidades encontradas." in filtered.content.decode()
    assert filtered.context["page_obj"].number == 3  # 5 results, 2 a page
    assert "12 entidades encontradas." in unfiltered.content.decode()


@pytest.mark.parametrize(
    ("params", "expected_page"),
    [
        ({"page": "abc"}, 1),
        ({"page": "9999"}, 3),
        ({"page": "-1"}, 3),
        ({"page": ""}, 1),
    ],
)
def test_bad_page_numbers_never_fail(client, settings, params, expected_page):
    settings.ENTITIES_DIRECTORY_PAGE_SIZE = 5
    make_listed_entities(12)

    response = client.get(DIRECTORY, params)

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page


@pytest.mark.parametrize(
    "params",
    [
        {"area": "nao-existe"},
        {"regional": "<script>"},
        {"bairro": "x" * 500},
        {"natureza": "0000"},
        {"regularidade": "ok"},
        {"tipo": "empresa"},
        {"q": "a" * 10_000},
        {"q": "abc\x00def"},
        {"area": "saude\x00"},
        {"q": "'; DROP TABLE entities_entity; --"},
        {"q": "&|!():*<->"},
    ],
)
def test_bad_input_never_fails(client, params):
    publish(EntityFactory(name="Associação Sobrevivente"))

    response = client.get(DIRECTORY, params)

    assert response.status_code == 200


def test_unknown_filter_value_is_reported_beside_the_field_and_ignored(client):
    publish(EntityFactory(name="Associação Qualquer"))

    response = client.get(DIRECTORY, {"area": "nao-existe"})

    assert response.context["form"].errors["area"]
    assert listed_names_in(response) == ["Associação Qualquer"]
    assert 'id="id_area_error"' in response.content.decode()


def test_overlong_search_is_cut_not_refused(client):
    publish(EntityFactory(name="Associação Longa"))

    response = client.get(DIRECTORY, {"q": "associacao " + "x" * 10_000})

    assert not response.context["form"].errors
    assert len(response.context["search_query"]) == 200


def test_empty_state(client):
    response = client.get(DIRECTORY, {"q": "inexistente"})

    html = response.content.decode()
    assert "Nenhuma entidade encontrada." in html
    assert "Ver todas as entidades" in html


def test_cards_show_kind_areas_regionais_and_badges(client, entity_factory):
    regional = Regional.objects.get(slug="norte")
    osc = publish(
        entity_factory(
            name="Instituto Formal",
            trade_name="Formal",
            areas=[Area.objects.get(slug="saude")],
        ),
        regularity="regular",
    )
    osc.regionais.set([regional])
    publish(
        entity_factory(
            name="Coletivo Informal", kind="collective", cnpj="", legal_nature=None
        ),
        regularity="not_applicable",
        renewal_due_on=timezone.localdate() - dt.timedelta(days=1),
    )

    html = client.get(DIRECTORY).content.decode()
    formal_card, informal_card = html.split("<article")[1:3]
    # Sorted by name: "Coletivo Informal" first, then "Instituto Formal".
    formal_card, informal_card = informal_card, formal_card

    assert "Formal" in formal_card
    assert "Instituto Formal" in formal_card
    assert "OSC com CNPJ" in formal_card
    assert "Documentação regular" in formal_card
    assert "Saúde" in formal_card
    assert "Norte" in formal_card
    assert "Renovação pendente" not in formal_card
    assert "Coletivo ou movimento (sem CNPJ)" in informal_card
    assert "OSC com CNPJ" not in informal_card
    assert "Documentação regular" not in informal_card
    assert "Renovação pendente" in informal_card


def test_user_text_is_escaped_in_cards(client, entity_factory):
    publish(
        entity_factory(
            name="<script>alert(1)</script> Associação", summary="<b>negrito</b>"
        )
    )

    html = client.get(DIRECTORY).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;negrito&lt;/b&gt;" in html


def test_download_links_keep_the_filters(client):
    html = client.get(DIRECTORY, {"area": "saude", "page": "2"}).content.decode()

    assert f'{reverse("entities:csv")}?area=saude"' in html
    assert f'{reverse("entities:json")}?area=saude"' in html


@pytest.mark.usefixtures("no_page_cache")
@pytest.mark.parametrize(
    "params", [{}, {"q": "entidade listada"}, {"area": "saude", "page": "2"}]
)
def test_directory_query_count_does_not_grow_with_entities(client, params):
    from urllib.parse import urlencode

    url = f"{DIRECTORY}?{urlencode(params)}"
    saude = [Area.objects.get(slug="saude")]
    make_listed_entities(10, areas=saude, start=10_000)
    small = count_queries(client, url)
    make_listed_entities(490, areas=saude, start=20_000)

    large = count_queries(client, url)

    assert small == large
    assert large <= 15
