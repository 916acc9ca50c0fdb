"""Write use cases of the gov.br login: keeping what gov.br vouches for on the account."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from civic.accounts.models import User
from civic.accounts.validators import cpf_is_valid

from .claims import GovBrIdentity

logger = logging.getLogger(__name__)


def verified_cpf_for(*, user: User, identity: GovBrIdentity) -> str:
    """The CPF to store for `user`, or "" when it is invalid or another account
    already holds it (staff then sort out which account is the person's)."""
    if not cpf_is_valid(identity.cpf):
        return ""
    taken = User.objects.filter(cpf=identity.cpf).exclude(pk=user.pk).exists()
    if taken:
        logger.warning(
            "gov.br CPF of account %s is already on another account; not stored",
            user.pk,
        )
        return ""
    return identity.cpf


def govbr_identity_apply(*, user: User, identity: GovBrIdentity) -> User:
    """Store the verified CPF and the current reliability level (refreshed at
    every gov.br login; reference/domain.md §5.3: read `reliability_info` from
    the ID token, the niveis API is obsolete)."""
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        locked.govbr_level = identity.level
        locked.govbr_level_at = timezone.now()
        fields = ["govbr_level", "govbr_level_at"]
        cpf = verified_cpf_for(user=locked, identity=identity)
        if cpf and cpf != locked.cpf:
            locked.cpf = cpf
            fields.append("cpf")
        locked.save(update_fields=fields)
    for name in fields:
        setattr(user, name, getattr(locked, name))
    return user


def govbr_identity_forget(*, user: User) -> None:
    """The gov.br account was unlinked: its level no longer speaks for this account."""
    User.objects.filter(pk=user.pk).update(govbr_level="", govbr_level_at=None)
    user.govbr_level, user.govbr_level_at = "", None
