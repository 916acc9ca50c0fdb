"""The life of a partnership after selection (Lei 13.019/2014):

planning → signed (the plano de trabalho complete, art. 22 and 35) →
executing (extrato published: art. 38, nothing executes before it) →
ended (end of the vigência; the final accounts fall due, art. 69) or
rescinded (after the notice of art. 42 XVI) → closed (final accounts decided).

Every action is `partnerships.<action>_partnership` in the rules, logged in
PartnershipLog and told to the entity and the gestor.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.workflow import Step, Workflow

from ..models import Accountability, Instrument, Partnership, PartnershipLog
from ..notifications import execution as notices
from ..presentation import brl
from . import deadlines
from .sanctions import active_blocking_sanctions, sanction_reason

S = Partnership.Status
DECIDED = (
    Accountability.Status.REGULAR,
    Accountability.Status.CAVEATS,
    Accountability.Status.IRREGULAR,
)
PLACE_MAX_LENGTH = 200


def _date(step: Step, name: str, *, default=None) -> dt.date:
    value = step.params.get(name) or default
    if not isinstance(value, dt.date):
        raise ValidationError({name: _("Informe a data.")})
    if isinstance(value, dt.datetime):
        value = value.date()
    if value > timezone.localdate(step.now):
        raise ValidationError({name: _("A data não pode estar no futuro.")})
    return value


def plan_problems(partnership: Partnership) -> dict[str, str]:
    """What the plano de trabalho still lacks before signature (arts. 22, 35),
    by field; empty when it may be signed."""
    problems: dict[str, str] = {}
    goals = list(partnership.goals.all())
    if not goals or any(
        not (goal.indicator.strip() and goal.verification.strip()) for goal in goals
    ):
        problems["goals"] = _(
            "O plano de trabalho precisa de ao menos uma meta, cada uma com "
            "indicador e meio de verificação (art. 22)."
        )
    if partnership.instrument in Instrument.with_money():
        total = partnership.installments.aggregate(total=Sum("value"))["total"] or 0
        if total != partnership.total_value:
            problems["installments"] = _(
                "As parcelas somam %(sum)s, mas o valor total é %(total)s."
            ) % {"sum": brl(total), "total": brl(partnership.total_value)}
    if not (partnership.gestor_id and partnership.gestor_act.strip()):
        problems["gestor"] = _(
            "Designe o(a) gestor(a) da parceria e informe o ato de designação (art. 35, V, g)."
        )
    if not (partnership.starts_on and partnership.ends_on):
        problems["starts_on"] = _("Informe o início e o fim da vigência.")
    return problems


class PartnershipWorkflow(Workflow):
    """sign(signed_on), publish_extract(published_on, place),
    end_validity(), rescind(note), close()."""

    model = Partnership
    log_model = PartnershipLog
    transitions = {
        (S.PLANNING, "sign"): S.SIGNED,
        (S.SIGNED, "publish_extract"): S.EXECUTING,
        (S.EXECUTING, "end_validity"): S.ENDED,
        (S.EXECUTING, "rescind"): S.RESCINDED,
        (S.ENDED, "close"): S.CLOSED,
        (S.RESCINDED, "close"): S.CLOSED,
    }
    action_labels = {
        "sign": gettext_lazy("Registrar a assinatura"),
        "publish_extract": gettext_lazy("Registrar a publicação do extrato"),
        "end_validity": gettext_lazy("Encerrar a vigência"),
        "rescind": gettext_lazy("Rescindir"),
        "close": gettext_lazy("Encerrar a parceria"),
    }
    note_required = frozenset({"rescind"})

    def in_time(self, obj, action: str, now) -> bool:
        """The vigência ends on its last day, not before."""
        if action == "end_validity":
            return bool(obj.ends_on) and timezone.localdate(now) >= obj.ends_on
        return True

    def check(self, step: Step) -> None:
        partnership = step.obj
        today = timezone.localdate(step.now)
        if step.action == "sign":
            problems = plan_problems(partnership)
            blocking = active_blocking_sanctions(partnership.entity, today).first()
            if blocking is not None:
                problems["entity"] = sanction_reason(blocking)
            if problems:
                raise ValidationError(problems)
            step.params["signed_on"] = _date(step, "signed_on", default=today)
        elif step.action == "publish_extract":
            published_on = _date(step, "published_on")
            if published_on < partnership.signed_on:
                raise ValidationError(
                    {"published_on": _("O extrato é publicado depois da assinatura.")}
                )
            place = (step.params.get("place") or "").strip()
            if not place:
                raise ValidationError(
                    {"place": _("Informe onde o extrato foi publicado (art. 38).")}
                )
            if len(place) > PLACE_MAX_LENGTH:
                raise ValidationError(
                    {
                        "place": _("Use no máximo %(n)s caracteres.")
                        % {"n": PLACE_MAX_LENGTH}
                    }
                )
            step.params["place"] = place
        elif step.action == "end_validity":
            if not self.in_time(partnership, "end_validity", step.now):
                raise ValidationError(
                    _("A vigência só termina em %(date)s.")
                    % {"date": partnership.ends_on.strftime("%d/%m/%Y")}
                )
        elif step.action == "rescind":
            notice_on = partnership.rescission_notice_on
            if notice_on is None:
                raise ValidationError(
                    _(
                        "Registre antes a notificação de rescisão: a entidade deve ser "
                        "avisada com %(days)s dias de antecedência (art. 42, XVI)."
                    )
                    % {"days": settings.PARTNERSHIPS_RESCISSION_NOTICE_DAYS}
                )
            earliest = deadlines.rescission_earliest(notice_on)
            if today < earliest:
                raise ValidationError(
                    _(
                        "A entidade foi notificada em %(notice)s; a rescisão só pode "
                        "ocorrer a partir de %(date)s (art. 42, XVI)."
                    )
                    % {
                        "notice": notice_on.strftime("%d/%m/%Y"),
                        "date": earliest.strftime("%d/%m/%Y"),
                    }
                )
        elif step.action == "close":
            final = partnership.accountabilities.filter(
                kind=Accountability.Kind.FINAL
            ).first()
            if final is None or final.status not in DECIDED:
                raise ValidationError(
                    _(
                        "A parceria só é encerrada depois da conclusão da prestação "
                        "de contas final."
                    )
                )

    def apply(self, step: Step) -> None:
        partnership = step.obj
        today = timezone.localdate(step.now)
        if step.action == "sign":
            step.set(signed_on=step.params["signed_on"])
            step.data["signed_on"] = step.params["signed_on"]
        elif step.action == "publish_extract":
            step.set(
                extract_published_on=step.params["published_on"],
                extract_place=step.params["place"],
            )
            step.data.update(
                published_on=step.params["published_on"], place=step.params["place"]
            )
        elif step.action in ("end_validity", "rescind"):
            period_end = partnership.ends_on if step.action == "end_validity" else today
            final, _created = Accountability.objects.get_or_create(
                partnership=partnership,
                kind=Accountability.Kind.FINAL,
                defaults={
                    "period_ends_on": period_end,
                    "due_on": deadlines.final_accounts_due(period_end),
                },
            )
            step.data["accounts_due_on"] = final.due_on
        elif step.action == "close":
            step.set(closed_on=today)

    def after(self, step: Step, log) -> None:
        what = {
            "sign": _("a parceria foi assinada"),
            "publish_extract": _("o extrato foi publicado e a execução começou"),
            "end_validity": _(
                "a vigência terminou; apresente a prestação de contas final"
            ),
            "rescind": _("a parceria foi rescindida"),
            "close": _("a parceria foi encerrada"),
        }[step.action]
        lines = []
        if "accounts_due_on" in step.data:
            lines.append(
                _("Prazo para apresentar a prestação de contas final: %(date)s.")
                % {"date": step.data["accounts_due_on"].strftime("%d/%m/%Y")}
            )
        if step.note:
            lines.append(step.note)
        notices.execution_step(step.obj, log, what, lines=lines)


partnership_workflow = PartnershipWorkflow()


def partnership_transition(
    *, partnership_id: int, action: str, by, note: str = "", **params
):
    """Run one action of the partnership's life (see PartnershipWorkflow)."""
    return partnership_workflow.run(
        partnership_id, action, actor=by, note=note, **params
    )


