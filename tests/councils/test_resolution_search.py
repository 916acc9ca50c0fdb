"""Finding resolutions by words: the selector on SQLite (unaccented text) and
PostgreSQL (weighted tsvector with the Portuguese stemmer, GIN index), the
number as people cite it, and the site-wide search `/busca/`."""

import pytest
from django.db import connection
from django.urls import reverse

from councils.selectors.resolutions import resolutions_search
from tests.factories.councils import ResolutionFactory

from .resolution_support import publish

pytestmark = pytest.mark.django_db

CORPUS = {
    "conference": (
        "Convoca a XII Conferência Municipal de Assistência Social",
        "Art. 1º Fica convocada a conferência, com etapas regionais.",
    ),
    "budget": (
        "Aprova a prestação de contas do Fundo Municipal",
        "Art. 1º Aprovam-se as contas do exercício, com ressalvas.",
    ),
    "children": (
        "Dispõe sobre o registro de organizações da sociedade civil",
        "Art. 1º As associações que atendem crianças e adolescentes serão registradas.",
    ),
}
# query -> the resolutions expected, as a person types it
QUERIES = [
    ("conferencia", {"conference"}),
    ("Conferência municipal", {"conference"}),
    ("CONFER", {"conference"}),
    ("contas", {"budget"}),
    ("fundo municipal", {"budget"}),
    ("associacoes", {"children"}),
    ("criancas adolescentes", {"children"}),
    ("municipal", {"conference", "budget"}),
    ("palavra-que-nao-existe", set()),
    ("", {"conference", "budget", "children"}),
]


@pytest.fixture
def corpus(council, secretary):
    return {
        key: publish(
            ResolutionFactory(council=council, title=title, body=body), secretary
        )
        for key, (title, body) in CORPUS.items()
    }


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_words_find_resolutions(corpus, query, expected):
    found = set(resolutions_search(q=query).values_list("pk", flat=True))
    assert found == {corpus[key].pk for key in expected}


def test_the_number_finds_the_resolution(corpus):
    budget = corpus["budget"]
    for typed in (
        f"{budget.number}/{budget.year}",
        f"{budget.number:03d}/{budget.year}",
        f"nº {budget.number:03d}/{budget.year}",
    ):
        assert list(resolutions_search(q=typed)) == [budget]


def test_the_title_ranks_above_the_body(council, secretary):
    if connection.vendor != "postgresql":
        pytest.skip("ranking by weight is PostgreSQL's (ts_rank); SQLite filters only")
    in_body = publish(
        ResolutionFactory(
            council=council, title="Aprova o calendário", body="Sobre a conferência."
        ),
        secretary,
    )
    in_title = publish(
        ResolutionFactory(
            council=council, title="Convoca a conferência", body="Texto."
        ),
        secretary,
    )
    assert list(resolutions_search(q="conferencia")) == [in_title, in_body]


def test_drafts_are_never_found(council, secretary):
    ResolutionFactory(council=council, title="Minuta sobre conferência")
    assert not resolutions_search(q="conferencia").exists()


def test_postgres_uses_the_search_document(corpus):
    if connection.vendor != "postgresql":
        pytest.skip("the tsvector exists on PostgreSQL only")
    sql = str(resolutions_search(q="conferencia").query)
    assert "search_document" in sql
    assert "search_text" not in sql.split("WHERE", 1)[1]


def test_site_search_lists_resolutions(client, corpus):
    page = client.get(reverse("search"), {"q": "conferência"})
    assert page.status_code == 200
    text = page.content.decode()
    assert corpus["conference"].display_number in text
    assert reverse("councils:resolution_search") + "?q=" in text
