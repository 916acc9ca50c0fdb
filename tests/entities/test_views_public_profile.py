"""An entity's public profile `/entidades/<slug>/` and the anonymous page cache
of the public pages (entities/views/public.py)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from civic.territory.models import Bairro, Regional
from entities.models import Area, Cnae, Entity, PublicServed
from entities.services import entity_transition
from tests.entities.listing import make_listed_entities, publish
from tests.entities.support import count_queries
from tests.factories.entities import (
    BoardMemberFactory,
    DocumentFactory,
    RepresentativeFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

DIRECTORY = reverse("entities:directory")


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
    small = count_queries(client, target.get_absolute_url())
    make_listed_entities(490, start=20_000)
    target.areas.set(Area.objects.all())
    target.publics.set(PublicServed.objects.all())
    target.bairros.set(Bairro.objects.all())
    target.regionais.set(Regional.objects.all())
    for i in range(15):
        BoardMemberFactory(
            entity=target, name=f"Membro {i}", is_legal_representative=False
        )

    large = count_queries(client, target.get_absolute_url())

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
