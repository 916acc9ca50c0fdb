"""Sanctions (art. 73): opened with a defence period, the entity's defence,
the decision (advertência, suspensão of at most two years, inidoneidade) or
dismissal, rehabilitation; and what a sanction in force blocks and shows."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.workflow import InvalidTransition
from entities.partnerships.models import Sanction
from entities.partnerships.services.partnership_workflow import partnership_transition
from entities.partnerships.services.sanctions import (
    active_blocking_sanctions,
    sanction_open,
    sanction_transition,
    sanction_workflow,
)

from .execution_support import noon, plan

pytestmark = pytest.mark.django_db
S = Sanction.Status
K = Sanction.Kind

ALLOWED = {
    (S.DEFENCE, "defend"): S.DEFENCE,
    (S.DEFENCE, "apply"): S.APPLIED,
    (S.DEFENCE, "dismiss"): S.DISMISSED,
    (S.APPLIED, "lift"): S.LIFTED,
}
REFUSED = [
    (s, a)
    for s in S.values
    for a in ("defend", "apply", "dismiss", "lift")
    if (s, a) not in ALLOWED
]


@pytest.fixture
def sanction(entity, partnership, staff_user):
    return sanction_open(
        entity=entity,
        partnership=partnership,
        kind=K.SUSPENSION,
        grounds="Contas julgadas irregulares",
        by=staff_user,
    )


def run(sanction, action, by, **params):
    return sanction_transition(sanction_id=sanction.pk, action=action, by=by, **params)


def test_the_table_is_the_whole_machine():
    assert dict(sanction_workflow.transitions) == ALLOWED


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_every_other_pair_is_refused(sanction, staff_user, status, action):
    today = timezone.localdate()
    Sanction.objects.filter(pk=sanction.pk).update(
        status=status, starts_on=today, ends_on=today
    )
    with pytest.raises(InvalidTransition):
        run(sanction, action, staff_user, note="x")


def test_opening_gives_ten_days_of_defence_and_tells_the_entity(
    representative, gestor, sanction
):
    assert sanction.defence_due_on == sanction.defence_opened_on + dt.timedelta(days=10)
    assert sanction.status == S.DEFENCE
    log = sanction.log.get()
    assert log.action == "open"
    from civic.notifications.models import Notification

    told = set(
        Notification.objects.filter(key=f"sanction-log:{log.pk}").values_list(
            "recipient", flat=True
        )
    )
    assert told == {representative.pk, gestor.pk}


@pytest.mark.parametrize(
    ("kind", "grounds", "field"), [("multa", "x", "kind"), (K.WARNING, "  ", "grounds")]
)
def test_opening_bad_input(entity, staff_user, kind, grounds, field):
    with pytest.raises(ValidationError) as refused:
        sanction_open(entity=entity, kind=kind, grounds=grounds, by=staff_user)
    assert field in refused.value.message_dict


@pytest.mark.parametrize(
    "role", ["representative", "gestor", "citizen", "council_secretary"]
)
def test_only_staff_open(entity, request, role):
    with pytest.raises(PermissionDenied):
        sanction_open(
            entity=entity, kind=K.WARNING, grounds="x", by=request.getfixturevalue(role)
        )


def test_the_entity_defends_within_the_period(
    sanction, representative, other_representative
):
    with pytest.raises(PermissionDenied):
        run(sanction, "defend", other_representative, defence="x")
    with time_machine.travel(
        noon(sanction.defence_due_on + dt.timedelta(days=1)), tick=False
    ):
        with pytest.raises(ValidationError, match="prazo de defesa terminou"):
            run(sanction, "defend", representative, defence="Tarde demais")
    run(sanction, "defend", representative, defence="As contas foram refeitas")
    sanction.refresh_from_db()
    assert sanction.defence == "As contas foram refeitas"
    assert sanction.defence_submitted_on == timezone.localdate()


def test_no_decision_before_the_defence(sanction, staff_user, representative):
    today = timezone.localdate()
    params = {
        "note": "Decisão",
        "ends_on": today + dt.timedelta(days=100),
        "act": "Portaria 1",
    }
    with pytest.raises(ValidationError, match="defesa prévia"):
        run(sanction, "apply", staff_user, **params)
    run(sanction, "defend", representative, defence="Defesa")
    run(sanction, "apply", staff_user, **params)
    sanction.refresh_from_db()
    assert (sanction.status, sanction.starts_on, sanction.ends_on) == (
        S.APPLIED,
        today,
        today + dt.timedelta(days=100),
    )


@pytest.mark.parametrize(
    ("kind", "days", "act", "field"),
    [
        (K.SUSPENSION, None, "Portaria 1", "ends_on"),
        (K.SUSPENSION, 731, "Portaria 1", "ends_on"),
        (K.SUSPENSION, 100, "", "act"),
        (K.UNFITNESS, None, "", "act"),
        (K.SUSPENSION, -1, "Portaria 1", "ends_on"),
        ("multa", None, "x", "kind"),
    ],
)
def test_apply_bad_input(sanction, staff_user, kind, days, act, field):
    after_defence = sanction.defence_due_on + dt.timedelta(days=1)
    ends_on = after_defence + dt.timedelta(days=days) if days is not None else None
    with time_machine.travel(noon(after_defence), tick=False):
        with pytest.raises(ValidationError) as refused:
            run(
                sanction,
                "apply",
                staff_user,
                note="x",
                kind=kind,
                ends_on=ends_on,
                act=act,
            )
    assert field in refused.value.message_dict


def test_suspension_of_exactly_two_years(sanction, staff_user):
    start = sanction.defence_due_on + dt.timedelta(days=1)
    with time_machine.travel(noon(start), tick=False):
        run(
            sanction,
            "apply",
            staff_user,
            note="x",
            ends_on=start + dt.timedelta(days=730),
            act="P",
        )
    sanction.refresh_from_db()
    assert sanction.status == S.APPLIED


@pytest.mark.parametrize(
    ("kind", "ends_in", "on_offset", "blocks"),
    [
        (K.WARNING, None, 0, False),
        (K.SUSPENSION, 100, 0, True),
        (K.SUSPENSION, 100, 100, True),
        (K.SUSPENSION, 100, 101, False),
        (K.UNFITNESS, None, 0, True),
        (K.UNFITNESS, None, 5000, True),
    ],
)
def test_what_blocks_and_while(entity, kind, ends_in, on_offset, blocks):
    today = timezone.localdate()
    Sanction.objects.create(
        entity=entity,
        kind=kind,
        status=S.APPLIED,
        grounds="x",
        defence_due_on=today,
        starts_on=today,
        ends_on=today + dt.timedelta(days=ends_in) if ends_in else None,
    )
    assert (
        active_blocking_sanctions(entity, today + dt.timedelta(days=on_offset)).exists()
        == blocks
    )


def test_applied_sanction_blocks_signature_until_lifted(
    sanction, partnership, staff_user, representative
):
    plan(partnership)
    run(sanction, "defend", representative, defence="Defesa")
    run(sanction, "apply", staff_user, note="x", kind=K.UNFITNESS, act="Decreto 5/2027")
    with pytest.raises(ValidationError) as refused:
        partnership_transition(
            partnership_id=partnership.pk, action="sign", by=staff_user
        )
    assert "inidoneidade" in refused.value.message_dict["entity"][0]
    with pytest.raises(ValidationError):
        run(sanction, "lift", staff_user)
    run(sanction, "lift", staff_user, note="Ressarcimento e 2 anos (art. 73, §2º)")
    assert not active_blocking_sanctions(partnership.entity).exists()
    partnership_transition(partnership_id=partnership.pk, action="sign", by=staff_user)


def test_dismissal(sanction, staff_user):
    with pytest.raises(ValidationError):
        run(sanction, "dismiss", staff_user)
    run(sanction, "dismiss", staff_user, note="Fatos não comprovados")
    sanction.refresh_from_db()
    assert (sanction.status, sanction.decision) == (
        S.DISMISSED,
        "Fatos não comprovados",
    )


def test_the_public_record_shows_a_sanction_in_force(client, entity, staff_user):
    today = timezone.localdate()
    Sanction.objects.create(
        entity=entity,
        kind=K.SUSPENSION,
        status=S.APPLIED,
        grounds="Contas irregulares (não público)",
        act="Portaria SEMAS 9/2027",
        defence_due_on=today,
        starts_on=today,
        ends_on=today + dt.timedelta(days=200),
    )
    page = client.get(entity.get_absolute_url()).content.decode()
    assert "Suspensão temporária" in page
    assert (today + dt.timedelta(days=200)).strftime("%d/%m/%Y") in page
    assert "Contas irregulares (não público)" not in page
