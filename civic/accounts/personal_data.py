"""Registry of personal data held about a person, for LGPD art. 18 requests.

Every app that stores personal data registers an exporter (what it holds about a
person, for the download) and, if it holds anything that must go when an account
is erased, an eraser. Register at import time of a module loaded in
`AppConfig.ready()`:

    from civic.accounts.personal_data import register_eraser, register_exporter

    register_exporter("notifications", lambda user: [...])
    register_eraser(lambda user: Subscription.objects.filter(user=user).delete())

Exporters return JSON-serialisable data (dates may be datetime objects; they are
serialised by DjangoJSONEncoder). Erasers run inside the erasure transaction of
`civic.accounts.services.account_erase`, before the account's own fields are
cleared, so they can still read the person's email or name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone

Exporter = Callable[[Any], dict | list]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_erasers: list[Eraser] = []


def register_exporter(name: str, fn: Exporter) -> Exporter:
    """Register `fn(user) -> dict | list` under the section `name` of the export.

    Registering the same name again replaces the previous exporter, so module
    reloads in development do not duplicate sections.
    """
    _exporters[name] = fn
    return fn


def register_eraser(fn: Eraser) -> Eraser:
    """Register `fn(user) -> None`, run when the account is erased."""
    if fn not in _erasers:
        _erasers.append(fn)
    return fn


def exporters() -> dict[str, Exporter]:
    """The registered exporters, by section name (a copy)."""
    return dict(_exporters)


def erasers() -> list[Eraser]:
    """The registered erasers, in registration order (a copy)."""
    return list(_erasers)


def unregister_exporter(name: str) -> None:
    """Remove an exporter (for tests)."""
    _exporters.pop(name, None)


def unregister_eraser(fn: Eraser) -> None:
    """Remove an eraser (for tests)."""
    if fn in _erasers:
        _erasers.remove(fn)


def collect(user) -> dict[str, Any]:
    """Everything the platform holds about `user`, section by section."""
    return {
        "generated_at": timezone.localtime(),
        "account_id": user.pk,
        "sections": {name: fn(user) for name, fn in sorted(_exporters.items())},
    }
