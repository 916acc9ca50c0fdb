"""What the notices of consultations, hearings and forums share: sending, how
a moment is written, and who follows what."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import formats, timezone

from .. import dates


def tell(people, kind, *, title: str, key: str, url: str, what=None, **context):
    """A notice of `kind` to these people (user ids or users), once per `key`:
    `title` and `what` make its one-line summary, and everything goes to the
    email templates."""
    from civic.notifications import notify

    if what is not None:
        context["what"] = str(what)
    # Always a list of user ids (or users): notify() reads any queryset as rows
    # whose pk is the user's, so a values_list of Follow.user_id or
    # Registration.user_id would reach the people with those row ids instead.
    return notify(
        list(people), kind.slug, {"title": title, **context}, key=key, url=url
    )


def when(dt: datetime) -> str:
    """A moment as people in Betim read it."""
    return formats.date_format(timezone.localtime(dt), "DATETIME_FORMAT")


def relative_day(dt: datetime, now: datetime) -> str:
    """“today” or “tomorrow” in Betim's calendar, else “” (the date is written out)."""
    days = (dates.local(dt).date() - dates.local(now).date()).days
    return {0: "today", 1: "tomorrow"}.get(days, "")


def followers_of(
    *, policy_area_id=None, bairro_ids=(), consultation_id=None, any_bairro=False
):
    """People who follow the consultation, the area or one of the bairros
    (`any_bairro`: every bairro, for what concerns the whole city)."""
    from ..models import Follow

    q = Q(pk__in=[])
    if consultation_id:
        q |= Q(consultation_id=consultation_id)
    if policy_area_id:
        q |= Q(policy_area_id=policy_area_id)
    if any_bairro:
        q |= Q(bairro__isnull=False)
    elif bairro_ids:
        q |= Q(bairro_id__in=list(bairro_ids))
    return Follow.objects.filter(q).values_list("user_id", flat=True).distinct()
