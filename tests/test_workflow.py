"""The shared state-machine engine (civic/workflow.py), driven through a small
workflow over the registry's models so every path hits a real table."""

import threading

import pytest
from django import forms
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civic.workflow import (
    NOTE_MAX_LENGTH,
    InvalidTransition,
    Workflow,
    refuse_duplicate,
    report_workflow_error,
)
from entities.models import Entity, EntityEvent
from tests.factories.entities import EntityFactory, RepresentativeFactory

S = Entity.Status


class ToyWorkflow(Workflow):
    """Submit, reject with a reason, reopen (also by the clock)."""

    model = Entity
    log_model = EntityEvent
    transitions = {
        (S.DRAFT, "submit"): S.SUBMITTED,
        (S.SUBMITTED, "reject"): S.REJECTED,
        (S.REJECTED, "reopen"): S.DRAFT,
    }
    action_labels = {"submit": "Enviar", "reject": "Indeferir", "reopen": "Reabrir"}
    note_required = frozenset({"reject"})
    clock_actions = frozenset({"reopen"})

    def __init__(self):
        self.told = []

    def check(self, step):
        if step.params.get("refuse"):
            raise ValidationError({"name": "O nome precisa mudar antes."})

    def apply(self, step):
        if step.action == "reject":
            step.set(suspension_reason=step.note)
            step.data["reason_length"] = len(step.note)

    def after(self, step, log):
        if step.params.get("explode"):
            raise RuntimeError("notification failed")
        self.told.append((step.action, log.pk))


@pytest.fixture
def workflow():
    return ToyWorkflow()


@pytest.fixture
def entity(db):
    return EntityFactory()


@pytest.fixture
def representative(user_factory, entity):
    person = user_factory()
    RepresentativeFactory(entity=entity, user=person)
    return person


@pytest.fixture
def reviewer(user_factory):
    person = user_factory()
    person.groups.add(Group.objects.get(name="Equipe SRSC"))
    return person


def test_run_applies_logs_and_tells(workflow, entity, representative):
    now = timezone.now()

    result = workflow.run(entity.pk, "submit", actor=representative, now=now)

    entity.refresh_from_db()
    assert result.status == entity.status == S.SUBMITTED
    log = EntityEvent.objects.get(entity=entity)
    assert (log.action, log.from_status, log.to_status) == (
        "submit",
        S.DRAFT,
        S.SUBMITTED,
    )
    assert log.actor == representative
    assert log.created_at == now
    assert workflow.told == [("submit", log.pk)]


def test_run_saves_only_what_it_changed(workflow, entity, reviewer):
    entity.status = S.SUBMITTED
    entity.save()

    with CaptureQueriesContext(connection) as queries:
        workflow.run(entity.pk, "reject", actor=reviewer, note="Falta o estatuto.")

    update = next(q["sql"] for q in queries if q["sql"].startswith("UPDATE"))
    assert "suspension_reason" in update
    assert '"name"' not in update
    log = EntityEvent.objects.get(entity=entity)
    assert log.note == "Falta o estatuto."
    assert log.data == {"reason_length": len("Falta o estatuto.")}


def test_invalid_transition_names_the_action_and_status(workflow, entity, reviewer):
    with pytest.raises(InvalidTransition) as refused:
        workflow.run(entity.pk, "reject", actor=reviewer, note="x")

    assert refused.value.status == S.DRAFT
    assert "Indeferir" in refused.value.message
    assert "Rascunho" in refused.value.message
    assert not EntityEvent.objects.exists()


def test_permission_comes_from_the_rules(workflow, entity, citizen):
    with pytest.raises(PermissionDenied):
        workflow.run(entity.pk, "submit", actor=citizen)
    entity.refresh_from_db()
    assert entity.status == S.DRAFT


