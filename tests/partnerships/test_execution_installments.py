"""Parcelas: released, retained with an art. 48 reason, released again; the
art. 38 guard; every step in the partnership's history, told to the entity."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from entities.partnerships.models import Installment, Partnership
from entities.partnerships.services.installments import (
    installment_release,
    installment_retain,
)

from .execution_support import executing, plan, set_status

pytestmark = pytest.mark.django_db
S = Partnership.Status
I = Installment.Status  # noqa: E741
REASON = Installment.RetentionReason.IRREGULARITY


@pytest.mark.parametrize("status", [S.PLANNING, S.SIGNED])
def test_art_38_nothing_is_released_before_the_extrato(partnership, staff_user, status):
    set_status(plan(partnership), status)
    first = partnership.installments.first()
    with pytest.raises(ValidationError, match=r"art\. 38"):
        installment_release(installment_id=first.pk, by=staff_user)
    with pytest.raises(ValidationError, match=r"art\. 38"):
        installment_retain(
            installment_id=first.pk, by=staff_user, reason=REASON, note="x"
        )
    first.refresh_from_db()
    assert first.status == I.SCHEDULED


@pytest.mark.parametrize("status", [S.ENDED, S.RESCINDED, S.CLOSED])
def test_nothing_moves_after_execution(partnership, staff_user, status):
    set_status(plan(partnership), status)
    with pytest.raises(ValidationError, match="não está em execução"):
        installment_release(
            installment_id=partnership.installments.first().pk, by=staff_user
        )


def test_release_logs_and_tells_the_entity_and_gestor(
    partnership, staff_user, representative, gestor
):
    executing(partnership)
    first = partnership.installments.first()
    installment_release(installment_id=first.pk, by=staff_user, note="Conta 1234-5")
    first.refresh_from_db()
    assert (first.status, first.released_on) == (I.RELEASED, timezone.localdate())
    log = partnership.log.get()
    assert log.action == "release_installment"
    assert log.note == "Conta 1234-5"
    assert log.data["installment"] == 1
    assert log.data["value"] == "60000.00"
    assert (log.data["from"], log.data["to"]) == (I.SCHEDULED, I.RELEASED)
    notice = Notification.objects.get(
        recipient=representative, key=f"partnership-log:{log.pk}"
    )
    assert notice.kind == "partnerships.execution"
    assert "R$ 60.000,00" in notice.context["what"]
    assert Notification.objects.filter(recipient=gestor, key=notice.key).exists()
    assert not Notification.objects.filter(recipient=staff_user).exists()


def test_a_parcela_is_released_once(partnership, staff_user):
    executing(partnership)
    first = partnership.installments.first()
    installment_release(installment_id=first.pk, by=staff_user)
    with pytest.raises(ValidationError, match="já foi liberada"):
        installment_release(installment_id=first.pk, by=staff_user)
    assert partnership.log.count() == 1


def test_retain_then_release_again(partnership, staff_user):
    executing(partnership)
    first = partnership.installments.first()
    installment_retain(
        installment_id=first.pk,
        by=staff_user,
        reason=REASON,
        note="Notas sem identificação",
    )
    first.refresh_from_db()
    assert (first.status, first.retention_reason) == (I.RETAINED, REASON)
    with pytest.raises(ValidationError, match="só uma parcela prevista"):
        installment_retain(
            installment_id=first.pk, by=staff_user, reason=REASON, note="x"
        )
    installment_release(installment_id=first.pk, by=staff_user, note="Saneado")
    first.refresh_from_db()
    assert (first.status, first.retention_reason) == (I.RELEASED, "")
    retain, release = partnership.log.order_by("pk")
    assert retain.data["reason"] == REASON
    assert retain.note == "Notas sem identificação"
    assert release.data["from"] == I.RETAINED


@pytest.mark.parametrize(
    ("reason", "note", "fields"),
    [
        ("", "x", {"reason"}),
        ("outro", "x", {"reason"}),
        (REASON, "", {"note"}),
        (REASON, "   ", {"note"}),
        ("", "", {"reason", "note"}),
        (REASON, "x" * 2001, {"note"}),
    ],
)
def test_retention_needs_an_art_48_reason_and_a_note(
    partnership, staff_user, reason, note, fields
):
    executing(partnership)
    first = partnership.installments.first()
    with pytest.raises(ValidationError) as refused:
        installment_retain(
            installment_id=first.pk, by=staff_user, reason=reason, note=note
        )
    assert set(refused.value.message_dict) == fields


def test_release_date_cannot_be_future_or_before_the_extrato(partnership, staff_user):
    executing(partnership)
    first = partnership.installments.first()
    for day in (
        timezone.localdate() + dt.timedelta(days=1),
        partnership.extract_published_on - dt.timedelta(days=1),
    ):
        with pytest.raises(ValidationError) as refused:
            installment_release(installment_id=first.pk, by=staff_user, released_on=day)
        assert "released_on" in refused.value.message_dict


@pytest.mark.parametrize(
    "role",
    [
        "citizen",
        "representative",
        "other_representative",
        "committee_member",
        "gestor",
        "council_secretary",
    ],
)
def test_only_staff_move_money(partnership, request, role):
    executing(partnership)
    first = partnership.installments.first()
    person = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        installment_release(installment_id=first.pk, by=person)
    with pytest.raises(PermissionDenied):
        installment_retain(installment_id=first.pk, by=person, reason=REASON, note="x")
