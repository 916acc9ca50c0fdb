"""PMIS (protocols, decisions, page) and the exceptions to chamamento, and
the entity dashboard's proposals block."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from entities.partnerships.models import InterestManifestation, Partnership
from entities.partnerships.services import exceptions, pmis
from tests.factories.partnerships import ProposalFactory, a_body

pytestmark = pytest.mark.django_db


def submit(user, **extra):
    return pmis.manifestation_submit(
        by=user,
        title="Hortas comunitárias",
        public_interest="Segurança alimentar.",
        diagnosis="Custos e prazos.",
        **extra,
    )


def test_protocols_are_sequential_per_year(citizen, representative, entity):
    now = dt.datetime(2026, 5, 1, 12, tzinfo=dt.UTC)
    first = pmis.manifestation_submit(
        by=citizen, title="a", public_interest="b", diagnosis="c", now=now
    )
    second = submit(representative, entity=entity, now=now)
    assert (first.protocol, second.protocol) == ("PMIS-2026-00001", "PMIS-2026-00002")
    assert second.entity == entity


def test_entity_must_be_represented(citizen, entity):
    with pytest.raises(PermissionDenied):
        submit(citizen, entity=entity)


def test_staff_publish_and_archive(citizen, staff_user):
    manifestation = submit(citizen)
    with pytest.raises(PermissionDenied):
        pmis.manifestation_decide(
            manifestation=manifestation, by=citizen, action="publish"
        )
    with pytest.raises(ValidationError):
        pmis.manifestation_decide(
            manifestation=manifestation, by=staff_user, action="archive"
        )
    pmis.manifestation_decide(
        manifestation=manifestation, by=staff_user, action="publish"
    )
    manifestation.refresh_from_db()
    assert manifestation.status == InterestManifestation.Status.PUBLISHED


def test_open_call_links_the_draft(citizen, staff_user, call):
    manifestation = submit(citizen)
    pmis.manifestation_open_call(manifestation=manifestation, call=call, by=staff_user)
    call.refresh_from_db()
    assert call.pmis == manifestation


def test_pmis_form_page(client, citizen):
    client.force_login(citizen)
    response = client.post(
        reverse("partnerships:pmis_new"),
        {"title": "Ideia", "public_interest": "x", "diagnosis": "y", "entity": ""},
    )
    assert response.status_code == 302
    assert InterestManifestation.objects.get().protocol.startswith("PMIS-")
    bad = client.post(reverse("partnerships:pmis_new"), {"title": "", "entity": "99"})
    assert bad.status_code == 200


# -- exceptions ---------------------------------------------------------------


def register(staff, **fields):
    defaults = {
        "by": staff,
        "origin": Partnership.Origin.WAIVER,
        "number": "TF 100/2026",
        "instrument": "fomento",
        "body": a_body(),
        "object": "Acolhimento emergencial.",
        "total_value": Decimal("50000.00"),
        "justification": "Calamidade (art. 30, II).",
        "now": dt.datetime(2026, 5, 4, 12, tzinfo=dt.UTC),
    }
    return exceptions.register_exception(**{**defaults, **fields})


def test_dispensa_opens_the_impugnation_window(staff_user, entity, settings):
    settings.PARTNERSHIPS_IMPUGNATION_DAYS = 5
    partnership = register(staff_user, entity=entity)
    assert partnership.status == Partnership.Status.PLANNING
    assert partnership.exception_published_on == dt.date(2026, 5, 4)
    assert exceptions.impugnation_ends_on(partnership) == dt.date(2026, 5, 9)


@pytest.mark.parametrize(
    ("origin", "field"),
    [
        ("dispensa", "exception_justification"),
        ("inexigibilidade", "exception_justification"),
        ("emenda", "amendment_reference"),
    ],
)
def test_exception_requires_its_reason(staff_user, entity, origin, field):
    with pytest.raises(ValidationError) as refused:
        register(staff_user, entity=entity, origin=origin, justification="")
    assert field in refused.value.message_dict


def test_amendment_records_its_reference(staff_user, entity):
    partnership = register(
        staff_user,
        entity=entity,
        origin="emenda",
        justification="",
        amendment_reference="Emenda 12/2026, Vereadora X",
    )
    assert partnership.amendment_reference.startswith("Emenda 12")
    assert exceptions.impugnation_ends_on(partnership) is None


def test_only_staff_register_exceptions(citizen, entity):
    with pytest.raises(PermissionDenied):
        register(citizen, entity=entity)


# -- dashboard --------------------------------------------------------------------


def test_dashboard_lists_the_entity_proposals(client, representative, entity, call):
    ProposalFactory(call=call, entity=entity)
    client.force_login(representative)
    page = client.get(reverse("entities:manage", args=[entity.pk])).content.decode()
    assert "Propostas em chamamentos públicos" in page
    assert call.number in page
