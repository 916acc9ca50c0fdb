"""The partnership's life: every transition allowed and refused, the plano
de trabalho that signature requires, art. 38, the notice before rescission,
and closing only after the final accounts are decided."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from entities.partnerships.models import (
    Accountability,
    Goal,
    Installment,
    Instrument,
    Partnership,
    Sanction,
)
from entities.partnerships.services.partnership_workflow import (
    partnership_transition,
    partnership_workflow,
    plan_problems,
    rescission_notify,
)
from tests.factories.partnerships import PartnershipFactory

from .execution_support import final_accounts, noon, plan, set_status

pytestmark = pytest.mark.django_db
S = Partnership.Status
A = Accountability.Status

ALLOWED = [
    (S.PLANNING, "sign", S.SIGNED),
    (S.SIGNED, "publish_extract", S.EXECUTING),
    (S.EXECUTING, "end_validity", S.ENDED),
    (S.EXECUTING, "rescind", S.RESCINDED),
    (S.ENDED, "close", S.CLOSED),
    (S.RESCINDED, "close", S.CLOSED),
]
ACTIONS = sorted({action for _s, action, _t in ALLOWED})
REFUSED = [
    (status, action)
    for status in S.values
    for action in ACTIONS
    if (status, action) not in {(s, a) for s, a, _t in ALLOWED}
]


def test_the_table_is_the_whole_machine():
    assert {(s, a): t for s, a, t in ALLOWED} == dict(partnership_workflow.transitions)


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_every_other_pair_is_refused(partnership, staff_user, status, action):
    set_status(plan(partnership), status)
    from civic.workflow import InvalidTransition

    with pytest.raises(InvalidTransition):
        partnership_transition(
            partnership_id=partnership.pk, action=action, by=staff_user
        )
    partnership.refresh_from_db()
    assert partnership.status == status


def test_sign_records_the_date_logs_and_tells_the_entity(
    partnership, staff_user, representative, gestor, django_capture_on_commit_callbacks
):
    plan(partnership)
    day = timezone.localdate() - dt.timedelta(days=1)
    partnership_transition(
        partnership_id=partnership.pk, action="sign", by=staff_user, signed_on=day
    )
    partnership.refresh_from_db()
    assert partnership.status == S.SIGNED
    assert partnership.signed_on == day
    log = partnership.log.get(action="sign")
    assert log.actor == staff_user
    assert log.data["signed_on"] == day.isoformat()
    told = Notification.objects.filter(key=f"partnership-log:{log.pk}")
    assert set(told.values_list("recipient", flat=True)) == {
        representative.pk,
        gestor.pk,
    }


@pytest.mark.parametrize(
    ("parcelas", "message"),
    [
        (
            ("60000.00", "50000.00"),
            "As parcelas somam R$ 110.000,00, mas o valor total é R$ 120.000,00.",
        ),
        (
            ("60000.00", "60000.01"),
            "As parcelas somam R$ 120.000,01, mas o valor total é R$ 120.000,00.",
        ),
        ((), "As parcelas somam R$ 0,00, mas o valor total é R$ 120.000,00."),
    ],
)
def test_sign_refuses_parcelas_that_do_not_add_up(
    partnership, staff_user, parcelas, message
):
    plan(partnership, parcelas=parcelas)
    with pytest.raises(ValidationError) as refused:
        partnership_transition(
            partnership_id=partnership.pk, action="sign", by=staff_user
        )
    assert refused.value.message_dict["installments"] == [message]
    partnership.refresh_from_db()
    assert partnership.status == S.PLANNING


def test_an_acordo_de_cooperacao_needs_no_parcelas(entity, gestor, staff_user):
    partnership = PartnershipFactory(
        entity=entity, gestor=gestor, instrument=Instrument.COOPERATION, total_value=0
    )
    plan(partnership, parcelas=())
    partnership_transition(partnership_id=partnership.pk, action="sign", by=staff_user)
    partnership.refresh_from_db()
    assert partnership.status == S.SIGNED


def test_the_plano_must_be_complete(entity, staff_user):
    partnership = PartnershipFactory(entity=entity, starts_on=None, ends_on=None)
    Goal.objects.create(
        partnership=partnership, description="Meta", indicator="", verification="x"
    )
    problems = plan_problems(partnership)
    assert set(problems) == {"goals", "installments", "gestor", "starts_on"}
    with pytest.raises(ValidationError) as refused:
        partnership_transition(
            partnership_id=partnership.pk, action="sign", by=staff_user
        )
    assert set(refused.value.message_dict) == set(problems)


def test_a_sanctioned_entity_cannot_sign(partnership, staff_user):
    plan(partnership)
    today = timezone.localdate()
    Sanction.objects.create(
        entity=partnership.entity,
        kind=Sanction.Kind.SUSPENSION,
        status=Sanction.Status.APPLIED,
        grounds="Contas rejeitadas",
        defence_due_on=today,
        starts_on=today - dt.timedelta(days=10),
        ends_on=today + dt.timedelta(days=100),
    )
    with pytest.raises(ValidationError) as refused:
        partnership_transition(
            partnership_id=partnership.pk, action="sign", by=staff_user
        )
    assert "art. 39, V" in refused.value.message_dict["entity"][0]


@pytest.mark.parametrize(
    "role", ["representative", "gestor", "citizen", "council_secretary"]
)
def test_only_staff_sign(partnership, request, role):
    plan(partnership)
    with pytest.raises(PermissionDenied):
        partnership_transition(
            partnership_id=partnership.pk,
            action="sign",
            by=request.getfixturevalue(role),
        )


def test_publishing_the_extrato_starts_execution(partnership, staff_user):
    set_status(plan(partnership), S.SIGNED)
    today = timezone.localdate()
    partnership_transition(
        partnership_id=partnership.pk,
        action="publish_extract",
        by=staff_user,
        published_on=today,
        place="Órgão Oficial do Município nº 1234",
    )
    partnership.refresh_from_db()
    assert partnership.status == S.EXECUTING
    assert partnership.extract_published_on == today
    assert partnership.extract_place == "Órgão Oficial do Município nº 1234"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"place": "DOM"}, "published_on"),
        ({"published_on": dt.date(2000, 1, 1), "place": "DOM"}, "published_on"),
        ({"published_on": "amanhã", "place": "DOM"}, "published_on"),
        ({"published_on": "today", "place": "  "}, "place"),
        ({"published_on": "today", "place": "x" * 201}, "place"),
        ({"published_on": "future", "place": "DOM"}, "published_on"),
    ],
)
def test_the_extrato_needs_a_date_after_signature_and_a_place(
    partnership, staff_user, params, field
):
    set_status(plan(partnership), S.SIGNED)
    today = timezone.localdate()
    params = dict(params)
    if params.get("published_on") == "today":
        params["published_on"] = today
    if params.get("published_on") == "future":
        params["published_on"] = today + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        partnership_transition(
            partnership_id=partnership.pk,
            action="publish_extract",
            by=staff_user,
            **params,
        )
    assert field in refused.value.message_dict


def test_end_of_validity_opens_the_final_accounts(partnership, staff_user, settings):
    set_status(plan(partnership), S.EXECUTING)
    with time_machine.travel(
        noon(partnership.ends_on - dt.timedelta(days=1)), tick=False
    ):
        assert not partnership_workflow.can(partnership, "end_validity", staff_user)
        with pytest.raises(ValidationError):
            partnership_transition(
                partnership_id=partnership.pk, action="end_validity", by=staff_user
            )
    with time_machine.travel(noon(partnership.ends_on), tick=False):
        partnership_transition(
            partnership_id=partnership.pk, action="end_validity", by=staff_user
        )
    final = partnership.accountabilities.get()
    assert final.kind == Accountability.Kind.FINAL
    assert final.period_ends_on == partnership.ends_on
    assert final.due_on == partnership.ends_on + dt.timedelta(
        days=settings.PARTNERSHIPS_ACCOUNTS_DAYS
    )


def test_rescission_needs_notice_then_sixty_days(
    partnership, staff_user, representative
):
    set_status(plan(partnership), S.EXECUTING)
    today = timezone.localdate()
    with pytest.raises(ValidationError, match="notificação de rescisão"):
        partnership_transition(
            partnership_id=partnership.pk,
            action="rescind",
            by=staff_user,
            note="Desvio",
        )
    with pytest.raises(PermissionDenied):
        rescission_notify(
            partnership_id=partnership.pk, notice_on=today, by=representative, note="x"
        )
    rescission_notify(
        partnership_id=partnership.pk,
        notice_on=today,
        by=staff_user,
        note="Desvio de finalidade",
    )
    with time_machine.travel(noon(today + dt.timedelta(days=59)), tick=False):
        with pytest.raises(ValidationError, match="a partir de"):
            partnership_transition(
                partnership_id=partnership.pk,
                action="rescind",
                by=staff_user,
                note="Desvio",
            )
    with time_machine.travel(noon(today + dt.timedelta(days=60)), tick=False):
        with pytest.raises(ValidationError):  # the note is required
            partnership_transition(
                partnership_id=partnership.pk, action="rescind", by=staff_user
            )
        partnership_transition(
            partnership_id=partnership.pk,
            action="rescind",
            by=staff_user,
            note="Desvio",
        )
    partnership.refresh_from_db()
    assert partnership.status == S.RESCINDED
    assert partnership.accountabilities.get().kind == Accountability.Kind.FINAL
    assert list(partnership.log.values_list("action", flat=True)) == [
        "rescind",
        "notify_rescission",
    ]


@pytest.mark.parametrize(
    ("accounts_status", "closes"),
    [
        (None, False),
        (A.PENDING, False),
        (A.PRESENTED, False),
        (A.DILIGENCE, False),
        (A.REGULAR, True),
        (A.CAVEATS, True),
        (A.IRREGULAR, True),
    ],
)
def test_closing_waits_for_the_final_accounts(
    partnership, staff_user, accounts_status, closes
):
    set_status(plan(partnership), S.ENDED)
    if accounts_status:
        final_accounts(partnership, status=accounts_status)
    if closes:
        partnership_transition(
            partnership_id=partnership.pk, action="close", by=staff_user
        )
        partnership.refresh_from_db()
        assert partnership.closed_on == timezone.localdate()
    else:
        with pytest.raises(ValidationError, match="prestação de contas final"):
            partnership_transition(
                partnership_id=partnership.pk, action="close", by=staff_user
            )


def test_available_actions_follow_status_and_role(
    partnership, staff_user, representative
):
    plan(partnership)
    assert partnership_workflow.available_actions(partnership, staff_user) == ["sign"]
    assert partnership_workflow.available_actions(partnership, representative) == []
    assert Installment.objects.filter(partnership=partnership).count() == 2
    assert sum(i.value for i in partnership.installments.all()) == Decimal("120000.00")
