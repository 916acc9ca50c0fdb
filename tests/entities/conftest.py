import pytest
from pytest_factoryboy import register

from tests.factories.entities import (
    BoardMemberFactory,
    DocumentFactory,
    EntityFactory,
    RepresentativeFactory,
)

register(EntityFactory)
register(RepresentativeFactory)
register(BoardMemberFactory)
register(DocumentFactory)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded documents go to a throwaway directory."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def representative(user_factory, entity):
    """A citizen who is the primary representative of `entity`."""
    person = user_factory(full_name="Representante da Entidade")
    RepresentativeFactory(entity=entity, user=person, is_primary=True)
    return person


@pytest.fixture
def other_representative(user_factory, entity_factory):
    """A representative of another entity."""
    person = user_factory(full_name="Representante de Outra Entidade")
    RepresentativeFactory(entity=entity_factory(), user=person, is_primary=True)
    return person


@pytest.fixture
def second_representative(user_factory, entity):
    person = user_factory(full_name="Segunda Representante")
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    return person


@pytest.fixture
def submittable_entity(entity, representative):
    """A draft OSC with everything needed to submit it for review."""
    from civic.territory.models import Regional
    from tests.factories.entities import BoardMemberFactory, DocumentFactory

    entity.regionais.set([Regional.objects.first()])
    BoardMemberFactory(entity=entity)
    for doc_type in ("estatuto", "ata_eleicao", "cartao_cnpj"):
        DocumentFactory(entity=entity, doc_type=doc_type)
    return entity
