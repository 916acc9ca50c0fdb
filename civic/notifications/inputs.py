"""What `notify()` accepts: a JSON-only context (it outlives the objects it
describes), a bounded idempotency key, and links to this site only."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme

from .models import Notification

_PRIMITIVES = (str, int, float, bool, type(None))


def _check_context(value: Any, path: str = "context") -> None:
    """Only JSON primitives: the context outlives the objects it describes."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{path} keys must be strings, got {k!r}.")
            _check_context(v, f"{path}[{k!r}]")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            _check_context(v, f"{path}[{i}]")
    elif not isinstance(value, _PRIMITIVES):
        raise TypeError(
            f"{path} must hold only str/int/float/bool/None, got {type(value).__name__}."
        )


def _check_key(key: str) -> None:
    if not key or len(key) > Notification._meta.get_field("key").max_length:
        raise ValueError(
            "A notification needs a non-empty key of at most 200 characters."
        )


def _check_url(url: str) -> None:
    """Notifications link to this site only (a path, or an absolute SITE_URL link)."""
    if not url:
        return
    host = urlsplit(settings.SITE_URL).netloc
    is_path = url.startswith("/") and not url.startswith("//")
    is_absolute = urlsplit(url).scheme in {"http", "https"}
    if not (is_path or is_absolute) or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={host}, require_https=False
    ):
        raise ValueError(f"Notification url must be a local path, got {url!r}.")
