"""Write use cases of the registry: the workflow table, permissions, notifications,
documents and regularity, representatives, claims and registration."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from civic.notifications.choices import DeliveryStatus
from civic.notifications.models import EmailDelivery, Notification
from civic.territory.models import Regional
from entities import services
from entities.models import (
    Area,
    Claim,
    Document,
    Entity,
    EntityEvent,
    Representative,
)
from entities.models.documents import REQUIREMENTS
from entities.services.profile import CnpjAlreadyRegistered
from tests.factories.entities import (
    MINIMAL_PDF,
    DocumentFactory,
    EntityFactory,
    RepresentativeFactory,
    make_cnpj,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

S = Entity.Status
TZ = ZoneInfo("America/Sao_Paulo")
NOW = dt.datetime(2026, 3, 10, 14, 30, tzinfo=TZ)
ALL_ACTIONS = sorted({action for _status, action in services.TRANSITIONS})
REPRESENTATIVE_ACTIONS = {"submit", "resubmit", "reopen"}
ALLOWED = sorted(services.TRANSITIONS.items())
DISALLOWED = sorted(
    (status, action)
    for status in S.values
    for action in ALL_ACTIONS
    if (status, action) not in services.TRANSITIONS
)


def set_status(entity, status):
    """Put an entity in a status for a test (production code uses the services)."""
    Entity.objects.filter(pk=entity.pk).update(status=status)
    entity.refresh_from_db()
    return entity


def actor_for(action, representative, staff_user):
    return representative if action in REPRESENTATIVE_ACTIONS else staff_user


# The transition table ------------------------------------------------------


@pytest.mark.parametrize(
    ("from_status", "action", "to_status"),
    [(s, a, t) for (s, a), t in ALLOWED],
    ids=[f"{s}-{a}" for (s, a), _t in ALLOWED],
)
def test_allowed_transition(
    submittable_entity, representative, staff_user, from_status, action, to_status
):
    set_status(submittable_entity, from_status)
    actor = actor_for(action, representative, staff_user)

    with time_machine.travel(NOW, tick=False):
        entity = services.entity_transition(
            entity_id=submittable_entity.pk, action=action, actor=actor, note="Motivo."
        )

    entity.refresh_from_db()
    assert entity.status == to_status
    event = EntityEvent.objects.get(entity=entity, action=action)
    assert (event.from_status, event.to_status) == (from_status, to_status)
    assert event.actor == actor
    assert event.note == "Motivo."
    assert event.created_at == NOW


@pytest.mark.parametrize("action", ["submit", "resubmit"])
def test_submission_stamps_submitted_at(submittable_entity, representative, action):
    set_status(
        submittable_entity, S.DRAFT if action == "submit" else S.CHANGES_REQUESTED
    )
    with time_machine.travel(NOW, tick=False):
        services.entity_transition(
            entity_id=submittable_entity.pk, action=action, actor=representative
        )
    submittable_entity.refresh_from_db()
    assert submittable_entity.submitted_at == NOW


def test_approval_stamps_dates_and_renewal_in_twelve_months(
    submittable_entity, staff_user
):
    set_status(submittable_entity, S.SUBMITTED)
    with time_machine.travel(NOW, tick=False):
        services.entity_transition(
            entity_id=submittable_entity.pk, action="approve", actor=staff_user
        )
    submittable_entity.refresh_from_db()
    assert submittable_entity.approved_at == NOW
    assert submittable_entity.data_confirmed_at == NOW
    assert submittable_entity.renewal_due_on == dt.date(2027, 3, 10)
    assert submittable_entity.renewal_due_on == NOW.date() + relativedelta(months=12)


def test_suspension_keeps_reason_and_reinstatement_clears_it(entity, staff_user):
    set_status(entity, S.APPROVED)
    services.entity_transition(
        entity_id=entity.pk,
        action="suspend",
        actor=staff_user,
        note="Denúncia apurada.",
    )
    entity.refresh_from_db()
    assert entity.status == S.SUSPENDED
    assert entity.suspension_reason == "Denúncia apurada."

    services.entity_transition(
        entity_id=entity.pk, action="reinstate", actor=staff_user
    )
    entity.refresh_from_db()
    assert entity.status == S.APPROVED
    assert entity.suspension_reason == ""


@pytest.mark.parametrize(
    ("status", "action"), DISALLOWED, ids=[f"{s}-{a}" for s, a in DISALLOWED]
)
def test_disallowed_transition(
    submittable_entity, representative, staff_user, status, action
):
    set_status(submittable_entity, status)
    actor = actor_for(action, representative, staff_user)

    with pytest.raises(services.InvalidTransition) as raised:
        services.entity_transition(
            entity_id=submittable_entity.pk, action=action, actor=actor, note="Nota."
        )

    assert (raised.value.status, raised.value.action) == (status, action)
    submittable_entity.refresh_from_db()
    assert submittable_entity.status == status
    assert not EntityEvent.objects.filter(
        entity=submittable_entity, action=action
    ).exists()


def test_unknown_action_is_invalid(entity, staff_user):
    with pytest.raises(services.InvalidTransition):
        services.entity_transition(
            entity_id=entity.pk, action="delete", actor=staff_user
        )


def test_available_actions_follow_table_and_role(
    entity, representative, staff_user, citizen
):
    set_status(entity, S.SUBMITTED)
    assert set(services.available_actions(entity, staff_user)) == {
        "approve",
        "request_changes",
        "reject",
    }
    assert services.available_actions(entity, representative) == []
    assert services.available_actions(entity, citizen) == []
    set_status(entity, S.DRAFT)
    assert services.available_actions(entity, representative) == ["submit"]
    assert services.can_transition(entity, "submit", representative)
    assert not services.can_transition(entity, "submit", staff_user)


# Permissions ---------------------------------------------------------------


@pytest.mark.parametrize("role", ["citizen", "representative", "other_representative"])
def test_only_reviewers_approve(request, entity, representative, role):
    set_status(entity, S.SUBMITTED)
    person = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.entity_transition(entity_id=entity.pk, action="approve", actor=person)
    entity.refresh_from_db()
    assert entity.status == S.SUBMITTED
    assert not EntityEvent.objects.filter(entity=entity, action="approve").exists()


def test_inactive_reviewer_cannot_approve(entity, staff_user):
    set_status(entity, S.SUBMITTED)
    staff_user.is_active = False
    staff_user.save()
    with pytest.raises(PermissionDenied):
        services.entity_transition(
            entity_id=entity.pk, action="approve", actor=staff_user
        )


@pytest.mark.parametrize("role", ["staff_user", "citizen", "other_representative"])
def test_only_its_representatives_submit_an_entity(request, submittable_entity, role):
    person = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        services.entity_transition(
            entity_id=submittable_entity.pk, action="submit", actor=person
        )
    submittable_entity.refresh_from_db()
    assert submittable_entity.status == S.DRAFT


@pytest.mark.parametrize("action", sorted(services.NOTE_REQUIRED))
@pytest.mark.parametrize("note", ["", "   \n "])
def test_decisions_that_need_a_reason(entity, staff_user, action, note):
    status = S.APPROVED if action == "suspend" else S.SUBMITTED
    set_status(entity, status)
    with pytest.raises(ValueError, match="note"):
        services.entity_transition(
            entity_id=entity.pk, action=action, actor=staff_user, note=note
        )
    entity.refresh_from_db()
    assert entity.status == status
    assert not EntityEvent.objects.filter(entity=entity, action=action).exists()


def test_submission_incomplete_lists_what_is_missing(entity, representative):
    with pytest.raises(services.SubmissionIncomplete) as raised:
        services.entity_transition(
            entity_id=entity.pk, action="submit", actor=representative
        )

    problems = " ".join(str(p) for p in raised.value.problems)
    assert "regionais ou bairros" in problems
    assert "representante legal" in problems
    for doc_type, requirement in REQUIREMENTS.items():
        label = str(requirement.type.label)
        assert (label in problems) is requirement.needed_to_submit, doc_type
    entity.refresh_from_db()
    assert entity.status == S.DRAFT
    assert services.submission_problems(entity) == raised.value.problems


def test_collective_submits_without_documents(user_factory):
    person = user_factory()
    collective = services.entity_register(
        by=person,
        kind=Entity.Kind.COLLECTIVE,
        name="Coletivo Cultural do Jardim Teresópolis",
        summary="Saraus e oficinas de grafite.",
        email="coletivo@example.org",
        areas=[Area.objects.first()],
        regionais=[Regional.objects.first()],
    )
    services.entity_transition(entity_id=collective.pk, action="submit", actor=person)
    collective.refresh_from_db()
    assert collective.status == S.SUBMITTED
    assert collective.cnpj == ""
    assert collective.regularity == Entity.Regularity.NOT_APPLICABLE


# Notifications -------------------------------------------------------------


@pytest.fixture
def second_representative(user_factory, entity):
    person = user_factory(full_name="Segunda Representante")
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    return person


def test_submission_tells_reviewers_not_the_author(
    submittable_entity,
    representative,
    second_representative,
    staff_user,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.entity_transition(
            entity_id=submittable_entity.pk, action="submit", actor=representative
        )

    told = Notification.objects.filter(kind="entities.review_requested")
    assert set(told.values_list("recipient", flat=True)) == {staff_user.pk}
    # Reviewers get these in their daily digest by default, not one email each.
    delivery = EmailDelivery.objects.get(recipient=staff_user)
    assert delivery.status == DeliveryStatus.WAITING_DIGEST
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.SUBMITTED, "request_changes"),
        (S.RESUBMITTED, "approve"),
        (S.SUBMITTED, "reject"),
        (S.APPROVED, "suspend"),
        (S.SUSPENDED, "reinstate"),
    ],
)
def test_decision_tells_every_representative_by_email(
    entity,
    representative,
    second_representative,
    staff_user,
    superuser,
    status,
    action,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    set_status(entity, status)
    with django_capture_on_commit_callbacks(execute=True):
        services.entity_transition(
            entity_id=entity.pk, action=action, actor=staff_user, note="Veja o parecer."
        )

    told = Notification.objects.filter(kind="entities.registration_decision")
    assert set(told.values_list("recipient", flat=True)) == {
        representative.pk,
        second_representative.pk,
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [representative.email, second_representative.email]
    )
    assert staff_user.email not in {m.to[0] for m in mailoutbox}
    assert entity.display_name in mailoutbox[0].subject


def test_reopening_a_rejected_registration_tells_nobody(
    entity, representative, django_capture_on_commit_callbacks, mailoutbox
):
    set_status(entity, S.REJECTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.entity_transition(
            entity_id=entity.pk, action="reopen", actor=representative
        )
    assert not Notification.objects.exists()
    assert mailoutbox == []


def test_a_rolled_back_transition_tells_nobody(
    entity, staff_user, representative, django_capture_on_commit_callbacks, mailoutbox
):
    set_status(entity, S.SUBMITTED)

    def approve_then_fail():
        with transaction.atomic():
            services.entity_transition(
                entity_id=entity.pk, action="approve", actor=staff_user
            )
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        approve_then_fail()
    entity.refresh_from_db()
    assert entity.status == S.SUBMITTED
    assert mailoutbox == []


# Regularity -----------------------------------------------------------------

TODAY = dt.date(2026, 3, 10)


def documents(*, skip=(), expired=(), superseded=()):
    """In-memory documents, one per requirement, valid unless told otherwise."""
    docs = []
    for doc_type, requirement in REQUIREMENTS.items():
        if doc_type in skip:
            continue
        expires = None
        if requirement.needs_expiry:
            expires = (
                TODAY - dt.timedelta(days=1)
                if doc_type in expired
                else TODAY + dt.timedelta(days=90)
            )
        docs.append(
            Document(
                doc_type=doc_type,
                issued_on=TODAY - dt.timedelta(days=100),
                expires_on=expires,
                superseded_at=timezone.now() if doc_type in superseded else None,
            )
        )
    return docs


def test_regularity_regular_when_everything_is_current(entity):
    assert services.regularity_compute(entity, documents(), TODAY) == "regular"


def test_regularity_missing(entity):
    assert (
        services.regularity_compute(entity, documents(skip={"cndt"}), TODAY)
        == "missing"
    )


def test_regularity_expired(entity):
    result = services.regularity_compute(entity, documents(expired={"crf_fgts"}), TODAY)
    assert result == "expired"


def test_expired_outweighs_missing(entity):
    docs = documents(skip={"estatuto"}, expired={"cndt"})
    assert services.regularity_compute(entity, docs, TODAY) == "expired"


def test_superseded_versions_do_not_count(entity):
    docs = documents(superseded={"cnd_federal"})
    assert services.regularity_compute(entity, docs, TODAY) == "missing"


def test_document_expiring_today_is_still_valid(entity):
    docs = documents()
    for doc in docs:
        if doc.expires_on:
            doc.expires_on = TODAY
    assert services.regularity_compute(entity, docs, TODAY) == "regular"


def test_collectives_have_no_regularity(entity_factory):
    collective = entity_factory(kind=Entity.Kind.COLLECTIVE, cnpj="")
    assert services.regularity_compute(collective, [], TODAY) == "not_applicable"


def test_regularity_refresh_stores_the_result(entity):
    for doc in documents():
        DocumentFactory(
            entity=entity,
            doc_type=doc.doc_type,
            issued_on=doc.issued_on,
            expires_on=doc.expires_on,
        )
    assert services.regularity_refresh(entity, TODAY) == "regular"
    entity.refresh_from_db()
    assert entity.regularity == "regular"
    assert (
        services.regularity_refresh(entity, TODAY + dt.timedelta(days=91)) == "expired"
    )
    entity.refresh_from_db()
    assert entity.regularity == "expired"


def test_checklist_states_and_issuers(entity):
    docs = documents(skip={"cndt"}, expired={"crf_fgts"})
    for doc in docs:
        if doc.doc_type == "cnd_federal":
            doc.expires_on = TODAY + dt.timedelta(days=5)
    items = {
        i.requirement.type.value: i
        for i in services.requirements_checklist(entity, docs, TODAY)
    }
    assert items["cndt"].state == "missing"
    assert items["crf_fgts"].state == "expired"
    assert items["cnd_federal"].state == "expiring"
    assert items["cnd_federal"].days_left == 5
    assert items["estatuto"].state == "ok"
    assert items["cndt"].requirement.issuer_url.startswith("https://")


# Documents -----------------------------------------------------------------


def upload(entity, by, *, doc_type="cnd_federal", file=None, issued=None, expires=None):
    issued = issued or timezone.localdate() - dt.timedelta(days=2)
    if expires is None and REQUIREMENTS[doc_type].needs_expiry:
        expires = issued + dt.timedelta(days=180)
    return services.document_upload(
        entity=entity,
        doc_type=doc_type,
        file=file or pdf_upload("certidao.pdf"),
        issued_on=issued,
        expires_on=expires,
        by=by,
    )


def test_new_version_supersedes_and_keeps_the_old_one(entity, representative):
    first = upload(entity, representative)
    second = upload(entity, representative, file=pdf_upload("certidao-nova.pdf"))

    first.refresh_from_db()
    assert first.superseded_at is not None
    assert second.superseded_at is None
    assert list(entity.documents.current().filter(doc_type="cnd_federal")) == [second]
    assert entity.documents.filter(doc_type="cnd_federal").count() == 2
    # The old file is still stored (earlier versions are kept).
    assert first.file.storage.exists(first.file.name)
    assert first.file.name != second.file.name
    assert second.original_name == "certidao-nova.pdf"
    assert second.content_type == "application/pdf"
    assert second.size == len(MINIMAL_PDF)
    assert len(second.sha256) == 64
    assert second.uploaded_by == representative


def test_stored_file_name_is_generated_not_the_uploaded_one(entity, representative):
    document = upload(entity, representative, file=pdf_upload("../../etc/passwd.pdf"))
    assert "passwd" not in document.file.name
    assert document.file.name.startswith(f"entities/{entity.pk}/")


def test_only_one_current_document_per_type(entity):
    DocumentFactory(entity=entity, doc_type="estatuto")
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(entity=entity, doc_type="estatuto")


def test_uploading_refreshes_regularity(entity, representative):
    assert entity.regularity == "missing"
    for doc_type in REQUIREMENTS:
        upload(entity, representative, doc_type=doc_type)
    entity.refresh_from_db()
    assert entity.regularity == "regular"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        (
            "programa.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
            "invalid_file_type",
        ),
        ("texto.pdf", b"isto nao e um pdf, so texto", "invalid_file_type"),
        ("imagem.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "extension_mismatch"),
        ("truncado.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "invalid_pdf"),
    ],
)
def test_upload_checks_the_content(entity, representative, name, content, code):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError) as raised:
        upload(entity, representative, file=file)
    assert raised.value.code == code
    assert not entity.documents.exists()


def test_upload_refuses_too_large(entity, representative, settings):
    settings.ENTITIES_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as raised:
        upload(entity, representative)
    assert raised.value.code == "file_too_large"


def test_upload_refuses_expiry_before_issue(entity, representative):
    with pytest.raises(ValueError, match="expires_on"):
        upload(
            entity, representative, issued=TODAY, expires=TODAY - dt.timedelta(days=1)
        )


@pytest.mark.parametrize("role", ["citizen", "other_representative", "staff_user"])
def test_only_representatives_upload(request, entity, representative, role):
    with pytest.raises(PermissionDenied):
        upload(entity, request.getfixturevalue(role))


def test_no_upload_while_under_review(entity, representative):
    set_status(entity, S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        upload(entity, representative)


# Claims -----------------------------------------------------------------------


@pytest.fixture
def imported_entity():
    """An entity from the Mapa das OSCs import: nobody represents it."""
    entity = EntityFactory()
    Entity.objects.filter(pk=entity.pk).update(source=Entity.Source.IMPORT)
    entity.refresh_from_db()
    return entity


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
    assert raised.value.code == "note_required"
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


# Registration -----------------------------------------------------------------


def test_register_makes_a_draft_with_its_author_as_primary(user_factory):
    person = user_factory()
    entity = services.entity_register(
        by=person,
        kind=Entity.Kind.OSC,
        cnpj=make_cnpj(77, alphanumeric=True),
        name="Instituto Exemplo de Betim",
        trade_name="Instituto Exemplo",
        email="contato@instituto.example.org",
        areas=[Area.objects.first()],
    )
    assert entity.status == S.DRAFT
    assert entity.source == Entity.Source.SELF
    assert entity.slug == "instituto-exemplo"
    assert entity.regularity == "missing"
    assert Representative.objects.get(entity=entity).user == person
    assert Representative.objects.get(entity=entity).is_primary
    assert EntityEvent.objects.get(entity=entity).action == "create"
    assert entity.areas.count() == 1


def test_register_duplicate_cnpj(entity, user_factory):
    with pytest.raises(CnpjAlreadyRegistered) as raised:
        services.entity_register(
            by=user_factory(), kind=Entity.Kind.OSC, cnpj=entity.cnpj, name="Outra"
        )
    assert raised.value.entity == entity
    assert Entity.objects.filter(cnpj=entity.cnpj).count() == 1


def test_register_gives_unique_slugs(user_factory):
    a = services.entity_register(
        by=user_factory(), kind="collective", name="Coletivo Raiz"
    )
    b = services.entity_register(
        by=user_factory(), kind="collective", name="Coletivo Raiz"
    )
    assert a.slug == "coletivo-raiz"
    assert b.slug == "coletivo-raiz-2"


def test_confirm_data_renews_for_twelve_months(entity, representative):
    set_status(entity, S.APPROVED)
    with time_machine.travel(NOW, tick=False):
        services.entity_confirm_data(entity=entity, by=representative)
    assert entity.renewal_due_on == dt.date(2027, 3, 10)
    assert entity.data_confirmed_at == NOW
    assert EntityEvent.objects.filter(entity=entity, action="confirm_data").count() == 1


def test_update_cannot_touch_lifecycle_fields(entity, representative):
    with pytest.raises(ValueError, match="status"):
        services.entity_update(
            entity=entity, by=representative, fields={"status": "approved"}
        )
    entity.refresh_from_db()
    assert entity.status == S.DRAFT


# Concurrency (PostgreSQL) ---------------------------------------------------

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks and concurrent unique checks need PostgreSQL; SQLite serialises writes.",
)


def run_together(*callables):
    """Run callables in threads released at the same moment; return results or errors."""
    barrier = threading.Barrier(len(callables))
    results = [None] * len(callables)

    def runner(index, fn):
        from django.db import connections

        try:
            barrier.wait()
            results[index] = fn()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=runner, args=(i, fn)) for i, fn in enumerate(callables)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_registration_of_one_cnpj(user_factory):
    people = [user_factory(), user_factory()]
    cnpj = make_cnpj(4242)

    def register(person):
        return lambda: services.entity_register(
            by=person, kind=Entity.Kind.OSC, cnpj=cnpj, name=f"Entidade de {person.pk}"
        )

    results = run_together(*(register(p) for p in people))

    assert Entity.objects.filter(cnpj=cnpj).count() == 1
    created = [r for r in results if isinstance(r, Entity)]
    refused = [r for r in results if isinstance(r, CnpjAlreadyRegistered)]
    assert len(created) == 1, results
    assert len(refused) == 1, results
    assert refused[0].entity.pk == created[0].pk


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_approvals(user_factory):
    from django.contrib.auth.models import Group

    reviewers = []
    for _ in range(2):
        person = user_factory()
        person.groups.add(Group.objects.get(name="Equipe SRSC"))
        reviewers.append(person)
    entity = EntityFactory()
    set_status(entity, S.SUBMITTED)

    def approve(person):
        return lambda: services.entity_transition(
            entity_id=entity.pk, action="approve", actor=person
        )

    results = run_together(*(approve(p) for p in reviewers))

    assert sum(isinstance(r, Entity) for r in results) == 1, results
    assert sum(isinstance(r, services.InvalidTransition) for r in results) == 1, results
    assert EntityEvent.objects.filter(entity=entity, action="approve").count() == 1
    entity.refresh_from_db()
    assert entity.status == S.APPROVED
