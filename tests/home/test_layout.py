"""The site shell in templates/base.html, as every page shows it."""

import re

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.fallback import FallbackStorage
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from home.models import SiteSettings
from tests.factories.pages import add_standard_page

pytestmark = pytest.mark.django_db


def _html(client, path="/"):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("key", "target"),
    [
        ("1", "main-content"),
        ("2", "main-navigation"),
        ("3", "search-field"),
        ("4", "footer"),
    ],
)
def test_emag_accesskeys_point_at_existing_targets(client, site_content, key, target):
    html = _html(client, "/sobre/")

    assert re.search(rf'<a href="#{target}" accesskey="{key}">', html)
    assert f'id="{target}"' in html


def test_layout_has_language_landmarks_and_labelled_search(client, site_content):
    html = _html(client)

    assert '<html lang="pt-BR"' in html
    assert "<header" in html
    assert "<main" in html
    assert "<footer" in html
    assert 'aria-label="Menu principal"' in html
    assert '<label for="search-field">' in html
    assert re.search(
        r'<form class="header-search site-search" role="search"[^>]*method="get" action="/busca/"',
        html,
    )
    assert "/static/vendor/govbr-ds/core.min.css" in html
    assert "/static/vendor/raleway/raleway.css" in html
    assert "https://" not in re.sub(r'href="https://[^"]*"', "", html)  # no CDN


def test_high_contrast_toggle_is_a_hidden_until_javascript_button(client, site_content):
    html = _html(client)

    assert re.search(
        r'<button type="button" class="emag-contrast" data-contrast-toggle aria-pressed="false" hidden>',
        html,
    )
    assert "Alto contraste" in html
    # Contrast lives in localStorage; the only cookie is the CSRF one of the footer form.
    assert set(client.get("/").cookies) <= {"csrftoken"}


def test_menu_lists_pages_marked_for_menus(client, site_content):
    add_standard_page(site_content, title="Conselhos", show_in_menus=True)
    add_standard_page(site_content, title="Oculta", show_in_menus=False)

    html = _html(client, "/conselhos/")
    menu = html[
        html.index('id="main-navigation"') : html.index(
            "</nav>", html.index('id="main-navigation"')
        )
    ]

    assert 'href="/sobre/">Sobre o Participa Betim</a>' in menu
    assert '<a href="/conselhos/" aria-current="page">Conselhos</a>' in menu
    assert "Oculta" not in menu


