"""Who a notification names, so erasing a person's account also removes their
name from notifications told to other people (LGPD art. 18 VI).

`notify(..., about=[person])` records a `Mention` per new notification;
`mentions_erase()` rewrites those notifications' context on erasure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .models import Mention, Notification


def _mention(notifications: list[Notification], people: Iterable[Any]) -> None:
    """Record who the new notifications name, for erasure (LGPD art. 18 VI)."""
    people = [p for p in people if p is not None and p.pk is not None]
    Mention.objects.bulk_create(
        [
            Mention(notification=n, person_id=p.pk, name=p.display_name)
            for n in notifications
            for p in people
            if p.pk != n.recipient_id
        ],
        ignore_conflicts=True,
    )


def mentions_erase(*, person) -> int:
    """Replace `person`'s name with "Participante removido" in every notification
    told to someone else that names them; returns how many were rewritten."""
    from django.contrib.auth import get_user_model

    removed = str(get_user_model().REMOVED_NAME)
    mentions = Mention.objects.filter(person=person).select_related("notification")
    rewritten = 0
    for mention in mentions:
        notification = mention.notification
        if mention.name:
            context = _replace_name(notification.context, mention.name, removed)
            if context != notification.context:
                Notification.objects.filter(pk=notification.pk).update(context=context)
                rewritten += 1
    mentions.delete()
    return rewritten


def _replace_name(value: Any, name: str, replacement: str) -> Any:
    """`value` with every occurrence of `name` in its strings replaced."""
    if isinstance(value, str):
        return value.replace(name, replacement)
    if isinstance(value, dict):
        return {k: _replace_name(v, name, replacement) for k, v in value.items()}
    if isinstance(value, list):
        return [_replace_name(v, name, replacement) for v in value]
    return value
