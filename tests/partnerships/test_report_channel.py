"""The art. 12 channel: anyone reports an irregularity and gets a protocol
number on a confirmation page; staff are told and answer in the admin; the
form is limited per address; only staff reach the reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from civic.notifications.models import Notification
from entities.partnerships.models import IrregularityReport
from entities.partnerships.services.reports import report_receive
from tests.factories.partnerships import PartnershipFactory

from .conftest import ROLES

pytestmark = pytest.mark.django_db
FORM = reverse("partnerships:report")
DONE = reverse("partnerships:report_done")
TEXT = "A entidade cobrou taxa de inscrição das famílias atendidas pelo serviço."
R = IrregularityReport.Status


@pytest.fixture
def listed(entity):
    return PartnershipFactory(
        entity=entity, status="executing", signed_on=dt.date(2026, 3, 1)
    )


def test_anonymous_report_gets_a_protocol(client, listed, staff_user, citizen):
    response = client.post(
        FORM,
        {
            "partnership": listed.pk,
            "description": TEXT,
            "contact_email": "quem.denuncia@example.org",
        },
    )
    assert response.status_code == 302
    assert response.url == DONE
    report = IrregularityReport.objects.get()
    year = report.created_at.year
    assert report.protocol == f"DEN-{year}-00001"
    assert report.partnership == listed
    assert report.reporter is None
    assert report.status == R.RECEIVED
    page = client.get(DONE)
    assert report.protocol in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    # Shown once: the confirmation is not a page anyone can come back to.
    assert client.get(DONE).status_code == 302
    # Staff are told, with the protocol and no description; nobody else.
    notice = Notification.objects.get(kind="partnerships.reports")
    assert notice.recipient == staff_user
    assert report.protocol in str(notice.context)
    assert TEXT not in str(notice.context)
    assert notice.url == reverse("partnerships_reports:inspect", args=[report.pk])


def test_signed_in_report_records_the_reporter(client, citizen):
    client.force_login(citizen)
    client.post(FORM, {"description": TEXT})
    report = IrregularityReport.objects.get()
    assert report.reporter == citizen
    assert report.partnership is None


def test_protocols_follow_each_other(db):
    first = report_receive(description=TEXT)
    second = report_receive(description=TEXT)
    assert int(second.protocol[-5:]) == int(first.protocol[-5:]) + 1


def test_the_form_preselects_the_partnership(client, listed):
    response = client.get(FORM, {"parceria": listed.pk})
    assert response.context["form"].initial["partnership"] == listed.pk
    assert client.get(FORM, {"parceria": "9" * 40}).status_code == 200


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"description": "curto"}, "description"),
        ({"description": ""}, "description"),
        ({"description": TEXT, "contact_email": "não é e-mail"}, "contact_email"),
        ({"description": TEXT, "partnership": "999999"}, "partnership"),
        ({"description": TEXT, "partnership": "9" * 40}, "partnership"),
        ({"description": TEXT + "\x00"}, "description"),
        ({"description": "x" * 20_001}, "description"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, data, field):
    response = client.post(FORM, data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert IrregularityReport.objects.count() == 0


def test_a_partnership_in_celebracao_cannot_be_chosen(client, entity):
    planning = PartnershipFactory(entity=entity)
    response = client.post(FORM, {"description": TEXT, "partnership": planning.pk})
    assert "partnership" in response.context["form"].errors


def test_rate_limited_per_address_keeping_the_text(client):
    for _ in range(5):
        assert client.post(FORM, {"description": TEXT}).status_code == 302
    response = client.post(FORM, {"description": TEXT + " De novo."})
    assert response.status_code == 429
    assert "De novo." in response.content.decode()
    assert IrregularityReport.objects.count() == 5


# -- the admin -------------------------------------------------------------------


def admin_status(client, url, method="get", data=None):
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/login" in response.url:
        return "login"
    if response.status_code == 302 and response.url.rstrip("/").endswith("/admin"):
        return 403  # Wagtail sends people without permission home
    return response.status_code


@pytest.fixture
def report(listed, committee_member, council_secretary, representative, gestor):
    return report_receive(
        description=TEXT, partnership=listed, contact_email="quem@example.org"
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_reach_the_reports(as_role, report, role):
    client = as_role(role)
    urls = (
        reverse("partnerships_reports:index"),
        reverse("partnerships_reports:inspect", args=[report.pk]),
    )
    for url in urls:
        status = admin_status(client, url)
        if role == "staff_user":
            assert status == 200, url
        else:
            # Without admin access: the login page; with it: sent home.
            assert status in ("login", 403), (role, url)
    posted = admin_status(
        client, urls[1], "post", {"action": "close", "answer": "Apurado."}
    )
    report.refresh_from_db()
    if role == "staff_user":
        assert report.status == R.CLOSED
    else:
        assert posted != 200
        assert report.status == R.RECEIVED


def test_staff_investigate_then_answer_by_email(
    client, report, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    url = reverse("partnerships_reports:inspect", args=[report.pk])
    page = client.get(url).content.decode()
    assert TEXT in page
    assert "quem@example.org" in page
    client.post(url, {"action": "investigate"})
    report.refresh_from_db()
    assert report.status == R.ANALYSIS
    client.post(url, {"action": "close", "answer": ""})
    report.refresh_from_db()
    assert report.status == R.ANALYSIS  # the answer is required to close
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "close", "answer": "Taxa devolvida às famílias."})
    report.refresh_from_db()
    assert report.status == R.CLOSED
    assert report.answer == "Taxa devolvida às famílias."
    [mail] = mailoutbox
    assert mail.to == ["quem@example.org"]
    assert "Taxa devolvida às famílias." in mail.body
    # Closed is closed.
    client.post(url, {"action": "investigate"})
    report.refresh_from_db()
    assert report.status == R.CLOSED


def test_reports_never_reach_public_pages(client, report, listed):
    for url in (reverse("partnerships:list"), listed.get_absolute_url()):
        text = client.get(url).content.decode()
        assert TEXT not in text
        assert "quem@example.org" not in text
