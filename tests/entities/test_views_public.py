"""The public directory (`/entidades/`) and profiles (`/entidades/<slug>/`)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.territory.models import Bairro, Regional
from entities.models import Area, Cnae, Entity, PublicServed
from entities.services import entity_transition
from tests.entities.listing import make_listed_entities, publish
from tests.factories.entities import (
    BoardMemberFactory,
    DocumentFactory,
    EntityFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("entities:directory")


@pytest.fixture(autouse=True)
def _site_settings(db):
    """Create the site settings up front: creating them on a first request
    invalidates the page cache (home/receivers.py), which would hide a hit."""
    from wagtail.models import Site

    from home.models import SiteSettings

    SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def anon_client():
    return Client()


@pytest.fixture
def no_page_cache(settings):
    settings.CIVIC_PAGE_CACHE_ENABLED = False


def _names(response) -> list[str]:
    return [e.name for e in response.context["entities"]]


def _count_queries(client, url) -> int:
    """Queries of one request, after a warm-up request fills per-process caches
    (site root, content types) that would otherwise count once."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


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
    assert _names(response) == [approved.name]
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

    assert _names(response) == ["Associação Cultural Citrolândia"]
    assert "para “associacao citrolandia”" in response.content.decode()


def test_search_by_masked_cnpj_finds_the_entity(client, entity_factory):
    wanted = publish(entity_factory(name="Instituto Alvo"))
    publish(entity_factory(name="Outra"))

    response = client.get(DIRECTORY, {"q": wanted.cnpj_display})

    assert _names(response) == ["Instituto Alvo"]


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

    assert _names(client.get(DIRECTORY, {"area": "saude"})) == [a.name, c.name]
    assert _names(client.get(DIRECTORY, {"area": "saude", "tipo": "collective"})) == [
        c.name
    ]
    assert _names(
        client.get(DIRECTORY, {"tipo": "osc", "regularidade": "expired"})
    ) == ["B Cultura"]
    assert _names(client.get(DIRECTORY, {"natureza": "3999"})) == [
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

    assert _names(client.get(DIRECTORY, {"regional": regional.slug})) == [
        "Direta",
        "Pelo Bairro",
    ]
    assert _names(client.get(DIRECTORY, {"bairro": bairro.slug})) == ["Pelo Bairro"]


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
    assert _names(response) == ["Associação Qualquer"]
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
    small = _count_queries(client, url)
    make_listed_entities(490, areas=saude, start=20_000)

    large = _count_queries(client, url)

    assert small == large
    assert large <= 15


# Profile ----------------------------------------------------------------------


@pytest.fixture
def full_entity(entity_factory):
    entity = entity_factory(
        name="Associação dos Moradores do Jardim",
        trade_name="AMJ",
        summary="Primeira linha <em>com tag</em>\nSegunda linha",
        main_cnae=Cnae.objects.get(code="9430800"),
        founded_on=dt.date(1998, 5, 17),
        employees=4,
        volunteers=23,
        street="Rua das Flores",
        number="100",
        neighbourhood="Centro",
        cep="32600000",
        phone="31999998888",
        email="contato@amj.example.org",
        instagram="https://instagram.com/amj",
        website="https://amj.example.org",
        areas=[Area.objects.get(slug="saude"), Area.objects.get(slug="cultura-e-arte")],
    )
    entity.publics.set([PublicServed.objects.get(slug="pessoas-idosas")])
    entity.regionais.set([Regional.objects.get(slug="centro")])
    entity.bairros.set([Bairro.objects.get(slug="angola")])
    BoardMemberFactory(
        entity=entity, name="Joana Presidente", role="Presidente", cpf="52998224725"
    )
    BoardMemberFactory(
        entity=entity,
        name="Carlos Tesoureiro",
        role="Tesoureiro",
        is_legal_representative=False,
        cpf="11144477735",
    )
    DocumentFactory(
        entity=entity, doc_type="estatuto", original_name="estatuto-secreto.pdf"
    )
    return publish(entity)


def test_profile_shows_public_fields(client, full_entity):
    response = client.get(full_entity.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "AMJ",
        "Associação dos Moradores do Jardim",
        full_entity.cnpj_display,
        "399-9",
        "9430-8/00",
        "Saúde",
        "Cultura e arte",
        "Pessoas idosas",
        "Centro",
        "Angola",
        "17/05/1998",
        "Joana Presidente",
        "Presidente",
        "Carlos Tesoureiro",
        "Tesoureiro",
        "https://instagram.com/amj",
        "https://amj.example.org",
        "Rua das Flores",
        "(31) 99999-8888",
        "contato@amj.example.org",
        "Documentos faltando",
    ]:
        assert text in html, text
    assert ">4<" in html
    assert ">23<" in html


def test_profile_escapes_summary_and_keeps_line_breaks(client, full_entity):
    html = client.get(full_entity.get_absolute_url()).content.decode()

    assert "Primeira linha &lt;em&gt;com tag&lt;/em&gt;<br>Segunda linha" in html
    assert "<em>com tag</em>" not in html


def test_profile_never_shows_private_data(client, full_entity, user_factory):
    rep = user_factory(email="representante.privado@example.org")
    RepresentativeFactory(entity=full_entity, user=rep)

    html = client.get(full_entity.get_absolute_url()).content.decode()

    for secret in ["52998224725", "529.982.247-25", "11144477735", "111.444.777-35"]:
        assert secret not in html
    assert "estatuto-secreto.pdf" not in html
    assert "representante.privado@example.org" not in html
    assert full_entity.cnpj not in html.replace(full_entity.cnpj_display, "")


def test_profile_hides_contacts_unless_published(client, full_entity):
    Entity.objects.filter(pk=full_entity.pk).update(publish_contact=False)

    html = client.get(full_entity.get_absolute_url()).content.decode()

    assert "Rua das Flores" not in html
    assert "99999-8888" not in html
    assert "contato@amj.example.org" not in html
    assert "preferiu não publicar" in html
    assert "https://instagram.com/amj" in html


def test_profile_of_collective_has_no_cnpj_nor_regularity(client, entity_factory):
    collective = publish(
        entity_factory(
            name="Coletivo da Quebrada", kind="collective", cnpj="", legal_nature=None
        ),
        regularity="not_applicable",
    )

    html = client.get(collective.get_absolute_url()).content.decode()

    assert "Coletivo ou movimento (sem CNPJ)" in html
    assert "OSC com CNPJ" not in html
    assert "CNPJ</dt>" not in html


def test_profile_shows_renewal_pending(client, entity_factory):
    entity = publish(
        entity_factory(), renewal_due_on=timezone.localdate() - dt.timedelta(days=3)
    )

    assert (
        "Renovação pendente" in client.get(entity.get_absolute_url()).content.decode()
    )


def test_claim_link_only_when_nobody_represents_the_entity(
    client, entity_factory, user_factory
):
    unclaimed = publish(entity_factory())
    claimed = publish(entity_factory())
    RepresentativeFactory(entity=claimed, user=user_factory())
    claim_url = reverse("entities:claim", args=[unclaimed.slug])

    assert claim_url in client.get(unclaimed.get_absolute_url()).content.decode()
    html = client.get(claimed.get_absolute_url()).content.decode()
    assert "Represento esta entidade" not in html


@pytest.mark.parametrize(
    ("role", "status_code"),
    [
        ("anonymous", 404),
        ("citizen", 404),
        ("other_representative", 404),
        ("representative", 200),
        ("staff_user", 200),
    ],
)
@pytest.mark.parametrize("status", ["draft", "submitted", "rejected", "suspended"])
def test_unpublished_profile_only_for_its_people(
    role, status_code, status, request, client, entity
):
    Entity.objects.filter(pk=entity.pk).update(status=status)
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(entity.get_absolute_url())

    assert response.status_code == status_code
    if status_code == 200:
        assert "Esta entidade não está publicada" in response.content.decode()
        assert "no-store" in response["Cache-Control"]


def test_published_profile_has_no_preview_notice(client, representative, entity):
    publish(entity)
    client.force_login(representative)

    html = client.get(entity.get_absolute_url()).content.decode()

    assert "Esta entidade não está publicada" not in html
    assert reverse("entities:manage", args=[entity.pk]) in html


def test_unknown_profile_is_404(client, citizen):
    client.force_login(citizen)
    assert (
        client.get(reverse("entities:detail", args=["nao-existe"])).status_code == 404
    )


@pytest.mark.usefixtures("no_page_cache")
def test_profile_query_count_does_not_grow(client, entity_factory):
    target = publish(entity_factory())
    make_listed_entities(10, start=10_000)
    small = _count_queries(client, target.get_absolute_url())
    make_listed_entities(490, start=20_000)
    target.areas.set(Area.objects.all())
    target.publics.set(PublicServed.objects.all())
    target.bairros.set(Bairro.objects.all())
    target.regionais.set(Regional.objects.all())
    for i in range(15):
        BoardMemberFactory(
            entity=target, name=f"Membro {i}", is_legal_representative=False
        )

    large = _count_queries(client, target.get_absolute_url())

    assert small == large
    assert large <= 15


# Anonymous page cache ----------------------------------------------------------


def test_anonymous_directory_and_profile_are_cached(anon_client, entity):
    publish(entity)
    for url in (DIRECTORY, entity.get_absolute_url()):
        assert anon_client.get(url)["X-Cache"] == "MISS"
        assert anon_client.get(url)["X-Cache"] == "HIT"


def test_signed_in_visitors_bypass_the_cache(client, anon_client, citizen, entity):
    publish(entity)
    anon_client.get(DIRECTORY)
    client.force_login(citizen)

    assert "X-Cache" not in client.get(DIRECTORY)


def test_unpublished_preview_is_never_cached(
    client, anon_client, representative, entity
):
    client.force_login(representative)
    client.get(entity.get_absolute_url())

    assert anon_client.get(entity.get_absolute_url()).status_code == 404


def test_approving_an_entity_shows_it_to_anonymous_visitors_at_once(
    anon_client,
    submittable_entity,
    representative,
    staff_user,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        entity_transition(
            entity_id=submittable_entity.pk, action="submit", actor=representative
        )
    first = anon_client.get(DIRECTORY)
    assert anon_client.get(DIRECTORY)["X-Cache"] == "HIT"
    assert submittable_entity.name not in first.content.decode()
    assert anon_client.get(submittable_entity.get_absolute_url()).status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        entity_transition(
            entity_id=submittable_entity.pk, action="approve", actor=staff_user
        )

    after = anon_client.get(DIRECTORY)
    assert submittable_entity.name in after.content.decode()
    assert anon_client.get(submittable_entity.get_absolute_url()).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        entity_transition(
            entity_id=submittable_entity.pk,
            action="suspend",
            actor=staff_user,
            note="Irregular",
        )
    assert submittable_entity.name not in anon_client.get(DIRECTORY).content.decode()
    assert anon_client.get(submittable_entity.get_absolute_url()).status_code == 404


def test_other_django_views_are_not_cached(anon_client):
    response = anon_client.get(reverse("open_data"))

    assert response.status_code == 200
    assert "X-Cache" not in response
