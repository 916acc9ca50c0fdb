"""The admin of a partnership's execution: every page and action for the
eight roles (only the SRSC team), the steps through their services with
refusals shown in pt-BR, the plano de trabalho page, and the home panel."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from entities.partnerships.models import (
    Accountability,
    Appeal,
    Installment,
    Partnership,
    Sanction,
)
from tests.factories.partnerships import ProposalFactory

from .conftest import ROLES
from .execution_support import executing, final_accounts, plan, set_status

pytestmark = pytest.mark.django_db
A = Accountability.Status


@pytest.fixture
def world(partnership):
    executing(partnership)
    accounts = final_accounts(
        partnership, status=A.PRESENTED, analysis_due_on=timezone.localdate()
    )
    sanction = Sanction.objects.create(
        entity=partnership.entity,
        partnership=partnership,
        kind=Sanction.Kind.WARNING,
        grounds="Atraso",
        defence_due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    return {"partnership": partnership, "accounts": accounts, "sanction": sanction}


def pages(world):
    p, a, s = world["partnership"], world["accounts"], world["sanction"]
    installment = p.installments.first()
    return [
        reverse("partnerships_partnerships:index"),
        reverse("partnerships_partnerships:inspect", args=[p.pk]),
        reverse("partnerships_partnerships:action", args=[installment.pk, "release"]),
        reverse("partnerships_partnerships:action", args=[installment.pk, "retain"]),
        reverse("partnerships_partnerships:action", args=[p.pk, "end_validity"]),
        reverse("partnerships_partnerships:action", args=[p.pk, "notify_rescission"]),
        reverse("partnerships_partnerships:action", args=[p.pk, "ex_officio"]),
        reverse("partnerships_partnerships:action", args=[p.pk, "record_monitoring"]),
        reverse("partnerships_partnerships:add"),
        reverse("partnerships_accounts:index"),
        reverse("partnerships_accounts:inspect", args=[a.pk]),
        reverse("partnerships_accounts:action", args=[a.pk, "diligence"]),
        reverse("partnerships_accounts:action", args=[a.pk, "approve"]),
        reverse("partnerships_sanctions:index"),
        reverse("partnerships_sanctions:add"),
        reverse("partnerships_sanctions:inspect", args=[s.pk]),
        reverse("partnerships_sanctions:action", args=[s.pk, "apply"]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_admin_permission_matrix(world, as_role, role):
    client = as_role(role)
    p = world["partnership"]
    # Item 7: the secretariat of the council named on it reads the partnership.
    reads = {
        reverse("partnerships_partnerships:index"),
        reverse("partnerships_partnerships:inspect", args=[p.pk]),
    }
    for url in pages(world):
        response = client.get(url)
        if role == "staff_user" or (role == "council_secretary" and url in reads):
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), (url, response.status_code)
            if response.status_code == 302:
                assert "/admin/" in response["Location"], url


@pytest.mark.parametrize("role", ROLES)
def test_admin_posts_change_nothing_for_other_roles(world, as_role, role):
    client = as_role(role)
    installment = world["partnership"].installments.first()
    url = reverse("partnerships_partnerships:action", args=[installment.pk, "release"])
    client.post(url, {"released_on": timezone.localdate().isoformat()})
    installment.refresh_from_db()
    assert (installment.status == Installment.Status.RELEASED) == (role == "staff_user")


def test_sign_from_the_admin_shows_the_parcelas_refusal(
    client, staff_user, partnership
):
    plan(partnership, parcelas=("60000.00", "50000.00"))
    client.force_login(staff_user)
    url = reverse("partnerships_partnerships:action", args=[partnership.pk, "sign"])
    response = client.post(
        url, {"signed_on": timezone.localdate().isoformat()}, follow=True
    )
    assert (
        "As parcelas somam R$ 110.000,00, mas o valor total é R$ 120.000,00."
        in response.content.decode()
    )
    partnership.refresh_from_db()
    assert partnership.status == Partnership.Status.PLANNING


def test_the_manage_page_offers_what_the_status_allows(client, staff_user, partnership):
    client.force_login(staff_user)
    plan(partnership)
    url = reverse("partnerships_partnerships:inspect", args=[partnership.pk])
    page = client.get(url).content.decode()
    assert "Registrar a assinatura" in page
    assert "Plano de trabalho" in page
    set_status(partnership, Partnership.Status.EXECUTING)
    page = client.get(url).content.decode()
    assert "Registrar a assinatura" not in page
    assert "Liberar" in page
    assert "Notificar a intenção de rescindir" in page


def test_art_38_refusal_from_the_admin(client, staff_user, partnership):
    set_status(plan(partnership), Partnership.Status.SIGNED)
    client.force_login(staff_user)
    installment = partnership.installments.first()
    url = reverse("partnerships_partnerships:action", args=[installment.pk, "release"])
    response = client.post(
        url, {"released_on": timezone.localdate().isoformat()}, follow=True
    )
    assert "art. 38" in response.content.decode()
    installment.refresh_from_db()
    assert installment.status == Installment.Status.SCHEDULED


def test_retain_needs_the_note_beside_the_field(client, staff_user, world):
    client.force_login(staff_user)
    installment = world["partnership"].installments.first()
    url = reverse("partnerships_partnerships:action", args=[installment.pk, "retain"])
    response = client.post(url, {"reason": "desvio", "note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    response = client.post(url, {"reason": "desvio", "note": "Compras sem cotação"})
    assert response.status_code == 302
    installment.refresh_from_db()
    assert installment.status == Installment.Status.RETAINED


def test_accounts_diligence_and_conclusion_from_the_admin(client, staff_user, world):
    client.force_login(staff_user)
    accounts = world["accounts"]
    url = reverse("partnerships_accounts:action", args=[accounts.pk, "diligence"])
    assert client.post(url, {"request": "Envie os extratos"}).status_code == 302
    accounts.refresh_from_db()
    assert accounts.status == A.DILIGENCE
    url = reverse("partnerships_accounts:action", args=[accounts.pk, "approve"])
    response = client.post(url, {"note": "Regular"}, follow=True)
    assert "Não é possível" in response.content.decode()
    accounts.refresh_from_db()
    assert accounts.status == A.DILIGENCE


def test_sanction_opened_and_applied_from_the_admin(client, staff_user, entity):
    client.force_login(staff_user)
    response = client.post(
        reverse("partnerships_sanctions:add"),
        {"entity": entity.pk, "kind": "suspensao", "grounds": "Contas irregulares"},
    )
    sanction = Sanction.objects.get(entity=entity)
    assert response.status_code == 302
    assert sanction.defence_due_on == timezone.localdate() + dt.timedelta(days=10)
    url = reverse("partnerships_sanctions:action", args=[sanction.pk, "apply"])
    response = client.post(
        url,
        {
            "kind": "suspensao",
            "starts_on": timezone.localdate().isoformat(),
            "note": "x",
            "act": "P 1",
        },
        follow=True,
    )
    assert "defesa prévia" in response.content.decode()


def test_plan_page_saves_metas_parcelas_and_team(client, staff_user, partnership):
    client.force_login(staff_user)
    url = reverse("partnerships_partnerships:plan", args=[partnership.pk])
    data = {}
    for prefix in ("goals", "installments", "team"):
        data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "goals-0-position": "1",
            "goals-0-description": "Atender 80 crianças",
            "goals-0-indicator": "Frequência",
            "goals-0-verification": "Listas",
            "installments-0-number": "1",
            "installments-0-value": "120000.00",
            "installments-0-due_on": timezone.localdate().isoformat(),
            "team-0-function": "Educador(a) social",
            "team-0-monthly_pay": "3200.00",
            "team-0-months": "12",
        }
    )
    assert client.post(url, data).status_code == 302
    assert (
        partnership.goals.count()
        == partnership.installments.count()
        == partnership.team.count()
        == 1
    )
    set_status(partnership, Partnership.Status.SIGNED)
    # Wagtail turns a refusal into a redirect to the admin home with a message.
    assert client.get(url).status_code in (302, 403)
    edit_url = reverse("partnerships_partnerships:edit", args=[partnership.pk])
    assert client.get(edit_url).status_code in (302, 403)
    client.post(url, {**data, "team-0-function": "Coordenação"})
    assert not partnership.team.filter(function="Coordenação").exists()


def test_home_panel_lists_what_is_due_this_week(client, staff_user, world, citizen):
    partnership = world["partnership"]
    Installment.objects.filter(partnership=partnership, number=1).update(
        due_on=timezone.localdate()
    )
    Accountability.objects.create(
        partnership=partnership,
        kind=Accountability.Kind.ANNUAL,
        period_ends_on=partnership.starts_on,
        due_on=timezone.localdate() - dt.timedelta(days=1),
    )
    proposal = ProposalFactory(entity=partnership.entity)
    Appeal.objects.create(proposal=proposal, text="Nota errada")
    client.force_login(staff_user)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Parcerias: o que vence nesta semana" in page
    assert "Contas com prazo vencido" in page
    assert partnership.number in page
    assert str(proposal.call) in page
