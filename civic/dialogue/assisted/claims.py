"""Taking over a managed account: the desk prints a code, the person types it
with their email and a password, and confirms the email through allauth's
confirmation message. Everything done at the desk stays with the account.

Until the email is confirmed the account cannot log in (mandatory
verification); confirming it clears `is_managed` (see `account_claimed`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from allauth.account.models import EmailAddress
from allauth.core import context
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from civic.accounts.models import User
from civic.accounts.services import consents_record

from ..services.codes import new_code, normalize_code
from .models import AssistedAction, ClaimInvite
from .services import _audit, check_attendant

INVITE_DAYS = 30


def digest(code: str) -> str:
    return hashlib.sha256(normalize_code(code).encode()).hexdigest()


def claim_invite_create(*, by, person: User, now=None) -> str:
    """A new code for the person (earlier unused ones stop working), valid for
    INVITE_DAYS days. Returned once, to be printed; only its digest is kept."""
    check_attendant(by, person)
    if not person.is_managed:
        raise ValidationError(
            _("Esta conta já tem e-mail próprio: não há o que assumir."),
            code="not_managed",
        )
    now = now or timezone.now()
    code = new_code()
    with transaction.atomic():
        ClaimInvite.objects.filter(person=person, used_at__isnull=True).update(
            expires_at=now
        )
        invite = ClaimInvite.objects.create(
            person=person,
            created_by=by,
            code_digest=digest(code),
            created_at=now,
            expires_at=now + dt.timedelta(days=INVITE_DAYS),
        )
        _audit(by, person, AssistedAction.Action.CLAIM_INVITE, invite)
    return code


INVALID = _("Código inválido ou vencido. Peça um novo convite no balcão.")


def claim_start(
    *, code: str, email: str, password: str, request, ip_address=None, now=None
) -> User:
    """Give the managed account the person's email and password and send the
    confirmation. The code is spent; the account stays managed (and cannot log
    in) until the email is confirmed."""
    now = now or timezone.now()
    email = (email or "").strip().lower()
    with transaction.atomic():
        invite = (
            ClaimInvite.objects.select_for_update()
            .select_related("person")
            .filter(code_digest=digest(code), used_at__isnull=True, expires_at__gt=now)
            .first()
        )
        if invite is None or not invite.person.is_managed:
            raise ValidationError({"code": INVALID})
        person = invite.person
        taken = (
            User.objects.filter(email__iexact=email).exclude(pk=person.pk).exists()
            or EmailAddress.objects.filter(email__iexact=email)
            .exclude(user=person)
            .exists()
        )
        if taken:
            raise ValidationError(
                {
                    "email": _(
                        "Este e-mail já pertence a outra conta. Use outro e-mail ou "
                        "procure o balcão."
                    )
                }
            )
        validate_password(password, person)
        person.email = email
        person.set_password(password)
        person.full_clean(exclude=["password"])
        person.save(update_fields=["email", "password"])
        EmailAddress.objects.filter(user=person).delete()
        address = EmailAddress.objects.create(
            user=person, email=email, primary=True, verified=False
        )
        invite.used_at = now
        invite.save(update_fields=["used_at"])
        consents_record(user=person, ip_address=ip_address)
    # allauth's mail reads the request from its context (set by its middleware
    # in a view; set here too, so a task or a test can call this).
    with context.request_context(request):
        address.send_confirmation(request, signup=False)
    return person


def account_claimed(*, email_address: EmailAddress) -> bool:
    """After allauth confirmed an address: a managed account whose primary
    email it is becomes the person's own. True when it did."""
    updated = User.objects.filter(
        pk=email_address.user_id, is_managed=True, email__iexact=email_address.email
    ).update(is_managed=False)
    return bool(updated)


def on_email_confirmed(sender, request=None, email_address=None, **kwargs) -> None:
    """allauth's `email_confirmed` signal."""
    if email_address is not None:
        account_claimed(email_address=email_address)
