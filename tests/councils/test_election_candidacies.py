"""Candidacies: filing and its refusals with the reason, withdrawal, the
staff's decision and the appeal within its window."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from civic.notifications.models import Notification
from councils.models import Candidacy, ElectionLog
from councils.services.candidacies import (
    appeal_candidacy,
    decide_candidacy,
    submit_candidacy,
    withdraw_candidacy,
)
from councils.services.elections import workflow
from entities.models import Entity
from tests.factories.accounts import UserFactory

from .election_helpers import DAY, T0, C, S, candidacy, entity_with_rep, make_election

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_election(council):
    return make_election(council, status=S.CANDIDACY)


def submit(election, entity, rep, *, segment="entidades", now=T0 + DAY, **kw):
    return submit_candidacy(
        election,
        entity,
        segment,
        kw.pop("nominee", rep),
        kw.pop("alt", None),
        rep,
        now=now,
    )


def test_representative_files_a_candidacy(open_election):
    entity, rep = entity_with_rep()
    result = submit(open_election, entity, rep)
    assert result.status == C.SUBMITTED
    assert result.submitted_by == rep
    assert ElectionLog.objects.filter(
        election=open_election, action="candidacy_submit"
    ).exists()


@pytest.mark.parametrize(
    ("status", "regularity", "reason"),
    [
        (Entity.Status.SUBMITTED, "regular", "ainda não foi aprovada no cadastro"),
        (Entity.Status.SUSPENDED, "regular", "ainda não foi aprovada no cadastro"),
        (Entity.Status.APPROVED, "expired", "Documentação vencida/faltando"),
        (Entity.Status.APPROVED, "missing", "Documentação vencida/faltando"),
    ],
)
def test_entity_not_approved_or_not_regular_is_refused_with_the_reason(
    open_election, status, regularity, reason
):
    entity, rep = entity_with_rep()
    Entity.objects.filter(pk=entity.pk).update(status=status, regularity=regularity)
    with pytest.raises(ValidationError) as error:
        submit(open_election, entity, rep)
    assert reason in error.value.message_dict["entity"][0]
    assert not Candidacy.objects.exists()


def test_segment_without_vacancy_is_refused(open_election):
    entity, rep = entity_with_rep()
    with pytest.raises(ValidationError) as error:
        submit(open_election, entity, rep, segment="usuarios")
    assert "não tem vagas" in error.value.message_dict["segment"][0]


@pytest.mark.parametrize(
    ("now", "message"),
    [(T0 - DAY, "começam em"), (T0 + 11 * DAY, "terminaram em")],
)
def test_outside_the_window_is_refused(open_election, now, message):
    entity, rep = entity_with_rep()
    with pytest.raises(ValidationError, match=message):
        submit(open_election, entity, rep, now=now)


def test_draft_election_takes_no_candidacy(council):
    election = make_election(council)
    entity, rep = entity_with_rep()
    with pytest.raises(ValidationError, match="não estão abertas"):
        submit(election, entity, rep)


def test_second_candidacy_is_refused_and_the_database_backs_it(open_election):
    entity, rep = entity_with_rep()
    submit(open_election, entity, rep)
    with pytest.raises(ValidationError, match="já se inscreveu"):
        submit(open_election, entity, rep)
    with pytest.raises(IntegrityError), transaction.atomic():
        Candidacy.objects.create(
            election=open_election, entity=entity, segment="entidades", nominee=rep
        )


def test_only_a_representative_files(open_election, citizen):
    entity, rep = entity_with_rep()
    with pytest.raises(PermissionDenied):
        submit_candidacy(open_election, entity, "entidades", rep, None, citizen)


def test_nominees_must_represent_the_entity(open_election):
    entity, rep = entity_with_rep()
    with pytest.raises(ValidationError) as error:
        submit(open_election, entity, rep, nominee=UserFactory())
    assert "nominee" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        submit(open_election, entity, rep, alt=rep)
    assert "alternate_nominee" in error.value.message_dict


def test_withdraw_by_the_entity_only(open_election, citizen):
    entity, rep = entity_with_rep()
    filed = submit(open_election, entity, rep)
    with pytest.raises(PermissionDenied):
        withdraw_candidacy(filed, citizen)
    assert withdraw_candidacy(filed, rep).status == C.WITHDRAWN


def test_refusal_needs_a_reason_and_tells_the_entity(
    open_election, secretary, django_capture_on_commit_callbacks
):
    filed = candidacy(open_election, status=C.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        decide_candidacy(filed, "refuse", secretary)
    assert "note" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        refused = decide_candidacy(
            filed, "refuse", secretary, note="Falta a ata de eleição da diretoria."
        )
    assert refused.status == C.NOT_HABILITATED
    assert refused.decision_note == "Falta a ata de eleição da diretoria."
    assert Notification.objects.filter(
        recipient=filed.nominee, key__startswith=f"election-{open_election.pk}-"
    ).exists()


def test_other_secretary_cannot_decide(open_election, other_secretary):
    filed = candidacy(open_election, status=C.SUBMITTED)
    with pytest.raises(PermissionDenied):
        decide_candidacy(filed, "habilitate", other_secretary)


@pytest.fixture
def published(council, secretary, settings):
    """An election with one refused candidacy, habilitation published at T0+11d."""
    settings.COUNCILS_ELECTION_APPEAL_DAYS = 5
    election = make_election(council, status=S.CANDIDACY)
    refused = candidacy(election, status=C.SUBMITTED)
    decide_candidacy(refused, "refuse", secretary, note="Estatuto desatualizado.")
    workflow.run(
        election.pk, "publish_habilitation", actor=secretary, now=T0 + 11 * DAY
    )
    refused.refresh_from_db()
    return refused


def test_appeal_within_the_window_then_staff_decide(published, secretary):
    rep = published.nominee
    with pytest.raises(ValidationError) as error:
        appeal_candidacy(published, "  ", rep, now=T0 + 12 * DAY)
    assert "text" in error.value.message_dict
    appealed = appeal_candidacy(
        published, "O estatuto foi registrado.", rep, now=T0 + 12 * DAY
    )
    assert appealed.status == C.APPEALED
    assert appealed.appeal_text == "O estatuto foi registrado."
    with pytest.raises(ValidationError):
        decide_candidacy(appealed, "accept_appeal", secretary)
    decided = decide_candidacy(
        appealed, "accept_appeal", secretary, note="Registro comprovado."
    )
    assert decided.status == C.HABILITATED


def test_appeal_after_the_window_is_refused(published):
    # Published at T0+11d with 5 days: the window closes at T0+16d.
    with pytest.raises(ValidationError, match="prazo de recurso terminou"):
        appeal_candidacy(
            published, "Tarde demais.", published.nominee, now=T0 + 17 * DAY
        )


def test_appeal_window_follows_the_setting(council, secretary, settings):
    settings.COUNCILS_ELECTION_APPEAL_DAYS = 10
    election = make_election(council, status=S.CANDIDACY)
    refused = candidacy(election, status=C.NOT_HABILITATED, decision_note="x")
    workflow.run(
        election.pk, "publish_habilitation", actor=secretary, now=T0 + 11 * DAY
    )
    assert appeal_candidacy(
        refused, "Dentro do prazo.", refused.nominee, now=T0 + 20 * DAY
    ).status == (C.APPEALED)


def test_rejected_appeal_keeps_the_refusal(published, secretary):
    appealed = appeal_candidacy(
        published, "Razões.", published.nominee, now=T0 + 12 * DAY
    )
    kept = decide_candidacy(
        appealed, "reject_appeal", secretary, note="Documento não apresentado."
    )
    assert kept.status == C.NOT_HABILITATED
    assert kept.decision_note == "Documento não apresentado."


def test_no_decision_after_publication_except_on_appeals(published, secretary):
    with pytest.raises(ValidationError, match="fase"):
        decide_candidacy(published, "habilitate", secretary, note="x")
