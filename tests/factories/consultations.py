from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from consultations.models import (
    Body,
    Consultation,
    Contribution,
    Device,
    Event,
    PolicyArea,
    Registration,
    Venue,
)


class VenueFactory(DjangoModelFactory[Venue]):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Auditório {n}")
    address = "Rua Pará de Minas, 640, Brasiléia"
    capacity = 120
    step_free_access = True


class ConsultationFactory(DjangoModelFactory[Consultation]):
    """A consultation open now (status open), with no devices yet."""

    class Meta:
        model = Consultation

    title = factory.Sequence(lambda n: f"Consulta sobre o plano municipal {n}")
    slug = factory.Sequence(lambda n: f"consulta-{n}")
    summary = "Minuta em consulta pública."
    policy_area = factory.LazyFunction(
        lambda: PolicyArea.objects.order_by("pk").first()
    )
    responsible_body = factory.LazyFunction(lambda: Body.objects.order_by("pk").first())
    legal_basis = "Lei Orgânica do Município de Betim"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    status = Consultation.Status.OPEN


class DeviceFactory(DjangoModelFactory[Device]):
    class Meta:
        model = Device

    consultation = factory.SubFactory(ConsultationFactory)
    kind = Device.Kind.ARTICLE
    label = factory.Sequence(lambda n: f"Art. {n + 1}º")
    text = "Fica instituído o programa municipal."
    position = factory.Sequence(lambda n: n + 1)
    anchor = factory.Sequence(lambda n: f"art-{n + 1}")


class ContributionFactory(DjangoModelFactory[Contribution]):
    class Meta:
        model = Contribution

    consultation = factory.SubFactory(ConsultationFactory)
    author = factory.SubFactory("tests.factories.accounts.UserFactory")
    text = "Sugiro incluir as associações de bairro no comitê gestor."


class EventFactory(DjangoModelFactory[Event]):
    """A published hearing three weeks ahead, with 50 places."""

    class Meta:
        model = Event

    kind = Event.Kind.HEARING
    title = factory.Sequence(lambda n: f"Audiência pública {n}")
    slug = factory.Sequence(lambda n: f"audiencia-{n}")
    subject = "Apresentação e debate da proposta."
    policy_area = factory.LazyFunction(
        lambda: PolicyArea.objects.order_by("pk").first()
    )
    organizing_body = factory.LazyFunction(lambda: Body.objects.order_by("pk").first())
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=21))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    venue = factory.SubFactory(VenueFactory)
    capacity = 50
    status = Event.Status.PUBLISHED


class RegistrationFactory(DjangoModelFactory[Registration]):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory("tests.factories.accounts.UserFactory")
    status = Registration.Status.CONFIRMED
