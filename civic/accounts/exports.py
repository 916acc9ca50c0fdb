"""What the accounts app holds about a person, for the LGPD art. 18 download.

Registered with `civic.accounts.personal_data` from `AccountsConfig.ready()`.
Secrets (password hash, TOTP secret, recovery codes, session keys) are never
exported: they are credentials, not information about the person.
"""

from django.apps import apps

from .personal_data import register_exporter


def export_account(user) -> dict:
    """The profile fields."""
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "cpf": user.cpf,
        "govbr_level": user.govbr_level,
        "govbr_level_at": user.govbr_level_at,
        "phone": user.phone,
        "bairro": user.bairro.name if user.bairro_id else None,
        "regional": user.bairro.regional.name if user.bairro_id else None,
        "language": user.language,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def export_email_addresses(user) -> list:
    """Every email address linked to the account."""
    from allauth.account.models import EmailAddress

    return [
        {"email": e.email, "verified": e.verified, "primary": e.primary}
        for e in EmailAddress.objects.filter(user=user).order_by("email")
    ]


def export_consents(user) -> list:
    """The documents the person agreed to, with version, time and IP (LGPD art. 8)."""
    return [
        {
            "document": c.document,
            "document_name": str(c.get_document_display()),
            "version": c.version,
            "accepted_at": c.accepted_at,
            "ip_address": c.ip_address,
            "revoked_at": c.revoked_at,
        }
        for c in user.consents.order_by("accepted_at", "document")
    ]


def export_sessions(user) -> list:
    """Where and when the account is logged in."""
    if not apps.is_installed("allauth.usersessions"):
        return []
    from allauth.usersessions.models import UserSession

    return [
        {
            "created_at": s.created_at,
            "last_seen_at": s.last_seen_at,
            "ip": s.ip,
            "user_agent": s.user_agent,
        }
        for s in UserSession.objects.filter(user=user).order_by("created_at")
    ]


def export_mfa(user) -> list:
    """Which second factors are set up (never the secrets)."""
    if not apps.is_installed("allauth.mfa"):
        return []
    from allauth.mfa.models import Authenticator

    return [
        {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
        for a in Authenticator.objects.filter(user=user).order_by("created_at")
    ]


def register() -> None:
    """Register this app's sections of the personal-data export."""
    register_exporter("account", export_account)
    register_exporter("email_addresses", export_email_addresses)
    register_exporter("consents", export_consents)
    register_exporter("sessions", export_sessions)
    register_exporter("mfa", export_mfa)
