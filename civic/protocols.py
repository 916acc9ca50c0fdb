"""Protocol numbers (`PMIS-2026-00001`, `SRSC-2026-000123`): one mechanism for
every app that numbers what it receives.

Each app keeps its own sequence table, a subclass of the abstract
`ProtocolSequence` (as each keeps its own history table from
`civic.workflow.WorkflowLog`), and asks `next_protocol()` for the next number
inside the transaction that stores the numbered row:

    class DemandSequence(ProtocolSequence):
        class Meta(ProtocolSequence.Meta):
            pass

    demand.protocol = next_protocol(DemandSequence, "SRSC", now=now, digits=6)

The (prefix, year) row is created if missing (two first numbers of a year
race to create it: the unique constraint lets one in and the other's insert
does nothing) and then locked with `select_for_update()`, so two requests at
once never share a number; a transaction that rolls back gives its number
back, so there is no gap either.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils import timezone


class ProtocolSequence(models.Model):
    """The last protocol number given per prefix and year; locked while numbering."""

    prefix = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year"], name="%(app_label)s_protocol_sequence_once"
            )
        ]

    def __str__(self):
        return f"{self.prefix}-{self.year}: {self.last_number}"


def next_number(sequence_model: type[models.Model], *, floor: int = 0, **key) -> int:
    """The next number of the sequence row named by `key`, taken under its row
    lock; never below `floor` + 1 (numbers given outside the sequence, such as
    an import, are never reused). Call it inside the storing transaction."""
    with transaction.atomic():
        sequence_model._default_manager.bulk_create(
            [sequence_model(**key, last_number=0)], ignore_conflicts=True
        )
        sequence = sequence_model._default_manager.select_for_update().get(**key)
        sequence.last_number = max(sequence.last_number, floor) + 1
        sequence.save(update_fields=["last_number"])
    return sequence.last_number


def next_protocol(
    sequence_model: type[ProtocolSequence],
    prefix: str,
    *,
    now: dt.datetime | None = None,
    digits: int = 5,
) -> str:
    """`<prefix>-<local year>-<number>`, the number zero-padded to `digits`."""
    year = timezone.localdate(now or timezone.now()).year
    number = next_number(sequence_model, prefix=prefix, year=year)
    return f"{prefix}-{year}-{number:0{digits}d}"
