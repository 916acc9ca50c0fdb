"""The registry of notification kinds: what each module can tell people.

A module registers its kinds once, at import time (from its `notifications.py`,
imported by its `AppConfig.ready()`):

    from civic.notifications.registry import register_kind

    MEETING_REMINDER = register_kind(
        "councils.meeting_reminder",
        label=_("Lembrete de reunião"),
        description=_("Um dia antes de uma reunião do conselho que você segue."),
        summary=_("Reunião de %(council)s amanhã às %(time)s"),
        default_email_mode=EmailMode.IMMEDIATE,
    )

and ships three templates, named after the slug `<app>.<name>`:
`<app>/emails/<name>_subject.txt`, `<app>/emails/<name>.txt` and
`<app>/emails/<name>.html` (the last two usually extend
`notifications/emails/base.txt|html`). The `summary` is the one-line text of the
inbox and of the daily digest, a %-format string filled from the context.

A kind registered with `to_address=True` is told to an email address that has
no account yet (an invitation) with `notify_address()`: always emailed at once,
in the site language, without inbox, preferences or unsubscribe link.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

from .choices import EmailMode

if TYPE_CHECKING:
    from .models import Notification

SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
SLUG_MAX_LENGTH = 100


class UnknownKind(LookupError):
    """Raised when a notification kind was never registered."""


class _BlankMissing(dict):
    """A %-format mapping that renders absent keys as empty text, never KeyError."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class NotificationKind:
    """One kind of thing the platform tells people, with its templates."""

    slug: str
    label: Any
    description: Any
    summary: Any
    default_email_mode: str = EmailMode.IMMEDIATE
    template_prefix: str = ""
    # Called at send time; returning False skips the email (the content was
    # withdrawn or moderated since the notification was written).
    is_relevant: Callable[[Notification], bool] | None = None
    # Told to an email address without an account (`notify_address`), never
    # to a person (`notify`); it has no preference, so it is not listed.
    to_address: bool = False

    @property
    def subject_template(self) -> str:
        return f"{self.template_prefix}_subject.txt"

    @property
    def text_template(self) -> str:
        return f"{self.template_prefix}.txt"

    @property
    def html_template(self) -> str:
        return f"{self.template_prefix}.html"

    @property
    def templates(self) -> tuple[str, str, str]:
        return (self.subject_template, self.text_template, self.html_template)

    def render_summary(self, context: Mapping[str, Any]) -> str:
        """The inbox line, in the active language; falls back to the label."""
        try:
            return str(self.summary) % _BlankMissing(context)
        except (TypeError, ValueError):
            return str(self.label)

    def still_relevant(self, notification: Notification) -> bool:
        return self.is_relevant is None or bool(self.is_relevant(notification))


_kinds: dict[str, NotificationKind] = {}


def register_kind(
    slug: str,
    *,
    label: Any,
    description: Any,
    summary: Any,
    default_email_mode: str = EmailMode.IMMEDIATE,
    template_prefix: str | None = None,
    is_relevant: Callable[[Notification], bool] | None = None,
    to_address: bool = False,
) -> NotificationKind:
    """Register a kind; its templates default to `<app>/emails/<name>`."""
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX_LENGTH:
        raise ImproperlyConfigured(
            f"Notification kind {slug!r} must look like 'app.name' (lowercase)."
        )
    if slug in _kinds:
        raise ImproperlyConfigured(f"Notification kind {slug!r} is already registered.")
    if default_email_mode not in EmailMode.values:
        raise ImproperlyConfigured(
            f"Notification kind {slug!r}: unknown email mode {default_email_mode!r}."
        )
    if to_address and default_email_mode != EmailMode.IMMEDIATE:
        raise ImproperlyConfigured(
            f"Notification kind {slug!r}: an address without an account has no "
            "digest or preference; use EmailMode.IMMEDIATE."
        )
    app, name = slug.split(".", 1)
    kind = NotificationKind(
        slug=slug,
        label=label,
        description=description,
        summary=summary,
        default_email_mode=EmailMode(default_email_mode),
        template_prefix=template_prefix or f"{app}/emails/{name}",
        is_relevant=is_relevant,
        to_address=to_address,
    )
    _kinds[slug] = kind
    return kind


def unregister_kind(slug: str) -> None:
    """Forget a kind (for tests that register throwaway kinds)."""
    _kinds.pop(slug, None)


def get_kind(slug: str) -> NotificationKind:
    """The registered kind with this slug, or UnknownKind."""
    try:
        return _kinds[slug]
    except KeyError:
        raise UnknownKind(f"Notification kind {slug!r} is not registered.") from None


def get_account_kind(slug: str) -> NotificationKind:
    """A registered kind told to people with an account, or UnknownKind."""
    kind = get_kind(slug)
    if kind.to_address:
        raise UnknownKind(f"Notification kind {slug!r} is told to addresses only.")
    return kind


def all_kinds() -> list[NotificationKind]:
    """Every registered kind, in a stable order (by slug)."""
    return [_kinds[slug] for slug in sorted(_kinds)]


def account_kinds() -> list[NotificationKind]:
    """The kinds told to people with an account: the ones they hold preferences on."""
    return [kind for kind in all_kinds() if not kind.to_address]
