"""The representatives' dashboard (entities/views/dashboard.py): the list of
one's entities, one entity's status and checklist, its workflow actions."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from entities import services
from entities.models import (
    Entity,
    EntityEvent,
    Representative,
)
from entities.services import entity_workflow
from tests.entities.pages import followed_messages, url
from tests.entities.support import count_queries, inspect_url
from tests.factories.entities import (
    MINIMAL_PDF,
    BoardMemberFactory,
    DocumentFactory,
    EntityFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db

REGISTER = reverse("entities:register")

TODAY = dt.date.today


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


def test_my_entities_query_count_is_constant(client, citizen):
    client.force_login(citizen)
    RepresentativeFactory(user=citizen, entity=EntityFactory())
    client.get(MY)  # warm per-session queries
    few = count_queries(client, MY)
    for _ in range(15):
        entity = EntityFactory()
        RepresentativeFactory(user=citizen, entity=entity, is_primary=False)
        DocumentFactory(entity=entity)
    many = count_queries(client, MY)
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
    assert count_queries(client, url(name, small)) == count_queries(
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


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("submit", "Enviar para análise"),
        ("claim_approved", "Pedido de representação aprovado"),
        ("remove_representative", "Representante removido"),
        ("set_primary", "Novo responsável principal"),
    ],
)
def test_history_labels_every_kind_of_step(
    staff_client, entity, representative, action, label
):
    """Workflow actions, other steps and changes of representatives are named
    from one list, on the dashboard and on the admin's review page alike."""
    entity_workflow.record(entity, action=action, actor=representative)
    for page in (url("manage", entity), inspect_url(entity)):
        content = staff_client.get(page).content.decode()
        assert f"<td>{label}</td>" in content, page
        assert f"<td>{action}</td>" not in content, page
