"""Sanctions of art. 73 (Lei 13.019/2014), always after a defence period:

opened (defence due in PARTNERSHIPS_DEFENCE_DAYS) → the entity defends →
staff apply an advertência, a suspensão (at most PARTNERSHIPS_SUSPENSION_MAX_DAYS)
or a declaração de inidoneidade, or dismiss the file → lift (reabilitação).

An applied suspension or inidoneidade in force blocks new proposals and
partnerships (art. 39 V) and shows on the entity's public record.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.workflow import Step, Workflow

from ..models import Sanction, SanctionLog
from ..notifications import execution as notices
from . import deadlines

S = Sanction.Status
K = Sanction.Kind
BLOCKING = (K.SUSPENSION, K.UNFITNESS)
TEXT_MAX_LENGTH = 50_000


def active_blocking_sanctions(entity, on: dt.date | None = None) -> QuerySet:
    """The applied suspensions and declarations of inidoneidade in force on
    `on` (art. 39 V: no partnership while they last)."""
    on = on or timezone.localdate()
    entity_id = getattr(entity, "pk", entity)
    return (
        Sanction.objects.filter(
            entity_id=entity_id,
            status=S.APPLIED,
            kind__in=BLOCKING,
            starts_on__lte=on,
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by("starts_on", "pk")
    )


def sanction_reason(sanction: Sanction) -> str:
    """Why the entity may not take part, to show beside a refusal."""
    if sanction.ends_on:
        return _(
            "A entidade cumpre %(kind)s até %(date)s e não pode celebrar parcerias "
            "nem apresentar propostas (art. 39, V)."
        ) % {
            "kind": sanction.get_kind_display().lower(),
            "date": sanction.ends_on.strftime("%d/%m/%Y"),
        }
    return _(
        "A entidade cumpre %(kind)s, até a reabilitação, e não pode celebrar "
        "parcerias nem apresentar propostas (art. 39, V)."
    ) % {"kind": sanction.get_kind_display().lower()}


def _text(step: Step, name: str, required: str) -> str:
    value = (step.params.get(name) or "").strip()
    if not value:
        raise ValidationError({name: required})
    if len(value) > TEXT_MAX_LENGTH:
        raise ValidationError({name: _("Texto longo demais.")})
    return value


class SanctionWorkflow(Workflow):
    """defend(defence), apply(kind, starts_on, ends_on, act, note),
    dismiss(note), lift(note); each the rule `partnerships.<action>_sanction`."""

    model = Sanction
    log_model = SanctionLog
    transitions = {
        (S.DEFENCE, "defend"): S.DEFENCE,
        (S.DEFENCE, "apply"): S.APPLIED,
        (S.DEFENCE, "dismiss"): S.DISMISSED,
        (S.APPLIED, "lift"): S.LIFTED,
    }
    action_labels = {
        "defend": gettext_lazy("Enviar a defesa"),
        "apply": gettext_lazy("Aplicar a sanção"),
        "dismiss": gettext_lazy("Arquivar"),
        "lift": gettext_lazy("Registrar a reabilitação"),
    }
    note_required = frozenset({"apply", "dismiss", "lift"})

    def in_time(self, obj, action: str, now) -> bool:
        """The defence comes within its period; no decision before it ends
        unless the entity has already defended itself (art. 73 §1)."""
        today = timezone.localdate(now)
        if action == "defend":
            return today <= obj.defence_due_on
        if action == "apply":
            return bool(obj.defence_submitted_on) or today > obj.defence_due_on
        return True

    def check(self, step: Step) -> None:
        sanction = step.obj
        today = timezone.localdate(step.now)
        if step.action == "defend":
            if not self.in_time(sanction, "defend", step.now):
                raise ValidationError(
                    {
                        "defence": _("O prazo de defesa terminou em %(date)s.")
                        % {"date": sanction.defence_due_on.strftime("%d/%m/%Y")}
                    }
                )
            step.params["defence"] = _text(step, "defence", _("Escreva a defesa."))
        elif step.action == "apply":
            if not self.in_time(sanction, "apply", step.now):
                raise ValidationError(
                    _(
                        "A defesa prévia é garantida: aguarde a defesa da entidade "
                        "ou o fim do prazo, em %(date)s (art. 73, §1º)."
                    )
                    % {"date": sanction.defence_due_on.strftime("%d/%m/%Y")}
                )
            kind = step.params.get("kind") or sanction.kind
            if kind not in K.values:
                raise ValidationError({"kind": _("Escolha a sanção.")})
            starts_on = step.params.get("starts_on") or today
            ends_on = step.params.get("ends_on")
            if kind == K.SUSPENSION:
                if not ends_on:
                    raise ValidationError({"ends_on": _("Informe o fim da suspensão.")})
                latest = deadlines.suspension_latest_end(starts_on)
                if ends_on > latest:
                    raise ValidationError(
                        {
                            "ends_on": _(
                                "A suspensão dura no máximo 2 anos (art. 73, II): "
                                "até %(date)s."
                            )
                            % {"date": latest.strftime("%d/%m/%Y")}
                        }
                    )
            if kind == K.WARNING:
                ends_on = None
            if ends_on and ends_on < starts_on:
                raise ValidationError({"ends_on": _("O fim vem depois do início.")})
            step.params.update(kind=kind, starts_on=starts_on, ends_on=ends_on)
            act = (step.params.get("act") or "").strip()[:200]
            if kind in BLOCKING and not act:
                # Art. 73 §1: suspensão and inidoneidade are acts of a Secretário.
                raise ValidationError(
                    {"act": _("Informe o ato do(a) Secretário(a) que aplica a sanção.")}
                )
            step.params["act"] = act

    def apply(self, step: Step) -> None:
        today = timezone.localdate(step.now)
        if step.action == "defend":
            step.set(defence=step.params["defence"], defence_submitted_on=today)
        elif step.action == "apply":
            step.set(
                kind=step.params["kind"],
                starts_on=step.params["starts_on"],
                ends_on=step.params["ends_on"],
                act=step.params["act"],
                decision=step.note,
            )
            step.data.update(
                kind=step.params["kind"],
                starts_on=step.params["starts_on"],
                ends_on=step.params["ends_on"],
            )
        elif step.action == "dismiss":
            step.set(decision=step.note)
        elif step.action == "lift":
            if step.obj.ends_on is None or step.obj.ends_on > today:
                step.set(ends_on=max(today, step.obj.starts_on))
            step.data["lifted_on"] = today

    def after(self, step: Step, log) -> None:
        sanction = step.obj
        if step.action in ("apply", "lift") and sanction.kind in BLOCKING:
            from civic.cache import invalidate_public_pages

            transaction.on_commit(invalidate_public_pages)
        what = {
            "defend": _("a defesa foi enviada"),
            "apply": _("a sanção foi aplicada: %(kind)s")
            % {"kind": sanction.get_kind_display()},
            "dismiss": _("o processo de sanção foi arquivado"),
            "lift": _("a reabilitação foi registrada"),
        }[step.action]
        notices.sanction_step(
            sanction, log, what, lines=[step.note] if step.note else []
        )


sanction_workflow = SanctionWorkflow()


def sanction_transition(*, sanction_id: int, action: str, by, note: str = "", **params):
    """Run one step of a sanction file (see SanctionWorkflow)."""
    return sanction_workflow.run(sanction_id, action, actor=by, note=note, **params)


def sanction_open(
    *,
    entity,
    kind: str,
    grounds: str,
    by,
    partnership=None,
    opened_on: dt.date | None = None,
) -> Sanction:
    """Open a sanction file: the entity has PARTNERSHIPS_DEFENCE_DAYS to
    defend itself before any decision (art. 73 §1)."""
    if not by.has_perm("partnerships.add_sanction"):
        raise PermissionDenied
    grounds = (grounds or "").strip()
    if not grounds:
        raise ValidationError({"grounds": _("Descreva os fatos e os fundamentos.")})
    if kind not in K.values:
        raise ValidationError({"kind": _("Escolha a sanção proposta.")})
    if partnership is not None and partnership.entity_id != entity.pk:
        raise ValidationError({"partnership": _("A parceria é de outra entidade.")})
    opened_on = opened_on or timezone.localdate()
    with transaction.atomic():
        sanction = Sanction.objects.create(
            entity=entity,
            partnership=partnership,
            kind=kind,
            grounds=grounds,
            defence_opened_on=opened_on,
            defence_due_on=deadlines.defence_due(opened_on),
        )
        log = sanction_workflow.record(
            sanction, action="open", actor=by, data={"due_on": sanction.defence_due_on}
        )
        notices.sanction_step(
            sanction,
            log,
            _("foi aberto um processo de sanção; a entidade pode se defender"),
            lines=[
                grounds,
                _("Prazo para a defesa: %(date)s (art. 73, §1º).")
                % {"date": sanction.defence_due_on.strftime("%d/%m/%Y")},
            ],
        )
    return sanction
