"""Receiving a demand, and the staff's internal notes on it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.protocols import next_protocol
from consultations.models import Consultation, PolicyArea
from councils.models import Council
from entities.models import Entity
from entities.partnerships.models import Partnership

from ..models import Demand, DemandLog, DemandMessage, DemandSequence
from ..notifications import demand_changed
from ..rules import entities_of
from ..selectors.numbers import numbers_changed
from .attachments import attach, check_files
from .codes import hash_code, new_code
from .workflow import due_date, workflow

PROTOCOL_PREFIX = "SRSC"
PROTOCOL_DIGITS = 6
# The field of the demand that holds each kind of object it may concern.
CONCERNS_BY_MODEL: dict[type[models.Model], str] = {
    Entity: "concerns_entity",
    Council: "concerns_council",
    Partnership: "concerns_partnership",
    Consultation: "concerns_consultation",
}


@dataclass(frozen=True)
class Opened:
    """A demand just received; `code` is its secret code, shown this once
    (empty unless the demand is anonymous)."""

    demand: Demand
    code: str = ""


def demand_open(
    *,
    by,
    kind: str,
    subject: str,
    text: str,
    area: PolicyArea | None = None,
    bairro=None,
    on_behalf_of: Entity | None = None,
    concerns: models.Model | None = None,
    anonymous: bool = False,
    files: Sequence = (),
    channel: str = Demand.Channel.WEB,
    now: dt.datetime | None = None,
) -> Opened:
    """Receive a manifestação with its protocol number and deadline (Lei
    13.460/2017 arts. 9–12 and 16). Only a denúncia may be anonymous
    (art. 10 §7 keeps the identity of whoever reports protected)."""
    now = now or timezone.now()
    signed_in = bool(by and by.is_authenticated and by.is_active)
    anonymous = anonymous or not signed_in
    subject, text = (subject or "").strip(), (text or "").strip()
    errors: dict[str, str] = {}
    if kind not in Demand.Kind.values:
        errors["kind"] = _("Escolha o tipo da manifestação.")
    elif anonymous and kind != Demand.Kind.REPORT:
        errors["kind"] = _(
            "Sem identificação, só é possível registrar uma denúncia. "
            "Entre na sua conta para os outros tipos."
        )
    if not subject:
        errors["subject"] = _("Escreva o assunto.")
    if not text:
        errors["text"] = _("Escreva a sua manifestação.")
    if on_behalf_of is not None and (
        anonymous or on_behalf_of.pk not in entities_of(by)
    ):
        errors["on_behalf_of"] = _(
            "Só quem representa a entidade pode falar em nome dela, e nunca anonimamente."
        )
    if concerns is not None and type(concerns) not in CONCERNS_BY_MODEL:
        raise TypeError(f"a demand cannot concern {concerns!r}")
    if errors:
        raise ValidationError(errors)
    check_files(files)
    requester = None if anonymous else by
    code = new_code() if anonymous else ""
    with transaction.atomic():
        demand = Demand(
            protocol=next_protocol(
                DemandSequence, PROTOCOL_PREFIX, now=now, digits=PROTOCOL_DIGITS
            ),
            kind=kind,
            channel=channel,
            subject=subject,
            text=text,
            area=area,
            bairro=bairro,
            requester=requester,
            on_behalf_of=on_behalf_of,
            due_on=due_date(timezone.localdate(now)),
            code_hash=hash_code(code) if code else "",
            created_at=now,
        )
        if concerns is not None:
            setattr(demand, CONCERNS_BY_MODEL[type(concerns)], concerns)
        demand.save()
        attach(demand=demand, files=files, by=requester, now=now)
        log = workflow.record(
            demand, action="open", actor=requester, now=now, to_status=Demand.S.OPEN
        )
        demand_changed(demand, log)
        numbers_changed()
    return Opened(demand, code)


def demand_note(
    *,
    demand_id: int,
    by,
    text: str,
    files: Sequence = (),
    now: dt.datetime | None = None,
) -> DemandMessage:
    """An internal note between staff (the SRSC and the body the demand was
    forwarded to); the requester never sees it."""
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise ValidationError({"note": _("Escreva a nota.")})
    check_files(files)
    with transaction.atomic():
        demand = Demand.objects.select_for_update().get(pk=demand_id)
        if not by.has_perm("dialogue.note_demand", demand):
            raise PermissionDenied
        message = DemandMessage.objects.create(
            demand=demand,
            kind=DemandMessage.Kind.NOTE,
            author=by,
            text=text,
            created_at=now,
        )
        attach(demand=demand, message=message, files=files, by=by, now=now)
        log: DemandLog = workflow.record(
            demand, action="note", actor=by, note=text, now=now
        )
        demand_changed(demand, log)
    return message
