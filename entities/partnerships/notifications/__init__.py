"""The notices of chamamentos and partnerships (kinds registered at import)."""

from . import kinds  # noqa: F401
