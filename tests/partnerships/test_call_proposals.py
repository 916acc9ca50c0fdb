"""Proposals on the entity side: services and pages, with their refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from entities.models import Entity
from entities.partnerships.models import Call, Proposal, Sanction
from entities.partnerships.services import proposals
from tests.factories.entities import pdf_upload

from .call_setup import published

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_call(call, staff_user):
    """A call published now, open for 40 days."""
    published(call, staff_user)
    Call.objects.filter(pk=call.pk).update(
        published_at=timezone.now(),
        proposals_end_at=timezone.now() + dt.timedelta(days=40),
    )
    call.refresh_from_db()
    return call


def draft(call, entity, by, **extra):
    return proposals.proposal_save(
        call=call,
        entity=entity,
        by=by,
        summary="Atendimento no contraturno.",
        requested_value=Decimal("1000.00"),
        plan_draft="Metas e atividades.",
        **extra,
    )


def test_representative_writes_attaches_and_submits(open_call, entity, representative):
    proposal = draft(open_call, entity, representative)
    proposals.proposal_document_add(
        proposal=proposal, by=representative, title="Plano", file=pdf_upload()
    )
    proposal = proposals.proposal_submit(proposal=proposal, by=representative)
    assert proposal.status == Proposal.Status.SUBMITTED
    assert proposal.submitted_at is not None
    with pytest.raises(ValidationError, match="já foi enviada"):
        draft(open_call, entity, representative)


def test_submit_needs_a_document_and_plan(open_call, entity, representative):
    proposal = draft(open_call, entity, representative)
    with pytest.raises(ValidationError) as refused:
        proposals.proposal_submit(proposal=proposal, by=representative)
    assert "file" in refused.value.message_dict


def test_another_entity_representative_is_refused(
    open_call, entity, other_representative
):
    with pytest.raises(PermissionDenied):
        draft(open_call, entity, other_representative)


def test_not_approved_entity_is_refused_with_the_reason(
    open_call, entity, representative
):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUSPENDED)
    entity.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        draft(open_call, entity, representative)
    assert "não está aprovado" in refused.value.messages[0]


@pytest.mark.parametrize("kind", ["suspensao", "inidoneidade"])
def test_sanctioned_entity_is_refused_with_the_reason(
    open_call, entity, representative, kind
):
    today = timezone.localdate()
    Sanction.objects.create(
        entity=entity,
        kind=kind,
        status=Sanction.Status.APPLIED,
        grounds="Contas irregulares.",
        defence_due_on=today,
        starts_on=today - dt.timedelta(days=1),
        ends_on=today + dt.timedelta(days=300) if kind == "suspensao" else None,
    )
    with pytest.raises(ValidationError) as refused:
        draft(open_call, entity, representative)
    assert "art. 73" in refused.value.messages[0]


def test_after_the_deadline_is_refused(open_call, entity, representative):
    proposal = draft(open_call, entity, representative)
    late = open_call.proposals_end_at + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="prazo para propostas"):
        proposals.proposal_submit(proposal=proposal, by=representative, now=late)


def test_forged_upload_is_refused(open_call, entity, representative):
    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal = draft(open_call, entity, representative)
    fake = SimpleUploadedFile("plano.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    with pytest.raises(ValidationError) as refused:
        proposals.proposal_document_add(
            proposal=proposal, by=representative, title="Plano", file=fake
        )
    assert "file" in refused.value.message_dict


# -- the page ------------------------------------------------------------------


def url(call):
    return reverse("partnerships:proposal", kwargs={"slug": call.slug})


def test_page_flow(client, open_call, entity, representative):
    client.force_login(representative)
    assert client.get(url(open_call)).status_code == 200
    response = client.post(
        url(open_call),
        {
            "entidade": entity.pk,
            "action": "save",
            "summary": "Resumo",
            "requested_value": "1.500,00",
            "plan_draft": "Plano",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(call=open_call, entity=entity)
    assert proposal.requested_value == Decimal("1500.00")
    client.post(
        url(open_call),
        {
            "entidade": entity.pk,
            "action": "upload",
            "title": "Plano",
            "file": pdf_upload(),
        },
    )
    client.post(url(open_call), {"entidade": entity.pk, "action": "submit"})
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    page = client.get(url(open_call))
    assert "Enviada em" in page.content.decode()


def test_page_keeps_input_and_shows_refusal(client, open_call, entity, representative):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUSPENDED)
    client.force_login(representative)
    response = client.post(
        url(open_call),
        {
            "entidade": entity.pk,
            "action": "save",
            "summary": "Meu texto",
            "plan_draft": "",
        },
    )
    assert response.status_code == 200
    assert "não está aprovado" in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "value", ["\x00", "9" * 30, "-5", "x" * 100_001, "1e400", "NaN"]
)
def test_hostile_input_is_not_a_500(client, open_call, entity, representative, value):
    client.force_login(representative)
    for data in (
        {"entidade": value, "action": "save", "summary": value},
        {"entidade": entity.pk, "action": value},
        {
            "entidade": entity.pk,
            "action": "save",
            "summary": "ok",
            "requested_value": value,
        },
        {"entidade": entity.pk, "action": "remove", "document": value},
    ):
        response = client.post(url(open_call), data)
        assert response.status_code in (200, 302, 403, 404)


def test_draft_call_is_404(client, call, representative):
    client.force_login(representative)
    assert client.get(url(call)).status_code == 404
