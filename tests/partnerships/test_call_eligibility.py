"""The registry read against arts. 33, 34 and 39 (services/eligibility.py)."""

import datetime as dt

import pytest

from entities.models import Entity
from entities.partnerships.models import Instrument, Sanction
from entities.partnerships.services.eligibility import (
    blocking_sanctions,
    eligibility_problems,
    proposal_problems,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def sanction(entity, kind, status=Sanction.Status.APPLIED, starts=None, ends=None):
    return Sanction.objects.create(
        entity=entity,
        kind=kind,
        status=status,
        grounds="Fatos apurados no processo.",
        defence_due_on=TODAY,
        starts_on=starts,
        ends_on=ends,
    )


def founded(entity, years_ago_days):
    Entity.objects.filter(pk=entity.pk).update(
        founded_on=TODAY - dt.timedelta(days=years_ago_days)
    )
    entity.refresh_from_db()
    return entity


@pytest.mark.parametrize(
    ("kind", "status", "starts", "ends", "blocks"),
    [
        ("suspensao", "applied", -10, 10, True),
        ("suspensao", "applied", -10, 0, True),  # last day still counts
        ("suspensao", "applied", -20, -1, False),  # over
        ("suspensao", "applied", 5, 30, False),  # not yet
        ("suspensao", "defence", None, None, False),  # defence period only
        ("inidoneidade", "applied", -10, None, True),  # until rehabilitation
        ("inidoneidade", "lifted", -10, None, False),
        ("advertencia", "applied", -10, None, False),
        ("suspensao", "dismissed", None, None, False),
    ],
)
def test_blocking_sanctions(entity, kind, status, starts, ends, blocks):
    def day(offset):
        return None if offset is None else TODAY + dt.timedelta(days=offset)

    sanction(entity, kind, status, day(starts), day(ends))
    assert blocking_sanctions(entity, TODAY).exists() is blocks
    assert bool(proposal_problems(entity, TODAY)) is blocks


def test_an_approved_regular_old_entity_is_eligible(entity):
    founded(entity, 800)
    assert eligibility_problems(entity, Instrument.FOSTERING, TODAY) == []


def test_not_approved_entity_cannot_propose(entity):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUSPENDED)
    entity.refresh_from_db()
    [problem] = proposal_problems(entity, TODAY)
    assert "não está aprovado" in problem


def test_sanction_reason_names_its_end(entity):
    sanction(entity, "suspensao", starts=TODAY, ends=dt.date(2027, 1, 31))
    [problem] = proposal_problems(entity, TODAY)
    assert "31/01/2027" in problem
    assert "art. 73" in problem


@pytest.mark.parametrize(
    ("days", "instrument", "problem"),
    [
        (364, Instrument.FOSTERING, True),
        (365, Instrument.FOSTERING, False),
        (100, Instrument.COLLABORATION, True),
        (100, Instrument.COOPERATION, False),  # no money: art. 33 §1
    ],
)
def test_cnpj_age_for_money_instruments(entity, days, instrument, problem):
    founded(entity, days)
    problems = eligibility_problems(entity, instrument, TODAY)
    assert any("art. 33, V, a" in p for p in problems) is problem


def test_unknown_founding_date_cannot_prove_age(entity):
    assert entity.founded_on is None
    [problem] = eligibility_problems(entity, Instrument.FOSTERING, TODAY)
    assert "data de abertura do CNPJ" in problem


def test_irregular_documents_block_habilitation(entity):
    founded(entity, 800)
    Entity.objects.filter(pk=entity.pk).update(regularity=Entity.Regularity.EXPIRED)
    entity.refresh_from_db()
    [problem] = eligibility_problems(entity, Instrument.COOPERATION, TODAY)
    assert "não está regular" in problem
