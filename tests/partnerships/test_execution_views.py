"""The entity's side: a permission matrix over every URL for the eight roles,
private documents unreachable by the wrong roles, the forms (refusals beside
the field, input kept, no 500), the dashboard panel and query counts."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from entities.partnerships.models import (
    Accountability,
    AccountabilityDocument,
    Diligence,
    MonitoringReport,
    Partnership,
    PartnershipDocument,
    Sanction,
)

from .conftest import ROLES
from .execution_support import executing, final_accounts, plan, set_status

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
A = Accountability.Status

# Who sees the partnership's private side: the entity, staff, the gestor
# and the secretariat of the council named on it.
SEES = {"representative", "gestor", "staff_user", "council_secretary"}


@pytest.fixture
def world(partnership, staff_user):
    """A partnership in execution with a document, accounts in diligência,
    a monitoring file and a sanction file."""
    executing(partnership)
    accounts = final_accounts(partnership, status=A.DILIGENCE)
    Diligence.objects.create(
        accountability=accounts,
        due_on=timezone.localdate() + dt.timedelta(days=45),
        request="Extratos",
    )
    pending = Accountability.objects.create(
        partnership=partnership,
        kind=Accountability.Kind.ANNUAL,
        period_ends_on=partnership.starts_on + dt.timedelta(days=200),
        due_on=timezone.localdate() + dt.timedelta(days=20),
    )
    document = PartnershipDocument(
        partnership=partnership, kind="parecer", title="Parecer técnico"
    )
    document.file.save("parecer.pdf", ContentFile(PDF), save=True)
    accounts_document = AccountabilityDocument(
        accountability=accounts, title="Extratos"
    )
    accounts_document.file.save("extratos.pdf", ContentFile(PDF), save=True)
    report = MonitoringReport(
        partnership=partnership,
        kind="relatorio",
        happened_on=timezone.localdate(),
        summary="Ok",
    )
    report.file.save("relatorio.pdf", ContentFile(PDF), save=True)
    sanction = Sanction.objects.create(
        entity=partnership.entity,
        partnership=partnership,
        kind=Sanction.Kind.WARNING,
        grounds="Atraso",
        defence_due_on=timezone.localdate() + dt.timedelta(days=10),
    )
    return {
        "partnership": partnership,
        "accounts": accounts,
        "pending": pending,
        "document": document,
        "accounts_document": accounts_document,
        "report": report,
        "sanction": sanction,
    }


# (URL name, object, roles that may open it beyond seeing the partnership)
PAGES = [
    ("partnerships:entity_partnership", "partnership", SEES),
    ("partnerships:entity_extension_request", "partnership", {"representative"}),
    ("partnerships:monitoring_add", "partnership", {"gestor", "staff_user"}),
    ("partnerships:entity_accounts_present", "pending", {"representative"}),
    ("partnerships:entity_diligence_answer", "accounts", {"representative"}),
    ("partnerships:partnership_document", "document", SEES),
    ("partnerships:accountability_document", "accounts_document", SEES),
    ("partnerships:monitoring_file", "report", SEES),
]
SANCTION_SEES = {"representative", "gestor", "staff_user"}


def expected_status(role, allowed, sees=SEES):
    if role == "anonymous":
        return 302
    if role not in sees:
        return 404
    return 200 if role in allowed else 403


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "subject", "allowed"), PAGES)
def test_permission_matrix(world, as_role, role, name, subject, allowed):
    client = as_role(role)
    response = client.get(reverse(name, kwargs={"pk": world[subject].pk}))
    assert response.status_code == expected_status(role, allowed)
    if response.status_code == 302:
        assert "/entrar/" in response["Location"] or "login" in response["Location"]
    if name.endswith(("_document", "_file")) and response.status_code == 200:
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
        assert b"".join(response.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize("role", ROLES)
def test_sanction_page_matrix(world, as_role, role):
    client = as_role(role)
    url = reverse("partnerships:entity_sanction", kwargs={"pk": world["sanction"].pk})
    assert client.get(url).status_code == expected_status(
        role, SANCTION_SEES, SANCTION_SEES
    )
    response = client.post(url, {"defence": "Defesa"})
    expected = expected_status(role, {"representative"}, SANCTION_SEES)
    assert response.status_code == (302 if expected == 200 else expected)


@pytest.mark.parametrize("role", ROLES)
def test_posts_are_denied_to_the_wrong_roles(world, as_role, role):
    client = as_role(role)
    url = reverse(
        "partnerships:entity_accounts_present", kwargs={"pk": world["pending"].pk}
    )
    response = client.post(url, {"execution_report": "Feito", "goals_met": "on"})
    expected = expected_status(role, {"representative"})
    assert response.status_code == (302 if expected == 200 else expected)
    world["pending"].refresh_from_db()
    assert (world["pending"].status == A.PRESENTED) == (role == "representative")


def test_a_public_document_is_served_to_anyone(world, client):
    document = world["document"]
    PartnershipDocument.objects.filter(pk=document.pk).update(is_public=True)
    response = client.get(
        reverse("partnerships:partnership_document", kwargs={"pk": document.pk})
    )
    assert response.status_code == 200


def test_unknown_ids_are_404(client, representative):
    client.force_login(representative)
    for name, _subject, _allowed in PAGES:
        assert client.get(reverse(name, kwargs={"pk": 999999})).status_code == 404


def test_present_accounts_form_keeps_input_and_shows_the_error(
    world, client, representative
):
    client.force_login(representative)
    url = reverse(
        "partnerships:entity_accounts_present", kwargs={"pk": world["pending"].pk}
    )
    response = client.post(url, {"execution_report": "Atendemos 60 de 80 crianças"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "relatório de execução financeira é obrigatório" in page
    assert "Atendemos 60 de 80 crianças" in page
    response = client.post(
        url,
        {
            "execution_report": "Atendemos 60 de 80 crianças",
            "financial_report": "Despesas por rubrica",
            "documents": [
                SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
            ],
        },
    )
    assert response.status_code == 302
    world["pending"].refresh_from_db()
    assert world["pending"].status == A.PRESENTED
    assert world["pending"].documents.count() == 1


def test_hostile_input_is_refused_not_a_500(world, client, representative):
    client.force_login(representative)
    url = reverse(
        "partnerships:entity_extension_request", kwargs={"pk": world["partnership"].pk}
    )
    for data in (
        {"new_ends_on": "31/02/2027", "description": "x"},
        {"new_ends_on": "9" * 100, "description": "\x00" * 10},
        {"new_ends_on": ["2030-01-01", "2031-01-01"], "description": "x" * 100_000},
    ):
        assert client.post(url, data).status_code == 200


def test_extension_request_refused_beside_the_field(world, client, representative):
    partnership = world["partnership"]
    Partnership.objects.filter(pk=partnership.pk).update(
        ends_on=timezone.localdate() + dt.timedelta(days=10)
    )
    client.force_login(representative)
    url = reverse(
        "partnerships:entity_extension_request", kwargs={"pk": partnership.pk}
    )
    response = client.post(url, {"new_ends_on": "2099-01-01", "description": "Atraso"})
    assert response.status_code == 200
    assert "art. 55" in response.content.decode()


def test_answer_diligence_and_defend(world, client, representative):
    client.force_login(representative)
    url = reverse(
        "partnerships:entity_diligence_answer", kwargs={"pk": world["accounts"].pk}
    )
    assert "Extratos" in client.get(url).content.decode()
    assert client.post(url, {"answer": "Anexados"}).status_code == 302
    world["accounts"].refresh_from_db()
    assert world["accounts"].status == A.PRESENTED
    url = reverse("partnerships:entity_sanction", kwargs={"pk": world["sanction"].pk})
    assert client.post(url, {"defence": ""}).status_code == 200
    assert client.post(url, {"defence": "Não houve atraso"}).status_code == 302
    world["sanction"].refresh_from_db()
    assert world["sanction"].defence == "Não houve atraso"


def test_dashboard_panel_lists_partnerships_and_deadlines(
    world, client, representative
):
    client.force_login(representative)
    entity = world["partnership"].entity
    page = client.get(
        reverse("entities:manage", kwargs={"pk": entity.pk})
    ).content.decode()
    assert world["partnership"].number in page
    assert "Apresentar a prestação de contas" in page
    assert "Responder à diligência" in page
    assert "Processo de sanção aberto" in page


def test_private_page_query_count_is_constant(
    world, client, representative, django_assert_max_num_queries, user_factory
):
    client.force_login(representative)
    url = reverse(
        "partnerships:entity_partnership", kwargs={"pk": world["partnership"].pk}
    )
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    partnership = world["partnership"]
    for n in range(10):
        MonitoringReport.objects.create(
            partnership=partnership,
            kind="visita",
            happened_on=timezone.localdate(),
            summary=f"V{n}",
        )
        Diligence.objects.create(
            accountability=world["pending"],
            due_on=timezone.localdate(),
            request="x",
            answered_on=timezone.localdate(),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_planning_partnerships_are_not_on_the_dashboard(
    entity, gestor, client, representative
):
    from tests.factories.partnerships import PartnershipFactory

    draft = plan(PartnershipFactory(entity=entity, gestor=gestor, number="TC 999/2026"))
    set_status(draft, Partnership.Status.PLANNING)
    client.force_login(representative)
    page = client.get(
        reverse("entities:manage", kwargs={"pk": entity.pk})
    ).content.decode()
    assert "TC 999/2026" not in page
