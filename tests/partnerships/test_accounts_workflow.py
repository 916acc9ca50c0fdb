"""Prestação de contas: presentation (the financial report when metas were
not met), extensions once, diligências, answers, and the three conclusions;
every transition allowed and refused, with who may take it."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civic.workflow import InvalidTransition
from entities.partnerships.models import Accountability, Partnership
from entities.partnerships.services.accounts import (
    accountability_transition,
    accountability_workflow,
)

from .execution_support import final_accounts, noon, plan, set_status

pytestmark = pytest.mark.django_db
A = Accountability.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

ALLOWED = {
    (A.PENDING, "present"): A.PRESENTED,
    (A.PENDING, "extend_due"): A.PENDING,
    (A.PRESENTED, "extend_analysis"): A.PRESENTED,
    (A.PRESENTED, "diligence"): A.DILIGENCE,
    (A.DILIGENCE, "extend_analysis"): A.DILIGENCE,
    (A.DILIGENCE, "extend_diligence"): A.DILIGENCE,
    (A.DILIGENCE, "answer"): A.PRESENTED,
    (A.PRESENTED, "approve"): A.REGULAR,
    (A.PRESENTED, "approve_with_caveats"): A.CAVEATS,
    (A.PRESENTED, "reject"): A.IRREGULAR,
}
ACTIONS = sorted({action for _s, action in ALLOWED})
REFUSED = [(s, a) for s in A.values for a in ACTIONS if (s, a) not in ALLOWED]


@pytest.fixture
def accounts(partnership):
    set_status(plan(partnership), Partnership.Status.ENDED)
    return final_accounts(partnership)


def run(accounts, action, by, **params):
    return accountability_transition(
        accountability_id=accounts.pk, action=action, by=by, **params
    )


def present(accounts, by, **params):
    values = {"execution_report": "Metas cumpridas", "goals_met": True, **params}
    return run(accounts, "present", by, **values)


def test_the_table_is_the_whole_machine():
    assert dict(accountability_workflow.transitions) == ALLOWED


@pytest.mark.parametrize(("status", "action"), REFUSED)
def test_every_other_pair_is_refused(accounts, staff_user, status, action):
    Accountability.objects.filter(pk=accounts.pk).update(status=status)
    with pytest.raises(InvalidTransition):
        run(accounts, action, staff_user, note="x")


def test_present_with_documents_computes_the_analysis_deadline(
    accounts, representative, settings
):
    today = accounts.partnership.ends_on + dt.timedelta(days=20)
    with time_machine.travel(noon(today), tick=False):
        present(
            accounts,
            representative,
            documents=[
                SimpleUploadedFile("extratos.pdf", PDF, content_type="application/pdf")
            ],
        )
    accounts.refresh_from_db()
    assert accounts.status == A.PRESENTED
    assert accounts.presented_on == today
    assert accounts.analysis_due_on == today + dt.timedelta(
        days=settings.PARTNERSHIPS_ANALYSIS_DAYS
    )
    assert accounts.goals_met is True
    assert accounts.documents.get().uploaded_by == representative
    log = accounts.log.get()
    assert log.data["late"] is False


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"execution_report": ""}, "execution_report"),
        ({"goals_met": None}, "goals_met"),
        ({"goals_met": False}, "financial_report"),
        ({"goals_met": False, "financial_report": "  "}, "financial_report"),
        (
            {
                "documents": [
                    SimpleUploadedFile(
                        "x.pdf", b"MZ\x90", content_type="application/pdf"
                    )
                ]
            },
            "documents",
        ),
    ],
)
def test_presentation_bad_input(accounts, representative, params, field):
    with pytest.raises(ValidationError) as refused:
        present(accounts, representative, **params)
    assert field in refused.value.message_dict
    accounts.refresh_from_db()
    assert accounts.status == A.PENDING


def test_financial_report_when_metas_not_met(accounts, representative):
    present(
        accounts, representative, goals_met=False, financial_report="Gastos por rubrica"
    )
    accounts.refresh_from_db()
    assert (accounts.goals_met, accounts.financial_report) == (
        False,
        "Gastos por rubrica",
    )


def test_presentation_extends_once_with_justification(accounts, staff_user):
    due = accounts.due_on
    with pytest.raises(ValidationError):
        run(accounts, "extend_due", staff_user)
    run(accounts, "extend_due", staff_user, note="Contador afastado")
    accounts.refresh_from_db()
    assert (accounts.due_on, accounts.due_extended) == (
        due + dt.timedelta(days=30),
        True,
    )
    with pytest.raises(ValidationError, match="uma vez"):
        run(accounts, "extend_due", staff_user, note="De novo")


def test_analysis_extends_once(accounts, representative, staff_user):
    present(accounts, representative)
    accounts.refresh_from_db()
    due = accounts.analysis_due_on
    run(accounts, "extend_analysis", staff_user, note="Volume de documentos")
    accounts.refresh_from_db()
    assert accounts.analysis_due_on == due + dt.timedelta(days=150)
    with pytest.raises(ValidationError, match="uma vez"):
        run(accounts, "extend_analysis", staff_user, note="De novo")


def test_diligence_answer_and_conclusion(accounts, representative, staff_user):
    present(accounts, representative)
    run(accounts, "diligence", staff_user, request="Envie os extratos de março")
    accounts.refresh_from_db()
    assert accounts.status == A.DILIGENCE
    diligence = accounts.diligences.get()
    assert diligence.due_on == diligence.issued_on + dt.timedelta(days=45)
    run(accounts, "extend_diligence", staff_user, note="Pedido da entidade")
    diligence.refresh_from_db()
    assert diligence.due_on == diligence.issued_on + dt.timedelta(days=90)
    with pytest.raises(ValidationError, match="uma vez"):
        run(accounts, "extend_diligence", staff_user, note="De novo")
    with pytest.raises(ValidationError):
        run(accounts, "answer", representative, answer="")
    run(accounts, "answer", representative, answer="Extratos anexados")
    diligence.refresh_from_db()
    assert diligence.answered_on is not None
    accounts.refresh_from_db()
    assert accounts.status == A.PRESENTED
    # a second diligência has its own 45 days and its own single extension
    run(accounts, "diligence", staff_user, request="Falta a nota 12")
    assert accounts.diligences.filter(answered_on__isnull=True).count() == 1
    run(accounts, "answer", representative, answer="Nota anexada")
    with pytest.raises(ValidationError):
        run(accounts, "approve_with_caveats", staff_user)
    run(accounts, "approve_with_caveats", staff_user, note="Atraso na apresentação")
    accounts.refresh_from_db()
    assert accounts.status == A.CAVEATS
    assert accounts.conclusion == "Atraso na apresentação"
    assert accounts.decided_on is not None


@pytest.mark.parametrize(
    ("action", "allowed_role"),
    [
        ("present", "representative"),
        ("extend_due", "staff_user"),
        ("diligence", "staff_user"),
        ("approve", "staff_user"),
        ("reject", "staff_user"),
    ],
)
@pytest.mark.parametrize(
    "role",
    [
        "citizen",
        "representative",
        "other_representative",
        "committee_member",
        "gestor",
        "staff_user",
        "council_secretary",
    ],
)
def test_permission_matrix(
    accounts, representative, request, action, allowed_role, role
):
    if action in ("approve", "reject", "diligence"):
        present(accounts, representative)
    person = request.getfixturevalue(role)
    params = {
        "present": {"execution_report": "x", "goals_met": True},
        "diligence": {"request": "x"},
    }.get(action, {})
    if role == allowed_role:
        run(accounts, action, person, note="x", **params)
    else:
        with pytest.raises(PermissionDenied):
            run(accounts, action, person, note="x", **params)
