"""Protocol numbers of the partnerships (PMIS-2026-00001), from the shared
mechanism in `civic.protocols`."""

from __future__ import annotations

import datetime as dt

from civic.protocols import next_protocol as _next_protocol

from ..models import ProtocolSequence


def next_protocol(prefix: str, now: dt.datetime | None = None) -> str:
    """The next number of the prefix in the current year (call inside the
    transaction that stores it)."""
    return _next_protocol(ProtocolSequence, prefix, now=now, digits=5)
