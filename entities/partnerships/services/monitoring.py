"""Monitoring and evaluation (arts. 58–59): reports of the comissão de
monitoramento e avaliação and technical visits, recorded by the comissão or
the gestor, and the homologation of a report by the comissão."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.uploads import validate_upload

from ..models import MonitoringReport, Partnership
from .partnership_workflow import partnership_workflow

FOLLOWED = (
    Partnership.Status.EXECUTING,
    Partnership.Status.ENDED,
    Partnership.Status.RESCINDED,
)
SUMMARY_MAX_LENGTH = 20_000


def monitoring_record(
    *,
    partnership_id: int,
    by,
    kind: str,
    happened_on: dt.date,
    summary: str,
    file=None,
) -> MonitoringReport:
    """Record a monitoring report or a visit (art. 58, 59) with its file."""
    errors = {}
    summary = (summary or "").strip()
    if kind not in MonitoringReport.Kind.values:
        errors["kind"] = _("Escolha relatório ou visita.")
    if not summary:
        errors["summary"] = _("Escreva a síntese.")
    elif len(summary) > SUMMARY_MAX_LENGTH:
        errors["summary"] = _("Texto longo demais.")
    if not isinstance(happened_on, dt.date) or happened_on > timezone.localdate():
        errors["happened_on"] = _("Informe uma data que já passou.")
    if file:
        try:
            validate_upload(file, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
        except ValidationError as error:
            errors["file"] = error.messages
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
        if not by.has_perm("partnerships.record_monitoring", partnership):
            raise PermissionDenied
        if partnership.status not in FOLLOWED:
            raise ValidationError(_("O monitoramento começa com a execução (art. 38)."))
        report = MonitoringReport(
            partnership=partnership,
            kind=kind,
            happened_on=happened_on,
            summary=summary,
            author=by,
        )
        if file:
            report.file.save(file.name, file, save=False)
        report.save()
        partnership_workflow.record(
            partnership,
            action="record_monitoring",
            actor=by,
            data={"report_id": report.pk, "kind": kind, "happened_on": happened_on},
        )
    return report


def monitoring_homologate(*, report_id: int, by, homologated_on: dt.date | None = None):
    """The comissão homologates a technical report (art. 59)."""
    today = timezone.localdate()
    homologated_on = homologated_on or today
    with transaction.atomic():
        report = (
            MonitoringReport.objects.select_for_update()
            .select_related("partnership")
            .get(pk=report_id)
        )
        if not by.has_perm("partnerships.homologate_monitoring", report):
            raise PermissionDenied
        if report.kind != MonitoringReport.Kind.REPORT:
            raise ValidationError(_("Só relatórios técnicos são homologados."))
        if report.homologated_on:
            raise ValidationError(_("Este relatório já foi homologado."))
        if homologated_on < report.happened_on or homologated_on > today:
            raise ValidationError(
                {
                    "homologated_on": _(
                        "A homologação vem depois do relatório e não no futuro."
                    )
                }
            )
        report.homologated_on = homologated_on
        report.save(update_fields=["homologated_on"])
        partnership_workflow.record(
            report.partnership,
            action="homologate_monitoring",
            actor=by,
            data={"report_id": report.pk, "homologated_on": homologated_on},
        )
    return report