def rescission_notify(*, partnership_id: int, notice_on: dt.date, by, note: str = ""):
    """Record the notice of intent to rescind (art. 42 XVI); the rescission
    comes at least PARTNERSHIPS_RESCISSION_NOTICE_DAYS later."""
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
        if not by.has_perm("partnerships.notify_rescission_partnership", partnership):
            raise PermissionDenied
        if partnership.status != S.EXECUTING:
            raise ValidationError(_("Só uma parceria em execução pode ser rescindida."))
        if not isinstance(notice_on, dt.date) or notice_on > timezone.localdate():
            raise ValidationError({"notice_on": _("Informe a data da notificação.")})
        note = (note or "").strip()
        if not note:
            raise ValidationError({"note": _("Escreva o motivo da rescisão.")})
        partnership.rescission_notice_on = notice_on
        partnership.save(update_fields=["rescission_notice_on", "updated_at"])
        earliest = deadlines.rescission_earliest(notice_on)
        log = partnership_workflow.record(
            partnership,
            action="notify_rescission",
            actor=by,
            note=note,
            data={"notice_on": notice_on, "earliest": earliest},
        )
        notices.execution_step(
            partnership,
            log,
            _("a administração notificou a intenção de rescindir a parceria"),
            lines=[
                note,
                _("A rescisão pode ocorrer a partir de %(date)s.")
                % {"date": earliest.strftime("%d/%m/%Y")},
            ],
        )
    return partnership
