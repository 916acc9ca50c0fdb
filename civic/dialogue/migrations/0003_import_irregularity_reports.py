"""The art. 12 channel of the partnerships became this channel: each report of
the old `partnerships.IrregularityReport` becomes a denúncia that concerns its
partnership, with a new SRSC protocol number of the year it was received.

The old protocol (DEN-AAAA-NNNNN) is kept as an imported reference: written at
the end of the demand's text, where staff and the requester read it, and in the
`data` of the opening history row (`imported_protocol`), where it can be
searched. The contact email, when given, goes into the text too (only staff and
the requester see a demand's text). An anonymous report keeps no requester and
gets no secret code: nobody held one, and its author was never given a way to
follow it. Reports already closed arrive closed with their answer."""

import datetime as dt

from django.conf import settings
from django.db import migrations
from django.utils import timezone

from civic.protocols import next_number

STATUS = {"received": "open", "analysis": "triage", "closed": "closed"}


def import_reports(apps, schema_editor):
    Report = apps.get_model("partnerships", "IrregularityReport")
    Demand = apps.get_model("dialogue", "Demand")
    DemandLog = apps.get_model("dialogue", "DemandLog")
    DemandMessage = apps.get_model("dialogue", "DemandMessage")
    DemandSequence = apps.get_model("dialogue", "DemandSequence")
    now = timezone.now()
    for report in Report.objects.order_by("created_at", "pk").iterator():
        year = timezone.localdate(report.created_at).year
        number = next_number(DemandSequence, prefix="SRSC", year=year)
        lines = [
            report.description.strip(),
            "",
            f"Denúncia recebida pelo canal anterior do art. 12 (Lei 13.019/2014), "
            f"protocolo {report.protocol}.",
        ]
        if report.contact_email:
            lines.append(f"E-mail para retorno informado: {report.contact_email}")
        status = STATUS.get(report.status, "open")
        demand = Demand.objects.create(
            protocol=f"SRSC-{year}-{number:06d}",
            kind="denuncia",
            channel="web",
            subject=f"Irregularidade em parceria (art. 12), {report.protocol}"[:200],
            text="\n".join(lines),
            requester_id=report.reporter_id,
            concerns_partnership_id=report.partnership_id,
            status=status,
            due_on=timezone.localdate(report.created_at)
            + dt.timedelta(days=settings.DIALOGUE_ANSWER_DAYS),
            answer=report.answer if status == "closed" else "",
            closed_at=now if status == "closed" else None,
            created_at=report.created_at,
        )
        DemandLog.objects.create(
            demand=demand,
            action="open",
            from_status="",
            to_status="open",
            actor_id=report.reporter_id,
            note="",
            data={"imported_protocol": report.protocol},
            created_at=report.created_at,
        )
        if status != "open":
            DemandLog.objects.create(
                demand=demand,
                action="close" if status == "closed" else "assign",
                from_status="open",
                to_status=status,
                note=report.answer if status == "closed" else "",
                data={"imported_protocol": report.protocol},
                created_at=now,
            )
        if status == "closed" and report.answer:
            DemandMessage.objects.create(
                demand=demand, kind="answer", text=report.answer, created_at=now
            )


class Migration(migrations.Migration):
    dependencies = [
        ("dialogue", "0002_roles"),
        ("partnerships", "0003_execution_defence_and_goals_met"),
    ]

    operations = [
        migrations.RunPython(import_reports, migrations.RunPython.noop),
    ]
