"""Recursos against the preliminary result (art. 24 §1 VIII): filed by the
proposal's representatives until `appeal_ends_at`, decided by staff with
reasons; a granted appeal recomputes the ranking from the scores as the
committee left them (it may reconsider the appellant's scores meanwhile)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.workflow import refuse_duplicate

from ..models import Appeal, Call, Proposal
from ..notifications import calls as notifications
from ..rules import represented_entities
from .call_log import log_call
from .selection import rank_call

P = Proposal.Status
O = Appeal.Outcome  # noqa: E741
APPEALABLE = (P.RANKED, P.ELIMINATED)


def appeal_window_open(call: Call, now: dt.datetime | None = None) -> bool:
    """The preliminary result is published and its appeal period runs."""
    now = now or timezone.now()
    return (
        call.status == Call.Status.PRELIMINARY
        and call.appeal_ends_at is not None
        and now < call.appeal_ends_at
    )


def appeal_file(
    *, proposal: Proposal, by, text: str, now: dt.datetime | None = None
) -> Appeal:
    """File an appeal for the proposal, while the window is open; one pending
    appeal per proposal."""
    now = now or timezone.now()
    text = (text or "").strip()
    with refuse_duplicate(_("Esta proposta já tem um recurso em análise.")):
        with transaction.atomic():
            call = Call.objects.select_for_update().get(pk=proposal.call_id)
            proposal = Proposal.objects.get(pk=proposal.pk)
            if proposal.entity_id not in represented_entities(by):
                raise PermissionDenied
            if call.status != Call.Status.PRELIMINARY or call.appeal_ends_at is None:
                raise ValidationError(
                    _("Não há resultado preliminar aberto a recurso neste chamamento.")
                )
            if now >= call.appeal_ends_at:
                raise ValidationError(
                    _(
                        "O prazo de recurso terminou em %(end)s. Recursos fora do "
                        "prazo não são recebidos."
                    )
                    % {
                        "end": timezone.localtime(call.appeal_ends_at).strftime(
                            "%d/%m/%Y às %H:%M"
                        )
                    }
                )
            if proposal.status not in APPEALABLE:
                raise ValidationError(_("Esta proposta não pode recorrer."))
            if not text:
                raise ValidationError({"text": _("Escreva as razões do recurso.")})
            appeal = Appeal.objects.create(
                proposal=proposal, filed_by=by, text=text, filed_at=now
            )
            log_call(
                call,
                "appeal_file",
                actor=by,
                data={"appeal": appeal.pk, "proposal": proposal.pk},
                now=now,
            )
    return appeal


def appeal_decide(
    *,
    appeal: Appeal,
    by,
    outcome: str,
    decision: str,
    now: dt.datetime | None = None,
) -> Appeal:
    """Staff grant or deny with reasons (Lei 9.784/1999 art. 50). Granting
    recomputes the ranking while the result is preliminary; the log keeps the
    ranking before and after."""
    now = now or timezone.now()
    decision = (decision or "").strip()
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        call = Call.objects.select_for_update().get(pk=appeal.proposal.call_id)
        if not by.has_perm("partnerships.decide_appeal", appeal):
            raise PermissionDenied
        if appeal.outcome != O.PENDING:
            raise ValidationError(_("Este recurso já foi decidido."))
        if outcome not in (O.GRANTED, O.DENIED):
            raise ValidationError({"outcome": _("Escolha provido ou não provido.")})
        if not decision:
            raise ValidationError(
                {"decision": _("Escreva a fundamentação da decisão.")}
            )
        appeal.outcome, appeal.decision = outcome, decision
        appeal.decided_at, appeal.decided_by = now, by
        appeal.save(update_fields=["outcome", "decision", "decided_at", "decided_by"])
        data = {"appeal": appeal.pk, "outcome": outcome}
        if outcome == O.GRANTED and call.status == Call.Status.PRELIMINARY:
            data["before"] = list(
                call.proposals.filter(status__in=APPEALABLE)
                .order_by("pk")
                .values("pk", "score", "rank", "status")
            )
            data["after"] = rank_call(call)
        log_call(call, "appeal_decide", actor=by, note=decision, data=data, now=now)
        notifications.appeal_decided(appeal)
    return appeal
