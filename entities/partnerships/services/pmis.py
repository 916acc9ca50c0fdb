"""PMIS, the Procedimento de Manifestação de Interesse Social (arts. 18–21):
anyone signed in, a citizen or an entity's representative, proposes a
partnership idea and gets a protocol number; staff publish it for
manifestation, archive it, or open a chamamento from it. It never obliges a
chamamento nor dispenses one (art. 21)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from entities.models import Entity

from ..models import Call, InterestManifestation
from ..rules import represented_entities
from .protocols import next_protocol

M = InterestManifestation.Status
PROTOCOL_PREFIX = "PMIS"
DECISIONS = {
    "publish": (M.RECEIVED,),
    "archive": (M.RECEIVED, M.PUBLISHED),
}
TARGETS = {"publish": M.PUBLISHED, "archive": M.ARCHIVED}


def manifestation_submit(
    *,
    by,
    title: str,
    public_interest: str,
    diagnosis: str,
    entity: Entity | None = None,
    now: dt.datetime | None = None,
) -> InterestManifestation:
    """Receive a PMIS with its protocol number (art. 19: who subscribes, the
    public interest, the diagnosis with costs, benefits and deadlines)."""
    now = now or timezone.now()
    if not by.has_perm("partnerships.propose_interestmanifestation"):
        raise PermissionDenied
    if entity is not None and entity.pk not in represented_entities(by):
        raise PermissionDenied
    with transaction.atomic():
        return InterestManifestation.objects.create(
            protocol=next_protocol(PROTOCOL_PREFIX, now),
            submitted_by=by,
            entity=entity,
            title=title.strip(),
            public_interest=public_interest.strip(),
            diagnosis=diagnosis.strip(),
            created_at=now,
        )


def manifestation_decide(
    *, manifestation: InterestManifestation, by, action: str, note: str = ""
) -> InterestManifestation:
    """Staff publish the PMIS for manifestation or archive it, with a note."""
    with transaction.atomic():
        manifestation = InterestManifestation.objects.select_for_update().get(
            pk=manifestation.pk
        )
        if not by.has_perm("partnerships.decide_interestmanifestation", manifestation):
            raise PermissionDenied
        if action not in DECISIONS:
            raise ValidationError(_("Ação desconhecida."))
        if manifestation.status not in DECISIONS[action]:
            raise ValidationError(
                _("Esta manifestação já está “%(status)s”.")
                % {"status": manifestation.get_status_display()}
            )
        note = (note or "").strip()
        if action == "archive" and not note:
            raise ValidationError(
                {"note": _("Escreva por que a manifestação foi arquivada.")}
            )
        manifestation.status = TARGETS[action]
        manifestation.decision_note = note
        manifestation.save(update_fields=["status", "decision_note"])
        transaction.on_commit(invalidate_public_pages)
    return manifestation


def manifestation_open_call(
    *, manifestation: InterestManifestation, call: Call, by
) -> InterestManifestation:
    """Link a draft chamamento to the PMIS it came from (art. 20)."""
    with transaction.atomic():
        manifestation = InterestManifestation.objects.select_for_update().get(
            pk=manifestation.pk
        )
        if not by.has_perm("partnerships.decide_interestmanifestation", manifestation):
            raise PermissionDenied
        if manifestation.status == M.ARCHIVED:
            raise ValidationError(_("Esta manifestação foi arquivada."))
        Call.objects.filter(pk=call.pk).update(pmis=manifestation)
        manifestation.status = M.CALL_OPENED
        manifestation.save(update_fields=["status"])
    return manifestation
