"""The people of the councils' permission matrices, and a composed council."""

import pytest
from django.contrib.auth.models import Group
from pytest_factoryboy import register

from civic.accounts.rules import COUNCIL_SECRETARY_GROUP
from councils.models import Mandate
from tests.factories.councils import (
    AgendaItemFactory,
    CandidacyFactory,
    CouncilFactory,
    ElectionFactory,
    MandateFactory,
    MeetingFactory,
    ResolutionFactory,
    SeatFactory,
    TermFactory,
    composed_council,
)
from tests.factories.entities import RepresentativeFactory

register(CouncilFactory)
register(TermFactory)
register(SeatFactory)
register(MandateFactory)
register(MeetingFactory)
register(AgendaItemFactory)
register(ResolutionFactory)
register(ElectionFactory)
register(CandidacyFactory)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def council(db):
    """CMX: 3 government and 3 civil-society seats, titular and suplente each."""
    return composed_council(
        name="Conselho Municipal de Assistência Social", acronym="CMAS", slug="cmas"
    )


@pytest.fixture
def other_council(db):
    return composed_council(government=1, civil_society=1)


def _secretary_of(user_factory, council, name):
    person = user_factory(full_name=name)
    person.groups.add(Group.objects.get(name=COUNCIL_SECRETARY_GROUP))
    council.secretaries.add(person)
    return person


@pytest.fixture
def secretary(user_factory, council):
    """Secretary of `council`, and of no other."""
    return _secretary_of(user_factory, council, "Secretária Executiva do CMAS")


@pytest.fixture
def other_secretary(user_factory, other_council):
    """Secretary of another council: must not touch `council`."""
    return _secretary_of(user_factory, other_council, "Secretário de Outro Conselho")


@pytest.fixture
def councillor(council):
    """The titular of the first civil-society seat of `council`."""
    return (
        Mandate.objects.filter(
            council=council, role=Mandate.Role.TITULAR, entity__isnull=False
        )
        .select_related("person")
        .first()
        .person
    )


@pytest.fixture
def entity_rep(user_factory):
    """Representative of an approved entity that holds no seat."""
    from tests.factories.councils import approved_entity

    person = user_factory(full_name="Representante de Entidade")
    RepresentativeFactory(entity=approved_entity(), user=person)
    return person


ROLES = (
    "anonymous",
    "citizen",
    "entity_rep",
    "councillor",
    "secretary",
    "other_secretary",
    "staff_user",
    "superuser",
)


@pytest.fixture
def as_role(request, client):
    """`as_role(name)`: a client signed in as that role (anonymous: signed out)."""

    def sign_in(name):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return sign_in
