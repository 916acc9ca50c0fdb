"""The entity timeline: every source, newest first, who sees what, and a
constant number of queries with 10 and 1,000 items."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.dialogue.models import Contact
from civic.dialogue.selectors.timeline import entity_timeline
from tests.factories.councils import approved_entity
from tests.factories.dialogue import open_demand

from .timeline_data import history

pytestmark = pytest.mark.django_db


def kinds(page):
    return {item.kind for item in page.object_list}


def test_every_source_newest_first(entity, representative, staff_user):
    history(entity, by=representative, total=10)
    page = entity_timeline(entity, staff_user)
    assert page.paginator.count == 10
    assert kinds(page) == {
        "contact",
        "demand",
        "event",
        "mandate",
        "proposal",
        "partnership",
        "partnership_log",
    }
    moments = [item.at for item in page.object_list]
    assert moments == sorted(moments, reverse=True)
    assert all(isinstance(moment, dt.datetime) for moment in moments)


def test_paginated(entity, representative, staff_user):
    history(entity, by=representative, total=120)
    first = entity_timeline(entity, staff_user, per_page=50)
    last = entity_timeline(entity, staff_user, page=3, per_page=50)
    assert first.paginator.num_pages == 3
    assert len(first.object_list) == 50
    assert len(last.object_list) == 20
    assert first.object_list[-1].at >= last.object_list[0].at


def count_queries(function):
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context.captured_queries)


@pytest.mark.parametrize("as_entity", [False, True])
def test_constant_queries_10_vs_1000(representative, staff_user, as_entity):
    small, large = approved_entity(name="Pequena"), approved_entity(name="Grande")
    history(small, by=representative, total=10)
    history(large, by=representative, total=1000)
    assert entity_timeline(large, staff_user).paginator.count == 1000

    def run(entity):
        return lambda: list(
            entity_timeline(entity, staff_user, as_entity=as_entity).object_list
        )

    assert count_queries(run(small)) == count_queries(run(large)) <= 12


def test_admin_page_constant_queries(client, representative, staff_user):
    small, large = approved_entity(name="Pequena"), approved_entity(name="Grande")
    history(small, by=representative, total=10)
    history(large, by=representative, total=1000)
    client.force_login(staff_user)
    client.get(reverse("dialogue_timeline", args=[small.pk]))  # warm caches

    def page(entity):
        return lambda: client.get(reverse("dialogue_timeline", args=[entity.pk]))

    assert count_queries(page(small)) == count_queries(page(large))


def test_representatives_see_their_demands_and_shared_oficios(
    entity, representative, citizen, staff_user
):
    history(entity, by=representative, total=10)
    shared = Contact.objects.create(
        entity=entity,
        kind=Contact.Kind.OFICIO_SENT,
        date=timezone.localdate(),
        subject="Convite para a conferência",
        oficio_number="12/2026",
        internal="SEGREDO-INTERNO",
        shared_with_entity=True,
    )
    # A denúncia about the entity, not made on its behalf.
    open_demand(citizen, concerns=entity, subject="Denúncia sobre a entidade")
    page = entity_timeline(entity, representative, as_entity=True)
    assert kinds(page) == {"contact", "demand"}
    assert [i.obj for i in page.object_list if i.kind == "contact"] == [shared]
    subjects = {i.obj.subject for i in page.object_list if i.kind == "demand"}
    assert subjects == {"Poda de árvore na praça"}
    # The team sees the denúncia too.
    staff_page = entity_timeline(entity, staff_user)
    assert "Denúncia sobre a entidade" in {
        i.obj.subject for i in staff_page.object_list if i.kind == "demand"
    }


def test_internal_notes_never_on_the_representatives_page(
    client, entity, representative
):
    Contact.objects.create(
        entity=entity,
        kind=Contact.Kind.OFICIO_SENT,
        date=timezone.localdate(),
        subject="Ofício compartilhado",
        internal="SEGREDO-INTERNO",
        shared_with_entity=True,
    )
    Contact.objects.create(
        entity=entity,
        kind=Contact.Kind.MEETING,
        date=timezone.localdate(),
        subject="Reunião reservada",
        notes="PAUTA-RESERVADA",
    )
    client.force_login(representative)
    response = client.get(reverse("dialogue:relationship", args=[entity.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ofício compartilhado" in body
    assert "SEGREDO-INTERNO" not in body
    assert "Reunião reservada" not in body
    assert "PAUTA-RESERVADA" not in body
    dashboard = client.get(reverse("entities:manage", args=[entity.pk]))
    assert (
        reverse("dialogue:relationship", args=[entity.pk]) in dashboard.content.decode()
    )
