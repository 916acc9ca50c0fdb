"""The role matrix of the URLs the area matrices leave out: Wagtail's generic
pages of every councils viewset (the listing results, history and usage of
an object, an election's delete), the council page, the open-data downloads
and the representatives' election pages, each named literally so that the
coverage test (test_permission_coverage.py) finds it.

People without admin access go to the login page; a secretary of another
council gets a 404 for this council's objects and does not see them in the
listing results."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from councils.models import BoardPosition, Commission, CouncilDocument, Mandate
from tests.factories.councils import ElectionFactory, ResolutionFactory

from .conftest import ROLES
from .election_helpers import C, S, candidacy
from .public_support import held

pytestmark = pytest.mark.django_db

RUNS = {"secretary", "staff_user", "superuser"}
NO_ADMIN = {"anonymous", "citizen", "entity_rep", "councillor"}
# The generic object pages, by viewset namespace: every one of them is
# checked for every object below.
OBJECT_PAGES = (
    "councils_councils:history",
    "councils_councils:history_results",
    "councils_councils:usage",
    "councils_seats:history",
    "councils_seats:history_results",
    "councils_seats:usage",
    "councils_terms:history",
    "councils_terms:history_results",
    "councils_terms:usage",
    "councils_mandates:history",
    "councils_mandates:history_results",
    "councils_mandates:usage",
    "councils_board:history",
    "councils_board:history_results",
    "councils_board:usage",
    "councils_commissions:history",
    "councils_commissions:history_results",
    "councils_commissions:usage",
    "councils_documents:history",
    "councils_documents:history_results",
    "councils_documents:usage",
    "councils_meetings:history",
    "councils_meetings:history_results",
    "councils_meetings:usage",
    "councils_resolutions:history",
    "councils_resolutions:history_results",
    "councils_resolutions:usage",
    "councils_elections:history",
    "councils_elections:history_results",
    "councils_elections:usage",
    "councils_elections:delete",
)
LISTING_RESULTS = (
    "councils_councils:index_results",
    "councils_seats:index_results",
    "councils_terms:index_results",
    "councils_mandates:index_results",
    "councils_board:index_results",
    "councils_commissions:index_results",
    "councils_documents:index_results",
    "councils_meetings:index_results",
    "councils_resolutions:index_results",
    "councils_elections:index_results",
)

UNLINKED_LISTINGS = {"councils_meetings", "councils_resolutions"}


@pytest.fixture
def objects(council, secretary, other_secretary):
    """One object of `council` per viewset namespace."""
    mandate = Mandate.objects.filter(council=council).first()
    return {
        "councils": council,
        "seats": council.seats.first(),
        "terms": council.terms.first(),
        "mandates": mandate,
        "board": BoardPosition.objects.create(
            council=council,
            role="presidente",
            mandate=mandate,
            starts_on=mandate.starts_on,
        ),
        "commissions": Commission.objects.create(
            council=council, name="Comissão de Normas"
        ),
        "documents": CouncilDocument.objects.create(
            council=council,
            kind="regimento",
            title="Regimento interno",
            file=SimpleUploadedFile("r.pdf", b"%PDF-1.4 x"),
        ),
        "meetings": held(council),
        "resolutions": ResolutionFactory(
            council=council, title="Minuta reservada do CMAS"
        ),
        "elections": ElectionFactory(council=council),
    }


def _object_of(objects, name):
    return objects[name.split(":")[0].removeprefix("councils_")]


def _to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("account_login")
    )


@pytest.mark.parametrize("role", ROLES)
def test_generic_object_pages(role, as_role, objects):
    client = as_role(role)
    for name in OBJECT_PAGES:
        obj = _object_of(objects, name)
        response = client.get(reverse(name, args=[obj.pk]))
        label = (role, name, response.status_code)
        if role in NO_ADMIN:
            assert _to_login(response), label
        elif role in RUNS:
            assert response.status_code == 200, label
        else:  # the secretary of another council
            assert response.status_code == 404, label


@pytest.mark.parametrize("role", ROLES)
def test_listing_results_show_only_councils_one_runs(role, as_role, objects):
    client = as_role(role)
    for name in LISTING_RESULTS:
        obj = _object_of(objects, name)
        namespace = name.split(":")[0]
        response = client.get(reverse(name))
        label = (role, name, response.status_code)
        if role in NO_ADMIN:
            assert _to_login(response), label
            continue
        assert response.status_code == 200, label
        page = response.content.decode()
        links = (
            reverse(f"{namespace}:edit", args=[obj.pk]),
            reverse(f"{namespace}:history", args=[obj.pk]),
        )
        shown = any(link in page for link in links)
        if namespace in UNLINKED_LISTINGS:  # their rows name, but do not link
            shown = escape(str(obj)) in page
        assert shown == (role in RUNS), label


@pytest.mark.parametrize("role", ROLES)
def test_council_page_and_open_data(role, as_role, council, staff_user, request):
    for fixture in ("secretary", "other_secretary"):
        request.getfixturevalue(fixture)
    held(council)
    draft = ResolutionFactory(council=council, title="Minuta reservada do CMAS")
    member = Mandate.objects.filter(council=council).first().person
    client = as_role(role)
    response = client.get(reverse("councils:detail", args=[council.slug]))
    assert response.status_code == 200, role
    assert member.email not in response.content.decode()
    for name in (
        "councils:open_data_composition_csv",
        "councils:open_data_composition_json",
        "councils:open_data_meetings_csv",
        "councils:open_data_meetings_json",
        "councils:open_data_resolutions_csv",
        "councils:open_data_resolutions_json",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, (role, name)
        body = b"".join(response) if response.streaming else response.content
        text = body.decode()
        assert member.email not in text, (role, name)
        assert draft.title not in text, (role, name)


def _election_url(election, name):
    return reverse(name, kwargs={"slug": election.council.slug, "pk": election.pk})


@pytest.mark.parametrize("role", ROLES)
def test_representative_election_pages(role, as_role, council):
    election = ElectionFactory(council=council, status=S.CANDIDACY)
    client = as_role(role)
    public = client.get(_election_url(election, "councils:election"))
    assert public.status_code == 200, role
    for name in (
        "councils:election_candidacy",
        "councils:election_vote",
        "councils:election_appeal",
    ):
        response = client.get(_election_url(election, name))
        if role == "anonymous":
            assert _to_login(response), (role, name)
        else:
            expected = 200 if role == "entity_rep" else 403
            assert response.status_code == expected, (role, name)
    filed = candidacy(election, status=C.SUBMITTED)
    response = client.post(
        _election_url(election, "councils:election_withdraw"),
        {"candidacy": filed.pk},
    )
    filed.refresh_from_db()
    assert filed.status == C.SUBMITTED  # nobody here represents that entity
    if role == "anonymous":
        assert _to_login(response)
    else:
        assert response.status_code in (403, 404), (role, response.status_code)
