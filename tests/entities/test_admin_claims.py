"""Claims in the admin: the queue, the page with the proof, the decision
(entities/admin/claims.py)."""

import pytest
from django.urls import reverse

from entities import services
from entities.models import Claim, Representative
from tests.entities.support import inspect_url, listed_names
from tests.factories.entities import (
    MINIMAL_PDF,
    EntityFactory,
    RepresentativeFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


# Claims ----------------------------------------------------------------------------


def test_claims_queue_lists_pending_first(
    staff_client, pending_claim, user_factory, staff_user
):
    decided_entity = EntityFactory(name="Entidade Já Decidida")
    decided = services.claim_submit(
        entity=decided_entity, by=user_factory(), proof_kind="ata", proof=pdf_upload()
    )
    services.claim_decide(
        claim_id=decided.pk, approve=False, by=staff_user, note="Não."
    )
    response = staff_client.get(reverse("entities_claims:index"))
    assert response.status_code == 200
    assert listed_names(
        response, ["Sociedade Beneficente Importada", "Entidade Já Decidida"]
    ) == ["Sociedade Beneficente Importada", "Entidade Já Decidida"]
    response = staff_client.get(reverse("entities_claims:index"), {"status": "refused"})
    assert listed_names(
        response, ["Sociedade Beneficente Importada", "Entidade Já Decidida"]
    ) == ["Entidade Já Decidida"]


def test_claim_page_shows_the_proof_in_place(staff_client, pending_claim, citizen):
    url = reverse("entities_claims:inspect", args=[pending_claim.pk])
    content = staff_client.get(url).content.decode()
    proof_url = reverse("entities_claims:proof", args=[pending_claim.pk])
    assert f'src="{proof_url}?inline=1"' in content
    assert citizen.email in content
    assert "Fui eleita presidente em 2025." in content
    assert inspect_url(pending_claim.entity) in content

    response = staff_client.get(proof_url + "?inline=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_approve_claim(staff_client, pending_claim, citizen):
    url = reverse("entities_claims:inspect", args=[pending_claim.pk])
    response = staff_client.post(url, {"decision": "approve"}, follow=True)
    assert response.status_code == 200
    pending_claim.refresh_from_db()
    assert pending_claim.status == Claim.Status.APPROVED
    membership = Representative.objects.get(entity=pending_claim.entity)
    assert (membership.user, membership.is_primary) == (citizen, True)
    assert "agora é responsável" in response.content.decode()


def test_refusing_a_claim_needs_a_reason(staff_client, pending_claim):
    url = reverse("entities_claims:inspect", args=[pending_claim.pk])
    response = staff_client.post(url, {"decision": "refuse", "note": " "})
    assert response.status_code == 200
    assert "Explique à pessoa o motivo da recusa." in response.content.decode()
    pending_claim.refresh_from_db()
    assert pending_claim.status == Claim.Status.PENDING

    staff_client.post(url, {"decision": "refuse", "note": "A ata não cita a pessoa."})
    pending_claim.refresh_from_db()
    assert pending_claim.status == Claim.Status.REFUSED
    assert pending_claim.decision_note == "A ata não cita a pessoa."


def test_claim_decided_twice_is_an_error(staff_client, pending_claim):
    url = reverse("entities_claims:inspect", args=[pending_claim.pk])
    staff_client.post(url, {"decision": "approve"})
    response = staff_client.post(url, {"decision": "refuse", "note": "x"}, follow=True)
    assert response.status_code == 200
    assert "já foi decidido" in response.content.decode()
    pending_claim.refresh_from_db()
    assert pending_claim.status == Claim.Status.APPROVED


def test_claim_on_an_entity_someone_already_represents(
    staff_client, pending_claim, user_factory
):
    RepresentativeFactory(entity=pending_claim.entity, user=user_factory())
    url = reverse("entities_claims:inspect", args=[pending_claim.pk])
    response = staff_client.post(url, {"decision": "approve"}, follow=True)
    assert "já tem representantes" in response.content.decode()
    pending_claim.refresh_from_db()
    assert pending_claim.status == Claim.Status.PENDING
