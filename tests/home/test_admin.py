"""Editors manage the site pages and settings in the Wagtail admin."""

import pytest
from django.urls import reverse

from home.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def test_page_editor_and_settings_render_with_admin_markup(admin_client, site_content):
    about = StandardPage.objects.get(slug="sobre")
    settings = SiteSettings.objects.get()

    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    add = admin_client.get(
        reverse(
            "wagtailadmin_pages:add", args=["home", "standardpage", site_content.pk]
        )
    )
    site_settings = admin_client.get(
        reverse("wagtailsettings:edit", args=["home", "sitesettings", settings.site_id])
    )

    for response in (edit, add, site_settings):
        assert response.status_code == 200
        # The gov.br form renderer is for the public site only.
        assert "govbr-field" not in response.content.decode()
    assert "encarregado" in site_settings.content.decode().lower()


@pytest.mark.parametrize("role", ["anonymous", "citizen"])
def test_admin_is_closed_to_the_public(client, citizen, site_content, role):
    if role == "citizen":
        client.force_login(citizen)

    response = client.get(
        reverse("wagtailsettings:edit", args=["home", "sitesettings", 1])
    )

    assert response.status_code in (302, 403)


def test_staff_group_can_edit_pages_after_setup(client, staff_user, site_content):
    about = StandardPage.objects.get(slug="sobre")
    client.force_login(staff_user)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))

    assert response.status_code == 200
