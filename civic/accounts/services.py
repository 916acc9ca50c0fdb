"""Write use cases for accounts: consent records, profile changes, erasure."""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import personal_data
from .models import AccountDeletion, Consent, User
from .signals import account_erased

logger = logging.getLogger(__name__)

ERASED_EMAIL_DOMAIN = "contas.invalid"


def current_document_versions() -> dict[str, str]:
    """The versions of the legal documents a person agrees to today."""
    return {
        Consent.Document.TERMS: settings.CIVIC_TERMS_VERSION,
        Consent.Document.PRIVACY: settings.CIVIC_PRIVACY_VERSION,
    }


def consents_record(
    *,
    user: User,
    ip_address: str | None,
    documents: list[str] | None = None,
    channel: str = Consent.Channel.WEB,
    recorded_by: User | None = None,
) -> list[Consent]:
    """Record that `user` agreed to the current version of each document (LGPD art. 8).

    Art. 8 §2 puts the burden of proof on the controller, so each row keeps the
    version, the time and the address it came from (and, at the desk, the
    attendant who heard the person agree). Agreeing twice to the same version
    keeps the first record.
    """
    versions = current_document_versions()
    now = timezone.now()
    records = []
    for document in documents or list(versions):
        consent, _created = Consent.objects.get_or_create(
            user=user,
            document=document,
            version=versions[document],
            defaults={
                "accepted_at": now,
                "ip_address": ip_address,
                "channel": channel,
                "recorded_by": recorded_by,
            },
        )
        records.append(consent)
    return records


def has_current_consent(user: User) -> bool:
    """Whether the person agreed, and did not revoke, every current document."""
    versions = current_document_versions()
    held = set(
        user.consents.filter(revoked_at__isnull=True).values_list("document", "version")
    )
    return all((document, version) in held for document, version in versions.items())


def profile_update(*, user: User, by: User, **fields: Any) -> User:
    """Save changes a person made to their own profile (LGPD art. 18 III: correction)."""
    if by.pk != user.pk:
        raise PermissionDenied
    editable = {"full_name", "cpf", "phone", "bairro", "language"}
    unknown = set(fields) - editable
    if unknown:
        raise ValueError(f"Not editable here: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(user, name, value)
    user.save(update_fields=sorted(fields))
    return user


def erased_email_for(user_id: int) -> str:
    """A placeholder address that can never receive mail (RFC 2606 `.invalid`)."""
    return f"removido-{user_id}@{ERASED_EMAIL_DOMAIN}"


@transaction.atomic
def account_erase(*, user: User, by: AbstractBaseUser) -> AccountDeletion | None:
    """Erase a person's personal data, keeping an anonymous account row (LGPD art. 18 VI).

    The row stays so public contributions keep their author, shown as
    "Participante removido"; everything that identifies the person is removed.
    Runs in one transaction: registered erasers, allauth records, sessions,
    consents, then the account fields. Returns the `AccountDeletion` record, or
    None when the account was already erased.
    """
    if not by.has_perm("accounts.erase_account", user):
        raise PermissionDenied
    # Lock the row so a concurrent login or profile edit cannot resurrect data.
    locked = User.objects.select_for_update().get(pk=user.pk)
    if locked.deleted_at is not None:
        return None

    # Other apps first, while the person's data can still be read.
    for eraser in personal_data.erasers():
        eraser(locked)

    _erase_allauth_records(locked)
    locked.consents.all().delete()

    locked.email = erased_email_for(locked.pk)
    locked.full_name = ""
    locked.cpf = ""
    locked.govbr_level = ""
    locked.govbr_level_at = None
    locked.phone = ""
    locked.bairro = None
    locked.language = settings.LANGUAGE_CODE
    locked.is_active = False
    locked.is_staff = False
    locked.is_superuser = False
    locked.last_login = None
    locked.deleted_at = timezone.now()
    # A new (unusable) hash also invalidates every session still signed with
    # the old one, including sessions usersessions never saw.
    locked.set_unusable_password()
    locked.save()
    locked.groups.clear()
    locked.user_permissions.clear()

    deletion = AccountDeletion.objects.create(
        user_id_erased=locked.pk, by_self=(by.pk == locked.pk)
    )
    logger.info(
        "Account %s erased (by_self=%s, deletion=%s)",
        locked.pk,
        deletion.by_self,
        deletion.pk,
    )
    account_erased.send(sender=User, user=locked, by=by, deletion=deletion)
    # Keep the caller's object in step with the database.
    user.refresh_from_db()
    return deletion


def _erase_allauth_records(user: User) -> None:
    """Remove email addresses, second factors, social logins and sessions."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator

        Authenticator.objects.filter(user=user).delete()
    if apps.is_installed("allauth.socialaccount"):
        from allauth.socialaccount.models import SocialAccount

        SocialAccount.objects.filter(user=user).delete()
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession

        for session in UserSession.objects.filter(user=user):
            # end() deletes the Django session too, logging out every device.
            session.end()
    if apps.is_installed("wagtail.users"):
        from wagtail.users.models import UserProfile

        for profile in UserProfile.objects.filter(user=user):
            if profile.avatar:
                profile.avatar.delete(save=False)
            profile.delete()
