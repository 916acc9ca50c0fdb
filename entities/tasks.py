"""Celery entry points of the entity registry (thin: the work is in services)."""

from __future__ import annotations

import logging
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

logger = logging.getLogger(__name__)


@shared_task(name="entities.daily_registry_pass")
def daily_registry_pass() -> dict:
    """Daily: refresh regularity, then send document and renewal reminders.

    Every step is idempotent, so a duplicate beat run does no harm."""
    from .services.reminders import (
        expiry_reminders_send,
        regularity_refresh_all,
        renewal_reminders_send,
    )

    today = timezone.localdate()
    result = {
        "regularity_changed": regularity_refresh_all(today),
        "expiry_reminders": expiry_reminders_send(today),
        "renewal_reminders": renewal_reminders_send(today),
    }
    logger.info("Entity registry daily pass: %s", result)
    return result


@shared_task(
    bind=True,
    name="entities.send_invitation",
    acks_late=True,
    autoretry_for=(SMTPException, OSError, TimeoutError),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=6,
)
def send_invitation(self, invitation_id: int) -> bool:
    """Email an invitation link; does nothing for a used, revoked or expired one."""
    from .models import Invitation

    invitation = (
        Invitation.objects.select_related("entity", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_open or invitation.emailed_at:
        return False
    context = {
        "invitation": invitation,
        "entity_name": invitation.entity.display_name,
        "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        "accept_url": settings.SITE_URL
        + reverse("entities:invitation_accept", kwargs={"token": invitation.token}),
        "signup_url": settings.SITE_URL + reverse("account_signup"),
        "expires_at": invitation.expires_at,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(
            "entities/emails/invitation_subject.txt", context
        ).strip()
        text = render_to_string("entities/emails/invitation.txt", context)
        html = render_to_string("entities/emails/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    # Claim the row before sending: of two runs (a retry racing a late ack),
    # only the one whose conditional update matched sends the email.
    sent_at = timezone.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, emailed_at__isnull=True
    ).update(emailed_at=sent_at)
    if not claimed:
        return False
    try:
        message.send()
    except Exception:
        # Give the row back so the retry can send it.
        Invitation.objects.filter(pk=invitation.pk, emailed_at=sent_at).update(
            emailed_at=None
        )
        raise
    return True
