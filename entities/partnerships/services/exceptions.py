"""Partnerships without chamamento (arts. 29–32): dispensa (art. 30),
inexigibilidade (art. 31) and emendas parlamentares (art. 29).

A dispensa or inexigibilidade needs a written justification, whose extrato is
published the same day (art. 32 §1); publishing it opens the impugnação window
(art. 32 §2, `PARTNERSHIPS_IMPUGNATION_DAYS`). The partnership starts in
planning; its signature and execution are the execution area's workflow.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.cache import invalidate_public_pages
from civic.workflow import refuse_duplicate
from consultations.models import Body, PolicyArea
from entities.models import Entity

from ..models import Partnership, PartnershipLog
from .eligibility import blocking_sanctions

O = Partnership.Origin  # noqa: E741
EXCEPTIONS = (O.WAIVER, O.UNENFORCEABLE, O.AMENDMENT)
JUSTIFIED = (O.WAIVER, O.UNENFORCEABLE)


def impugnation_ends_on(partnership: Partnership) -> dt.date | None:
    """Last day to challenge the justification (art. 32 §2), once published."""
    published = partnership.exception_published_on
    if published is None or partnership.origin not in JUSTIFIED:
        return None
    return published + dt.timedelta(days=settings.PARTNERSHIPS_IMPUGNATION_DAYS)


def register_exception(
    *,
    by,
    origin: str,
    number: str,
    instrument: str,
    entity: Entity,
    body: Body,
    object: str,
    total_value: Decimal,
    justification: str = "",
    amendment_reference: str = "",
    policy_area: PolicyArea | None = None,
    council=None,
    publish: bool = True,
    now: dt.datetime | None = None,
) -> Partnership:
    """Record a partnership without chamamento, in planning. Dispensa and
    inexigibilidade need the justification (published today when `publish`,
    opening the impugnação window); an emenda needs its reference."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    justification = (justification or "").strip()
    amendment_reference = (amendment_reference or "").strip()
    if not by.has_perm("partnerships.register_exception"):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if origin not in EXCEPTIONS:
        errors["origin"] = [
            _("Escolha dispensa, inexigibilidade ou emenda parlamentar.")
        ]
    if origin in JUSTIFIED and not justification:
        errors["exception_justification"] = [
            _(
                "A dispensa e a inexigibilidade precisam de justificativa escrita "
                "(art. 32)."
            )
        ]
    if origin == O.AMENDMENT and not amendment_reference:
        errors["amendment_reference"] = [
            _("Informe autor(a), número e exercício da emenda parlamentar.")
        ]
    if blocking_sanctions(entity, today).exists():
        errors["entity"] = [
            _("A entidade cumpre sanção que impede novas parcerias (art. 39, V).")
        ]
    if errors:
        raise ValidationError(errors)
    with refuse_duplicate(_("Já existe uma parceria com este número.")):
        with transaction.atomic():
            partnership = Partnership.objects.create(
                number=number.strip(),
                instrument=instrument,
                origin=origin,
                entity=entity,
                body=body,
                policy_area=policy_area,
                council=council,
                object=object.strip(),
                total_value=total_value,
                exception_justification=justification,
                exception_published_on=today
                if publish and origin in JUSTIFIED
                else None,
                amendment_reference=amendment_reference,
                created_at=now,
            )
            PartnershipLog.objects.create(
                partnership=partnership,
                action="register_exception",
                from_status=partnership.status,
                to_status=partnership.status,
                actor=by,
                note=justification or amendment_reference,
                data={
                    "origin": origin,
                    "impugnation_ends_on": impugnation_ends_on(partnership),
                },
                created_at=now,
            )
            transaction.on_commit(invalidate_public_pages)
    return partnership


def exception_publish(
    *, partnership: Partnership, by, now: dt.datetime | None = None
) -> Partnership:
    """Publish the justification's extrato now, opening the impugnação window."""
    now = now or timezone.now()
    if not by.has_perm("partnerships.register_exception"):
        raise PermissionDenied
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if partnership.origin not in JUSTIFIED:
            raise ValidationError(_("Só dispensa e inexigibilidade têm justificativa."))
        if partnership.exception_published_on is not None:
            raise ValidationError(_("A justificativa já foi publicada."))
        partnership.exception_published_on = timezone.localdate(now)
        partnership.save(update_fields=["exception_published_on", "updated_at"])
        PartnershipLog.objects.create(
            partnership=partnership,
            action="publish_exception",
            from_status=partnership.status,
            to_status=partnership.status,
            actor=by,
            data={"impugnation_ends_on": impugnation_ends_on(partnership)},
            created_at=now,
        )
        transaction.on_commit(invalidate_public_pages)
    return partnership
