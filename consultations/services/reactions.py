"""What people do to someone else's contribution: support it (or take the
support back) and report it to the moderators.

Counters change only with F() under the contribution's row lock, and each
change people see publicly makes the cached anonymous pages stale on commit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from civic.workflow import refuse_duplicate

from ..models import AbuseReport, Contribution, Support
from .contributions import (
    ContributionClosed,
    lock_contribution,
    target_is_open,
    too_long,
)

MAX_REPORT_DETAILS = AbuseReport._meta.get_field("details").max_length


def support_toggle(*, contribution_id: int, user, support: bool = True) -> bool:
    """Support a contribution, or take the support back.

    `support` says what the person wants, so a double click changes nothing the
    second time. One support per person (unique constraint); the counter moves
    with F() under the row lock. Returns whether anything changed.
    """
    with transaction.atomic():
        contribution = lock_contribution(contribution_id)
        if user.is_authenticated and contribution.author_id == user.pk:
            raise ValidationError(
                _("Você não pode apoiar a sua própria contribuição."), code="own"
            )
        if not user.has_perm("consultations.support_contribution", contribution):
            raise PermissionDenied
        if not target_is_open(contribution.consultation or contribution.event):
            raise ContributionClosed(
                _("A participação está encerrada: não é mais possível apoiar."),
                code="closed",
            )
        if support:
            try:
                with transaction.atomic():
                    Support.objects.create(contribution=contribution, user=user)
            except IntegrityError:
                return False
            delta = 1
        else:
            deleted, _rows = Support.objects.filter(
                contribution=contribution, user=user
            ).delete()
            if not deleted:
                return False
            delta = -1
        Contribution.objects.filter(pk=contribution.pk).update(
            support_count=F("support_count") + delta
        )
        transaction.on_commit(invalidate_public_pages)
    return True


def report_abuse(
    *, contribution_id: int, user, reason: str, details: str = ""
) -> AbuseReport:
    """Report a contribution to the moderators, once per person."""
    details = (details or "").strip()
    errors: dict[str, list[str]] = {}
    if reason not in AbuseReport.Reason.values:
        errors["reason"] = [_("Escolha o motivo da denúncia.")]
    if reason == AbuseReport.Reason.OTHER and not details:
        errors["details"] = [_("Conte em poucas palavras qual é o problema.")]
    if len(details) > MAX_REPORT_DETAILS:
        errors["details"] = [too_long(details, MAX_REPORT_DETAILS)]
    if errors:
        raise ValidationError(errors)
    with (
        refuse_duplicate(
            _("Você já denunciou esta contribuição; a moderação vai analisá-la.")
        ),
        transaction.atomic(),
    ):
        contribution = Contribution.objects.select_for_update().get(pk=contribution_id)
        if user.is_authenticated and contribution.author_id == user.pk:
            raise ValidationError(
                _("Você não pode denunciar a sua própria contribuição."),
                code="own",
            )
        if not user.has_perm("consultations.report_contribution", contribution):
            raise PermissionDenied
        report = AbuseReport.objects.create(
            contribution=contribution, user=user, reason=reason, details=details
        )
        Contribution.objects.filter(pk=contribution.pk).update(
            report_count=F("report_count") + 1
        )
    return report
