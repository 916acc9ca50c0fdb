"""Habilitação (art. 28 §§1–2): only after homologation, the selected entity
is checked against arts. 33, 34 and 39 with the registry's data; when it
fails, the next ranked proposal is invited, on its own proposal."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages

from ..models import Call, Proposal
from ..notifications import calls as notifications
from .call_log import log_call
from .eligibility import eligibility_problems

P = Proposal.Status


def habilitation_decide(
    *,
    call: Call,
    by,
    other_problems: str = "",
    now: dt.datetime | None = None,
) -> Proposal:
    """Check the selected proposal's entity. With no problem it is habilitated;
    otherwise (or when staff record a problem the registry cannot see, such as
    a missing declaration) it is not, with the reasons, and the next ranked
    proposal becomes the selected one. Returns the proposal decided."""
    now = now or timezone.now()
    other_problems = (other_problems or "").strip()
    with transaction.atomic():
        call = Call.objects.select_for_update().get(pk=call.pk)
        if not by.has_perm("partnerships.habilitate_call", call):
            raise PermissionDenied
        if call.status != Call.Status.HOMOLOGATED:
            raise ValidationError(
                _("A habilitação acontece depois da homologação do resultado.")
            )
        proposal = (
            call.proposals.select_for_update()
            .select_related("entity")
            .filter(status=P.SELECTED)
            .first()
        )
        if proposal is None:
            raise ValidationError(
                _("Não há proposta selecionada aguardando habilitação.")
            )
        problems = eligibility_problems(
            proposal.entity, call.instrument, timezone.localdate(now)
        )
        if other_problems:
            problems.append(other_problems)
        data = {"proposal": proposal.pk, "problems": problems}
        if problems:
            proposal.status = P.NOT_HABILITATED
            proposal.decision_note = "\n".join(problems)
            proposal.save(update_fields=["status", "decision_note"])
            invited = (
                call.proposals.select_for_update()
                .filter(status=P.RANKED)
                .order_by("rank", "pk")
                .first()
            )
            if invited is not None:
                invited.status = P.SELECTED
                invited.save(update_fields=["status"])
                data["invited"] = invited.pk
                notifications.proposal_invited(invited)
            action = "habilitation_refuse"
        else:
            proposal.status = P.HABILITATED
            proposal.decision_note = ""
            proposal.save(update_fields=["status", "decision_note"])
            action = "habilitation_grant"
        log_call(call, action, actor=by, note="\n".join(problems), data=data, now=now)
        notifications.habilitation_decided(proposal)
        transaction.on_commit(invalidate_public_pages)
    return proposal
