"""Cancelling an election tells the eligible entities and the candidates;
the public election page is cached for anonymous visitors and refreshed on
every change; the breadcrumbs link the councils by URL name."""

import pytest
from django.urls import reverse

from civic.notifications.models import Notification
from councils.models import Election
from councils.notifications import kinds
from councils.services.elections import workflow
from tests.factories.accounts import UserFactory
from tests.factories.entities import EntityFactory, RepresentativeFactory

from .election_helpers import T0, C, S, candidacy, entity_with_rep, make_election

pytestmark = pytest.mark.django_db


def cancelled_notices(election):
    return Notification.objects.filter(
        kind=kinds.ELECTIONS.slug, key=f"election-{election.pk}-cancelled"
    )


def test_cancelling_tells_eligible_entities_and_candidates(
    council, secretary, django_capture_on_commit_callbacks
):
    election = make_election(council, status=S.HABILITATION)
    _eligible, eligible_rep = entity_with_rep()
    refused = candidacy(election, status=C.NOT_HABILITATED)
    refused_reps = set(refused.entity.representatives.values_list("user_id", flat=True))
    # A candidate entity no longer eligible is told too, with its nominees.
    lapsed = EntityFactory()
    lapsed_rep = UserFactory()
    RepresentativeFactory(entity=lapsed, user=lapsed_rep)
    alternate = UserFactory()
    candidacy(
        election, entity=lapsed, nominee=UserFactory(), alternate_nominee=alternate
    )
    outsider = UserFactory()
    RepresentativeFactory(entity=EntityFactory(), user=outsider)  # not approved

    with django_capture_on_commit_callbacks(execute=True):
        workflow.run(
            election.pk, "cancel", actor=secretary, note="Edital impugnado.", now=T0
        )
    told = set(cancelled_notices(election).values_list("recipient_id", flat=True))
    assert {eligible_rep.pk, lapsed_rep.pk, alternate.pk} | refused_reps <= told
    assert outsider.pk not in told
    assert secretary.pk not in told
    notice = cancelled_notices(election).first()
    assert "cancelada" in notice.context["what"]
    assert notice.context["lines"] == ["Motivo: Edital impugnado."]
    assert notice.url == election.get_absolute_url()


def test_cancelling_a_draft_tells_nobody(council, secretary):
    election = make_election(council)
    entity_with_rep()
    workflow.run(election.pk, "cancel", actor=secretary, note="Desistência.", now=T0)
    assert not cancelled_notices(election).exists()


def test_the_cancellation_is_told_once(council, secretary):
    election = make_election(council, status=S.CANDIDACY)
    _entity, rep = entity_with_rep()
    workflow.run(election.pk, "cancel", actor=secretary, note="Erro.", now=T0)
    from councils.notifications.elections import election_cancelled

    election.refresh_from_db()
    election_cancelled(election, note="Erro.", source=S.CANDIDACY)
    assert cancelled_notices(election).filter(recipient=rep).count() == 1


# -- the public page: cached for the anonymous, refreshed on change ----------


def page_url(election):
    return reverse(
        "councils:election", kwargs={"slug": election.council.slug, "pk": election.pk}
    )


def test_the_public_page_is_cached_and_refreshed_on_cancel(
    client, council, secretary, django_capture_on_commit_callbacks
):
    election = make_election(council, status=S.CANDIDACY)
    url = page_url(election)
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        workflow.run(election.pk, "cancel", actor=secretary, note="Erro.", now=T0)
    page = client.get(url)
    assert page["X-Cache"] == "MISS"
    assert str(Election.Status.CANCELLED.label) in page.content.decode()


def test_a_representatives_page_is_not_cached(client, council):
    election = make_election(council, status=S.CANDIDACY)
    _entity, rep = entity_with_rep()
    client.force_login(rep)
    response = client.get(page_url(election))
    assert response.status_code == 200
    assert response.get("X-Cache") != "HIT"
    assert client.get(page_url(election)).get("X-Cache") != "HIT"


def test_a_draft_is_never_cached_for_the_anonymous(client, council, secretary):
    election = make_election(council)
    assert client.get(page_url(election)).status_code == 404
    client.force_login(secretary)
    assert client.get(page_url(election)).status_code == 200
    client.logout()
    assert client.get(page_url(election)).status_code == 404


def test_breadcrumbs_link_the_councils_by_name(client, council):
    election = make_election(council, status=S.CANDIDACY)
    page = client.get(page_url(election)).content.decode()
    assert f'href="{reverse("councils:list")}"' in page
    assert f'href="{council.get_absolute_url()}"' in page
