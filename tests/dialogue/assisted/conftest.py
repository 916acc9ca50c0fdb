"""The people of the desk tests."""

import pytest
from django.contrib.auth.models import Group

from civic.dialogue.assisted import services
from tests.factories.consultations import ConsultationFactory, EventFactory


@pytest.fixture
def attendant(user_factory):
    """Staff of the service desk (group "Balcão de atendimento")."""
    person = user_factory(full_name="Atendente do Balcão")
    person.groups.add(Group.objects.get(name="Balcão de atendimento"))
    return person


@pytest.fixture
def managed(attendant):
    """A person without email, created at the desk (no consent yet)."""
    return services.managed_account_create(
        by=attendant, full_name="José da Silva", cpf="52998224725"
    )


@pytest.fixture
def consented(attendant, managed):
    services.consent_record(by=attendant, person=managed)
    return managed


@pytest.fixture
def hearing(db):
    return EventFactory()


@pytest.fixture
def consultation(db):
    return ConsultationFactory()
