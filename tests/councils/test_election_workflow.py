"""The phases of an election, at explicit moments: each allowed transition,
its guards, and every pair the table does not allow."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from civic.workflow import InvalidTransition
from councils.models import ElectionLog, Vacancy
from councils.services.elections import ElectionWorkflow, workflow

from .election_helpers import DAY, T0, C, S, candidacy, make_election, to_voting

pytestmark = pytest.mark.django_db


def test_open_needs_vacancies_and_edital(council, secretary):
    election = make_election(council, segments=())
    with pytest.raises(ValidationError, match="vagas"):
        workflow.run(election.pk, "open", actor=secretary, now=T0)
    Vacancy.objects.create(election=election, segment="entidades", seats=2)
    election.edital_text = ""
    election.save()
    with pytest.raises(ValidationError) as error:
        workflow.run(election.pk, "open", actor=secretary, now=T0)
    assert "edital_text" in error.value.error_dict
    election.edital_text = "Edital 01/2026"
    election.save()
    election = workflow.run(election.pk, "open", actor=secretary, now=T0)
    assert election.status == S.CANDIDACY
    assert ElectionLog.objects.filter(election=election, action="open").exists()


def test_publish_habilitation_after_inscriptions_with_every_candidacy_decided(
    council, secretary, settings
):
    settings.COUNCILS_ELECTION_APPEAL_DAYS = 3
    election = make_election(council)
    workflow.run(election.pk, "open", actor=secretary, now=T0)
    pending = candidacy(election, status=C.SUBMITTED)
    with pytest.raises(ValidationError, match="As inscrições vão até"):
        workflow.run(
            election.pk, "publish_habilitation", actor=secretary, now=T0 + 9 * DAY
        )
    with pytest.raises(ValidationError, match="1 candidatura"):
        workflow.run(
            election.pk, "publish_habilitation", actor=secretary, now=T0 + 11 * DAY
        )
    pending.status = C.NOT_HABILITATED
    pending.decision_note = "Estatuto sem registro."
    pending.save()
    now = T0 + 11 * DAY
    election = workflow.run(
        election.pk, "publish_habilitation", actor=secretary, now=now
    )
    assert election.status == S.HABILITATION
    assert election.habilitation_published_at == now
    assert election.appeal_ends_at == now + 3 * DAY


def test_open_voting_waits_for_appeals_and_the_voting_start(council, secretary):
    election = make_election(council)
    candidacy(election)
    workflow.run(election.pk, "open", actor=secretary, now=T0)
    workflow.run(
        election.pk, "publish_habilitation", actor=secretary, now=T0 + 11 * DAY
    )
    # The appeal window runs to T0+16d; the voting starts at T0+20d.
    for early in (T0 + 15 * DAY, T0 + 19 * DAY):
        with pytest.raises(ValidationError, match="A votação começa"):
            workflow.run(election.pk, "open_voting", actor=secretary, now=early)
    appealed = candidacy(election, status=C.APPEALED)
    with pytest.raises(ValidationError, match="recurso"):
        workflow.run(election.pk, "open_voting", actor=secretary, now=T0 + 20 * DAY)
    appealed.status = C.HABILITATED
    appealed.save()
    election = workflow.run(
        election.pk, "open_voting", actor=secretary, now=T0 + 20 * DAY
    )
    assert election.status == S.VOTING


def test_open_voting_refused_after_the_voting_period(council, secretary):
    election = make_election(council)
    workflow.run(election.pk, "open", actor=secretary, now=T0)
    workflow.run(
        election.pk, "publish_habilitation", actor=secretary, now=T0 + 11 * DAY
    )
    with pytest.raises(ValidationError, match="já terminou"):
        workflow.run(election.pk, "open_voting", actor=secretary, now=T0 + 22 * DAY)


def test_count_only_after_the_voting(council, secretary):
    election = make_election(council)
    candidacy(election, status=C.SUBMITTED)
    to_voting(election, secretary)
    with pytest.raises(ValidationError, match="apuração"):
        workflow.run(election.pk, "count", actor=secretary, now=T0 + 20 * DAY)
    now = T0 + 21 * DAY
    election = workflow.run(election.pk, "count", actor=secretary, now=now)
    assert election.status == S.COUNTED
    assert election.counted_at == now


@pytest.mark.parametrize("status", [S.DRAFT, S.CANDIDACY, S.HABILITATION, S.VOTING])
def test_cancel_from_any_open_state_needs_a_note(council, secretary, status):
    election = make_election(council, status=status)
    with pytest.raises(ValidationError) as error:
        workflow.run(election.pk, "cancel", actor=secretary, now=T0)
    assert "note" in error.value.error_dict
    election = workflow.run(
        election.pk, "cancel", actor=secretary, note="Edital impugnado.", now=T0
    )
    assert election.status == S.CANCELLED
    log = ElectionLog.objects.get(election=election, action="cancel")
    assert log.note == "Edital impugnado."


ACTIONS = sorted({action for _, action in ElectionWorkflow.transitions})
DISALLOWED = [
    (status, action)
    for status in S.values
    for action in ACTIONS
    if (status, action) not in ElectionWorkflow.transitions
]


@pytest.mark.parametrize(("status", "action"), DISALLOWED)
def test_disallowed_pairs(council, secretary, status, action):
    election = make_election(council, status=status)
    with pytest.raises(InvalidTransition):
        workflow.run(election.pk, action, actor=secretary, note="x", now=T0 + 30 * DAY)
    election.refresh_from_db()
    assert election.status == status


def test_other_secretary_and_representatives_cannot_run_phases(
    council, other_secretary, entity_rep, staff_user
):
    election = make_election(council)
    for person in (other_secretary, entity_rep):
        with pytest.raises(PermissionDenied):
            workflow.run(election.pk, "open", actor=person, now=T0)
    assert workflow.run(election.pk, "open", actor=staff_user, now=T0).status == (
        S.CANDIDACY
    )


def test_available_actions_follow_time(council, secretary):
    election = make_election(council, status=S.CANDIDACY)
    assert workflow.available_actions(election, secretary, T0 + DAY) == ["cancel"]
    assert workflow.available_actions(election, secretary, T0 + 11 * DAY) == [
        "publish_habilitation",
        "cancel",
    ]
