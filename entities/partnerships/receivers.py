"""Keep the anonymous page cache in step with the transparency pages
(`/parcerias/`, `/parcerias/<pk>/`).

Whatever writes these rows (the execution and accounts services, the admin,
the import command, scripts), the public pages show the change on the next
request: each save or delete starts a new cache generation once the
transaction commits. Nothing else happens here (no domain writes).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from civic.cache import invalidate_public_pages

from .models import (
    Accountability,
    Change,
    Goal,
    Installment,
    Partnership,
    PartnershipDocument,
    Sanction,
    TeamPosition,
)

PUBLIC_MODELS = (
    Partnership,
    Goal,
    Installment,
    TeamPosition,
    Change,
    PartnershipDocument,
    Accountability,
    Sanction,
)


def invalidate_on_commit(**kwargs) -> None:
    """Something the transparency pages show changed: new generation after commit."""
    transaction.on_commit(invalidate_public_pages)


for _model in PUBLIC_MODELS:
    post_save.connect(invalidate_on_commit, sender=_model, weak=False)
    post_delete.connect(invalidate_on_commit, sender=_model, weak=False)
