"""Demonstration councils for `make run`: CMAS, CMDCA and CMS, each composed
by its rule (paritária, or the health rule of 50/25/25), with two gestões, the
mesa diretora, a commission, the secretariat, founding documents, held
meetings with attendance, votes, ata and two resolutions, an upcoming
convened meeting and the planned calendar; CMAS also has an election with
inscriptions open.

Idempotent: rows are found by their natural keys, and the meetings (whose
dates follow today) are made once per council, so a second run changes
nothing. Meetings are written directly (the workflow services refuse the
past, e.g. convening with less than the notice), as in consultations/demo;
resolutions go through the real publication service (councils/demo/
resolutions.py), which numbers them, fills their search columns and renders
their PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ..models import Council
from .composition import (
    ensure_board,
    ensure_bodies,
    ensure_commission,
    ensure_council,
    ensure_documents,
    ensure_mandates,
    ensure_seats,
    ensure_terms,
)
from .elections import ensure_election
from .meetings import ensure_meetings
from .people import (
    DEMO_COUNCILLOR_EMAIL,
    DEMO_COUNCILLOR_PASSWORD,
    SECRETARY_PASSWORD,
    councillor_account,
    demo_names,
    entities_by_name,
    person,
    secretary_account,
    secretary_email,
)
from .texts import CMAS, COUNCILS

__all__ = ["DemoCouncils", "ensure_demo_councils"]


@dataclass
class DemoCouncils:
    created: list[Council] = field(default_factory=list)
    # (label, email, password) of the logins to print.
    logins: list[tuple[str, str, str]] = field(default_factory=list)


@transaction.atomic
def ensure_demo_councils(*, reviewer) -> DemoCouncils:
    today = timezone.localdate()
    report = DemoCouncils()
    ensure_bodies()
    names = demo_names()
    entities = entities_by_name(
        representative=person("Maria Aparecida dos Santos"), reviewer=reviewer
    )
    councillor = councillor_account()
    report.logins.append(
        ("Conselheira (CMAS)", DEMO_COUNCILLOR_EMAIL, DEMO_COUNCILLOR_PASSWORD)
    )
    for spec in COUNCILS:
        council = ensure_council(spec)
        secretary = secretary_account(council)
        report.logins.append(
            (
                f"Secretaria do {spec.acronym}",
                secretary_email(spec.slug),
                SECRETARY_PASSWORD.format(slug=spec.slug),
            )
        )
        previous, current = ensure_terms(council, spec, today)
        seats = ensure_seats(council, spec, entities)
        mandates = ensure_mandates(
            seats,
            previous,
            current,
            names,
            first_titular=councillor if spec is CMAS else None,
        )
        ensure_board(council, seats, mandates, previous, current)
        ensure_commission(council, spec, seats)
        ensure_documents(council, spec, current)
        if ensure_meetings(council, seats, mandates, secretary, today):
            report.created.append(council)
        if spec is CMAS:
            ensure_election(council, current, entities, names, secretary)
    return report
