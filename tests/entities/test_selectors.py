"""Read use cases of the public side (entities/selectors/directory.py)."""

import pytest
from django.db import connection

from civic.territory.models import Bairro, Regional
from entities.models import Area, Entity
from entities.selectors import (
    count_up_to,
    directory_filter_options,
    directory_page,
    entities_directory,
    entity_public_profile,
    has_more_than,
    search_terms,
)
from entities.selectors import directory as selectors
from tests.entities.listing import make_listed_entities, publish


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("Associação dos Moradores", ["associacao", "moradores"]),
        ("ASSOCIAÇÕES de moradores", ["associacao", "moradores"]),
        ("ONG Casa da Esperança", ["casa", "esperanca"]),
        ("OSC", []),
        ("de da do e", []),
        ("jiu-jítsu & capoeira!", ["jiu", "jitsu", "capoeira"]),
        ("a\x00b", ["ab"]),
        ("", []),
        ("palavra " * 30, ["palavra"] * selectors.MAX_SEARCH_TERMS),
    ],
)
def test_search_terms(query, terms):
    assert search_terms(query) == terms


@pytest.mark.parametrize(
    ("word", "variant"),
    [
        ("animais", "animal"),
        ("animal", "animais"),
        ("sociais", "social"),
        ("mais", ""),
        ("casa", ""),
    ],
)
def test_plural_variant_of_al_words(word, variant):
    assert selectors._plural_variant(word) == variant


@pytest.mark.django_db
def test_directory_lists_approved_entities_in_name_order(entity_factory):
    publish(entity_factory(name="Bem-Te-Vi"))
    publish(entity_factory(name="Andorinha"))
    Entity.objects.filter(pk=entity_factory(name="Aaa Rascunho").pk).update(
        status="draft"
    )

    assert [e.name for e in entities_directory()] == ["Andorinha", "Bem-Te-Vi"]


@pytest.mark.django_db
def test_text_search_is_accent_and_case_insensitive(entity_factory):
    publish(entity_factory(name="Associação São José"))
    publish(entity_factory(name="Clube Operário"))

    assert [e.name for e in entities_directory(q="SAO JOSE")] == ["Associação São José"]
    assert [e.name for e in entities_directory(q="operário")] == ["Clube Operário"]
    assert [e.name for e in entities_directory(q="ONG são josé")] == [
        "Associação São José"
    ]


@pytest.mark.django_db
def test_search_reaches_areas_bairros_and_summary(entity_factory):
    bairro = Bairro.objects.get(slug="citrolandia")
    entity = publish(entity_factory(name="Grupo Um", summary="Oficinas de marcenaria."))
    entity.bairros.set([bairro])
    publish(entity)
    publish(
        entity_factory(name="Grupo Dois", areas=[Area.objects.get(slug="religiao")])
    )

    assert [e.name for e in entities_directory(q="citrolandia")] == ["Grupo Um"]
    assert [e.name for e in entities_directory(q="marcenaria")] == ["Grupo Um"]
    assert [e.name for e in entities_directory(q="religiao")] == ["Grupo Dois"]


@pytest.mark.django_db
def test_cnpj_search_with_or_without_mask(entity_factory):
    wanted = publish(entity_factory(name="Alvo"))
    publish(entity_factory(name="Outro"))

    for q in (wanted.cnpj, wanted.cnpj_display, f"  {wanted.cnpj_display.lower()} "):
        assert [e.name for e in entities_directory(q=q)] == ["Alvo"]


@pytest.mark.django_db
def test_unknown_filter_values_match_nothing(entity_factory):
    publish(entity_factory())

    for kwargs in (
        {"area": "x"},
        {"regional": "x"},
        {"bairro": "x"},
        {"legal_nature": "0000"},
    ):
        assert not entities_directory(**kwargs).exists(), kwargs


@pytest.mark.django_db
def test_counting_helpers_stop_early():
    make_listed_entities(12)
    listed = Entity.objects.listed()

    assert count_up_to(listed, 5) == 6
    assert count_up_to(listed, 50) == 12
    assert has_more_than(listed, 11)
    assert not has_more_than(listed, 12)


@pytest.mark.django_db
def test_directory_page_caps_the_count(entity_factory):
    make_listed_entities(12, name="Entidade Listada {n}")

    capped = directory_page(cap=5, q="listada")
    exact = directory_page(cap=50, q="listada")

    assert (capped.count, capped.capped) == (5, True)
    assert (exact.count, exact.capped) == (12, False)
    assert len(list(capped.entities)) == 12  # the pages are not cut, only the count


@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="ranking is PostgreSQL full-text search"
)
def test_broad_searches_come_in_name_order_narrow_ones_by_rank(
    entity_factory, monkeypatch
):
    monkeypatch.setattr(selectors, "RANK_CANDIDATES", 3)
    publish(entity_factory(name="Zeta", summary="Capoeira aos sábados."))
    publish(entity_factory(name="Capoeira Alfa"))
    make_listed_entities(5, name="Grupo {n}")

    narrow = [e.name for e in entities_directory(q="capoeira")]
    broad = [
        e.name for e in entities_directory(q="atividades")
    ]  # every listing summary

    assert narrow == ["Capoeira Alfa", "Zeta"]  # the name match ranks first
    assert broad == sorted(broad)
    assert [e.name for e in directory_page(cap=50, q="capoeira").entities] == narrow


@pytest.mark.django_db
def test_filter_options():
    options = directory_filter_options()

    assert {a.slug for a in options["areas"]} >= {"saude", "religiao"}
    assert len(options["regionais"]) == Regional.objects.count()
    assert all(n.is_osc for n in options["legal_natures"])
    assert Entity.Regularity.NOT_APPLICABLE not in options["regularities"]


@pytest.mark.django_db
def test_public_profile_is_approved_only_unless_asked(entity):
    with pytest.raises(Entity.DoesNotExist):
        entity_public_profile(slug=entity.slug)

    assert entity_public_profile(slug=entity.slug, listed_only=False) == entity
    publish(entity)
    assert entity_public_profile(slug=entity.slug) == entity
