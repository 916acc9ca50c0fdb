"""Actions that need a prata or ouro gov.br account (settings.GOVBR_REQUIRED_LEVELS)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from civic.accounts.govbr.levels import has_level, level_required, require_level
from civic.accounts.models import GovBrLevel, User

from .conftest import VALID_CPF
from .govbr_flow import govbr_login
from .govbr_provider import govbr_person

pytestmark = pytest.mark.django_db

LEVELS_URL = "https://confiabilidades.acesso.gov.br/"
REQUIRED = {"entities.submit": "prata", "partnerships.submit_proposal": "ouro"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.mark.parametrize(
    ("level", "action", "allowed"),
    [
        ("", "entities.submit", False),
        ("bronze", "entities.submit", False),
        ("prata", "entities.submit", True),
        ("ouro", "entities.submit", True),
        ("prata", "partnerships.submit_proposal", False),
        ("ouro", "partnerships.submit_proposal", True),
        ("", "consultations.comment", True),
    ],
)
def test_level_matrix(settings, user_factory, level, action, allowed):
    settings.GOVBR_REQUIRED_LEVELS = REQUIRED
    user = user_factory(govbr_level=level)
    assert has_level(user, action) is allowed


def test_nothing_required_by_default(user_factory):
    user = user_factory()
    assert has_level(user, "entities.submit")
    assert has_level(AnonymousUser(), "entities.submit")


def test_english_level_names_in_the_setting(settings, user_factory):
    settings.GOVBR_REQUIRED_LEVELS = {"entities.submit": "silver"}
    assert has_level(user_factory(govbr_level="prata"), "entities.submit")
    assert not has_level(user_factory(govbr_level="bronze"), "entities.submit")


def test_refusal_page_explains_and_links_to_gov_br(settings, user_factory, govbr):
    settings.GOVBR_REQUIRED_LEVELS = REQUIRED
    request = RequestFactory().post("/minhas-entidades/1/acao/submit/")
    request.user = user_factory(govbr_level="bronze")
    request.session = {}
    response = require_level(request, "entities.submit")
    assert response.status_code == 403
    body = response.content.decode()
    assert "sua conta gov.br precisa ter o nível Prata ou mais alto" in body
    assert "O nível dela hoje é Bronze" in body
    assert f'href="{LEVELS_URL}"' in body
    assert "Aumentar o nível no gov.br" in body
    assert "Entrar de novo com" in body


def test_decorator(settings, user_factory):
    settings.GOVBR_REQUIRED_LEVELS = REQUIRED

    @level_required("entities.submit")
    def view(request):
        from django.http import HttpResponse

        return HttpResponse("feito")

    request = RequestFactory().get("/")
    request.user = user_factory()
    request.session = {}
    assert view(request).status_code == 403
    request.user = user_factory(govbr_level="ouro")
    assert view(request).content == b"feito"


# Entity registration


@pytest.fixture
def submittable(user_factory):
    """A complete draft registration and its primary representative."""
    from civic.territory.models import Regional
    from tests.factories.entities import (
        BoardMemberFactory,
        DocumentFactory,
        EntityFactory,
        RepresentativeFactory,
    )

    entity = EntityFactory()
    person = user_factory(full_name="Representante")
    RepresentativeFactory(entity=entity, user=person, is_primary=True)
    entity.regionais.set([Regional.objects.first()])
    BoardMemberFactory(entity=entity)
    for doc_type in ("estatuto", "ata_eleicao", "cartao_cnpj"):
        DocumentFactory(entity=entity, doc_type=doc_type)
    return entity, person


def submit_entity(client, entity):
    return client.post(
        reverse("entities:transition", kwargs={"pk": entity.pk, "action": "submit"})
    )


def test_entity_submit_unchanged_without_the_setting(client, submittable):
    entity, person = submittable
    client.force_login(person)
    assert submit_entity(client, entity).status_code == 302
    entity.refresh_from_db()
    assert entity.status == entity.Status.SUBMITTED


def test_entity_submit_refused_below_the_level(client, settings, submittable):
    settings.GOVBR_REQUIRED_LEVELS = REQUIRED
    entity, person = submittable
    User.objects.filter(pk=person.pk).update(govbr_level="bronze")
    client.force_login(person)
    response = submit_entity(client, entity)
    assert response.status_code == 403
    assert "Nível da conta gov.br insuficiente" in response.content.decode()
    entity.refresh_from_db()
    assert entity.status == entity.Status.DRAFT


def test_entity_submit_allowed_at_the_level(client, settings, submittable):
    settings.GOVBR_REQUIRED_LEVELS = REQUIRED
    entity, person = submittable
    User.objects.filter(pk=person.pk).update(govbr_level="prata")
    client.force_login(person)
    assert submit_entity(client, entity).status_code == 302
    entity.refresh_from_db()
    assert entity.status == entity.Status.SUBMITTED


def test_too_low_at_gov_br_then_raised(client, settings, govbr, submittable):
    """End to end: a bronze gov.br login is refused; after raising the level at
    gov.br and signing in again, the same action goes through."""
    from allauth.socialaccount.models import SocialAccount

    settings.GOVBR_REQUIRED_LEVELS = REQUIRED
    entity, person = submittable
    SocialAccount.objects.create(
        user=person, provider="govbr", uid=VALID_CPF, extra_data={}
    )
    govbr.person = govbr_person(cpf=VALID_CPF, email=person.email, level="bronze")
    govbr_login(client)
    assert int(client.session["_auth_user_id"]) == person.pk
    response = submit_entity(client, entity)
    assert response.status_code == 403
    assert LEVELS_URL in response.content.decode()

    client.logout()
    govbr.person = govbr_person(cpf=VALID_CPF, email=person.email, level="silver")
    govbr_login(client)
    person.refresh_from_db()
    assert person.govbr_level == GovBrLevel.PRATA
    assert submit_entity(client, entity).status_code == 302
    entity.refresh_from_db()
    assert entity.status == entity.Status.SUBMITTED


# Partnership proposals


@pytest.fixture
def proposal_draft(user_factory, staff_user):
    """A draft proposal with its document, in a call open for proposals."""
    from entities.partnerships.models import Call
    from entities.partnerships.services import proposals
    from tests.factories.councils import approved_entity
    from tests.factories.entities import RepresentativeFactory, pdf_upload
    from tests.factories.partnerships import CallFactory
    from tests.partnerships.call_setup import published

    call = CallFactory()
    published(call, staff_user)
    Call.objects.filter(pk=call.pk).update(
        published_at=timezone.now(),
        proposals_end_at=timezone.now() + dt.timedelta(days=40),
    )
    call.refresh_from_db()
    entity = approved_entity()
    person = user_factory(full_name="Representante")
    RepresentativeFactory(entity=entity, user=person)
    proposal = proposals.proposal_save(
        call=call,
        entity=entity,
        by=person,
        summary="Atendimento no contraturno.",
        requested_value=Decimal("1000.00"),
        plan_draft="Metas e atividades.",
    )
    proposals.proposal_document_add(
        proposal=proposal, by=person, title="Plano", file=pdf_upload()
    )
    return proposal, person


def submit_proposal(client, proposal):
    url = reverse("partnerships:proposal", kwargs={"slug": proposal.call.slug})
    return client.post(url, {"entidade": proposal.entity_id, "action": "submit"})


def test_proposal_submit_unchanged_without_the_setting(client, proposal_draft):
    proposal, person = proposal_draft
    client.force_login(person)
    assert submit_proposal(client, proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == proposal.Status.SUBMITTED


def test_proposal_submit_refused_below_the_level(client, settings, proposal_draft):
    settings.GOVBR_REQUIRED_LEVELS = REQUIRED
    proposal, person = proposal_draft
    User.objects.filter(pk=person.pk).update(govbr_level="prata")
    client.force_login(person)
    response = submit_proposal(client, proposal)
    assert response.status_code == 403
    assert "nível Ouro ou mais alto" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == proposal.Status.DRAFT


def test_proposal_submit_allowed_at_the_level(client, settings, proposal_draft):
    settings.GOVBR_REQUIRED_LEVELS = REQUIRED
    proposal, person = proposal_draft
    User.objects.filter(pk=person.pk).update(govbr_level="ouro")
    client.force_login(person)
    assert submit_proposal(client, proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == proposal.Status.SUBMITTED


def test_system_checks(settings):
    from civic.accounts.govbr.checks import govbr_settings

    assert govbr_settings(None) == []
    settings.GOVBR_REQUIRED_LEVELS = {"entities.submit": "platina"}
    ids = {problem.id for problem in govbr_settings(None)}
    assert ids == {"govbr.W001", "govbr.W002"}


def test_required_levels_from_the_environment(monkeypatch):
    import environ

    monkeypatch.setenv(
        "GOVBR_REQUIRED_LEVELS",
        "entities.submit=prata,partnerships.submit_proposal=ouro",
    )
    assert environ.Env().dict("GOVBR_REQUIRED_LEVELS", default={}) == {
        "entities.submit": "prata",
        "partnerships.submit_proposal": "ouro",
    }
