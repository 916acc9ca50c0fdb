"""The review workflow of a registration (entities/services/workflow.py): the
transition table, who may take each step, its guards, and who is told."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from civic.notifications.choices import DeliveryStatus
from civic.notifications.models import EmailDelivery, Notification
from civic.territory.models import Regional
from civic.workflow import InvalidTransition
from entities import services
from entities.models import (
    Area,
    Entity,
    EntityEvent,
)
from entities.models.documents import REQUIREMENTS
from entities.services.workflow import entity_workflow
from tests.entities.concurrency import needs_postgresql, run_together
from tests.entities.support import set_status
from tests.factories.entities import EntityFactory

pytestmark = pytest.mark.django_db

S = Entity.Status
TZ = ZoneInfo("America/Sao_Paulo")
NOW = dt.datetime(2026, 3, 10, 14, 30, tzinfo=TZ)
ALL_ACTIONS = sorted({action for _status, action in entity_workflow.transitions})
REPRESENTATIVE_ACTIONS = {"submit", "resubmit", "reopen"}
ALLOWED = sorted(entity_workflow.transitions.items())
DISALLOWED = sorted(
    (status, action)
    for status in S.values
    for action in ALL_ACTIONS
    if (status, action) not in entity_workflow.transitions
)


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


@pytest.mark.parametrize(
    ("from_status", "action", "to_status"),
    [(s, a, t) for (s, a), t in ALLOWED],
    ids=[f"{s}-{a}" for (s, a), _t in ALLOWED],
)
def test_only_steps_into_or_out_of_the_directory_clear_the_page_cache(
    submittable_entity,
    representative,
    staff_user,
    monkeypatch,
    django_capture_on_commit_callbacks,
    from_status,
    action,
    to_status,
):
    cleared = []
    monkeypatch.setattr(
        "entities.services.workflow.invalidate_public_pages",
        lambda: cleared.append(action),
    )
    set_status(submittable_entity, from_status)
    actor = actor_for(action, representative, staff_user)

    with django_capture_on_commit_callbacks(execute=True):
        services.entity_transition(
            entity_id=submittable_entity.pk, action=action, actor=actor, note="Motivo."
        )

    listing_changes = (from_status == S.APPROVED) != (to_status == S.APPROVED)
    assert cleared == ([action] if listing_changes else [])


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

    with pytest.raises(InvalidTransition) as raised:
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
    with pytest.raises(InvalidTransition):
        services.entity_transition(
            entity_id=entity.pk, action="delete", actor=staff_user
        )


def test_available_actions_follow_table_and_role(
    entity, representative, staff_user, citizen
):
    set_status(entity, S.SUBMITTED)
    assert set(entity_workflow.available_actions(entity, staff_user)) == {
        "approve",
        "request_changes",
        "reject",
    }
    assert entity_workflow.available_actions(entity, representative) == []
    assert entity_workflow.available_actions(entity, citizen) == []
    set_status(entity, S.DRAFT)
    assert entity_workflow.available_actions(entity, representative) == ["submit"]
    assert entity_workflow.can(entity, "submit", representative)
    assert not entity_workflow.can(entity, "submit", staff_user)


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


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.SUBMITTED, "approve"),
        (S.SUBMITTED, "request_changes"),
        (S.SUBMITTED, "reject"),
        (S.APPROVED, "suspend"),
        (S.SUSPENDED, "reinstate"),
    ],
)
@pytest.mark.parametrize("reviewer", ["staff_user", "superuser"])
def test_a_reviewer_who_represents_the_entity_cannot_decide_on_it(
    request, entity, status, action, reviewer
):
    """Lei 9.784/1999 art. 18 I: whoever has an interest in the matter is impeded."""
    from tests.factories.entities import RepresentativeFactory

    person = request.getfixturevalue(reviewer)
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    set_status(entity, status)
    assert action not in entity_workflow.available_actions(entity, person)
    with pytest.raises(PermissionDenied):
        services.entity_transition(
            entity_id=entity.pk, action=action, actor=person, note="Conflito."
        )
    entity.refresh_from_db()
    assert entity.status == status


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


@pytest.mark.parametrize("action", sorted(entity_workflow.note_required))
@pytest.mark.parametrize("note", ["", "   \n "])
def test_decisions_that_need_a_reason(entity, staff_user, action, note):
    status = S.APPROVED if action == "suspend" else S.SUBMITTED
    set_status(entity, status)
    with pytest.raises(ValidationError) as raised:
        services.entity_transition(
            entity_id=entity.pk, action=action, actor=staff_user, note=note
        )
    assert raised.value.message_dict == {
        "note": ["Escreva a justificativa desta decisão."]
    }
    entity.refresh_from_db()
    assert entity.status == status
    assert not EntityEvent.objects.filter(entity=entity, action=action).exists()


def test_submission_incomplete_lists_what_is_missing(entity, representative):
    with pytest.raises(services.SubmissionIncomplete) as raised:
        services.entity_transition(
            entity_id=entity.pk, action="submit", actor=representative
        )

    # A ValidationError, so views show it like any other refusal.
    assert isinstance(raised.value, ValidationError)
    assert raised.value.messages[0] == "Antes de enviar, resolva o que falta:"
    assert raised.value.messages[1:] == raised.value.problems
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
    assert sum(isinstance(r, InvalidTransition) for r in results) == 1, results
    assert EntityEvent.objects.filter(entity=entity, action="approve").count() == 1
    entity.refresh_from_db()
    assert entity.status == S.APPROVED
