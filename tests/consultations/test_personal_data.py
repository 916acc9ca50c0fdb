"""The consultations' share of the LGPD export and erasure (consultations/personal_data.py)."""

import pytest

from consultations.models import AbuseReport
from consultations.personal_data import export

pytestmark = pytest.mark.django_db


def test_export_holds_accessibility_needs_and_checkin_code(
    citizen, registration_factory
):
    registration = registration_factory(
        user=citizen, needs_libras=True, accessibility_needs="Rampa de acesso"
    )
    [row] = export(citizen)["registrations"]
    assert row["needs_libras"] is True
    assert row["accessibility_needs"] == "Rampa de acesso"
    assert row["checkin_code"] == registration.checkin_code


def test_export_holds_the_abuse_reports_the_person_filed(
    citizen, user_factory, contribution_factory
):
    contribution = contribution_factory(author=user_factory())
    AbuseReport.objects.create(
        contribution=contribution,
        user=citizen,
        reason=AbuseReport.Reason.OTHER,
        details="Ofende uma vizinha",
    )
    AbuseReport.objects.create(
        contribution=contribution, user=user_factory(), reason="spam"
    )
    [row] = export(citizen)["abuse_reports"]
    assert row["contribution_id"] == contribution.pk
    assert row["reason"] == "Outro motivo"
    assert row["details"] == "Ofende uma vizinha"
    assert row["resolved_at"] is None
