"""Supporting and reporting someone else's contribution
(services/reactions.py), with their rules and bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations import services
from consultations.models import AbuseReport, Contribution, Support
from tests.consultations.consultation_support import (
    S,
    consultation_with_text,
    errors_of,
)
from tests.factories.consultations import ContributionFactory

pytestmark = pytest.mark.django_db

C = Contribution


@pytest.fixture
def consultation():
    return consultation_with_text(S.OPEN)


# support_toggle
# ------------------------------------------------------------------------------


def count(contribution):
    return Contribution.objects.get(pk=contribution.pk).support_count


def test_support_and_take_it_back(consultation, citizen):
    contribution = ContributionFactory(consultation=consultation)
    assert services.support_toggle(contribution_id=contribution.pk, user=citizen)
    assert count(contribution) == 1
    assert Support.objects.filter(contribution=contribution, user=citizen).exists()
    assert services.support_toggle(
        contribution_id=contribution.pk, user=citizen, support=False
    )
    assert count(contribution) == 0


def test_a_double_click_counts_once(consultation, citizen):
    contribution = ContributionFactory(consultation=consultation)
    for _ in range(2):
        services.support_toggle(contribution_id=contribution.pk, user=citizen)
    assert count(contribution) == 1
    for _ in range(2):
        services.support_toggle(
            contribution_id=contribution.pk, user=citizen, support=False
        )
    assert count(contribution) == 0


def test_supporting_twice_says_so(consultation, citizen):
    contribution = ContributionFactory(consultation=consultation)
    assert services.support_toggle(contribution_id=contribution.pk, user=citizen)
    assert not services.support_toggle(contribution_id=contribution.pk, user=citizen)


def test_not_ones_own(consultation, citizen):
    contribution = ContributionFactory(consultation=consultation, author=citizen)
    with pytest.raises(ValidationError, match="própria contribuição"):
        services.support_toggle(contribution_id=contribution.pk, user=citizen)
    assert count(contribution) == 0


def test_not_a_removed_one(consultation, citizen):
    contribution = ContributionFactory(
        consultation=consultation, moderation=C.Moderation.HIDDEN
    )
    with pytest.raises(PermissionDenied):
        services.support_toggle(contribution_id=contribution.pk, user=citizen)


def test_not_after_closing(citizen):
    contribution = ContributionFactory(consultation=consultation_with_text(S.CLOSED))
    with pytest.raises(services.ContributionClosed):
        services.support_toggle(contribution_id=contribution.pk, user=citizen)


def test_not_anonymously(consultation):
    from django.contrib.auth.models import AnonymousUser

    contribution = ContributionFactory(consultation=consultation)
    with pytest.raises(PermissionDenied):
        services.support_toggle(contribution_id=contribution.pk, user=AnonymousUser())


# report_abuse
# ------------------------------------------------------------------------------


def test_report_once(consultation, citizen):
    contribution = ContributionFactory(consultation=consultation)
    report = services.report_abuse(
        contribution_id=contribution.pk, user=citizen, reason="spam"
    )
    assert report.reason == "spam"
    assert Contribution.objects.get(pk=contribution.pk).report_count == 1
    with pytest.raises(ValidationError, match="já denunciou") as excinfo:
        services.report_abuse(
            contribution_id=contribution.pk, user=citizen, reason="offensive"
        )
    assert excinfo.value.code == "duplicate"
    assert Contribution.objects.get(pk=contribution.pk).report_count == 1


def test_no_report_of_ones_own(consultation, citizen):
    contribution = ContributionFactory(consultation=consultation, author=citizen)
    with pytest.raises(ValidationError, match="própria"):
        services.report_abuse(
            contribution_id=contribution.pk, user=citizen, reason="spam"
        )


@pytest.mark.parametrize(
    ("reason", "details", "field"),
    [
        ("nonsense", "", "reason"),
        ("other", "", "details"),
        ("spam", "x" * 501, "details"),
    ],
)
def test_report_bad_input(consultation, citizen, reason, details, field):
    contribution = ContributionFactory(consultation=consultation)
    with pytest.raises(ValidationError) as excinfo:
        services.report_abuse(
            contribution_id=contribution.pk,
            user=citizen,
            reason=reason,
            details=details,
        )
    assert field in errors_of(excinfo)
    assert not AbuseReport.objects.exists()
