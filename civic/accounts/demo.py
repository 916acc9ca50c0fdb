"""Demonstration accounts for `make run`. Never called in production code paths.

The passwords are fixed and public on purpose: the caller prints them so a
reviewer can log in to a local demo. `.example` addresses cannot receive mail.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .rules import STAFF_GROUP
from .services import consents_record

DEMO_STAFF_EMAIL = "equipe@participa.betim.example"
DEMO_STAFF_PASSWORD = "demo-equipe-srsc-2026"  # noqa: S105 - public demo credential
DEMO_CITIZEN_EMAIL = "cidada@participa.betim.example"
DEMO_CITIZEN_PASSWORD = "demo-cidada-betim-2026"  # noqa: S105 - public demo credential


def ensure_demo_account(*, email: str, password: str, full_name: str) -> User:
    """Create or reset one demo account with a verified primary email (other
    demos use it for their own logins, e.g. the councils' secretaries)."""
    user, _created = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name}
    )
    # Touch the row only when something differs, so a second run changes nothing.
    if (
        user.full_name != full_name
        or not user.is_active
        or user.deleted_at is not None
        or not user.check_password(password)
    ):
        user.full_name = full_name
        user.is_active = True
        user.deleted_at = None
        user.set_password(password)
        user.save()
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"primary": True, "verified": True}
    )
    if not (address.primary and address.verified):
        address.primary = address.verified = True
        address.save(update_fields=["primary", "verified"])
    consents_record(user=user, ip_address=None)
    return user


@transaction.atomic
def ensure_demo_staff() -> tuple[str, str]:
    """A member of "Equipe SRSC" (not a superuser); returns (email, password)."""
    user = ensure_demo_account(
        email=DEMO_STAFF_EMAIL,
        password=DEMO_STAFF_PASSWORD,
        full_name="Equipe SRSC (demonstração)",
    )
    if user.is_superuser or user.is_staff:
        user.is_superuser = user.is_staff = False
        user.save(update_fields=["is_superuser", "is_staff"])
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD


@transaction.atomic
def ensure_demo_citizen() -> tuple[str, str]:
    """An ordinary participant; returns (email, password)."""
    ensure_demo_account(
        email=DEMO_CITIZEN_EMAIL,
        password=DEMO_CITIZEN_PASSWORD,
        full_name="Cidadã de Betim (demonstração)",
    )
    return DEMO_CITIZEN_EMAIL, DEMO_CITIZEN_PASSWORD