def test_breadcrumbs_show_ancestors_and_current_page(client, site_content):
    # Not "conselhos": /conselhos/ is the councils app's.
    parent = add_standard_page(site_content, title="Programas")
    add_standard_page(parent, title="Conselho de Saúde", slug="saude")

    html = _html(client, "/programas/saude/")
    crumbs = html[html.index('class="br-breadcrumb"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]

    assert '<a href="/programas/">Programas</a>' in crumbs
    assert '<span aria-current="page">Conselho de Saúde</span>' in crumbs
    assert "Página inicial" in crumbs


def test_footer_shows_contact_dpo_and_legal_links(client, site_content):
    settings = SiteSettings.objects.get()
    settings.dpo_name = "Carla Proteção"
    settings.dpo_email = "dpo@betim.mg.gov.br"
    settings.instagram_url = "https://www.instagram.com/exemplo/"
    settings.save()

    html = _html(client)
    footer = html[html.index('id="footer"') :]

    assert "Secretaria Municipal de Governo" in footer
    assert "Superintendência de Relacionamento com a Sociedade Civil" in footer
    assert "Rua Pará de Minas, 640" in footer
    assert 'href="tel:+553135123000"' in footer
    assert "Carla Proteção" in footer
    assert "mailto:dpo@betim.mg.gov.br" in footer
    assert 'href="https://www.instagram.com/exemplo/"' in footer
    for path, label in [
        ("/termos-de-uso/", "Termos de Uso"),
        ("/privacidade/", "Política de Privacidade"),
        ("/acessibilidade/", "Acessibilidade"),
    ]:
        assert f'<a href="{path}">{label}</a>' in footer
        assert client.get(path).status_code == 200


def test_anonymous_header_offers_login_and_signup(client, site_content):
    html = _html(client)

    assert f'href="{reverse("account_login")}"' in html
    assert f'href="{reverse("account_signup")}"' in html
    assert "Minha conta" not in html
    assert reverse("account_logout") not in html


def test_signed_in_header_links_account_notifications_and_logout(
    client, citizen, site_content, monkeypatch
):
    monkeypatch.setattr(
        "civic.notifications.context_processors.notifications_unread_count",
        lambda *, user: 3,
    )
    client.force_login(citizen)

    html = _html(client)

    assert f'href="{reverse("accounts:profile")}"' in html
    assert "Minha conta" in html
    assert re.search(
        rf'<a [^>]*href="{reverse("notifications:inbox")}" data-unread-count="3">.*Notificações <span class="notification-count">3</span><span class="sr-only"> não lidas</span>',
        html,
    )
    logout = re.search(
        rf'<form method="post" action="{reverse("account_logout")}"[^>]*>(.*?)</form>',
        html,
        re.S,
    )
    assert logout
    assert 'name="csrfmiddlewaretoken"' in logout.group(1)
    assert f'href="{reverse("account_login")}"' not in html


def test_unread_count_of_one_is_singular_and_zero_shows_no_badge(
    client, citizen, site_content, monkeypatch
):
    counts = iter([1, 0])
    monkeypatch.setattr(
        "civic.notifications.context_processors.notifications_unread_count",
        lambda *, user: next(counts),
    )
    client.force_login(citizen)

    one = _html(client)
    zero = _html(client, "/sobre/")

    assert (
        '<span class="notification-count">1</span><span class="sr-only"> não lida</span>'
        in one
    )
    assert 'data-unread-count="0"' in zero
    assert "notification-count" not in zero


def test_missing_unread_count_renders_as_zero(client, citizen, site_content, settings):
    templates = [
        dict(engine, OPTIONS=dict(engine["OPTIONS"])) for engine in settings.TEMPLATES
    ]
    templates[0]["OPTIONS"]["context_processors"] = [
        processor
        for processor in templates[0]["OPTIONS"]["context_processors"]
        if "notifications" not in processor
    ]
    settings.TEMPLATES = templates
    client.force_login(citizen)

    html = _html(client)

    assert 'data-unread-count="0"' in html
    assert "notification-count" not in html


def test_messages_render_as_gov_br_messages(site_content, citizen):
    request = RequestFactory().get("/")
    request.user = citizen
    request.session = {}
    storage = FallbackStorage(request)
    storage.add(message_levels.SUCCESS, "Dados salvos.")
    storage.add(message_levels.ERROR, "Algo falhou.")
    request._messages = storage

    html = render_to_string("home/search_results.html", {}, request=request)

    assert re.search(
        r'<div class="br-message success" role="status">.*Dados salvos\.', html, re.S
    )
    assert re.search(
        r'<div class="br-message danger" role="alert">.*Algo falhou\.', html, re.S
    )


def test_language_switch_to_english(client, site_content):
    page = _html(client, "/sobre/")
    form = re.search(
        r'<form class="footer-language" action="(?P<action>[^"]+)" method="post">(?P<body>.*?)</form>',
        page,
        re.S,
    )
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group("body")
    ).group(1)
    assert form.group("action") == reverse("set_language")
    assert 'name="next" value="/sobre/"' in form.group("body")

    response = client.post(
        form.group("action"),
        {"csrfmiddlewaretoken": token, "language": "en", "next": "/sobre/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/sobre/"
    english = _html(client, "/sobre/")
    assert '<html lang="en"' in english
    assert re.search(
        r'value="en" lang="en" class="language-button" aria-current="true"', english
    )


def test_home_renders_within_fifteen_queries_uncached(
    client, site_content, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):
        response = client.get("/")

    assert response.status_code == 200
    assert response["X-Cache"] == "MISS"


def test_layout_queries_do_not_grow_with_menu_pages(
    client, site_content, settings, django_assert_max_num_queries
):
    settings.CIVIC_PAGE_CACHE_ENABLED = False
    with CaptureQueriesContext(connection) as few:
        client.get("/sobre/")
    for number in range(20):
        add_standard_page(site_content, title=f"Seção {number}", show_in_menus=True)

    with django_assert_max_num_queries(len(few)):
        html = _html(client, "/sobre/")

    assert "Seção 19" in html
