import pytest
from django.contrib.auth.models import Group
from pytest_factoryboy import register

from civic.accounts.rules import COUNCIL_SECRETARY_GROUP, MODERATION_GROUP
from entities import services
from entities.models import Entity
from tests.factories.entities import (
    BoardMemberFactory,
    DocumentFactory,
    EntityFactory,
    RepresentativeFactory,
    pdf_upload,
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
def rep_client(client, representative):
    """A client logged in as the primary representative of `entity`."""
    client.force_login(representative)
    return client


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


@pytest.fixture
def staff_client(client, staff_user):
    """A client logged in as a member of the SRSC team (a reviewer)."""
    client.force_login(staff_user)
    return client


@pytest.fixture
def moderator(user_factory):
    """Has Wagtail admin access, but is not a registry reviewer."""
    person = user_factory(full_name="Moderadora")
    person.groups.add(Group.objects.get(name=MODERATION_GROUP))
    return person


@pytest.fixture
def council_secretary(user_factory):
    """Has Wagtail admin access, but is not a registry reviewer."""
    person = user_factory(full_name="Secretária do Conselho")
    person.groups.add(Group.objects.get(name=COUNCIL_SECRETARY_GROUP))
    return person


@pytest.fixture
def submitted(submittable_entity, representative):
    """A complete registration its representative sent for review."""
    services.entity_transition(
        entity_id=submittable_entity.pk, action="submit", actor=representative
    )
    submittable_entity.refresh_from_db()
    return submittable_entity


@pytest.fixture
def imported_entity():
    """An entity from the Mapa das OSCs import: nobody represents it."""
    entity = EntityFactory(name="Sociedade Beneficente Importada")
    Entity.objects.filter(pk=entity.pk).update(source=Entity.Source.IMPORT)
    entity.refresh_from_db()
    return entity


@pytest.fixture
def pending_claim(imported_entity, citizen):
    """A citizen's claim on the imported entity, waiting for staff."""
    return services.claim_submit(
        entity=imported_entity,
        by=citizen,
        proof_kind="ata",
        proof=pdf_upload("ata-eleicao.pdf"),
        message="Fui eleita presidente em 2025.",
    )


@pytest.fixture
def site_settings(db):
    """Create the site settings up front: creating them on a first request
    invalidates the page cache (home/receivers.py), which would hide a hit."""
    from wagtail.models import Site

    from home.models import SiteSettings

    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def anon_client():
    from django.test import Client

    return Client()


@pytest.fixture
def no_page_cache(settings):
    settings.CIVIC_PAGE_CACHE_ENABLED = False
