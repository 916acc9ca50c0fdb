"""The councils a person follows appear on their follows page, each with a
button to stop, in a fixed number of queries."""

import pytest
from django.urls import reverse

from councils.models import CouncilFollow
from tests.factories.councils import CouncilFactory

pytestmark = pytest.mark.django_db


def _follow(user, *councils):
    for council in councils:
        CouncilFollow.objects.create(user=user, council=council)


def test_followed_councils_are_listed_with_an_unfollow_button(client, citizen):
    followed, other = CouncilFactory(name="Conselho Seguido"), CouncilFactory()
    _follow(citizen, followed)
    client.force_login(citizen)
    html = client.get(reverse("consultations:follows")).content.decode()
    assert "Conselhos que você acompanha" in html
    assert "Conselho Seguido" in html
    assert other.name not in html
    assert reverse("councils:follow", args=[followed.slug]) in html


def test_unfollowing_from_the_page_comes_back_to_it(client, citizen):
    council = CouncilFactory()
    _follow(citizen, council)
    client.force_login(citizen)
    response = client.post(
        reverse("councils:follow", args=[council.slug]),
        {"action": "unfollow", "next": reverse("consultations:follows")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:follows")
    assert not CouncilFollow.objects.filter(user=citizen).exists()


def test_someone_who_follows_no_council_is_told_how(client, citizen):
    client.force_login(citizen)
    html = client.get(reverse("consultations:follows")).content.decode()
    assert "Acompanhar este conselho" in html
    assert reverse("councils:list") in html


def test_query_count_does_not_grow_with_followed_councils(
    client, citizen, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(citizen)
    _follow(citizen, CouncilFactory())
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("consultations:follows"))
    _follow(citizen, *CouncilFactory.create_batch(6))
    with django_assert_max_num_queries(len(one)):
        client.get(reverse("consultations:follows"))
