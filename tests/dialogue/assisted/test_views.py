"""The desk's pages: a permission matrix over every URL, and the journey of
a person without email registered for a hearing through the pages."""

import pytest
from django.urls import reverse

from civic.dialogue.assisted.models import AssistedAction
from consultations.models import Registration

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "representative",
    "staff_user",
    "attendant",
    "superuser",
]
ALLOWED = {"attendant", "superuser"}
# (url name, takes the person's pk, method)
DESK_URLS = [
    ("desk", False, "get"),
    ("desk_person_new", False, "get"),
    ("desk_person", True, "get"),
    ("desk_consent", True, "post"),
    ("desk_register", True, "post"),
    ("desk_contribute", True, "post"),
    ("desk_demand", True, "post"),
    ("desk_invite", True, "post"),
]


@pytest.fixture
def as_role(request, client):
    def login(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return login


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "with_pk", "method"), DESK_URLS)
def test_desk_permission_matrix(as_role, role, name, with_pk, method, managed):
    client = as_role(role)
    url = reverse(f"dialogue:{name}", args=[managed.pk] if with_pk else [])
    response = getattr(client, method)(url)
    if role == "anonymous":
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    elif role in ALLOWED:
        assert response.status_code in (200, 302)
        if response.status_code == 302:
            assert response["Location"] == reverse(
                "dialogue:desk_person", args=[managed.pk]
            )
        assert response["Cache-Control"] == "private, no-store"
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_claim_page_is_open_to_everyone(as_role, role):
    assert as_role(role).get(reverse("dialogue:claim")).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_the_audit_trail_is_listed_in_the_django_admin_for_superusers(
    as_role, role, managed
):
    response = as_role(role).get("/django-admin/dialogue/assistedaction/")
    if role == "superuser":
        assert response.status_code == 200
        assert "José da Silva" in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404)


def test_a_superusers_account_is_not_served_at_the_desk(client, attendant, superuser):
    client.force_login(attendant)
    url = reverse("dialogue:desk_person", args=[superuser.pk])
    assert client.get(url).status_code == 404


def test_search_shows_masked_cpf_and_never_lists_everyone(client, attendant, managed):
    client.force_login(attendant)
    page = client.get(reverse("dialogue:desk"), {"q": "José"}).content.decode()
    assert "José da Silva" in page
    assert "***.982.247-**" in page
    assert "529.982.247-25" not in page
    empty = client.get(reverse("dialogue:desk")).content.decode()
    assert "José da Silva" not in empty


def test_without_consent_the_desk_is_told_in_portuguese(
    client, attendant, managed, hearing
):
    client.force_login(attendant)
    response = client.post(
        reverse("dialogue:desk_register", args=[managed.pk]),
        {"event": hearing.pk},
        follow=True,
    )
    assert "Registre antes o consentimento da pessoa" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_person_without_email_is_registered_for_a_hearing_through_the_pages(
    client, attendant, hearing
):
    client.force_login(attendant)
    response = client.post(
        reverse("dialogue:desk_person_new"), {"full_name": "Ana Sem Email"}
    )
    person_url = response["Location"]
    pk = int(person_url.rstrip("/").split("/")[-1])
    client.post(reverse("dialogue:desk_consent", args=[pk]), {"agreed": "on"})
    page = client.post(
        reverse("dialogue:desk_register", args=[pk]),
        {"event": hearing.pk},
        follow=True,
    ).content.decode()
    assert "Inscrição feita" in page
    registration = Registration.objects.get(event=hearing)
    assert registration.user.full_name == "Ana Sem Email"
    assert registration.user.is_managed
    assert list(
        AssistedAction.objects.filter(person_id=pk).values_list("action", flat=True)
    ) == ["register", "consent", "create_account"]


def test_the_invite_is_shown_once_and_claimed_through_the_page(
    client, attendant, consented
):
    client.force_login(attendant)
    page = client.post(reverse("dialogue:desk_invite", args=[consented.pk]))
    code = page.context["code"]
    client.logout()
    response = client.post(
        reverse("dialogue:claim"),
        {
            "code": code,
            "email": "jose@example.org",
            "password1": "uma-senha-bem-forte-42",
            "password2": "uma-senha-bem-forte-42",
            "accept": "on",
        },
    )
    assert "Confirme o seu e-mail" in response.content.decode()
    consented.refresh_from_db()
    assert consented.email == "jose@example.org"
