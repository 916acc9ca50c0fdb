"""The people of the partnerships' permission matrices."""

import pytest
from django.contrib.auth.models import Group
from pytest_factoryboy import register

from civic.accounts.rules import COUNCIL_SECRETARY_GROUP
from tests.factories.councils import CouncilFactory, approved_entity
from tests.factories.entities import RepresentativeFactory
from tests.factories.partnerships import (
    CallFactory,
    CommitteeMemberFactory,
    CriterionFactory,
    InstallmentFactory,
    PartnershipFactory,
    ProposalFactory,
)

register(CallFactory)
register(CriterionFactory)
register(CommitteeMemberFactory)
register(ProposalFactory)
register(PartnershipFactory)
register(InstallmentFactory)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def entity(db):
    """An approved entity with regular documents."""
    return approved_entity(name="Associação Amigos do Bairro Jardim Teresópolis")


@pytest.fixture
def representative(user_factory, entity):
    person = user_factory(full_name="Representante da Entidade")
    RepresentativeFactory(entity=entity, user=person)
    return person


@pytest.fixture
def other_representative(user_factory):
    person = user_factory(full_name="Representante de Outra Entidade")
    RepresentativeFactory(entity=approved_entity(), user=person)
    return person


@pytest.fixture
def council(db):
    return CouncilFactory(
        name="Conselho Municipal de Assistência Social", acronym="CMAS", slug="cmas"
    )


@pytest.fixture
def council_secretary(user_factory, council):
    person = user_factory(full_name="Secretária do CMAS")
    person.groups.add(Group.objects.get(name=COUNCIL_SECRETARY_GROUP))
    council.secretaries.add(person)
    return person


@pytest.fixture
def call(db, council):
    return CallFactory(council=council)


@pytest.fixture
def committee_member(user_factory, call):
    person = user_factory(full_name="Membro da Comissão de Seleção")
    CommitteeMemberFactory(call=call, user=person)
    return person


@pytest.fixture
def gestor(user_factory):
    return user_factory(full_name="Gestora da Parceria")


@pytest.fixture
def partnership(db, entity, gestor, council):
    return PartnershipFactory(entity=entity, gestor=gestor, council=council)


ROLES = (
    "anonymous",
    "citizen",
    "representative",
    "other_representative",
    "committee_member",
    "gestor",
    "staff_user",
    "council_secretary",
)


@pytest.fixture
def as_role(request, client):
    """`as_role(name)`: a client signed in as that role (anonymous: signed out)."""

    def sign_in(name):
        if name != "anonymous":
            client.force_login(request.getfixturevalue(name))
        return client

    return sign_in
