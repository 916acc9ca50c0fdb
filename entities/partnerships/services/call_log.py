"""History rows of a chamamento for steps that change no call status (a
proposal sent, a score's declaration, an appeal decided)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ..models import Call, CallLog


def log_call(
    call: Call,
    action: str,
    *,
    actor,
    note: str = "",
    data: dict | None = None,
    now: dt.datetime | None = None,
) -> CallLog:
    """Append one row to the call's history (who, when, what, why)."""
    return CallLog.objects.create(
        call=call,
        action=action,
        from_status=call.status,
        to_status=call.status,
        actor=actor,
        note=note,
        data=dict(data or {}),
        created_at=now or timezone.now(),
    )
