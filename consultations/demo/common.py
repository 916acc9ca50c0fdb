"""What the demo's consultations and events share: the people, the venues,
reference data by name, and creating through the services."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings

from civic.accounts.models import User
from civic.territory.models import Bairro

from .. import services
from ..models import Body, Consultation, Device, Event, PolicyArea, Venue
from ..selectors.agenda import local_zone
from .texts import PARTICIPANTS

MAIN_VENUE = "Centro Administrativo — Auditório"
PTB_VENUE = "Espaço Multiuso da Regional PTB"


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=local_zone())


def participants() -> list[User]:
    people = []
    for name, email, bairro_name in PARTICIPANTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email,
                full_name=name,
                bairro=Bairro.objects.filter(name=bairro_name).first(),
            )
            user.set_unusable_password()
            user.save()
        people.append(user)
    return people


def demo_venues() -> dict[str, Venue]:
    main, _created = Venue.objects.get_or_create(
        name=MAIN_VENUE,
        defaults={
            "address": "Rua Pará de Minas, 640, Brasiléia",
            "bairro": Bairro.objects.filter(slug="brasileia").first(),
            "capacity": 200,
            "step_free_access": True,
            "accessibility_notes": "Rampa na entrada principal, elevador e banheiros "
            "adaptados no térreo. Espaço reservado para cadeira de rodas.",
        },
    )
    ptb, _created = Venue.objects.get_or_create(
        name=PTB_VENUE,
        defaults={
            "address": "Avenida Edméia Mattos Lazzarotti, 1.500, PTB",
            "bairro": Bairro.objects.filter(slug="ptb").first(),
            "capacity": 100,
            "step_free_access": True,
            "accessibility_notes": "Entrada no nível da rua.",
        },
    )
    return {"main": main, "ptb": ptb}


def area(name: str) -> PolicyArea:
    return PolicyArea.objects.get(name=name)


def body(acronym: str) -> Body:
    return Body.objects.get(acronym=acronym)


def devices_by_anchor(consultation: Consultation) -> dict[str, Device]:
    return {d.anchor: d for d in consultation.devices.all()}


def open_consultation(
    *, staff, slug: str, text: str, opens_at: datetime, closes_at: datetime, **fields
) -> Consultation:
    """Create a draft, split its text into devices, schedule it and let the
    clock open it (opens_at is in the past), as staff and the beat job would."""
    consultation = Consultation.objects.create(
        slug=slug,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=staff,
        **fields,
    )
    services.devices_replace(consultation=consultation, text=text, by=staff)
    services.consultation_transition(
        consultation_id=consultation.pk, action="schedule", actor=staff
    )
    return services.consultation_transition(
        consultation_id=consultation.pk, action="open", actor=None
    )


def days_ahead(today: date, days: int) -> date:
    """`days` ahead, or later when HEARINGS_MIN_NOTICE_DAYS is longer: the demo
    publishes without a short-notice justification."""
    return today + timedelta(days=max(days, settings.HEARINGS_MIN_NOTICE_DAYS + 5))


def publish_event(*, staff, slug: str, **fields) -> Event:
    """Create a draft event through the same service as the admin form, and
    publish it (at least HEARINGS_MIN_NOTICE_DAYS ahead, so no justification)."""
    event = services.event_save(event=Event(slug=slug, **fields), actor=staff)
    return services.event_publish(event_id=event.pk, actor=staff)


def move_to_the_past(*, consultation=None, event=None, **dates) -> None:
    """Move dates into the past with a queryset update.

    Why not a service: no service may put a consultation's closing or an event
    in the past (event_publish and event_reschedule refuse past dates, by law
    of notice), yet a demo must show a finished hearing and an answered
    consultation. So the demo publishes them in the future through the
    services, moves the dates here, and then closes, answers and concludes
    through the services again. Production code never does this.
    """
    model, pk = (Consultation, consultation.pk) if consultation else (Event, event.pk)
    model.objects.filter(pk=pk).update(**dates)
