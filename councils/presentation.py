"""How people of the councils are shown in public: by their name, never by
anything that identifies them otherwise (no CPF, email or phone)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def public_name(person) -> str:
    """The name a councillor is shown by: the erased-account placeholder once
    the account is erased (LGPD), never the email's local part."""
    if person is None:
        return ""
    if person.deleted_at:
        return str(person.REMOVED_NAME)
    return person.full_name if person.full_name.strip() else _("Nome não informado")
