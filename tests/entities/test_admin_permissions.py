"""Who reaches the registry's admin (entities/admin/, entities/rules.py): every
view, every role, and no writing view that should not exist."""

import pytest
from django.urls import NoReverseMatch, reverse

from entities.models import Claim, Entity, EntityEvent
from tests.entities.support import inspect_url
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db

S = Entity.Status


# Who gets in -------------------------------------------------------------------


@pytest.fixture
def admin_urls(submitted, pending_claim):
    document = submitted.documents.first()
    return [
        reverse("entities_review:index"),
        reverse("entities_review:index_results"),
        inspect_url(submitted),
        reverse("entities_review:document", args=[submitted.pk, document.pk])
        + "?inline=1",
        reverse("entities_claims:index"),
        reverse("entities_claims:index_results"),
        reverse("entities_claims:inspect", args=[pending_claim.pk]),
        reverse("entities_claims:proof", args=[pending_claim.pk]),
        reverse("entities_areas:index"),
        reverse("entities_areas:add"),
        reverse("entities_publics:index"),
        reverse("entities_legal_natures:index"),
        reverse("entities_cnaes:index"),
    ]


@pytest.mark.parametrize(
    "role", ["anonymous", "citizen", "representative", "other_representative"]
)
def test_people_outside_the_admin_are_sent_to_log_in(client, request, admin_urls, role):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url
        assert MINIMAL_PDF not in response.content


def test_admin_users_who_are_not_reviewers_are_denied(client, moderator, admin_urls):
    client.force_login(moderator)
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("wagtailadmin_home"), url


@pytest.mark.parametrize("role", ["representative", "citizen", "moderator"])
def test_only_reviewers_can_post_decisions(client, request, submitted, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(inspect_url(submitted), {"action": "approve"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    assert not EntityEvent.objects.filter(action="approve").exists()


@pytest.mark.parametrize("role", ["citizen", "moderator"])
def test_only_reviewers_can_decide_claims(client, request, pending_claim, role):
    client.force_login(request.getfixturevalue(role))
    url = reverse("entities_claims:inspect", args=[pending_claim.pk])
    client.post(url, {"decision": "approve"})
    pending_claim.refresh_from_db()
    assert pending_claim.status == Claim.Status.PENDING


def test_staff_see_the_entities_menu(staff_client):
    content = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"label": "Entidades"' in content
    assert reverse("entities_review:index") in content
    assert reverse("entities_claims:index") in content
    assert reverse("entities_areas:index") in content


def test_moderators_do_not_see_the_entities_menu(client, moderator):
    client.force_login(moderator)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("entities_review:index") not in content


def test_superuser_reaches_the_queue(client, superuser, submitted):
    client.force_login(superuser)
    assert client.get(reverse("entities_review:index")).status_code == 200
    assert client.get(inspect_url(submitted)).status_code == 200


def test_no_add_edit_or_delete_views_for_registrations():
    for name in ("add", "edit", "delete", "copy", "history", "usage"):
        with pytest.raises(NoReverseMatch):
            reverse(f"entities_review:{name}", args=[] if name == "add" else [1])
        with pytest.raises(NoReverseMatch):
            reverse(f"entities_claims:{name}", args=[] if name == "add" else [1])
