"""Following a council, the personal-data export and erasure, the page cache,
and the role matrix of every public councils URL."""

import pytest
from django.urls import reverse

from civic.accounts.personal_data import collect
from councils.models import CouncilFollow, Mandate

from .conftest import ROLES
from .public_support import convened, held, planned

pytestmark = pytest.mark.django_db


def follow_url(council):
    return reverse("councils:follow", args=[council.slug])


def test_follow_and_unfollow(client, council, citizen):
    client.force_login(citizen)
    response = client.post(follow_url(council), {"action": "follow"})
    assert response.status_code == 302
    assert CouncilFollow.objects.filter(user=citizen, council=council).exists()
    client.post(follow_url(council), {"action": "follow"})  # twice: one row
    assert CouncilFollow.objects.filter(user=citizen).count() == 1
    page = client.get(council.get_absolute_url())
    assert "Deixar de acompanhar" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    client.post(follow_url(council), {"action": "unfollow"})
    assert not CouncilFollow.objects.filter(user=citizen).exists()


def test_follow_needs_login_and_csrf(client, council, citizen):
    response = client.post(follow_url(council))
    assert response["Location"].startswith(reverse("account_login"))
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(citizen)
    assert strict.post(follow_url(council)).status_code == 403
    assert not CouncilFollow.objects.exists()


def test_anonymous_page_has_login_link_and_no_form(client, council):
    page = client.get(council.get_absolute_url()).content.decode()
    assert "Entre para acompanhar este conselho" in page
    assert follow_url(council) not in page


def test_follow_of_unknown_council_is_404(client, citizen):
    client.force_login(citizen)
    assert client.post("/conselhos/nao-existe/seguir/").status_code == 404


def test_personal_data_export_and_erasure(council, citizen):
    from civic.accounts.services import account_erase

    mandate = Mandate.objects.filter(council=council).first()
    person = mandate.person
    CouncilFollow.objects.create(user=person, council=council)
    section = collect(person)["sections"]["councils"]
    assert section["mandates"][0]["council"] == str(council)
    assert section["follows"][0]["council"] == str(council)
    account_erase(user=person, by=person)
    assert not CouncilFollow.objects.filter(user=person).exists()
    mandate.refresh_from_db()
    assert mandate.ends_on is None  # the public record of the act stays
    assert mandate.person.display_name == "Participante removido"


def test_cache_is_invalidated_when_a_meeting_changes(
    client, settings, council, django_capture_on_commit_callbacks
):
    settings.CIVIC_PAGE_CACHE_ENABLED = True
    meeting = convened(council, title="Primeiro título")
    url = council.get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        meeting.title = "Título corrigido"
        meeting.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Título corrigido" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_public_urls_for_every_role(role, council, as_role, request):
    for fixture in ("secretary", "other_secretary"):
        request.getfixturevalue(fixture)
    upcoming, done, hidden = convened(council), held(council), planned(council)
    client = as_role(role)
    for url, expected in (
        (reverse("councils:list"), 200),
        (council.get_absolute_url(), 200),
        (reverse("councils:ics", args=[council.slug]), 200),
        (upcoming.get_absolute_url(), 200),
        (done.get_absolute_url(), 200),
        (reverse("councils:meeting", args=[council.slug, hidden.pk]), 404),
        (reverse("councils:open_data_composition_csv"), 200),
        (reverse("councils:open_data_meetings_json"), 200),
        ("/api/v1/conselhos/", 200),
        (f"/api/v1/conselhos/{council.slug}/", 200),
    ):
        assert client.get(url).status_code == expected, (role, url)
    response = client.post(follow_url(council))
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == 302
        assert CouncilFollow.objects.filter(council=council).count() == 1
