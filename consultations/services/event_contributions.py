"""Contributions to a hearing or forum: written ones sent online by people with
an account, and oral or written ones that staff record at or after the event.

Both go through `contribution_create`, so they get the same moderation and the
same devolutiva (`contribution_answer`) as contributions to a consultation.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Contribution, Event
from .contributions import ContributionClosed, contribution_create

C = Contribution
RECORDED_CHANNELS = (C.Channel.ORAL, C.Channel.WRITTEN)
AUTHOR_LABEL_MAX = C._meta.get_field("author_label").max_length


def online_contributions_until(event: Event) -> datetime:
    """The last moment people may send a written contribution online."""
    return event.ends_at + timedelta(days=settings.EVENTS_CONTRIBUTION_DAYS_AFTER)


def online_contribution_error(event: Event, now: datetime | None = None) -> str | None:
    """Why the event takes no online contribution now (None when it does)."""
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED:
        if event.status == Event.Status.CONCLUDED:
            return _("A ata já foi publicada: o evento não recebe mais contribuições.")
        if event.status == Event.Status.CANCELLED:
            return _("Este evento foi cancelado e não recebe contribuições.")
        return _("Este evento não está recebendo contribuições.")
    if now > online_contributions_until(event):
        return _(
            "O prazo para enviar contribuições por escrito terminou em %(until)s."
        ) % {
            "until": timezone.localtime(online_contributions_until(event)).strftime(
                "%d/%m/%Y %H:%M"
            )
        }
    return None


def event_contribution_send(
    *,
    event_id: int,
    author,
    text: str,
    show_name: bool = False,
    on_behalf_of=None,
    now: datetime | None = None,
) -> Contribution:
    """A written contribution sent online while the event is published, until
    EVENTS_CONTRIBUTION_DAYS_AFTER days after it (the usual practice of
    accepting written contributions for some days after a hearing)."""
    event = Event.objects.get(pk=event_id)
    if message := online_contribution_error(event, now):
        raise ContributionClosed(message, code="closed")
    return contribution_create(
        author=author,
        event=event,
        text=text,
        show_name=show_name,
        on_behalf_of=on_behalf_of,
        channel=C.Channel.ONLINE,
    )


def event_contribution_record(
    *,
    event_id: int,
    recorded_by,
    channel: str,
    text: str,
    author_label: str = "",
    show_name: bool = False,
    now: datetime | None = None,
) -> Contribution:
    """Staff record what someone said at the event (oral) or handed in on paper
    (written), with the author as they gave it. The name is public only if the
    person agreed (`show_name`)."""
    now = now or timezone.now()
    event = Event.objects.get(pk=event_id)
    errors: dict[str, list[str]] = {}
    if channel not in RECORDED_CHANNELS:
        errors["channel"] = [_("Escolha se a contribuição foi falada ou escrita.")]
    author_label = (author_label or "").strip()
    if len(author_label) > AUTHOR_LABEL_MAX:
        errors["author_label"] = [
            _("Use no máximo %(limit)s caracteres.") % {"limit": AUTHOR_LABEL_MAX}
        ]
    if show_name and not author_label:
        errors["author_label"] = [
            _("Para mostrar o nome, escreva-o como a pessoa se apresentou.")
        ]
    if channel == C.Channel.ORAL and event.starts_at > now:
        errors["channel"] = [
            _("Falas só podem ser registradas a partir do início do evento.")
        ]
    if errors:
        raise ValidationError(errors)
    return contribution_create(
        author=None,
        event=event,
        text=text,
        show_name=show_name,
        channel=channel,
        author_label=author_label,
        recorded_by=recorded_by,
    )
