"""Whole-page cache of Wagtail pages for anonymous visitors (civic/cache.py)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from civic.cache import CSRF_PLACEHOLDER, invalidate_public_pages
from home.models import SiteSettings, StandardPage
from tests.factories.pages import add_standard_page

pytestmark = pytest.mark.django_db


def _csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_second_anonymous_request_is_a_hit_with_at_most_one_query(
    anon_client, site_content, django_assert_max_num_queries
):
    first = anon_client.get("/sobre/")

    # One cache read; on the database cache backend it is the only query.
    with django_assert_max_num_queries(1):
        second = anon_client.get("/sobre/")

    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert second.status_code == 200
    assert "Sobre o Participa Betim" in second.content.decode()


def test_head_requests_are_answered_from_the_cache(anon_client, site_content):
    anon_client.get("/sobre/")

    response = anon_client.head("/sobre/")

    assert response["X-Cache"] == "HIT"


def test_signed_in_visitors_never_get_or_fill_the_cache(
    client, anon_client, citizen, site_content
):
    anon_client.get("/sobre/")
    client.force_login(citizen)

    signed_in = client.get("/sobre/")
    fresh_page = client.get("/acessibilidade/")  # not cached yet
    anonymous_after = Client().get("/acessibilidade/")

    assert "X-Cache" not in signed_in
    assert "Minha conta" in signed_in.content.decode()
    assert "X-Cache" not in fresh_page
    assert (
        anonymous_after["X-Cache"] == "MISS"
    )  # nothing stored for the signed-in visitor
    assert "Minha conta" not in anonymous_after.content.decode()


def test_request_with_a_session_cookie_bypasses_the_cache(anon_client, site_content):
    anon_client.get("/sobre/")
    anon_client.cookies["sessionid"] = "expired-or-foreign"

    response = anon_client.get("/sobre/")

    assert "X-Cache" not in response


def test_pending_flash_message_bypasses_the_cache(anon_client, site_content):
    anon_client.get("/sobre/")
    anon_client.cookies["messages"] = "anything"

    assert "X-Cache" not in anon_client.get("/sobre/")


def test_publishing_changes_what_anonymous_visitors_see_at_once(
    anon_client, site_content
):
    anon_client.get("/sobre/")
    assert anon_client.get("/sobre/")["X-Cache"] == "HIT"
    about = StandardPage.objects.get(slug="sobre")
    about.title = "Quem somos"
    about.save_revision().publish()

    response = anon_client.get("/sobre/")

    assert response["X-Cache"] == "MISS"
    assert "<h1>Quem somos</h1>" in response.content.decode()


def test_new_menu_page_appears_on_cached_pages(anon_client, site_content):
    anon_client.get("/")
    page = add_standard_page(
        site_content, title="Audiências", show_in_menus=True, publish=True
    )

    html = anon_client.get("/").content.decode()

    assert f'href="{page.url}">Audiências</a>' in html


def test_unpublishing_and_deleting_take_effect_at_once(anon_client, site_content):
    terms = StandardPage.objects.get(slug="termos-de-uso")
    accessibility = StandardPage.objects.get(slug="acessibilidade")
    anon_client.get("/termos-de-uso/")
    anon_client.get("/acessibilidade/")

    terms.unpublish()
    assert anon_client.get("/termos-de-uso/").status_code == 404
    accessibility.delete()
    assert anon_client.get("/acessibilidade/").status_code == 404


def test_site_settings_change_reaches_cached_pages(anon_client, site_content):
    anon_client.get("/")
    settings = SiteSettings.objects.get()
    settings.phone = "(31) 3512-9999"
    settings.save()

    assert "(31) 3512-9999" in anon_client.get("/").content.decode()


def test_invalidate_public_pages_makes_every_entry_stale(anon_client, site_content):
    anon_client.get("/")
    anon_client.get("/sobre/")

    invalidate_public_pages()

    assert anon_client.get("/")["X-Cache"] == "MISS"
    assert anon_client.get("/sobre/")["X-Cache"] == "MISS"


def test_key_ignores_unread_parameters_and_includes_language(anon_client, site_content):
    anon_client.get("/sobre/")

    # Pages read no query parameter: `?utm=radio` is the same stored page.
    assert anon_client.get("/sobre/?utm=radio")["X-Cache"] == "HIT"
    anon_client.cookies["django_language"] = "en"
    english = anon_client.get("/sobre/")
    assert english["X-Cache"] == "MISS"
    assert '<html lang="en"' in english.content.decode()
    assert anon_client.get("/sobre/")["X-Cache"] == "HIT"


def test_restricted_pages_are_never_cached(anon_client, site_content):
    secret = add_standard_page(site_content, title="Senha")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="x1"
    )
    login_only = add_standard_page(site_content, title="Equipe")
    PageViewRestriction.objects.create(
        page=login_only, restriction_type=PageViewRestriction.LOGIN
    )

    for url in (secret.url, login_only.url):
        anon_client.get(url)
        assert anon_client.get(url).get("X-Cache") != "HIT"


def test_errors_and_other_views_are_not_cached(anon_client, site_content):
    assert anon_client.get("/nada/").get("X-Cache") != "HIT"
    not_found = anon_client.get("/nada/")
    assert not_found.status_code == 404
    assert CSRF_PLACEHOLDER not in not_found.content.decode()  # filled in like any page
    anon_client.get(reverse("search"), {"q": "dados"})
    assert "X-Cache" not in anon_client.get(reverse("search"), {"q": "dados"})


def test_each_visitor_gets_a_working_csrf_token_on_a_cached_page(site_content):
    first_visitor = Client(enforce_csrf_checks=True)
    second_visitor = Client(enforce_csrf_checks=True)
    first_html = first_visitor.get("/sobre/").content.decode()

    hit = second_visitor.get("/sobre/")
    second_html = hit.content.decode()

    assert hit["X-Cache"] == "HIT"
    assert CSRF_PLACEHOLDER not in first_html
    assert CSRF_PLACEHOLDER not in second_html
    assert _csrf_token(first_html) != _csrf_token(second_html)
    response = second_visitor.post(
        reverse("set_language"),
        {
            "csrfmiddlewaretoken": _csrf_token(second_html),
            "language": "en",
            "next": "/sobre/",
        },
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_cache_can_be_turned_off(anon_client, site_content, settings):
    settings.CIVIC_PAGE_CACHE_ENABLED = False

    anon_client.get("/sobre/")

    assert "X-Cache" not in anon_client.get("/sobre/")


def test_named_views_can_opt_in(anon_client, site_content, settings):
    settings.CIVIC_PAGE_CACHE_URL_NAMES = {"search"}

    first = anon_client.get(reverse("search"), {"q": "dados"})
    second = anon_client.get(reverse("search"), {"q": "dados"})

    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert "resultados para “dados”" in second.content.decode()


def test_settings_created_on_the_fly_do_not_empty_the_cache(anon_client, site_content):
    SiteSettings.objects.all().delete()  # as on a site whose settings were never saved

    first = anon_client.get("/sobre/")  # creates the settings row with its defaults
    second = anon_client.get("/sobre/")

    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert SiteSettings.objects.count() == 1


# Local (per-process) layer ------------------------------------------------------


@pytest.mark.django_db
def test_local_layer_serves_hits_without_touching_the_shared_cache(
    client, settings, django_assert_num_queries
):
    """With the generation remembered locally, a repeat hit reads nothing shared."""
    from unittest import mock

    from civic import cache as page_cache

    settings.CIVIC_PAGE_CACHE_LOCAL_SECONDS = 60
    from home.setup import ensure_site_content

    ensure_site_content()
    assert client.get("/").headers["X-Cache"] == "MISS"
    with (
        mock.patch.object(page_cache.cache, "get", side_effect=AssertionError),
        django_assert_num_queries(0),
    ):
        response = client.get("/")
    assert response.headers["X-Cache"] == "HIT"


@pytest.mark.django_db
def test_local_layer_sees_this_process_invalidation_at_once(client, settings):
    from civic.cache import invalidate_public_pages
    from home.setup import ensure_site_content

    settings.CIVIC_PAGE_CACHE_LOCAL_SECONDS = 60
    ensure_site_content()
    client.get("/")
    assert client.get("/").headers["X-Cache"] == "HIT"
    invalidate_public_pages()
    assert client.get("/").headers["X-Cache"] == "MISS"


@pytest.mark.django_db
def test_another_process_invalidation_arrives_after_the_local_seconds(client, settings):
    """A bump written by another process (straight to the shared cache) is seen
    once the locally remembered generation is older than the setting."""
    import uuid

    from civic import cache as page_cache
    from civic.cache import GENERATION_KEY
    from home.setup import ensure_site_content

    settings.CIVIC_PAGE_CACHE_LOCAL_SECONDS = 1
    ensure_site_content()
    client.get("/")
    page_cache.cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
    assert client.get("/").headers["X-Cache"] == "HIT"  # still within the second
    page_cache._local_generation["checked_at"] -= 2  # two seconds later
    assert client.get("/").headers["X-Cache"] == "MISS"
