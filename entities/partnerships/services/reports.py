"""The art. 12 channel (Lei 13.019/2014): anyone reports an irregular use of
partnership money and gets a protocol number; staff are told, look into it
and answer. The reporter may stay anonymous; a contact email, when given, is
seen only by staff and receives the answer."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.notifications import notify, notify_address

from ..models import IrregularityReport, Partnership
from ..notifications.kinds import REPORT_ANSWERS, REPORTS
from .protocols import next_protocol

R = IrregularityReport.Status
PROTOCOL_PREFIX = "DEN"
# (status, action) -> new status: the whole life of a report.
TRANSITIONS = {
    (R.RECEIVED, "investigate"): R.ANALYSIS,
    (R.RECEIVED, "close"): R.CLOSED,
    (R.ANALYSIS, "close"): R.CLOSED,
}


def report_staff():
    """Active people of the SRSC team (who hold `manage_partnerships`)."""
    held = Q(groups__permissions__codename="manage_partnerships") | Q(
        user_permissions__codename="manage_partnerships"
    )
    return get_user_model().objects.filter(held, is_active=True).distinct()


def report_receive(
    *,
    description: str,
    partnership: Partnership | None = None,
    contact_email: str = "",
    reporter=None,
    now: dt.datetime | None = None,
) -> IrregularityReport:
    """Receive a report with its protocol number (art. 12) and tell staff."""
    now = now or timezone.now()
    if reporter is not None and not reporter.is_authenticated:
        reporter = None
    with transaction.atomic():
        report = IrregularityReport.objects.create(
            protocol=next_protocol(PROTOCOL_PREFIX, now),
            partnership=partnership,
            description=description.strip(),
            contact_email=(contact_email or "").strip(),
            reporter=reporter,
            created_at=now,
        )
        lines = [_("Protocolo %(protocol)s.") % {"protocol": report.protocol}]
        if partnership is not None:
            lines.append(
                _("Parceria %(number)s (%(entity)s).")
                % {"number": partnership.number, "entity": partnership.entity}
            )
        # The description stays in the platform: an email leaves no trace of it.
        notify(
            report_staff().exclude(pk=getattr(reporter, "pk", None)),
            REPORTS.slug,
            {"title": report.protocol, "what": _("Nova denúncia"), "lines": lines},
            key=f"irregularity-report:{report.pk}:received",
            url=reverse("partnerships_reports:inspect", args=[report.pk]),
        )
    return report


def report_decide(
    *, report_id: int, by, action: str, answer: str = ""
) -> IrregularityReport:
    """Staff take the report up, or close it with an answer; the reporter's
    email, when given, receives the answer."""
    answer = (answer or "").strip()
    with transaction.atomic():
        report = IrregularityReport.objects.select_for_update().get(pk=report_id)
        if not by.has_perm("partnerships.answer_irregularityreport", report):
            raise PermissionDenied
        target = TRANSITIONS.get((report.status, action))
        if target is None:
            raise ValidationError(
                _("Esta denúncia já está “%(status)s”.")
                % {"status": report.get_status_display()}
            )
        if action == "close" and not answer:
            raise ValidationError({"answer": _("Escreva a resposta da apuração.")})
        report.status = target
        fields = ["status"]
        if answer:
            report.answer = answer
            fields.append("answer")
        report.save(update_fields=fields)
        if action == "close" and report.contact_email:
            notify_address(
                report.contact_email,
                REPORT_ANSWERS.slug,
                {
                    "title": report.protocol,
                    "what": _("Denúncia concluída"),
                    "lines": [answer],
                },
                key=f"irregularity-report:{report.pk}:closed",
            )
    return report
