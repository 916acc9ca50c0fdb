"""The admin of resolutions: every URL and action for the eight roles, the
choices limited to the councils a person runs, and the actions themselves."""

import pytest
from django.urls import reverse

from councils.models import Resolution
from tests.factories.councils import ResolutionFactory

from .conftest import ROLES
from .resolution_support import approved_item, published

pytestmark = pytest.mark.django_db
S = Resolution.Status
RUNS_CMAS = {"secretary", "staff_user", "superuser"}


def url(name, *args):
    return reverse(f"councils_resolutions:{name}", args=args)


def allowed(response) -> bool:
    return response.status_code == 200


@pytest.fixture
def draft(council):
    return ResolutionFactory(council=council, title="Minuta sigilosa do CMAS")


@pytest.fixture
def live(council, staff_user):
    return published(council, staff_user)[0]


@pytest.mark.parametrize("role", ROLES)
def test_reading_pages_matrix(as_role, role, draft, live):
    client = as_role(role)
    pages = [
        url("edit", draft.pk),
        url("inspect", draft.pk),
        url("inspect", live.pk),
        url("delete", draft.pk),
        url("action", draft.pk, "publish"),
        url("action", live.pk, "revoke"),
    ]
    for page in pages:
        assert allowed(client.get(page)) == (role in RUNS_CMAS), (role, page)
    index = client.get(url("index"))
    shows_draft = allowed(index) and draft.title in index.content.decode()
    assert shows_draft == (role in RUNS_CMAS)
    add = client.get(url("add"))
    # A secretary of another council may write drafts, for their own council.
    assert allowed(add) == (role in RUNS_CMAS | {"other_secretary"})


@pytest.mark.parametrize("role", ROLES)
def test_publish_matrix(as_role, role, draft):
    as_role(role).post(url("action", draft.pk, "publish"))
    draft.refresh_from_db()
    assert (draft.status == S.PUBLISHED) == (role in RUNS_CMAS)
    assert (draft.number == 1) == (role in RUNS_CMAS)


@pytest.mark.parametrize("role", ROLES)
def test_revoke_matrix(as_role, role, live):
    as_role(role).post(
        url("action", live.pk, "revoke"), {"note": "Decisão do plenário."}
    )
    live.refresh_from_db()
    assert (live.status == S.REVOKED) == (role in RUNS_CMAS)


@pytest.mark.parametrize("role", ROLES)
def test_edit_and_delete_matrix(as_role, role, draft, council):
    client = as_role(role)
    client.post(
        url("edit", draft.pk),
        {"council": council.pk, "title": "Ementa mudada", "body": "Texto."},
    )
    draft.refresh_from_db()
    assert (draft.title == "Ementa mudada") == (role in RUNS_CMAS)
    client.post(url("delete", draft.pk))
    assert (not Resolution.objects.filter(pk=draft.pk).exists()) == (role in RUNS_CMAS)


def test_published_resolutions_are_not_edited_or_deleted(client, secretary, live):
    client.force_login(secretary)
    assert client.get(url("edit", live.pk)).status_code == 404
    client.post(url("delete", live.pk))
    assert Resolution.objects.filter(pk=live.pk).exists()
    page = client.get(url("inspect", live.pk)).content.decode()
    assert (
        reverse(
            "councils:resolution_pdf",
            kwargs={
                "slug": live.council.slug,
                "year": live.year,
                "number": live.number,
            },
        )
        in page
    )


def test_create_limits_choices_to_the_councils_run(
    client, secretary, council, other_council
):
    theirs = approved_item(other_council)
    mine = approved_item(council)
    client.force_login(secretary)
    form = client.get(url("add")).context["form"]
    assert list(form.fields["council"].queryset) == [council]
    assert list(form.fields["meeting"].queryset) == [mine.meeting]
    assert list(form.fields["agenda_item"].queryset) == [mine]
    response = client.post(
        url("add"),
        {"council": other_council.pk, "title": "Intrusa", "body": "Texto."},
    )
    assert response.status_code == 200
    assert "council" in response.context["form"].errors
    assert not Resolution.objects.filter(title="Intrusa").exists()
    client.post(
        url("add"),
        {
            "council": council.pk,
            "title": "Ementa",
            "body": "Texto.",
            "meeting": theirs.meeting.pk,
        },
    )
    assert not Resolution.objects.filter(title="Ementa").exists()


def test_create_then_publish_through_the_admin(client, secretary, council):
    item = approved_item(council)
    client.force_login(secretary)
    response = client.post(
        url("add"),
        {
            "council": council.pk,
            "title": "Aprova o regimento",
            "body": "Art. 1º Aprovado.",
            "meeting": item.meeting.pk,
            "agenda_item": item.pk,
        },
    )
    assert response.status_code == 302
    resolution = Resolution.objects.get(title="Aprova o regimento")
    assert resolution.status == S.DRAFT
    confirm = client.get(url("action", resolution.pk, "publish"))
    assert "Não é possível desfazer" in confirm.content.decode()
    client.post(url("action", resolution.pk, "publish"))
    resolution.refresh_from_db()
    assert (resolution.status, resolution.number) == (S.PUBLISHED, 1)


def test_revoke_without_note_keeps_the_form(client, secretary, live):
    client.force_login(secretary)
    response = client.post(url("action", live.pk, "revoke"), {"note": ""})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    live.refresh_from_db()
    assert live.status == S.PUBLISHED


def test_an_action_not_allowed_now_goes_back(client, secretary, live):
    client.force_login(secretary)
    response = client.post(url("action", live.pk, "publish"))
    assert response.status_code == 302
    assert client.get(url("action", live.pk, "nonsense")).status_code == 404