def test_a_required_note_is_a_field_error(workflow, entity, reviewer):
    Entity.objects.filter(pk=entity.pk).update(status=S.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        workflow.run(entity.pk, "reject", actor=reviewer, note="   ")

    assert list(refused.value.error_dict) == ["note"]
    assert not EntityEvent.objects.exists()


def test_an_overlong_note_is_refused(workflow, entity, reviewer):
    Entity.objects.filter(pk=entity.pk).update(status=S.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        workflow.run(
            entity.pk, "reject", actor=reviewer, note="x" * (NOTE_MAX_LENGTH + 1)
        )

    assert list(refused.value.error_dict) == ["note"]


def test_a_guard_refuses_and_nothing_changes(workflow, entity, representative):
    with pytest.raises(ValidationError) as refused:
        workflow.run(entity.pk, "submit", actor=representative, refuse=True)

    assert list(refused.value.error_dict) == ["name"]
    entity.refresh_from_db()
    assert entity.status == S.DRAFT
    assert not EntityEvent.objects.exists()


def test_a_failing_notification_rolls_everything_back(workflow, entity, representative):
    with pytest.raises(RuntimeError):
        workflow.run(entity.pk, "submit", actor=representative, explode=True)

    entity.refresh_from_db()
    assert entity.status == S.DRAFT
    assert not EntityEvent.objects.exists()


def test_the_clock_takes_only_its_own_actions(workflow, entity):
    with pytest.raises(PermissionDenied):
        workflow.run(entity.pk, "submit", actor=None)

    Entity.objects.filter(pk=entity.pk).update(status=S.REJECTED)
    workflow.run(entity.pk, "reopen", actor=None)

    entity.refresh_from_db()
    assert entity.status == S.DRAFT
    assert EntityEvent.objects.get(entity=entity).actor is None


def test_available_actions_are_the_table_and_the_permission(
    workflow, entity, representative, reviewer
):
    assert workflow.available_actions(entity, representative) == ["submit"]
    assert workflow.available_actions(entity, reviewer) == []
    entity.status = S.SUBMITTED
    assert workflow.available_actions(entity, reviewer) == ["reject"]
    assert workflow.can(entity, "reject", reviewer)
    assert not workflow.can(entity, "reject", representative)


def test_record_writes_a_step_that_keeps_the_status(workflow, entity, reviewer):
    log = workflow.record(
        entity, action="remove_representative", actor=reviewer, data={"user": 7}
    )

    assert (log.from_status, log.to_status) == (S.DRAFT, S.DRAFT)
    assert EntityEvent.objects.get().data == {"user": 7}


# Showing refusals -------------------------------------------------------------


class NoteForm(forms.Form):
    note = forms.CharField(required=False)


@pytest.fixture
def request_with_messages():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def texts(request):
    return [str(m) for m in get_messages(request)]


def test_field_errors_go_beside_the_field(request_with_messages):
    form = NoteForm({"note": ""})
    form.is_valid()

    report_workflow_error(
        request_with_messages,
        ValidationError({"note": "Escreva a justificativa.", "starts_at": "Outra."}),
        form=form,
    )

    assert form.errors["note"] == ["Escreva a justificativa."]
    assert form.non_field_errors() == ["Outra."]
    assert texts(request_with_messages) == []


def test_a_refusal_naming_no_field_goes_beside_the_field_given(
    request_with_messages,
):
    form = NoteForm({"note": "x"})
    form.is_valid()

    report_workflow_error(
        request_with_messages,
        ValidationError("Arquivo ilegível."),
        form=form,
        field="note",
    )
    report_workflow_error(
        request_with_messages, ValidationError("Sem campo."), form=form, field="nope"
    )

    assert form.errors["note"] == ["Arquivo ilegível."]
    assert form.non_field_errors() == ["Sem campo."]
    assert texts(request_with_messages) == []


def test_without_a_form_refusals_are_flashed(request_with_messages):
    report_workflow_error(
        request_with_messages,
        InvalidTransition("draft", "approve", action_label="Aprovar"),
    )
    report_workflow_error(request_with_messages, PermissionDenied())
    report_workflow_error(request_with_messages, ValidationError("Falta a ata."))

    messages = texts(request_with_messages)
    assert "Aprovar" in messages[0]
    assert "permissão" in messages[1]
    assert messages[2] == "Falta a ata."


def test_other_errors_are_not_swallowed(request_with_messages):
    with pytest.raises(TypeError):
        report_workflow_error(request_with_messages, ValueError("bug"))


def test_a_row_the_unique_constraint_refuses_is_a_validation_error(entity):
    with pytest.raises(ValidationError) as caught:
        with refuse_duplicate("Já existe.", code="again"), transaction.atomic():
            Entity.objects.create(name="Outra", slug=entity.slug)

    assert caught.value.messages == ["Já existe."]
    assert caught.value.code == "again"
    assert Entity.objects.filter(slug=entity.slug).count() == 1


def test_refuse_duplicate_lets_other_errors_through():
    with pytest.raises(ValueError, match="bug"), refuse_duplicate("Já existe."):
        raise ValueError("bug")


# Races (PostgreSQL) -------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks need PostgreSQL; SQLite serialises writes.",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_acting_at_once_change_the_status_once(user_factory):
    reviewers = []
    for _ in range(2):
        person = user_factory()
        person.groups.add(Group.objects.get(name="Equipe SRSC"))
        reviewers.append(person)
    entity = EntityFactory(status=S.SUBMITTED)
    workflow = ToyWorkflow()
    barrier = threading.Barrier(2)
    results = [None, None]

    def reject(index):
        try:
            barrier.wait()
            results[index] = workflow.run(
                entity.pk, "reject", actor=reviewers[index], note=f"Motivo {index}"
            )
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=reject, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sum(isinstance(r, Entity) for r in results) == 1, results
    assert sum(isinstance(r, InvalidTransition) for r in results) == 1, results
    assert EntityEvent.objects.filter(entity=entity).count() == 1
