import re

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.views.defaults import server_error
from wagtail.models import PageViewRestriction

from tests.factories.pages import add_standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["anonymous", "citizen", "staff"])
def role_client(request, client, citizen, staff_user):
    """The same public views, seen by each kind of visitor."""
    if request.param == "citizen":
        client.force_login(citizen)
    elif request.param == "staff":
        client.force_login(staff_user)
    return client


def _add_pages(parent, count, start=0):
    for number in range(start, start + count):
        add_standard_page(
            parent,
            title=f"Página {number}",
            slug=f"pagina-{number}",
            intro=f"<p>Sobre orçamento participativo {number}.</p>",
        )


# Search ----------------------------------------------------------------------


def test_search_form_is_labelled_and_keeps_the_query(client, site_content):
    html = client.get(reverse("search"), {"q": "acessibilidade"}).content.decode()

    assert '<label for="search-page-field">' in html
    assert re.search(r'<input id="search-page-field"[^>]*value="acessibilidade"', html)
    assert '<label for="search-field">' in html  # the header's box, target of Alt+3


def test_search_finds_live_public_pages_with_count(client, site_content):
    add_standard_page(
        site_content, title="Comunidade Quilombola", intro="<p>Reuniões mensais.</p>"
    )
    draft = add_standard_page(site_content, title="Quilombola rascunho")
    draft.unpublish()
    private = add_standard_page(site_content, title="Quilombola interno")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(reverse("search"), {"q": "quilombola"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Comunidade Quilombola" in html
    assert "Quilombola rascunho" not in html
    assert "Quilombola interno" not in html
    assert "1 resultado para “quilombola”" in html


def test_search_paginates(client, site_content):
    _add_pages(site_content, 12)

    first = client.get(reverse("search"), {"q": "orçamento"}).content.decode()
    second = client.get(
        reverse("search"), {"q": "orçamento", "page": 2}
    ).content.decode()
    beyond = client.get(reverse("search"), {"q": "orçamento", "page": "x"})

    assert "12 resultados" in first
    assert first.count('<li>\n            <h2><a href="/pagina-') == 10
    assert "Página 1 de 2" in first
    assert "page=2" in first
    assert second.count('<h2><a href="/pagina-') == 2
    assert "Página 2 de 2" in second
    assert beyond.status_code == 200  # a bad page number shows the first page


def test_search_without_query_shows_guidance(client, site_content):
    response = client.get(reverse("search"))

    assert response.status_code == 200
    assert "Digite o que procura" in response.content.decode()


def test_search_query_count_does_not_grow_with_results(
    client, site_content, django_assert_max_num_queries
):
    _add_pages(site_content, 5)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("search"), {"q": "orçamento"})
    _add_pages(site_content, 45, start=5)

    with django_assert_max_num_queries(len(small)):
        response = client.get(reverse("search"), {"q": "orçamento"})

    assert "50 resultados" in response.content.decode()


def test_search_rejects_other_methods(client, site_content):
    assert client.post(reverse("search"), {"q": "x"}).status_code == 405


def test_search_is_public_for_every_role(role_client, site_content):
    response = role_client.get(reverse("search"), {"q": "privacidade"})

    assert response.status_code == 200
    assert "Política de Privacidade" in response.content.decode()


# robots.txt and sitemap ------------------------------------------------------


def test_robots_txt_points_to_sitemap_and_hides_private_areas(role_client):
    response = role_client.get(reverse("robots_txt"))

    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in body
    for path in (
        "/admin/",
        "/django-admin/",
        "/minha-conta/",
        "/notificacoes/",
        "/accounts/",
    ):
        assert f"Disallow: {path}\n" in body


def test_sitemap_lists_live_public_pages(client, site_content):
    hidden = add_standard_page(site_content, title="Restrita")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    for path in (
        "/",
        "/sobre/",
        "/termos-de-uso/",
        "/privacidade/",
        "/acessibilidade/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in body
    assert "/restrita/" not in body


# Error pages -----------------------------------------------------------------


def test_404_is_in_portuguese_with_status_404(client, site_content):
    response = client.get("/esta-pagina-nao-existe/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="pt-BR"' in html
    assert "Página não encontrada" in html
    assert 'id="footer"' in html  # full layout, with the way back


def test_500_template_renders_without_context_or_database(django_assert_num_queries):
    request = RequestFactory().get("/")

    with django_assert_num_queries(0):
        response = server_error(request)
        standalone = get_template("500.html").render()

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="pt-BR">' in html
    assert "Algo deu errado" in html
    assert '<a href="/">' in standalone
    assert "{%" not in html


def test_favicon_request_is_redirected_to_the_site_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
