import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision, Site

from home.models import HomePage, SiteSettings, StandardPage
from home.setup import ensure_site_content

pytestmark = pytest.mark.django_db

INSTITUTIONAL_SLUGS = {"sobre", "termos-de-uso", "privacidade", "acessibilidade"}


def _snapshot():
    return {
        "pages": sorted(Page.objects.values_list("id", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "logs": PageLogEntry.objects.count(),
        "sites": sorted(
            Site.objects.values_list("id", "hostname", "port", "root_page_id")
        ),
        "settings": SiteSettings.objects.count(),
        "permissions": GroupPagePermission.objects.count(),
    }


def test_replaces_wagtail_welcome_page_with_home_page(db):
    welcome = Site.objects.get(is_default_site=True).root_page
    assert type(welcome.specific) is Page  # Wagtail's initial migration

    ensure_site_content()

    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(pk=welcome.pk).exists()
    assert site.hostname == "testserver"  # from SITE_URL, for absolute sitemap URLs


def test_creates_published_institutional_pages_under_home(db):
    ensure_site_content()

    home = HomePage.objects.get()
    children = StandardPage.objects.child_of(home)
    assert set(children.values_list("slug", flat=True)) == INSTITUTIONAL_SLUGS
    assert all(page.live and page.latest_revision_id for page in children)
    assert list(children.filter(show_in_menus=True).values_list("slug", flat=True)) == [
        "sobre"
    ]
    assert SiteSettings.objects.filter(site__root_page=home).exists()


def test_privacy_page_describes_lgpd_rights_and_names_the_encarregado(client, db):
    ensure_site_content()
    settings = SiteSettings.objects.get()
    settings.dpo_name = "Joana Encarregada"
    settings.save()

    html = client.get("/privacidade/").content.decode()

    assert "Joana Encarregada" in html  # always the current name from settings
    for text in (
        "art. 7º, III",
        "consentimento",
        "portabilidade",
        "/minha-conta/excluir/",
        "/minha-conta/meus-dados/",
    ):
        assert text in html


def test_running_twice_changes_nothing(db):
    first = ensure_site_content()
    before = _snapshot()

    second = ensure_site_content()

    assert first
    assert not second
    assert _snapshot() == before


def test_edited_pages_are_left_as_edited(db):
    ensure_site_content()
    terms = StandardPage.objects.get(slug="termos-de-uso")
    terms.title = "Termos de Uso (revisados)"
    terms.save_revision().publish()
    StandardPage.objects.get(slug="acessibilidade").delete()

    ensure_site_content()

    assert (
        StandardPage.objects.get(slug="termos-de-uso").title
        == "Termos de Uso (revisados)"
    )
    assert StandardPage.objects.filter(slug="acessibilidade").count() == 1  # recreated


def test_staff_group_may_edit_and_publish_the_site(db):
    group = Group.objects.get(name="Equipe SRSC")

    ensure_site_content()

    home = HomePage.objects.get()
    codenames = set(
        GroupPagePermission.objects.filter(group=group, page=home).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "publish_page"}


def test_missing_staff_group_is_not_an_error(db):
    Group.objects.filter(name="Equipe SRSC").delete()

    ensure_site_content()

    assert not GroupPagePermission.objects.filter(page=HomePage.objects.get()).exists()


def test_setup_site_command_reports_and_is_idempotent(db, capsys):
    call_command("setup_site")
    first = capsys.readouterr().out
    call_command("setup_site")
    second = capsys.readouterr().out

    assert "StandardPage 'privacidade'" in first
    assert "nothing changed" in second
