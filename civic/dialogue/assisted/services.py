"""The attendance at the desk: find or create a person, record their consent,
and act for them. Every act writes an `AssistedAction` in its transaction.

The acts call the services of their own apps (registrations, contributions,
demands) with the person as the author, so capacity, deadlines, moderation
and reports treat them like any other; the channel says they came from the
desk.
"""

from __future__ import annotations

import re
import secrets

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from civic.accounts.models import Consent, User
from civic.accounts.services import consents_record, has_current_consent
from consultations.models import Consultation, Contribution, Event, Registration
from consultations.services.contributions import contribution_create
from consultations.services.registrations import registration_create

from ..models import Demand
from ..services.demands import Opened, demand_open
from .models import AssistedAction

A = AssistedAction.Action
PERMISSION = "dialogue.act_for_person"
MANAGED_EMAIL_DOMAIN = "balcao.invalid"
SEARCH_MIN_LENGTH = 3
SEARCH_LIMIT = 20


def managed_email() -> str:
    """A placeholder address that can never receive mail (RFC 2606 `.invalid`)."""
    return f"pessoa-{secrets.token_hex(8)}@{MANAGED_EMAIL_DOMAIN}"


def mask_cpf(cpf: str) -> str:
    """Only the middle digits, as the desk reads them back: ***.456.789-**."""
    if len(cpf or "") != 11:
        return ""
    return f"***.{cpf[3:6]}.{cpf[6:9]}-**"


def check_attendant(by, person=None) -> None:
    """Refuse anyone without the desk role (or acting for this person)."""
    if not rules.has_perm(PERMISSION, by, person):
        raise PermissionDenied


def people_find(*, by, query: str) -> list[User]:
    """Active people whose name contains the words typed, or whose CPF is the
    one typed in full. A short query finds nobody: the desk never lists
    everyone."""
    check_attendant(by)
    query = " ".join((query or "").split())
    compact = re.sub(r"[\s.\-]", "", query)
    people = User.objects.filter(
        is_active=True, deleted_at__isnull=True, is_superuser=False
    )
    if compact.isdigit():
        if len(compact) != 11:
            return []
        people = people.filter(cpf=compact)
    elif len(query) >= SEARCH_MIN_LENGTH:
        condition = Q()
        for word in query.split():
            condition &= Q(full_name__icontains=word)
        people = people.filter(condition)
    else:
        return []
    return list(people.select_related("bairro").order_by("full_name")[:SEARCH_LIMIT])


def _audit(by, person, action: str, obj=None, label: str = "") -> AssistedAction:
    from django.contrib.contenttypes.models import ContentType

    return AssistedAction.objects.create(
        actor=by,
        person=person,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj else None,
        object_id=obj.pk if obj else None,
        object_label=(label or (str(obj) if obj else ""))[:200],
    )


@transaction.atomic
def managed_account_create(
    *, by, full_name: str, cpf: str = "", phone: str = "", bairro=None
) -> User:
    """An account for a person without email, kept by the desk until they
    claim it. No usable password and no email address: nobody logs in to it
    and nothing is mailed to it."""
    check_attendant(by)
    person = User(
        email=managed_email(),
        full_name=" ".join((full_name or "").split()),
        cpf=re.sub(r"\D", "", cpf or ""),
        phone=re.sub(r"\D", "", phone or ""),
        bairro=bairro,
        is_managed=True,
    )
    person.set_unusable_password()
    person.full_clean()
    person.save()
    _audit(by, person, A.CREATE_ACCOUNT, person, person.full_name)
    return person


@transaction.atomic
def consent_record(*, by, person: User) -> list[Consent]:
    """The person agreed, out loud at the desk, to the current terms and
    privacy policy; the attendant records it (LGPD art. 8)."""
    check_attendant(by, person)
    records = consents_record(
        user=person,
        ip_address=None,
        channel=Consent.Channel.DESK,
        recorded_by=by,
    )
    _audit(
        by,
        person,
        A.CONSENT,
        label=", ".join(f"{c.get_document_display()} {c.version}" for c in records),
    )
    return records


def check_consent(person: User) -> None:
    if not has_current_consent(person):
        raise ValidationError(
            _(
                "Registre antes o consentimento da pessoa com os Termos de Uso e a "
                "Política de Privacidade em vigor. Sem ele, o balcão não pode agir "
                "por ela."
            ),
            code="no_consent",
        )


def _acting(by, person) -> None:
    check_attendant(by, person)
    check_consent(person)


def register_for_event(
    *, by, person: User, event: Event, needs_libras: bool = False
) -> Registration:
    """Register the person for an event (a place or the waitlist)."""
    _acting(by, person)
    with transaction.atomic():
        registration = registration_create(
            event_id=event.pk, user=person, needs_libras=needs_libras
        )
        _audit(by, person, A.REGISTER, registration, str(event))
    return registration


def contribute(
    *, by, person: User, consultation: Consultation, text: str
) -> Contribution:
    """Submit the person's general contribution to an open consultation, on
    the desk channel; the attendant is kept as who recorded it."""
    _acting(by, person)
    with transaction.atomic():
        contribution = contribution_create(
            author=person,
            text=text,
            consultation=consultation,
            channel=Contribution.Channel.DESK,
        )
        Contribution.objects.filter(pk=contribution.pk).update(recorded_by=by)
        contribution.recorded_by = by
        _audit(by, person, A.CONTRIBUTE, contribution, str(consultation))
    return contribution


def open_demand(
    *, by, person: User, kind: str, subject: str, text: str, area=None, bairro=None
) -> Opened:
    """Open a demand in the person's name on the desk channel."""
    _acting(by, person)
    with transaction.atomic():
        opened = demand_open(
            by=person,
            kind=kind,
            subject=subject,
            text=text,
            area=area,
            bairro=bairro or person.bairro,
            channel=Demand.Channel.DESK,
        )
        _audit(by, person, A.DEMAND, opened.demand, opened.demand.protocol)
    return opened


def actions_for(person: User, limit: int = 50) -> list[AssistedAction]:
    """What the desk did for the person, newest first."""
    return list(
        AssistedAction.objects.filter(person=person).select_related("actor")[:limit]
    )
