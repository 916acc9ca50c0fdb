"""Rendering: a kind's three templates, or the digest, into one multipart email."""

from __future__ import annotations

from datetime import date, timedelta
from email.utils import make_msgid, parseaddr
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation

from ..models import EmailDelivery, Notification
from ..registry import NotificationKind
from ..tokens import DIGEST_KINDS, unsubscribe_url
from .recipients import Recipient


def absolute_url(url: str) -> str:
    """An absolute link for emails: paths are joined to SITE_URL."""
    if not url:
        return settings.SITE_URL + "/"
    if url.startswith("/"):
        return settings.SITE_URL + url
    return url


DIGEST_TEMPLATES = (
    "notifications/emails/digest_subject.txt",
    "notifications/emails/digest.txt",
    "notifications/emails/digest.html",
)


def _message_id() -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def _subject(text: str) -> str:
    return " ".join(text.split())


def build_message(
    *, to: str, subject: str, text: str, html: str, unsubscribe: str = ""
) -> EmailMultiAlternatives:
    """A multipart email, with RFC 2369/8058 one-click unsubscribe headers when
    there is an account to unsubscribe."""
    headers = {"Message-ID": _message_id(), "Auto-Submitted": "auto-generated"}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=_subject(subject),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    return message


@lru_cache(maxsize=1)
def _site_paths() -> tuple[str, str]:
    return reverse("notifications:preferences"), reverse("notifications:inbox")


def _base_context(recipient_pk: int | None) -> dict:
    """Links every email may show; an address without an account gets none of
    the account's pages (inbox, preferences)."""
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.SITE_URL,
        "recipient_id": recipient_pk,
        "has_account": recipient_pk is not None,
    }
    if recipient_pk is not None:
        preferences_path, inbox_path = _site_paths()
        context["all_preferences_url"] = settings.SITE_URL + preferences_path
        context["inbox_url"] = settings.SITE_URL + inbox_path
    return context


def render_plain(template_name: str, context: dict) -> str:
    """Render a subject or plain-text template without HTML autoescaping."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def _render(
    recipient: Recipient,
    templates: tuple[str, str, str],
    context: dict,
    *,
    unsubscribe: str,
) -> EmailMultiAlternatives:
    """The subject, text and HTML templates rendered in the active language
    (the recipient's, which the caller set) into one message to them."""
    subject_template, text_template, html_template = templates
    return build_message(
        to=recipient.email or "",
        subject=render_plain(subject_template, context),
        text=render_plain(text_template, context),
        html=render_to_string(html_template, context),
        unsubscribe=unsubscribe,
    )


def render_notification_email(
    notification: Notification, kind: NotificationKind, recipient: Recipient
) -> EmailMultiAlternatives:
    """Render a kind's three templates in the recipient's language."""
    unsubscribe = (
        unsubscribe_url(recipient.pk, kind.slug) if recipient.has_account else ""
    )
    with translation.override(recipient.language):
        context = {
            **notification.context,
            **_base_context(recipient.pk),
            "notification": notification,
            "kind": kind,
            "kind_label": str(kind.label),
            "summary": kind.render_summary(notification.context),
            "action_url": absolute_url(notification.url),
            "preferences_url": unsubscribe,
        }
        return _render(
            recipient,
            (kind.subject_template, kind.text_template, kind.html_template),
            context,
            unsubscribe=unsubscribe,
        )


def render_digest_email(
    recipient: Recipient, day: date, items: list[tuple[EmailDelivery, NotificationKind]]
) -> EmailMultiAlternatives:
    """The digest: one line and one link per notification, in the person's language."""
    unsubscribe = unsubscribe_url(recipient.pk, DIGEST_KINDS)
    with translation.override(recipient.language):
        context = {
            **_base_context(recipient.pk),
            "day": day,
            "previous_day": day - timedelta(days=1),
            "count": len(items),
            "items": [
                {
                    "summary": kind.render_summary(row.notification.context),
                    "kind_label": str(kind.label),
                    "url": absolute_url(row.notification.url),
                    "due_at": row.notification.due_at,
                }
                for row, kind in items
            ],
            "preferences_url": unsubscribe,
        }
        return _render(recipient, DIGEST_TEMPLATES, context, unsubscribe=unsubscribe)
