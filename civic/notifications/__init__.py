"""Notifications: the one way every module tells people something.

Public API: `from civic.notifications import notify` (or, equivalently,
`from civic.notifications.services import notify`). The name is exported lazily
so importing this package does not import models before apps are ready.
"""

__all__ = ["notify"]


def __getattr__(name):
    if name == "notify":
        from .services import notify

        return notify
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
