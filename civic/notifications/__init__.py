"""Notifications: the one way every module tells people something.

Public API: `from civic.notifications import notify, notify_address` (or,
equivalently, from `civic.notifications.services`). The names are exported
lazily so importing this package does not import models before apps are ready.
"""

__all__ = ["notify", "notify_address"]


def __getattr__(name):
    if name in __all__:
        from . import services

        return getattr(services, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
