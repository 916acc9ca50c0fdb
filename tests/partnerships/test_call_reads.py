"""Reads that must not grow with the data: `/chamamentos/` with 3 and 30
calls, a call page with 3 and 30 proposals (result, means, appeals); and the
council's view in the admin: the secretariat of the council named on a call
or partnership reads it there, read-only; another council's does not."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.accounts.rules import COUNCIL_SECRETARY_GROUP
from entities.partnerships.models import Appeal, Call, CallDocument, Proposal, Score
from tests.factories.councils import CouncilFactory
from tests.factories.entities import pdf_upload
from tests.factories.partnerships import (
    CallFactory,
    CommitteeMemberFactory,
    CriterionFactory,
    PartnershipFactory,
    ProposalFactory,
)

from .execution_support import executing

pytestmark = pytest.mark.django_db


def _published(call: Call) -> Call:
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        status=Call.Status.PUBLISHED,
        published_at=now - dt.timedelta(days=2),
        proposals_end_at=now + dt.timedelta(days=30),
    )
    CallDocument.objects.create(
        call=call, kind="edital", title="Edital", file=pdf_upload("edital.pdf")
    )
    return call


def _count(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site, content types)
    cache.clear()  # the page cache would answer the measured request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def test_call_list_queries_do_not_grow(client, council):
    for _ in range(3):
        _published(CallFactory(council=council))
    small = _count(client, reverse("partnerships:calls"))
    for _ in range(27):
        _published(CallFactory(council=council))
    assert _count(client, reverse("partnerships:calls")) == small


def _with_result(call: Call, count: int, criteria, member) -> None:
    """`count` more ranked proposals, each scored and with a decided appeal."""
    start = call.proposals.count()
    for n in range(start, start + count):
        proposal = ProposalFactory(call=call)
        Proposal.objects.filter(pk=proposal.pk).update(
            status=Proposal.Status.RANKED,
            score=Decimal("50") - n,
            rank=n + 1,
            submitted_at=timezone.now() - dt.timedelta(days=10),
        )
        for criterion in criteria:
            Score.objects.create(
                proposal=proposal, criterion=criterion, member=member, value=7
            )
        Appeal.objects.create(
            proposal=proposal,
            text="Pedimos revisão.",
            outcome=Appeal.Outcome.DENIED,
            decision="Mantida a nota.",
            decided_at=timezone.now(),
        )


def test_call_page_queries_do_not_grow(client, council):
    call = _published(CallFactory(council=council))
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(
        status=Call.Status.PRELIMINARY,
        preliminary_published_at=now - dt.timedelta(days=1),
        appeal_ends_at=now + dt.timedelta(days=4),
    )
    criteria = [CriterionFactory(call=call, position=i) for i in range(2)]
    member = CommitteeMemberFactory(call=call, declared_at=now)
    url = reverse("partnerships:call", kwargs={"slug": call.slug})
    _with_result(call, 3, criteria, member)
    small = _count(client, url)
    _with_result(call, 27, criteria, member)
    page = client.get(url).content.decode()
    assert page.count("Mantida a nota.") == 30
    assert _count(client, url) == small


@pytest.fixture
def other_secretary(user_factory):
    other = CouncilFactory(
        name="Conselho Municipal de Saúde", acronym="CMS", slug="cms"
    )
    person = user_factory(full_name="Secretária do CMS")
    person.groups.add(Group.objects.get(name=COUNCIL_SECRETARY_GROUP))
    other.secretaries.add(person)
    return person


def test_the_named_councils_secretariat_reads_call_and_partnership(
    client, council_secretary, call, partnership
):
    executing(partnership)
    client.force_login(council_secretary)
    calls = client.get(reverse("partnerships_calls:index")).content.decode()
    assert call.number in calls
    manage = client.get(reverse("partnerships_calls:manage", args=[call.pk]))
    assert manage.status_code == 200
    assert 'name="op"' not in manage.content.decode()  # read-only
    listing = client.get(reverse("partnerships_partnerships:index")).content.decode()
    assert partnership.number in listing
    page = client.get(
        reverse("partnerships_partnerships:inspect", args=[partnership.pk])
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert partnership.number in text
    # No step is offered, nor can one be opened or posted.
    assert "/acao/" not in text
    installment = partnership.installments.first()
    action = reverse(
        "partnerships_partnerships:action", args=[installment.pk, "release"]
    )
    assert client.get(action).status_code in (302, 403)
    assert client.post(action, {"released_on": "2026-01-01"}).status_code in (
        302,
        403,
    )
    installment.refresh_from_db()
    assert installment.status == "scheduled"


def test_another_councils_secretariat_sees_neither(
    client, other_secretary, call, partnership
):
    executing(partnership)
    client.force_login(other_secretary)
    calls = client.get(reverse("partnerships_calls:index"))
    assert call.number not in calls.content.decode()
    manage = client.get(reverse("partnerships_calls:manage", args=[call.pk]))
    assert manage.status_code in (302, 403, 404)
    listing = client.get(reverse("partnerships_partnerships:index"))
    assert listing.status_code == 200
    assert partnership.number not in listing.content.decode()
    page = client.get(
        reverse("partnerships_partnerships:inspect", args=[partnership.pk])
    )
    assert page.status_code in (302, 403, 404)


def test_a_partnership_without_council_is_staff_only(client, council_secretary, entity):
    lonely = PartnershipFactory(entity=entity, council=None)
    client.force_login(council_secretary)
    listing = client.get(reverse("partnerships_partnerships:index")).content.decode()
    assert lonely.number not in listing
    page = client.get(reverse("partnerships_partnerships:inspect", args=[lonely.pk]))
    assert page.status_code in (302, 403, 404)
