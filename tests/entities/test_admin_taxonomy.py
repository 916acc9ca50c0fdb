"""The lists staff keep and the tables they consult (entities/admin/taxonomy.py),
the territory, and the group editor."""

import pytest
from django.contrib.auth.models import Group
from django.urls import NoReverseMatch, reverse

from civic.territory.models import Bairro
from entities.models import Area
from tests.entities.support import inspect_url

pytestmark = pytest.mark.django_db


# Taxonomies and territory ------------------------------------------------------


def test_staff_add_an_area_with_a_generated_slug(staff_client):
    response = staff_client.post(
        reverse("entities_areas:add"),
        {
            "name": "Segurança alimentar",
            "slug": "",
            "description": "Hortas e cozinhas.",
        },
    )
    assert response.status_code == 302
    assert Area.objects.get(name="Segurança alimentar").slug == "seguranca-alimentar"


def test_duplicate_area_is_a_form_error(staff_client):
    existing = Area.objects.first()
    response = staff_client.post(
        reverse("entities_areas:add"), {"name": existing.name, "slug": ""}
    )
    assert response.status_code == 200
    assert Area.objects.filter(name=existing.name).count() == 1


def test_staff_manage_publics(staff_client):
    response = staff_client.post(
        reverse("entities_publics:add"), {"name": "Pessoas egressas", "slug": ""}
    )
    assert response.status_code == 302


def test_receita_tables_are_read_only(staff_client):
    response = staff_client.get(reverse("entities_legal_natures:index"), {"q": "3999"})
    assert response.status_code == 200
    assert "Associação Privada" in response.content.decode()
    response = staff_client.get(reverse("entities_cnaes:index"), {"q": "9430800"})
    assert response.status_code == 200
    for prefix in ("entities_legal_natures", "entities_cnaes"):
        with pytest.raises(NoReverseMatch):
            reverse(f"{prefix}:add")
        with pytest.raises(NoReverseMatch):
            reverse(f"{prefix}:edit", args=[1])


def test_staff_manage_bairros(staff_client):
    bairro = Bairro.objects.select_related("regional").first()
    response = staff_client.get(reverse("territory_bairros:index"))
    assert response.status_code == 200
    response = staff_client.post(
        reverse("territory_bairros:edit", args=[bairro.pk]),
        {
            "name": bairro.name + " (novo nome)",
            "slug": bairro.slug,
            "regional": bairro.regional_id,
            "is_active": "",
        },
    )
    assert response.status_code == 302
    bairro.refresh_from_db()
    assert bairro.name.endswith("(novo nome)")
    assert bairro.is_active is False


def test_citizens_cannot_manage_territory(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("territory_bairros:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_group_editor_offers_the_review_permission(client, superuser):
    from django.contrib.auth.models import Permission

    client.force_login(superuser)
    group = Group.objects.get(name="Equipe SRSC")
    response = client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))
    assert response.status_code == 200
    review = Permission.objects.get(codename="review_entity")
    assert f'value="{review.pk}"' in response.content.decode()


def test_admin_links_to_registrations_open_the_review_page(
    submitted, staff_user, citizen
):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    assert AdminURLFinder(staff_user).get_edit_url(submitted) == inspect_url(submitted)
    assert AdminURLFinder(citizen).get_edit_url(submitted) is None
    assert AdminURLFinder().get_edit_url(Area.objects.first()).endswith("/")
