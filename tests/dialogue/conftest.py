"""The people and places of the dialogue tests."""

import pytest

from consultations.models import Body
from tests.factories.councils import approved_entity
from tests.factories.dialogue import body_staff
from tests.factories.entities import RepresentativeFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def entity(db):
    return approved_entity(name="Associação Amigos do Jardim Teresópolis")


@pytest.fixture
def representative(user_factory, entity):
    """The person who opens demands on behalf of `entity`."""
    person = user_factory(full_name="Representante da Entidade")
    RepresentativeFactory(entity=entity, user=person)
    return person


@pytest.fixture
def co_representative(user_factory, entity):
    person = user_factory(full_name="Outra Representante")
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    return person


@pytest.fixture
def health(db):
    return Body.objects.create(name="Secretaria de Saúde", acronym="SMS")


@pytest.fixture
def works(db):
    return Body.objects.create(name="Secretaria de Obras", acronym="SEMOB")


@pytest.fixture
def body_member(user_factory, health):
    """Staff of the Secretaria de Saúde."""
    person = user_factory(full_name="Servidor da Saúde")
    body_staff(person, health)
    return person


@pytest.fixture
def other_body_member(user_factory, works):
    """Staff of another secretaria (Obras)."""
    person = user_factory(full_name="Servidora de Obras")
    body_staff(person, works)
    return person
