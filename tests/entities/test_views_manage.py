"""The representative's side of the registry: registration, the dashboard, the
profile, board, documents and representatives pages, and invitations."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from PIL import Image

from entities import services
from entities.models import (
    BoardMember,
    Document,
    Entity,
    EntityEvent,
    Invitation,
    Representative,
)
from entities.services.profile import CnpjAlreadyRegistered
from tests.factories.entities import (
    MINIMAL_PDF,
    BoardMemberFactory,
    DocumentFactory,
    EntityFactory,
    RepresentativeFactory,
    make_cnpj,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date.today


@pytest.fixture(autouse=True)
def _admin_links(monkeypatch):
    """Notification links point at admin viewsets another part registers; until
    they exist, make those links harmless so the workflow can run."""
    import entities.notifications as notifications

    real_reverse = notifications.reverse

    def reverse_or_admin(name, *args, **kwargs):
        try:
            return real_reverse(name, *args, **kwargs)
        except NoReverseMatch:
            if name.startswith(("entities_review:", "entities_claims:")):
                return "/admin/"
            raise

    monkeypatch.setattr(notifications, "reverse", reverse_or_admin)


@pytest.fixture
def rep_client(client, representative):
    client.force_login(representative)
    return client


def png_bytes(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def url(name, entity, **kwargs):
    return reverse(f"entities:{name}", kwargs={"pk": entity.pk, **kwargs})


def texts(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def followed_messages(client, response) -> str:
    """The flash messages shown on the page a redirect leads to."""
    assert response.status_code == 302, response.status_code
    return client.get(response["Location"]).content.decode()


# Registration

REGISTER = reverse("entities:register")


def registration(**overrides):
    from entities.models import Area

    data = {
        "kind": "osc",
        "cnpj": "",
        "name": "Associação dos Moradores do Jardim Teresópolis",
        "trade_name": "AMJT",
        "areas": [Area.objects.order_by("pk").first().pk],
        "email": "contato@amjt.example.org",
        "phone": "(31) 3591-0000",
    }
    data.update(overrides)
    return data


def test_register_requires_login(client):
    response = client.get(REGISTER)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_register_page_explains_the_cnpj_is_for_oscs(client, citizen):
    client.force_login(citizen)
    page = client.get(REGISTER).content.decode()
    # The field is always in the page (works without JavaScript)...
    assert 'name="cnpj"' in page
    # ...with help saying who needs it, and the kinds as a labelled radio group.
    assert "Obrigatório para organizações formais" in page
    assert "<fieldset" in page
    assert "<legend" in page
    assert 'type="radio"' in page


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (lambda: _mask(make_cnpj(7)), lambda: make_cnpj(7)),
        (lambda: make_cnpj(8), lambda: make_cnpj(8)),
        (
            lambda: _mask(make_cnpj(9, alphanumeric=True)),
            lambda: make_cnpj(9, alphanumeric=True),
        ),
        (
            lambda: make_cnpj(10, alphanumeric=True).lower(),
            lambda: make_cnpj(10, alphanumeric=True),
        ),
    ],
    ids=["numeric-masked", "numeric-plain", "alnum-masked", "alnum-lowercase"],
)
def test_register_osc(client, citizen, typed, stored):
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=typed()))
    entity = Entity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("manage", entity)
    assert entity.cnpj == stored()
    assert entity.kind == Entity.Kind.OSC
    assert entity.status == Entity.Status.DRAFT
    assert Representative.objects.get(entity=entity).user == citizen
    assert Representative.objects.get(entity=entity).is_primary
    assert "Entidade cadastrada como rascunho" in followed_messages(client, response)


def _mask(cnpj: str) -> str:
    return f"{cnpj[:2]}.{cnpj[2:5]}.{cnpj[5:8]}/{cnpj[8:12]}-{cnpj[12:]}"


def test_register_collective_ignores_a_typed_cnpj(client, citizen):
    client.force_login(citizen)
    response = client.post(REGISTER, registration(kind="collective", cnpj="123"))
    assert response.status_code == 302
    entity = Entity.objects.get()
    assert entity.kind == Entity.Kind.COLLECTIVE
    assert entity.cnpj == ""
    assert entity.regularity == Entity.Regularity.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cnpj": "11.222.333/0001-82"}, "cnpj", "Informe um CNPJ válido"),
        ({"cnpj": "AB.CDE.FGH/IJKL-00"}, "cnpj", "Informe um CNPJ válido"),
        ({"cnpj": ""}, "cnpj", "Informe o CNPJ da organização."),
        ({"cnpj": "1" * 21}, "cnpj", "no máximo 20 caracteres"),
        ({"name": "A" * 201}, "name", "no máximo 200 caracteres"),
        ({"name": ""}, "name", "Este campo é obrigatório."),
        ({"areas": []}, "areas", "Este campo é obrigatório."),
        ({"email": "", "phone": ""}, "email", "Informe um e-mail ou um telefone"),
        ({"email": "não-é-email"}, "email", "Informe um endereço de email válido."),
        ({"kind": "empresa"}, "kind", "Faça uma escolha válida."),
    ],
)
def test_register_bad_input_is_reported_beside_the_field(
    client, citizen, overrides, field, message
):
    client.force_login(citizen)
    data = registration(cnpj=make_cnpj(11))
    data.update(overrides)
    response = client.post(REGISTER, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in str(e) for e in form.errors[field]), form.errors
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    # What else was typed is kept.
    if field != "name":
        assert "Associação dos Moradores do Jardim Teresópolis" in page
    if field != "email":
        assert "contato@amjt.example.org" in page
    assert not Entity.objects.exists()


def test_register_duplicate_cnpj_of_unrepresented_entity_links_to_claim(
    client, citizen
):
    imported = EntityFactory(cnpj=make_cnpj(12), name="Associação Importada")
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=_mask(make_cnpj(12))))
    assert response.status_code == 200
    page = response.content.decode()
    claim_url = reverse("entities:claim", kwargs={"slug": imported.slug})
    assert f'href="{claim_url}"' in page
    assert "Peça para representar esta entidade" in page
    assert Entity.objects.count() == 1


def test_register_duplicate_cnpj_of_represented_entity_says_ask_for_invitation(
    client, citizen, entity, representative
):
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=entity.cnpj))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Peça a um representante da entidade para convidar você" in page
    assert reverse("entities:claim", kwargs={"slug": entity.slug}) not in page


def test_register_cnpj_taken_by_a_concurrent_request(client, citizen, monkeypatch):
    """The form checked the CNPJ, but another request registered it first."""
    winner = EntityFactory(cnpj=make_cnpj(13))

    def racing_register(**kwargs):
        raise CnpjAlreadyRegistered(winner)

    monkeypatch.setattr(services, "entity_register", racing_register)
    monkeypatch.setattr(
        "entities.forms.EntityRegistrationForm._check_not_registered",
        lambda self, cnpj: None,
    )
    client.force_login(citizen)
    response = client.post(REGISTER, registration(cnpj=make_cnpj(14)))
    assert response.status_code == 200
    assert "Este CNPJ já está no cadastro" in response.content.decode()


def test_register_keeps_html_as_typed_and_escapes_it(client, citizen):
    client.force_login(citizen)
    name = "<script>alert('x')</script> Associação"
    response = client.post(
        REGISTER, registration(cnpj=make_cnpj(15), name=name, trade_name="")
    )
    entity = Entity.objects.get()
    assert entity.name == name
    page = client.get(response["Location"]).content.decode()
    assert "&lt;script&gt;alert(" in page
    assert "<script>alert(" not in page


# My entities


MY = reverse("entities:my_entities")


def test_my_entities_without_any_explains_register_and_claim(client, citizen):
    client.force_login(citizen)
    page = client.get(MY).content.decode()
    assert "Você ainda não representa nenhuma entidade." in page
    assert f'href="{REGISTER}"' in page
    assert "procuração" in page


def test_my_entities_lists_only_mine_with_status_and_next_step(
    rep_client, entity, other_representative
):
    other = Representative.objects.get(user=other_representative).entity
    page = rep_client.get(MY).content.decode()
    assert entity.display_name in page
    assert url("manage", entity) in page
    assert other.display_name not in page
    assert "Rascunho" in page
    assert "Complete o cadastro e envie para análise." in page
    assert "Responsável principal" in page
    assert "3 faltando" not in page  # all 8 are missing for a new OSC
    assert "8 faltando" in page


def test_my_entities_shows_pending_claims(client, citizen, entity_factory):
    from entities.models import Claim

    imported = entity_factory(name="Instituto Importado")
    Claim.objects.create(
        entity=imported,
        claimant=citizen,
        proof_kind="ata",
        proof=SimpleUploadedFile("ata.pdf", MINIMAL_PDF),
        proof_name="ata.pdf",
        proof_content_type="application/pdf",
    )
    client.force_login(citizen)
    page = client.get(MY).content.decode()
    assert "Pedidos de representação em análise" in page
    assert "Instituto Importado" in page


def _count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_my_entities_query_count_is_constant(client, citizen):
    client.force_login(citizen)
    RepresentativeFactory(user=citizen, entity=EntityFactory())
    client.get(MY)  # warm per-session queries
    few = _count_queries(client, MY)
    for _ in range(15):
        entity = EntityFactory()
        RepresentativeFactory(user=citizen, entity=entity, is_primary=False)
        DocumentFactory(entity=entity)
    many = _count_queries(client, MY)
    assert few == many


# The dashboard


def test_dashboard_shows_status_checklist_and_missing_items(rep_client, entity):
    page = rep_client.get(url("manage", entity)).content.decode()
    assert "Rascunho" in page
    assert "O cadastro ainda não foi enviado." in page
    # The checklist: each document with its state and where it is issued.
    assert "Certificado de Regularidade do FGTS (CRF)" in page
    assert "Caixa Econômica Federal" in page
    assert "https://consulta-crf.caixa.gov.br/" in page
    assert "Faltando" in page
    # What is missing before submission.
    assert "Informe quem é o representante legal na diretoria." in page
    assert "Envie o documento: Estatuto social." in page
    # The submit button posts to the transition view.
    assert url("transition", entity, action="submit") in page
    assert url("confirm_data", entity) not in page


def test_dashboard_checklist_states(rep_client, entity):
    today = timezone.localdate()
    DocumentFactory(
        entity=entity, doc_type="cnd_federal", expires_on=today + dt.timedelta(days=5)
    )
    DocumentFactory(
        entity=entity,
        doc_type="cndt",
        issued_on=today - dt.timedelta(days=200),
        expires_on=today - dt.timedelta(days=2),
    )
    DocumentFactory(
        entity=entity, doc_type="crf_fgts", expires_on=today + dt.timedelta(days=90)
    )
    page = rep_client.get(url("manage", entity)).content.decode()
    assert "Vence em 5 dias" in page
    assert "Vencido" in page
    assert "Em dia" in page


def test_dashboard_shows_the_latest_review_note(
    rep_client, submittable_entity, representative, staff_user
):
    entity = submittable_entity
    services.entity_transition(
        entity_id=entity.pk, action="submit", actor=representative
    )
    services.entity_transition(
        entity_id=entity.pk,
        action="request_changes",
        actor=staff_user,
        note="Envie a ata <b>assinada</b>.",
    )
    page = rep_client.get(url("manage", entity)).content.decode()
    assert "Ajustes pedidos pela equipe da SRSC" in page
    assert "Envie a ata &lt;b&gt;assinada&lt;/b&gt;." in page
    assert url("transition", entity, action="resubmit") in page
    # History, newest first, with who did it.
    assert page.index("Solicitar ajustes") < page.index("Enviar para análise")
    assert staff_user.display_name in page


def test_dashboard_of_approved_entity_offers_confirmation(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(
        status=Entity.Status.APPROVED,
        renewal_due_on=timezone.localdate() + dt.timedelta(days=100),
    )
    page = rep_client.get(url("manage", entity)).content.decode()
    assert url("confirm_data", entity) in page
    assert "Renovação pendente" not in page


def test_dashboard_shows_renewal_pending(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(
        status=Entity.Status.APPROVED,
        renewal_due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    page = rep_client.get(url("manage", entity)).content.decode()
    assert "Renovação pendente" in page
    assert "Confirmar dados" in page


def test_dashboard_for_staff_has_no_representative_actions(client, staff_user, entity):
    client.force_login(staff_user)
    page = client.get(url("manage", entity)).content.decode()
    assert url("transition", entity, action="submit") not in page
    assert url("edit", entity) not in page


def test_dashboard_never_shows_board_cpf(rep_client, entity):
    BoardMemberFactory(entity=entity, cpf="52998224725")
    page = rep_client.get(url("manage", entity)).content.decode()
    assert "52998224725" not in page
    assert "529.982.247-25" not in page


def _grow_entity(entity, n):
    """Give an entity n documents (versions), board members, representatives, events."""
    from tests.factories.accounts import UserFactory

    for i in range(n):
        DocumentFactory(
            entity=entity,
            doc_type="cnd_federal",
            expires_on=TODAY() + dt.timedelta(days=100),
            superseded_at=None if i == n - 1 else timezone.now(),
        )
        BoardMemberFactory(entity=entity, is_legal_representative=False, cpf="")
        RepresentativeFactory(entity=entity, user=UserFactory(), is_primary=False)
        EntityEvent.objects.create(
            entity=entity, action="confirm_data", from_status="draft", to_status="draft"
        )


@pytest.mark.parametrize(
    "name", ["manage", "board", "documents", "representatives", "edit"]
)
def test_dashboard_pages_query_count_is_constant(client, user_factory, name):
    small, large = EntityFactory(), EntityFactory()
    person = user_factory()
    for entity in (small, large):
        RepresentativeFactory(entity=entity, user=person, is_primary=True)
    _grow_entity(small, 1)
    _grow_entity(large, 30)
    client.force_login(person)
    client.get(url(name, small))  # warm per-session queries
    assert _count_queries(client, url(name, small)) == _count_queries(
        client, url(name, large)
    )


# Workflow actions


def test_submit_complete_registration(rep_client, submittable_entity):
    response = rep_client.post(url("transition", submittable_entity, action="submit"))
    assert response["Location"] == url("manage", submittable_entity)
    submittable_entity.refresh_from_db()
    assert submittable_entity.status == Entity.Status.SUBMITTED
    assert "Cadastro enviado para análise" in followed_messages(rep_client, response)


def test_submit_incomplete_registration_lists_problems(rep_client, entity):
    response = rep_client.post(url("transition", entity, action="submit"))
    page = followed_messages(rep_client, response)
    assert "Antes de enviar, resolva o que falta:" in page
    assert "Envie o documento: Cartão CNPJ." in page
    entity.refresh_from_db()
    assert entity.status == Entity.Status.DRAFT


def test_transition_not_allowed_from_status_is_a_message(rep_client, entity):
    response = rep_client.post(url("transition", entity, action="resubmit"))
    shown = followed_messages(rep_client, response)
    assert "Não é possível “Reenviar para análise” na situação atual" in shown
    assert "(“Rascunho”)" in shown


def test_transition_get_is_405(rep_client, entity):
    assert rep_client.get(url("transition", entity, action="submit")).status_code == 405


def test_unknown_action_is_404(rep_client, entity):
    assert (
        rep_client.post(url("transition", entity, action="explode")).status_code == 404
    )


def test_reviewer_action_needs_a_note(
    client, staff_user, submittable_entity, representative
):
    services.entity_transition(
        entity_id=submittable_entity.pk, action="submit", actor=representative
    )
    client.force_login(staff_user)
    response = client.post(
        url("transition", submittable_entity, action="reject"), {"note": ""}
    )
    assert "Este campo é obrigatório." in followed_messages(client, response)
    submittable_entity.refresh_from_db()
    assert submittable_entity.status == Entity.Status.SUBMITTED


def test_reopen_rejected_registration(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.REJECTED)
    response = rep_client.post(url("transition", entity, action="reopen"))
    assert "Cadastro reaberto como rascunho." in followed_messages(rep_client, response)
    entity.refresh_from_db()
    assert entity.status == Entity.Status.DRAFT


def test_confirm_data(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.APPROVED)
    response = rep_client.post(url("confirm_data", entity))
    entity.refresh_from_db()
    assert entity.renewal_due_on > timezone.localdate() + dt.timedelta(days=360)
    assert "Dados confirmados." in followed_messages(rep_client, response)


def test_confirm_data_of_a_draft_is_refused(rep_client, entity):
    response = rep_client.post(url("confirm_data", entity))
    entity.refresh_from_db()
    assert entity.data_confirmed_at is None
    assert "Só cadastros aprovados" in followed_messages(rep_client, response)


def test_confirm_data_get_is_405(rep_client, entity):
    assert rep_client.get(url("confirm_data", entity)).status_code == 405


# Profile


def profile_data(entity, **overrides):
    data = {
        "name": entity.name,
        "trade_name": "Nome Fantasia",
        "legal_nature": entity.legal_nature_id,
        "founded_on": "2001-05-10",
        "main_cnae_code": "9430-8/00",
        "summary": "Atividades culturais no bairro.",
        "areas": [a.pk for a in entity.areas.all()],
        "cep": "32600-000",
        "street": "Rua do Rosário",
        "number": "100",
        "neighbourhood": "Centro",
        "city": "Betim",
        "state": "mg",
        "phone": "(31) 3591-1234",
        "email": "contato@exemplo.org",
        "website": "https://exemplo.org",
        "publish_contact": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_edit_profile(rep_client, entity):
    from civic.territory.models import Bairro

    bairro = Bairro.objects.active().first()
    response = rep_client.post(
        url("edit", entity),
        profile_data(entity, bairros=[bairro.pk], regionais=[bairro.regional_id]),
    )
    assert response.status_code == 302, response.context["form"].errors
    entity.refresh_from_db()
    assert entity.trade_name == "Nome Fantasia"
    assert entity.cep == "32600000"
    assert entity.state == "MG"
    assert entity.main_cnae.code == "9430800"
    assert list(entity.bairros.all()) == [bairro]
    assert "nome fantasia" in entity.search_text


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"cep": "123"}, "cep", "Informe um CEP com 8 dígitos"),
        ({"main_cnae_code": "0000-0/00"}, "main_cnae_code", "CNAE não encontrado"),
        ({"founded_on": "2999-01-01"}, "founded_on", "não pode estar no futuro"),
        ({"summary": "x" * 3001}, "summary", "no máximo 3000 caracteres"),
        ({"street": "R" * 201}, "street", "no máximo 200 caracteres"),
        ({"website": "javascript:alert(1)"}, "website", "Informe uma URL válida."),
        ({"email": "sem-arroba"}, "email", "Informe um endereço de email válido."),
        ({"areas": []}, "areas", "Este campo é obrigatório."),
    ],
)
def test_edit_bad_input(rep_client, entity, overrides, field, message):
    response = rep_client.post(url("edit", entity), profile_data(entity, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    if field != "street":
        assert "Rua do Rosário" in page  # the rest is kept
    entity.refresh_from_db()
    assert entity.trade_name == ""


def test_edit_stores_html_as_typed_and_escapes_it(rep_client, entity):
    summary = '<script>alert("oi")</script><img src=x onerror=alert(1)>'
    response = rep_client.post(
        url("edit", entity), profile_data(entity, summary=summary)
    )
    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.summary == summary
    response = rep_client.post(
        url("edit", entity), profile_data(entity, summary=summary, cep="1")
    )
    page = response.content.decode()
    assert "&lt;script&gt;alert(" in page
    assert '<script>alert("oi")' not in page


def test_edit_logo_checked_by_content(rep_client, entity):
    good = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    response = rep_client.post(
        url("edit", entity), {**profile_data(entity), "logo": good}
    )
    assert response.status_code == 302
    entity.refresh_from_db()
    assert entity.logo.name.startswith("entities/logos/")

    fake = SimpleUploadedFile(
        "logo.png", b"<html>not an image</html>", content_type="image/png"
    )
    response = rep_client.post(
        url("edit", entity), {**profile_data(entity), "logo": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["logo"]


def test_edit_can_remove_the_logo(rep_client, entity):
    good = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    rep_client.post(url("edit", entity), {**profile_data(entity), "logo": good})
    response = rep_client.post(
        url("edit", entity), {**profile_data(entity), "logo-clear": "on"}
    )
    assert response.status_code == 302
    entity.refresh_from_db()
    assert not entity.logo


def test_edit_without_new_logo_keeps_it(rep_client, entity):
    good = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    rep_client.post(url("edit", entity), {**profile_data(entity), "logo": good})
    entity.refresh_from_db()
    before = entity.logo.name
    rep_client.post(url("edit", entity), profile_data(entity, trade_name="Outro"))
    entity.refresh_from_db()
    assert entity.trade_name == "Outro"
    assert entity.logo.name == before


def test_edit_collective_has_no_osc_fields(client, user_factory):
    person = user_factory()
    collective = EntityFactory(kind="collective", cnpj="", legal_nature=None)
    RepresentativeFactory(entity=collective, user=person)
    client.force_login(person)
    form = client.get(url("edit", collective)).context["form"]
    assert "legal_nature" not in form.fields
    assert "main_cnae_code" not in form.fields


def test_edit_frozen_registration_redirects_with_explanation(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUBMITTED)
    response = rep_client.get(url("edit", entity))
    assert response["Location"] == url("manage", entity)
    assert "em análise" in followed_messages(rep_client, response)


# Board


def board_data(members, prefix="board_members", initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(members)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }
    for i, member in enumerate(members):
        for key, value in member.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_board_add_members(rep_client, entity):
    response = rep_client.post(
        url("board", entity),
        board_data(
            [
                {
                    "name": "Ana Souza",
                    "role": "Presidente",
                    "is_legal_representative": "on",
                    "mandate_ends_on": "2027-12-31",
                    "cpf": "529.982.247-25",
                },
                {"name": "Bruno Lima", "role": "Tesoureiro", "cpf": ""},
            ]
        ),
    )
    assert response.status_code == 302, response.context["formset"].errors
    members = {m.name: m for m in BoardMember.objects.filter(entity=entity)}
    assert members["Ana Souza"].cpf == "52998224725"
    assert members["Ana Souza"].is_legal_representative
    assert not members["Bruno Lima"].is_legal_representative


def test_board_bad_input(rep_client, entity):
    response = rep_client.post(
        url("board", entity),
        board_data(
            [
                {"name": "Ana", "role": "Presidente", "cpf": "111.111.111-11"},
                {"name": "N" * 151, "role": "Vice"},
            ]
        ),
    )
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.forms[0].errors["cpf"]
    assert any("no máximo 150 caracteres" in e for e in formset.forms[1].errors["name"])
    assert "Presidente" in response.content.decode()
    assert not BoardMember.objects.filter(entity=entity).exists()


def test_board_only_one_legal_representative(rep_client, entity):
    response = rep_client.post(
        url("board", entity),
        board_data(
            [
                {"name": "Ana", "role": "Presidente", "is_legal_representative": "on"},
                {"name": "Bia", "role": "Vice", "is_legal_representative": "on"},
            ]
        ),
    )
    assert response.status_code == 200
    assert (
        "Marque apenas uma pessoa como representante legal."
        in response.content.decode()
    )


def test_board_swap_legal_representative_and_delete(rep_client, entity):
    ana = BoardMemberFactory(entity=entity, name="Ana", is_legal_representative=True)
    bia = BoardMemberFactory(entity=entity, name="Bia", is_legal_representative=False)
    caio = BoardMemberFactory(entity=entity, name="Caio", is_legal_representative=False)
    members = [
        {"id": str(ana.pk), "name": "Ana", "role": "Presidente"},
        {
            "id": str(bia.pk),
            "name": "Bia",
            "role": "Presidente",
            "is_legal_representative": "on",
        },
        {"id": str(caio.pk), "name": "Caio", "role": "Vogal", "DELETE": "on"},
    ]
    # The formset orders existing members as the queryset does.
    response = rep_client.post(url("board", entity), board_data(members, initial=3))
    assert response.status_code == 302, response.context["formset"].errors
    ana.refresh_from_db()
    bia.refresh_from_db()
    assert not ana.is_legal_representative
    assert bia.is_legal_representative
    assert not BoardMember.objects.filter(pk=caio.pk).exists()


def test_board_read_only_for_staff_shows_cpf(client, staff_user, entity):
    BoardMemberFactory(entity=entity, name="Ana", cpf="52998224725")
    client.force_login(staff_user)
    response = client.get(url("board", entity))
    assert "formset" not in response.context
    assert "529.982.247-25" in response.content.decode()
    assert client.post(url("board", entity), board_data([])).status_code == 403


def test_board_frozen_registration_is_read_only(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUBMITTED)
    response = rep_client.get(url("board", entity))
    assert response.status_code == 200
    assert "formset" not in response.context
    response = rep_client.post(url("board", entity), board_data([]))
    assert response["Location"] == url("manage", entity)


# Documents


def upload(name="estatuto.pdf", content=MINIMAL_PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def doc_data(**overrides):
    data = {"doc_type": "estatuto", "file": upload(), "issued_on": "2024-03-01"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_documents_page_lists_types_with_issuers(rep_client, entity):
    page = rep_client.get(url("documents", entity)).content.decode()
    assert "Certidão Negativa de Débitos Trabalhistas (CNDT)" in page
    assert "Tribunal Superior do Trabalho" in page
    assert "Validade usual: 180 dias a partir da emissão." in page
    assert 'enctype="multipart/form-data"' in page


def test_documents_page_preselects_type(rep_client, entity):
    response = rep_client.get(url("documents", entity) + "?tipo=cndt")
    assert response.context["form"].initial["doc_type"] == "cndt"


def test_upload_document_and_new_version_keeps_the_old(
    rep_client, entity, representative
):
    response = rep_client.post(url("documents", entity), doc_data())
    assert response.status_code == 302
    first = Document.objects.get(entity=entity)
    assert first.content_type == "application/pdf"
    assert first.uploaded_by == representative
    rep_client.post(
        url("documents", entity), doc_data(file=upload("estatuto-2025.pdf"))
    )
    first.refresh_from_db()
    assert first.superseded_at is not None
    current = Document.objects.current().get(entity=entity, doc_type="estatuto")
    assert current.original_name == "estatuto-2025.pdf"
    page = rep_client.get(url("documents", entity)).content.decode()
    assert "1 versão anterior" in page
    assert url("document_download", entity, document_pk=first.pk) in page
    assert url("document_download", entity, document_pk=current.pk) in page


def test_upload_certidao_updates_regularity(rep_client, entity):
    today = timezone.localdate()
    for doc_type in ("estatuto", "ata_eleicao", "cartao_cnpj"):
        DocumentFactory(entity=entity, doc_type=doc_type)
    for doc_type in ("cnd_federal", "crf_fgts", "cndt", "cnd_estadual"):
        DocumentFactory(
            entity=entity, doc_type=doc_type, expires_on=today + dt.timedelta(days=60)
        )
    rep_client.post(
        url("documents", entity),
        doc_data(
            doc_type="cnd_municipal",
            issued_on=today.isoformat(),
            expires_on=(today + dt.timedelta(days=90)).isoformat(),
        ),
    )
    entity.refresh_from_db()
    assert entity.regularity == Entity.Regularity.REGULAR


def _text_as_pdf():
    return upload("documento.pdf", b"apenas texto, nada de PDF", "application/pdf")


def _png_as_pdf():
    return upload("documento.pdf", png_bytes(), "application/pdf")


def _truncated_pdf():
    return upload("documento.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "application/pdf")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"file": _text_as_pdf}, "file", "O conteúdo do arquivo não é PDF, JPEG, PNG"),
        ({"file": _png_as_pdf}, "file", "mas o conteúdo é PNG"),
        ({"file": _truncated_pdf}, "file", "O PDF está incompleto ou corrompido."),
        (
            {"file": lambda: upload("vazio.pdf", b"")},
            "file",
            "O arquivo enviado está vazio.",
        ),
        (
            {"issued_on": "2024-03-01", "expires_on": "2024-02-01", "doc_type": "cndt"},
            "expires_on",
            "não pode ser anterior à data de emissão",
        ),
        (
            {"doc_type": "cndt"},
            "expires_on",
            "Informe a data de validade desta certidão.",
        ),
        ({"issued_on": "2999-01-01"}, "issued_on", "não pode estar no futuro"),
        ({"issued_on": "31/02/2024"}, "issued_on", "Informe uma data válida."),
        ({"doc_type": "passaporte"}, "doc_type", "Faça uma escolha válida."),
    ],
)
def test_upload_bad_input(rep_client, entity, overrides, field, message):
    data = doc_data()
    data.update({k: (v() if callable(v) else v) for k, v in overrides.items()})
    response = rep_client.post(url("documents", entity), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    assert f'id="id_{field}_error"' in response.content.decode()
    # The dates typed are kept.
    if field != "issued_on":
        assert f'value="{data["issued_on"]}"' in response.content.decode()
    assert not Document.objects.filter(entity=entity).exists()


def test_upload_too_large(rep_client, entity, settings):
    settings.ENTITIES_DOCUMENT_MAX_BYTES = 100
    big = MINIMAL_PDF.replace(b"%%EOF", b" " * 200 + b"%%EOF")
    response = rep_client.post(
        url("documents", entity), doc_data(file=upload(content=big))
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("o limite é 100" in e for e in errors), errors
    assert not Document.objects.exists()


def test_upload_frozen_registration_redirects(rep_client, entity):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.SUBMITTED)
    page = rep_client.get(url("documents", entity)).content.decode()
    assert 'id="envio"' not in page
    response = rep_client.post(url("documents", entity), doc_data())
    assert response["Location"] == url("manage", entity)
    assert not Document.objects.exists()


# Downloads


def test_download_headers(rep_client, entity):
    document = DocumentFactory(
        entity=entity, original_name='../../etc/"passwd"; x.exe.pdf'
    )
    response = rep_client.get(url("document_download", entity, document_pk=document.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''" in disposition
    assert "/" not in disposition.split("filename*=")[1]
    assert ".." not in disposition
    assert '"passwd"' not in disposition
    assert disposition.endswith(".pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_download_unicode_filename(rep_client, entity):
    document = DocumentFactory(entity=entity, original_name="Certidão Município.pdf")
    response = rep_client.get(url("document_download", entity, document_pk=document.pk))
    disposition = response["Content-Disposition"]
    assert 'filename="Certidao Municipio.pdf"' in disposition
    assert "filename*=UTF-8''Certid%C3%A3o%20Munic%C3%ADpio.pdf" in disposition


def test_download_inline_for_staff_view_in_place(client, staff_user, entity):
    document = DocumentFactory(entity=entity)
    client.force_login(staff_user)
    response = client.get(
        url("document_download", entity, document_pk=document.pk) + "?inline=1"
    )
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_download_of_old_version(rep_client, entity):
    old = DocumentFactory(entity=entity, superseded_at=timezone.now())
    DocumentFactory(entity=entity)
    response = rep_client.get(url("document_download", entity, document_pk=old.pk))
    assert response.status_code == 200


def test_download_missing_file_is_404(rep_client, entity):
    document = DocumentFactory(entity=entity)
    document.file.storage.delete(document.file.name)
    response = rep_client.get(url("document_download", entity, document_pk=document.pk))
    assert response.status_code == 404


# Representatives and invitations


REPS = "representatives"


def test_representatives_page(rep_client, entity, representative, user_factory):
    other = user_factory(full_name="Outra Pessoa")
    RepresentativeFactory(entity=entity, user=other, is_primary=False)
    Invitation.objects.create(
        entity=entity, email="pendente@example.org", invited_by=representative
    )
    Invitation.objects.create(
        entity=entity,
        email="expirado@example.org",
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    page = rep_client.get(url(REPS, entity)).content.decode()
    assert "Representante da Entidade" in page
    assert "Outra Pessoa" in page
    assert "Responsável principal" in page
    assert "pendente@example.org" in page
    assert "expirado@example.org" not in page
    assert "Tornar responsável principal" in page


def test_invite_sends_email(
    rep_client, entity, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = rep_client.post(
            url(REPS, entity), {"operation": "invite", "email": "Nova@Example.org"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(entity=entity)
    assert invitation.email == "nova@example.org"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nova@example.org"]
    assert invitation.token in mailoutbox[0].body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("não é email", "Informe um endereço de email válido."),
        ("a" * 250 + "@x.org", "no máximo 254 caracteres"),
        ("dup@example.org", "Já existe um convite pendente para esse e-mail."),
        ("self", "Essa pessoa já representa a entidade."),
    ],
)
def test_invite_bad_input(rep_client, entity, representative, email, message):
    Invitation.objects.create(entity=entity, email="dup@example.org")
    if email == "self":
        email = representative.email
    response = rep_client.post(
        url(REPS, entity), {"operation": "invite", "email": email}
    )
    assert response.status_code == 200
    errors = response.context["invite_form"].errors["email"]
    assert any(message in e for e in errors), errors
    assert 'id="id_email_error"' in response.content.decode()


def test_revoke_invitation(rep_client, entity):
    invitation = Invitation.objects.create(entity=entity, email="x@example.org")
    response = rep_client.post(
        url(REPS, entity), {"operation": "revoke", "invitation": invitation.pk}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_revoke_invitation_of_another_entity_is_404(rep_client, entity):
    foreign = Invitation.objects.create(entity=EntityFactory(), email="x@example.org")
    response = rep_client.post(
        url(REPS, entity), {"operation": "revoke", "invitation": foreign.pk}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_remove_and_make_primary(rep_client, entity, representative, user_factory):
    bia = RepresentativeFactory(entity=entity, user=user_factory(), is_primary=False)
    caio = RepresentativeFactory(entity=entity, user=user_factory(), is_primary=False)
    rep_client.post(
        url(REPS, entity), {"operation": "remove", "representative": caio.pk}
    )
    assert not Representative.objects.filter(pk=caio.pk).exists()
    rep_client.post(
        url(REPS, entity), {"operation": "make_primary", "representative": bia.pk}
    )
    bia.refresh_from_db()
    assert bia.is_primary
    assert not Representative.objects.get(entity=entity, user=representative).is_primary
    # No longer primary: removing someone is now forbidden.
    response = rep_client.post(
        url(REPS, entity), {"operation": "remove", "representative": bia.pk}
    )
    assert response.status_code == 403


def test_primary_cannot_be_removed_nor_leave(
    client, entity, representative, staff_user
):
    primary = Representative.objects.get(entity=entity, user=representative)
    client.force_login(staff_user)
    response = client.post(
        url(REPS, entity), {"operation": "remove", "representative": primary.pk}
    )
    assert "Passe a responsabilidade principal" in followed_messages(client, response)
    client.force_login(representative)
    response = client.post(url(REPS, entity), {"operation": "leave"})
    assert "Passe a responsabilidade principal" in followed_messages(client, response)
    assert Representative.objects.filter(pk=primary.pk).exists()


def test_non_primary_leaves(client, entity, user_factory):
    person = user_factory()
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    client.force_login(person)
    response = client.post(url(REPS, entity), {"operation": "leave"})
    assert response["Location"] == reverse("entities:my_entities")
    assert not Representative.objects.filter(entity=entity, user=person).exists()
    # Gone: the dashboard is now a 404 for them.
    assert client.get(url("manage", entity)).status_code == 404


def test_unknown_operation_is_400(rep_client, entity):
    assert rep_client.post(url(REPS, entity), {"operation": "drop"}).status_code == 400


def test_remove_representative_of_another_entity_is_404(
    rep_client, entity, other_representative
):
    foreign = Representative.objects.get(user=other_representative)
    response = rep_client.post(
        url(REPS, entity), {"operation": "remove", "representative": foreign.pk}
    )
    assert response.status_code == 404
    assert Representative.objects.filter(pk=foreign.pk).exists()


# Accepting an invitation


def accept_url(invitation):
    return reverse("entities:invitation_accept", kwargs={"token": invitation.token})


@pytest.fixture
def invitation(entity, representative):
    return Invitation.objects.create(
        entity=entity, email="convidada@example.org", invited_by=representative
    )


def test_invitation_anonymous_is_asked_to_log_in(client, invitation):
    page = client.get(accept_url(invitation)).content.decode()
    login = reverse("account_login")
    assert f"{login}?next=/convites/{invitation.token}/" in page
    assert reverse("account_signup") in page
    assert "convidada@example.org" in page
    response = client.post(accept_url(invitation))
    assert response["Location"].startswith(login)
    assert "next=" in response["Location"]


def test_invitation_accepted_by_the_invited_account(
    client, invitation, user_factory, entity
):
    person = user_factory(email="convidada@example.org")
    client.force_login(person)
    assert "Aceitar o convite" in client.get(accept_url(invitation)).content.decode()
    response = client.post(accept_url(invitation))
    assert response["Location"] == url("manage", entity)
    assert Representative.objects.filter(
        entity=entity, user=person, is_primary=False
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # Used now: a second visit says so.
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    assert "Este convite já foi usado." in response.content.decode()


def test_invitation_with_another_account_is_explained(
    client, invitation, citizen, entity
):
    client.force_login(citizen)
    page = client.get(accept_url(invitation)).content.decode()
    assert "Este convite foi enviado para convidada@example.org" in page
    assert "Aceitar o convite" not in page
    response = client.post(accept_url(invitation))
    assert response.status_code == 403
    assert "Entre com a conta desse e-mail" in response.content.decode()
    assert not Representative.objects.filter(user=citizen).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"expires_at": timezone.now() - dt.timedelta(minutes=1)},
            "Este convite expirou",
        ),
        ({"revoked_at": timezone.now()}, "Este convite foi cancelado"),
        ({"accepted_at": timezone.now()}, "Este convite já foi usado."),
    ],
)
def test_invitation_no_longer_valid_is_410(
    client, invitation, user_factory, change, message
):
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    client.force_login(user_factory(email="convidada@example.org"))
    for response in (
        client.get(accept_url(invitation)),
        client.post(accept_url(invitation)),
    ):
        assert response.status_code == 410
        assert message in response.content.decode()


@pytest.mark.parametrize("token", ["nao-existe", "x" * 300, "%3Cscript%3E"])
def test_invitation_unknown_token_is_404(client, token):
    response = client.get(f"/convites/{token}/")
    assert response.status_code == 404
    assert "Convite não encontrado" in response.content.decode()
