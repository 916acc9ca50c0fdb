"""Prestação de contas (arts. 63–72): the entity presents (the report of the
object always; the financial report when the metas were not met, art. 66),
the administration analyses within 150 days (+150 justified, art. 71),
issues diligências of 45 days (+45, art. 70 §1) and concludes: regular,
regular com ressalvas, or irregular (art. 72).

Deadlines are stored due dates (services/deadlines.py); nothing changes by
itself when they pass, and the reminders job tells people as they approach.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.uploads import validate_upload
from civic.workflow import Step, Workflow

from ..models import (
    Accountability,
    AccountabilityDocument,
    AccountabilityLog,
    Diligence,
    Partnership,
)
from ..notifications import execution as notices
from . import deadlines

S = Accountability.Status
REPORT_MAX_LENGTH = 50_000
MAX_DOCUMENTS = 10
CONCLUSIONS = {
    "approve": S.REGULAR,
    "approve_with_caveats": S.CAVEATS,
    "reject": S.IRREGULAR,
}


def _text(step: Step, name: str, required: str | None) -> str:
    value = (step.params.get(name) or "").strip()
    if required and not value:
        raise ValidationError({name: required})
    if len(value) > REPORT_MAX_LENGTH:
        raise ValidationError({name: _("Texto longo demais.")})
    step.params[name] = value
    return value


def _documents(step: Step) -> list:
    files = [f for f in (step.params.get("documents") or []) if f]
    if len(files) > MAX_DOCUMENTS:
        raise ValidationError(
            {"documents": _("Envie no máximo %(n)s arquivos.") % {"n": MAX_DOCUMENTS}}
        )
    for uploaded in files:
        try:
            validate_upload(uploaded, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
        except ValidationError as error:
            raise ValidationError({"documents": error.messages}) from None
    step.params["documents"] = files
    return files


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


class AccountabilityWorkflow(Workflow):
    """present(execution_report, goals_met, financial_report, documents),
    extend_due(note), extend_analysis(note), diligence(request),
    extend_diligence(note), answer(answer, documents), approve /
    approve_with_caveats / reject (note)."""

    model = Accountability
    log_model = AccountabilityLog
    transitions = {
        (S.PENDING, "present"): S.PRESENTED,
        (S.PENDING, "extend_due"): S.PENDING,
        (S.PRESENTED, "extend_analysis"): S.PRESENTED,
        (S.PRESENTED, "diligence"): S.DILIGENCE,
        (S.DILIGENCE, "extend_analysis"): S.DILIGENCE,
        (S.DILIGENCE, "extend_diligence"): S.DILIGENCE,
        (S.DILIGENCE, "answer"): S.PRESENTED,
        (S.PRESENTED, "approve"): S.REGULAR,
        (S.PRESENTED, "approve_with_caveats"): S.CAVEATS,
        (S.PRESENTED, "reject"): S.IRREGULAR,
    }
    action_labels = {
        "present": gettext_lazy("Apresentar a prestação de contas"),
        "extend_due": gettext_lazy("Prorrogar a apresentação (30 dias)"),
        "extend_analysis": gettext_lazy("Prorrogar a análise (150 dias)"),
        "diligence": gettext_lazy("Emitir diligência"),
        "extend_diligence": gettext_lazy("Prorrogar a diligência (45 dias)"),
        "answer": gettext_lazy("Responder à diligência"),
        "approve": gettext_lazy("Concluir: regular"),
        "approve_with_caveats": gettext_lazy("Concluir: regular com ressalvas"),
        "reject": gettext_lazy("Concluir: irregular"),
    }
    note_required = frozenset(
        {"extend_due", "extend_analysis", "extend_diligence", *CONCLUSIONS}
    )

    def open_diligence(self, obj) -> Diligence | None:
        return obj.diligences.filter(answered_on__isnull=True).first()

    def check(self, step: Step) -> None:
        obj, action = step.obj, step.action
        if action == "present":
            _text(
                step,
                "execution_report",
                _("Escreva o relatório de execução do objeto."),
            )
            goals_met = step.params.get("goals_met")
            if goals_met not in (True, False):
                raise ValidationError(
                    {"goals_met": _("Diga se as metas foram cumpridas.")}
                )
            _text(
                step,
                "financial_report",
                None
                if goals_met
                else _(
                    "Como as metas não foram cumpridas, o relatório de execução "
                    "financeira é obrigatório (art. 66, II)."
                ),
            )
            _documents(step)
        elif action == "extend_due" and obj.due_extended:
            raise ValidationError(
                _("O prazo de apresentação já foi prorrogado uma vez.")
            )
        elif action == "extend_analysis" and obj.analysis_extended:
            raise ValidationError(
                _("O prazo da análise já foi prorrogado uma vez (art. 71, §1º).")
            )
        elif action == "diligence":
            _text(step, "request", _("Diga o que a entidade deve sanar."))
        elif action == "extend_diligence":
            diligence = self.open_diligence(obj)
            if diligence is None or diligence.extended:
                raise ValidationError(_("Esta diligência já foi prorrogada uma vez."))
        elif action == "answer":
            _text(step, "answer", _("Escreva a resposta."))
            _documents(step)

    def apply(self, step: Step) -> None:
        obj, action = step.obj, step.action
        today = timezone.localdate(step.now)
        if action == "present":
            due = deadlines.analysis_due(today)
            step.set(
                presented_on=today,
                analysis_due_on=due,
                execution_report=step.params["execution_report"],
                goals_met=step.params["goals_met"],
                financial_report=step.params["financial_report"],
            )
            step.data.update(late=today > obj.due_on, analysis_due_on=due)
        elif action == "extend_due":
            new = deadlines.presentation_extended(obj.due_on)
            step.data["due_on"] = [obj.due_on, new]
            step.set(due_on=new, due_extended=True)
        elif action == "extend_analysis":
            new = deadlines.analysis_extended(obj.analysis_due_on)
            step.data["analysis_due_on"] = [obj.analysis_due_on, new]
            step.set(analysis_due_on=new, analysis_extended=True)
        elif action == "diligence":
            diligence = Diligence.objects.create(
                accountability=obj,
                issued_on=today,
                due_on=deadlines.diligence_due(today),
                request=step.params["request"],
            )
            step.data.update(diligence_id=diligence.pk, due_on=diligence.due_on)
        elif action == "extend_diligence":
            diligence = self.open_diligence(obj)
            new = deadlines.diligence_extended(diligence.due_on)
            step.data.update(diligence_id=diligence.pk, due_on=[diligence.due_on, new])
            diligence.due_on, diligence.extended = new, True
            diligence.save(update_fields=["due_on", "extended"])
        elif action == "answer":
            diligence = self.open_diligence(obj)
            diligence.answer, diligence.answered_on = step.params["answer"], today
            diligence.save(update_fields=["answer", "answered_on"])
            step.data.update(diligence_id=diligence.pk, late=today > diligence.due_on)
        elif action in CONCLUSIONS:
            step.set(decided_on=today, conclusion=step.note)
        for uploaded in step.params.get("documents") or []:
            document = AccountabilityDocument(
                accountability=obj, title=uploaded.name[:200], uploaded_by=step.actor
            )
            document.file.save(uploaded.name, uploaded, save=True)
            step.data.setdefault("documents", []).append(document.pk)

    def after(self, step: Step, log) -> None:
        obj = step.obj
        lines = []
        what = {
            "present": _("a prestação de contas foi apresentada"),
            "extend_due": _("o prazo de apresentação foi prorrogado"),
            "extend_analysis": _("o prazo da análise foi prorrogado"),
            "diligence": _("a prestação de contas está em diligência"),
            "extend_diligence": _("o prazo da diligência foi prorrogado"),
            "answer": _("a diligência foi respondida"),
            "approve": _("as contas foram aprovadas: regulares"),
            "approve_with_caveats": _("as contas foram aprovadas com ressalvas"),
            "reject": _("as contas foram rejeitadas: irregulares"),
        }[step.action]
        if step.action == "diligence":
            lines = [
                step.params["request"],
                _("Prazo para responder: %(date)s.")
                % {"date": _day(step.data["due_on"])},
            ]
        elif step.note:
            lines = [step.note]
        if step.action in CONCLUSIONS:
            from civic.cache import invalidate_public_pages

            transaction.on_commit(invalidate_public_pages)
        notices.accountability_step(obj, log, what, lines=lines)


accountability_workflow = AccountabilityWorkflow()


def accountability_transition(
    *, accountability_id: int, action: str, by, note: str = "", **params
):
    """Run one step of a prestação de contas (see AccountabilityWorkflow)."""
    return accountability_workflow.run(
        accountability_id, action, actor=by, note=note, **params
    )


def annual_accounts_create(today: dt.date | None = None) -> int:
    """Daily: an annual prestação de contas falls due after each full year of
    vigência of a partnership in execution (arts. 49, 67 §2). Idempotent:
    each (partnership, year) is created once, under the unique constraint."""
    today = today or timezone.localdate()
    created = 0
    partnerships = Partnership.objects.filter(
        status=Partnership.Status.EXECUTING,
        starts_on__isnull=False,
        ends_on__isnull=False,
        starts_on__lte=today - dt.timedelta(days=365),
    ).only("pk", "number", "entity_id", "gestor_id", "starts_on", "ends_on")
    for partnership in partnerships.iterator():
        periods = deadlines.anniversaries(
            partnership.starts_on, partnership.ends_on, today
        )
        if not periods:
            continue
        existing = set(
            partnership.accountabilities.filter(
                kind=Accountability.Kind.ANNUAL
            ).values_list("period_ends_on", flat=True)
        )
        for period_end in periods:
            if period_end in existing:
                continue
            with transaction.atomic():
                accountability, is_new = Accountability.objects.get_or_create(
                    partnership=partnership,
                    kind=Accountability.Kind.ANNUAL,
                    period_ends_on=period_end,
                    defaults={"due_on": deadlines.annual_accounts_due(period_end)},
                )
                if not is_new:
                    continue
                created += 1
                log = accountability_workflow.record(
                    accountability,
                    action="open",
                    actor=None,
                    data={"due_on": accountability.due_on},
                )
                notices.accountability_step(
                    accountability,
                    log,
                    _("a prestação de contas anual está aberta"),
                    lines=[
                        _("Prazo para apresentar: %(date)s.")
                        % {"date": _day(accountability.due_on)}
                    ],
                )
    return created
