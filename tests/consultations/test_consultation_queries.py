"""Query counts: a consultation with 5,000 contributions costs the same number
of queries per page as one with 10 (counts aggregated, pages paginated,
replies prefetched, the viewer's supports fetched once per page)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import Contribution, Support
from tests.consultations.consultation_support import (
    S,
    consultation_with_text,
    device,
)

pytestmark = pytest.mark.django_db

C = Contribution


def fill(consultation, n: int, people) -> None:
    """`n` general contributions, a tenth as many on § 2º and each of the
    devices, replies to some, and supports by the first person."""
    paragraph = device(consultation, "art-2-par-2")
    rows = [
        C(
            consultation=consultation,
            author=people[i % len(people)],
            text=f"Contribuição geral {i}",
            show_name=bool(i % 2),
        )
        for i in range(n)
    ]
    rows += [
        C(
            consultation=consultation,
            author=people[i % len(people)],
            device=paragraph,
            position=("agree", "disagree", "proposal")[i % 3],
            proposed_text="Outra redação." if i % 3 == 2 else "",
            text=f"Sobre o parágrafo {i}",
        )
        for i in range(max(n // 10, 3))
    ]
    rows += [
        C(
            consultation=consultation,
            text="Removida",
            moderation=C.Moderation.HIDDEN,
            moderation_reason="Spam.",
        )
    ]
    created = C.objects.bulk_create(rows, batch_size=1000)
    if created[0].pk is None:
        created = list(C.objects.filter(consultation=consultation).order_by("pk"))
    tops = created[-60:]
    C.objects.bulk_create(
        C(consultation=consultation, parent=top, author=people[0], text="Resposta")
        for top in tops
        for _ in range(2)
    )
    Support.objects.bulk_create(
        Support(contribution=top, user=people[1]) for top in tops[:30]
    )


@pytest.fixture
def people(user_factory):
    return [user_factory() for _ in range(5)]


@pytest.fixture
def small(people):
    consultation = consultation_with_text(S.OPEN)
    fill(consultation, 10, people)
    return consultation


@pytest.fixture
def large(people):
    consultation = consultation_with_text(S.OPEN)
    fill(consultation, 5000, people)
    return consultation


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.CIVIC_PAGE_CACHE_ENABLED = False


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


PAGES = {
    "detail": lambda c: reverse("consultations:detail", kwargs={"slug": c.slug}),
    "detail page 3": lambda c: (
        reverse("consultations:detail", kwargs={"slug": c.slug}) + "?page=3"
    ),
    "device": lambda c: reverse(
        "consultations:device", kwargs={"slug": c.slug, "anchor": "art-2-par-2"}
    ),
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("viewer", ["anonymous", "contributor"])
def test_same_queries_with_10_and_5000_contributions(
    client, small, large, people, page, viewer
):
    assert C.objects.filter(consultation=large).count() > 5000
    if viewer == "contributor":
        client.force_login(people[1])
    url = PAGES[page]
    client.get(url(small))  # warm the per-process caches (content types, site)
    small_count = queries(client, url(small))
    large_count = queries(client, url(large))
    assert small_count == large_count
    assert large_count <= 25


def test_the_list_does_not_grow_with_consultations(client, people, settings):
    settings.CONSULTATIONS_PAGE_SIZE = 5
    consultation_with_text(S.OPEN)
    url = reverse("consultations:list")
    client.get(url)
    few = queries(client, url)
    for _ in range(12):
        consultation_with_text(S.OPEN)
    assert queries(client, url) == few


def test_the_report_does_not_grow_with_contributions(client, people):
    small = consultation_with_text(S.ANSWERED)
    fill(small, 10, people)
    large = consultation_with_text(S.ANSWERED)
    fill(large, 500, people)
    url = lambda c: reverse("consultations:report", kwargs={"slug": c.slug})  # noqa: E731
    client.get(url(small))
    assert queries(client, url(small)) == queries(client, url(large))
