"""Claims on an entity nobody represents (entities/services/claims.py)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civic.notifications.models import Notification
from entities import services
from entities.models import (
    Claim,
    EntityEvent,
    Representative,
)
from tests.factories.entities import pdf_upload

pytestmark = pytest.mark.django_db


# Claims -----------------------------------------------------------------------


def claim(entity, person, proof_kind="ata"):
    return services.claim_submit(
        entity=entity,
        by=person,
        proof_kind=proof_kind,
        proof=pdf_upload("ata.pdf"),
        message="Sou a presidente.",
    )


def test_claim_submit_tells_reviewers(
    imported_entity, citizen, staff_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted = claim(imported_entity, citizen)
    assert submitted.status == Claim.Status.PENDING
    assert submitted.proof_content_type == "application/pdf"
    assert submitted.proof.storage.exists(submitted.proof.name)
    told = Notification.objects.get(kind="entities.review_requested")
    assert told.recipient == staff_user
    assert told.url == f"/admin/entidades/reivindicacoes/{submitted.pk}/"


def test_claim_only_while_unrepresented(entity, representative, citizen):
    with pytest.raises(PermissionDenied):
        claim(entity, citizen)


def test_second_pending_claim_by_the_same_person_is_refused(imported_entity, citizen):
    claim(imported_entity, citizen)
    with pytest.raises(ValidationError) as raised:
        claim(imported_entity, citizen)
    assert raised.value.code == "duplicate"


def test_claim_proof_is_checked(imported_entity, citizen):
    fake = SimpleUploadedFile(
        "ata.pdf", b"MZ executable", content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        services.claim_submit(
            entity=imported_entity, by=citizen, proof_kind="ata", proof=fake
        )
    assert not Claim.objects.exists()


def test_approving_a_claim(
    imported_entity,
    citizen,
    user_factory,
    staff_user,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    rival = user_factory(full_name="Outra Pessoa")
    mine = claim(imported_entity, citizen)
    theirs = claim(imported_entity, rival, proof_kind="procuracao")

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_decide(claim_id=mine.pk, approve=True, by=staff_user)

    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Claim.Status.APPROVED
    assert mine.decided_by == staff_user
    assert theirs.status == Claim.Status.REFUSED
    assert theirs.decision_note
    membership = Representative.objects.get(entity=imported_entity)
    assert (membership.user, membership.is_primary) == (citizen, True)
    event = EntityEvent.objects.get(entity=imported_entity, action="claim_approved")
    assert event.actor == staff_user
    assert sorted(m.to[0] for m in mailoutbox) == sorted([citizen.email, rival.email])
    # A fresh copy of the account, as the claimant's next request would load.
    claimant = type(citizen).objects.get(pk=citizen.pk)
    assert claimant.has_perm("entities.change_entity", imported_entity)


def test_refusing_a_claim_needs_a_reason(imported_entity, citizen, staff_user):
    pending = claim(imported_entity, citizen)
    with pytest.raises(ValidationError) as raised:
        services.claim_decide(
            claim_id=pending.pk, approve=False, by=staff_user, note="  "
        )
    assert raised.value.error_dict["note"][0].code == "note_required"
    pending.refresh_from_db()
    assert pending.status == Claim.Status.PENDING

    services.claim_decide(
        claim_id=pending.pk,
        approve=False,
        by=staff_user,
        note="A ata não cita a pessoa.",
    )
    pending.refresh_from_db()
    assert pending.status == Claim.Status.REFUSED
    assert pending.decision_note == "A ata não cita a pessoa."
    assert not Representative.objects.filter(entity=imported_entity).exists()


def test_a_decided_claim_cannot_be_decided_again(imported_entity, citizen, staff_user):
    pending = claim(imported_entity, citizen)
    services.claim_decide(claim_id=pending.pk, approve=True, by=staff_user)
    with pytest.raises(ValidationError) as raised:
        services.claim_decide(
            claim_id=pending.pk, approve=False, by=staff_user, note="x"
        )
    assert raised.value.code == "decided"


@pytest.mark.parametrize("role", ["citizen", "other_representative"])
def test_only_reviewers_decide_claims(request, imported_entity, user_factory, role):
    pending = claim(imported_entity, user_factory())
    with pytest.raises(PermissionDenied):
        services.claim_decide(
            claim_id=pending.pk, approve=True, by=request.getfixturevalue(role)
        )
