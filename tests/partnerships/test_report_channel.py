"""The art. 12 channel (Lei 13.019/2014) is the "Fale com a SRSC" channel with
the partnership attached: `/parcerias/denuncia/` opens a denúncia that
concerns the partnership, with an SRSC protocol number and, when anonymous, a
secret code; the SRSC team is told; it lands in the staff queue, never on a
public page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from civic.dialogue.models import Demand
from civic.notifications.models import Notification
from tests.factories.partnerships import PartnershipFactory

from .conftest import ROLES

pytestmark = pytest.mark.django_db
FORM = reverse("partnerships:report")
RECEIVED = reverse("dialogue:received")
QUEUE = reverse("dialogue_demands:index")
TEXT = "A entidade cobrou taxa de inscrição das famílias atendidas pelo serviço."


@pytest.fixture
def listed(entity):
    return PartnershipFactory(
        entity=entity, status="executing", signed_on=dt.date(2026, 3, 1)
    )


def report_data(**overrides):
    return {
        "kind": "denuncia",
        "subject": "Taxa cobrada das famílias",
        "text": TEXT,
        **overrides,
    }


def test_anonymous_report_gets_an_srsc_protocol_and_a_code(
    client, listed, staff_user, citizen
):
    response = client.post(FORM, report_data(partnership=listed.pk))
    assert response.status_code == 302
    assert response.url == RECEIVED
    demand = Demand.objects.get()
    assert re.fullmatch(rf"SRSC-{demand.created_at.year}-\d{{6}}", demand.protocol)
    assert demand.kind == Demand.Kind.REPORT
    assert demand.concerns_partnership == listed
    assert demand.requester is None
    assert demand.code_hash
    page = client.get(RECEIVED)
    text = page.content.decode()
    assert demand.protocol in text
    code = re.search(r'id="secret-code">([A-Z0-9-]+)<', text).group(1)
    assert code not in demand.code_hash
    assert "no-store" in page["Cache-Control"]
    # Shown once.
    assert client.get(RECEIVED).status_code == 302
    # The code follows the report without an account.
    client.logout()
    followed = client.post(
        reverse("dialogue:follow"), {"protocol": demand.protocol, "code": code}
    )
    assert followed.status_code == 302


def test_the_srsc_team_is_told_without_the_text(client, listed, staff_user, citizen):
    client.post(FORM, report_data(partnership=listed.pk))
    demand = Demand.objects.get()
    notice = Notification.objects.get(kind="dialogue.staff")
    assert notice.recipient == staff_user
    assert demand.protocol in str(notice.context)
    assert listed.number in str(notice.context)
    assert TEXT not in str(notice.context)
    assert notice.url == reverse("dialogue_demands:inspect", args=[demand.pk])


def test_a_signed_in_report_records_the_requester(client, citizen):
    client.force_login(citizen)
    assert client.post(FORM, report_data()).status_code == 302
    demand = Demand.objects.get()
    assert demand.requester == citizen
    assert demand.concerns_partnership is None
    # Not about a partnership: the queue has it, nobody is told at once.
    assert not Notification.objects.filter(kind="dialogue.staff").exists()


def test_the_form_preselects_the_partnership(client, listed):
    response = client.get(FORM, {"parceria": listed.pk})
    form = response.context["form"]
    assert form.initial["partnership"] == listed.pk
    assert form.initial["kind"] == Demand.Kind.REPORT
    assert listed.number in form.initial["subject"]
    page = response.content.decode()
    assert "art. 12" in page
    assert client.get(FORM, {"parceria": "9" * 40}).status_code == 200
    assert (
        "partnership" not in client.get(FORM, {"parceria": 999}).context["form"].initial
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": ""}, "text"),
        ({"subject": ""}, "subject"),
        ({"kind": "elogio"}, "kind"),  # without an account, only a denúncia
        ({"partnership": "999999"}, "partnership"),
        ({"partnership": "9" * 40}, "partnership"),
        ({"text": "x" * 10_001}, "text"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, data, field):
    response = client.post(FORM, report_data(**data))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Demand.objects.count() == 0


def test_a_partnership_in_celebracao_cannot_be_chosen(client, entity):
    planning = PartnershipFactory(entity=entity)
    response = client.post(FORM, report_data(partnership=planning.pk))
    assert "partnership" in response.context["form"].errors
    assert (
        client.get(FORM, {"parceria": planning.pk})
        .context["form"]
        .initial.get("partnership")
        is None
    )


def test_rate_limited_per_address_keeping_the_text(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "dialogue_open": "3/h/ip",
    }
    for _ in range(3):
        assert client.post(FORM, report_data()).status_code == 302
        client.get(RECEIVED)
    response = client.post(FORM, report_data(text=TEXT + " De novo."))
    assert response.status_code == 429
    assert "De novo." in response.content.decode()
    assert Demand.objects.count() == 3


def test_partnership_pages_link_to_the_channel_with_the_partnership(client, listed):
    page = client.get(listed.get_absolute_url()).content.decode()
    assert f"{FORM}?parceria={listed.pk}" in page
    assert FORM in client.get(reverse("partnerships:list")).content.decode()


# -- the staff queue -------------------------------------------------------------


def admin_status(client, url):
    response = client.get(url)
    if response.status_code == 302 and "/login" in response.url:
        return "login"
    if response.status_code == 302 and response.url.rstrip("/").endswith("/admin"):
        return 403  # Wagtail sends people without permission home
    return response.status_code


@pytest.fixture
def report(client, listed, committee_member, council_secretary, representative, gestor):
    client.post(FORM, report_data(partnership=listed.pk))
    client.get(RECEIVED)
    client.logout()
    return Demand.objects.get()


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(as_role, report, listed, role):
    client = as_role(role)
    assert client.get(FORM).status_code == 200
    assert client.get(FORM, {"parceria": listed.pk}).status_code == 200
    inspect = reverse("dialogue_demands:inspect", args=[report.pk])
    for url in (QUEUE, f"{QUEUE}?sobre=parceria", inspect):
        status = admin_status(client, url)
        if role == "staff_user":
            assert status == 200, url
        else:
            # Without admin access: the login page; with it: sent home or 404.
            assert status in ("login", 403, 404), (role, url)
    # Nobody but staff follows it: an anonymous report has no requester, not
    # even the representative of the entity it is about.
    mine = client.get(reverse("dialogue:mine"))
    assert report.protocol not in mine.content.decode()


def test_staff_see_the_partnership_and_filter_partnership_reports(
    client, report, listed, staff_user, citizen
):
    other = Demand.objects.create(
        protocol="SRSC-2026-999999",
        kind="pedido",
        subject="Outro assunto qualquer",
        text="Um pedido sem parceria.",
        requester=citizen,
        due_on=report.due_on,
    )
    client.force_login(staff_user)
    page = client.get(QUEUE).content.decode()
    assert report.protocol in page
    assert other.protocol in page
    assert listed.number in page
    filtered = client.get(QUEUE, {"sobre": "parceria"}).content.decode()
    assert report.protocol in filtered
    assert other.protocol not in filtered
    inspect = client.get(reverse("dialogue_demands:inspect", args=[report.pk]))
    text = inspect.content.decode()
    assert TEXT in text
    assert "art. 12" in text
    assert listed.number in text


def test_reports_never_reach_public_pages(client, report, listed):
    for url in (
        reverse("partnerships:list"),
        listed.get_absolute_url(),
        reverse("dialogue:numbers"),
    ):
        assert TEXT not in client.get(url).content.decode()
