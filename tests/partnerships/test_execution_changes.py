"""Changes (arts. 55, 57): the 30-day rule for the entity's extension request,
approval by termo aditivo or apostilamento, the ex officio extension; and
monitoring by the comissão and the gestor."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from entities.partnerships.models import Change, MonitoringReport, Partnership
from entities.partnerships.services.changes import (
    change_decide,
    change_ex_officio,
    change_request,
)
from entities.partnerships.services.monitoring import (
    monitoring_homologate,
    monitoring_record,
)

from .execution_support import executing, noon, plan, set_status

pytestmark = pytest.mark.django_db
C = Change.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.parametrize(
    ("days_before_end", "allowed"),
    [(365, True), (31, True), (30, True), (29, False), (1, False), (0, False)],
)
def test_extension_request_at_least_30_days_before_the_end(
    partnership, representative, days_before_end, allowed
):
    executing(partnership)
    today = partnership.ends_on - dt.timedelta(days=days_before_end)
    new_end = partnership.ends_on + dt.timedelta(days=90)
    with time_machine.travel(noon(today), tick=False):
        if allowed:
            change = change_request(
                partnership_id=partnership.pk,
                by=representative,
                new_ends_on=new_end,
                description="Atraso na reforma do núcleo",
            )
            assert (change.status, change.requested_by_entity) == (C.REQUESTED, True)
        else:
            with pytest.raises(ValidationError) as refused:
                change_request(
                    partnership_id=partnership.pk,
                    by=representative,
                    new_ends_on=new_end,
                    description="Atraso",
                )
            assert "art. 55" in refused.value.message_dict["new_ends_on"][0]


@pytest.mark.parametrize(
    ("new_end_offset", "description", "field"),
    [
        (0, "Atraso", "new_ends_on"),
        (-10, "Atraso", "new_ends_on"),
        (30, "  ", "description"),
    ],
)
def test_extension_request_bad_input(
    partnership, representative, new_end_offset, description, field
):
    executing(partnership)
    with pytest.raises(ValidationError) as refused:
        change_request(
            partnership_id=partnership.pk,
            by=representative,
            new_ends_on=partnership.ends_on + dt.timedelta(days=new_end_offset),
            description=description,
        )
    assert field in refused.value.message_dict


@pytest.mark.parametrize("role", ["other_representative", "citizen", "gestor"])
def test_only_the_entity_asks(partnership, request, role):
    executing(partnership)
    with pytest.raises(PermissionDenied):
        change_request(
            partnership_id=partnership.pk,
            by=request.getfixturevalue(role),
            new_ends_on=partnership.ends_on + dt.timedelta(days=30),
            description="x",
        )


def _requested(partnership, representative):
    return change_request(
        partnership_id=partnership.pk,
        by=representative,
        new_ends_on=partnership.ends_on + dt.timedelta(days=90),
        description="Atraso na obra",
    )


def test_approval_moves_the_end_and_adds_value_as_a_parcela(
    partnership, representative, staff_user
):
    executing(partnership)
    old_end = partnership.ends_on
    change = _requested(partnership, representative)
    with pytest.raises(ValidationError, match="aguardando"):
        _requested(partnership, representative)
    with pytest.raises(ValidationError) as refused:
        change_decide(change_id=change.pk, by=staff_user, approve=True, act_number="")
    assert "act_number" in refused.value.message_dict
    change_decide(
        change_id=change.pk,
        by=staff_user,
        approve=True,
        kind=Change.Kind.ADDENDUM,
        act_number="1º Termo Aditivo",
        value_change=Decimal("30000.00"),
        installment_due_on=old_end,
    )
    partnership.refresh_from_db()
    change.refresh_from_db()
    assert change.status == C.APPROVED
    assert change.act_number == "1º Termo Aditivo"
    assert partnership.ends_on == old_end + dt.timedelta(days=90)
    assert partnership.total_value == Decimal("150000.00")
    assert (
        sum(i.value for i in partnership.installments.all()) == partnership.total_value
    )
    log = partnership.log.get(action="decide_change")
    assert log.data["ends_on"] == [old_end.isoformat(), partnership.ends_on.isoformat()]
    with pytest.raises(ValidationError, match="já foi decidida"):
        change_decide(change_id=change.pk, by=staff_user, approve=False, note="x")


def test_refusal_needs_reasons(partnership, representative, staff_user):
    executing(partnership)
    change = _requested(partnership, representative)
    with pytest.raises(PermissionDenied):
        change_decide(change_id=change.pk, by=representative, approve=False, note="x")
    with pytest.raises(ValidationError):
        change_decide(change_id=change.pk, by=staff_user, approve=False, note="")
    change_decide(
        change_id=change.pk, by=staff_user, approve=False, note="Sem justificativa"
    )
    change.refresh_from_db()
    assert change.status == C.REFUSED
    partnership.refresh_from_db()
    assert partnership.ends_on == partnership.starts_on + dt.timedelta(days=365)


def test_ex_officio_extension_equals_the_delay(partnership, staff_user, representative):
    executing(partnership)
    old_end = partnership.ends_on
    change = change_ex_officio(
        partnership_id=partnership.pk,
        by=staff_user,
        delay_days=47,
        act_number="Apostila 3/2026",
        description="2ª parcela liberada com 47 dias de atraso",
    )
    partnership.refresh_from_db()
    assert partnership.ends_on == old_end + dt.timedelta(days=47)
    assert (change.kind, change.status) == (Change.Kind.EX_OFFICIO, C.APPROVED)
    for bad in (0, -3, 10_000):
        with pytest.raises(ValidationError):
            change_ex_officio(
                partnership_id=partnership.pk,
                by=staff_user,
                delay_days=bad,
                act_number="A",
                description="x",
            )
    with pytest.raises(PermissionDenied):
        change_ex_officio(
            partnership_id=partnership.pk,
            by=representative,
            delay_days=3,
            act_number="A",
            description="x",
        )


def test_no_changes_after_the_end(partnership, representative):
    set_status(plan(partnership), Partnership.Status.ENDED)
    with pytest.raises(ValidationError, match="não cabem alterações"):
        _requested(partnership, representative)


@pytest.mark.parametrize("role", ["gestor", "staff_user", "monitor"])
def test_the_comissao_and_gestor_record_monitoring(
    partnership, request, user_factory, role
):
    executing(partnership)
    if role == "monitor":
        person = user_factory()
        partnership.monitoring_committee.add(person)
    else:
        person = request.getfixturevalue(role)
    report = monitoring_record(
        partnership_id=partnership.pk,
        by=person,
        kind=MonitoringReport.Kind.REPORT,
        happened_on=timezone.localdate(),
        summary="Metas do trimestre cumpridas",
        file=SimpleUploadedFile("relatorio.pdf", PDF, content_type="application/pdf"),
    )
    assert report.file
    assert report.author == person
    monitoring_homologate(report_id=report.pk, by=person)
    report.refresh_from_db()
    assert report.homologated_on == timezone.localdate()
    with pytest.raises(ValidationError, match="já foi homologado"):
        monitoring_homologate(report_id=report.pk, by=person)
    assert list(partnership.log.values_list("action", flat=True)) == [
        "homologate_monitoring",
        "record_monitoring",
    ]


@pytest.mark.parametrize(
    "role", ["representative", "citizen", "council_secretary", "other_representative"]
)
def test_others_do_not_record_monitoring(partnership, request, role):
    executing(partnership)
    with pytest.raises(PermissionDenied):
        monitoring_record(
            partnership_id=partnership.pk,
            by=request.getfixturevalue(role),
            kind=MonitoringReport.Kind.VISIT,
            happened_on=timezone.localdate(),
            summary="Visita",
        )


def test_monitoring_bad_input(partnership, gestor):
    executing(partnership)
    with pytest.raises(ValidationError) as refused:
        monitoring_record(
            partnership_id=partnership.pk,
            by=gestor,
            kind="other",
            happened_on=timezone.localdate() + dt.timedelta(days=1),
            summary="",
            file=SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf"),
        )
    assert set(refused.value.message_dict) == {"kind", "happened_on", "summary", "file"}
