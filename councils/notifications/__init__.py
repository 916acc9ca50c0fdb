"""The notices councils send (kinds registered at import)."""

from . import kinds  # noqa: F401
