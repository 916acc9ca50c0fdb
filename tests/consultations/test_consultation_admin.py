"""Consultations in the Wagtail admin: create and edit with the pasted text,
the workflow buttons and the documents."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations.models import (
    Consultation,
    ConsultationDocument,
    Contribution,
    Device,
)
from tests.consultations.admin_support import consultation_data, messages_of
from tests.consultations.consultation_support import (
    S,
    consultation_with_text,
    device,
)
from tests.factories.consultations import ContributionFactory
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db

C = Contribution
LOCAL = "%Y-%m-%d %H:%M"


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


form_data = consultation_data


def add_url():
    return reverse("consultations_admin:add")


def edit_url(consultation):
    return reverse("consultations_admin:edit", args=[consultation.pk])


def transition_url(consultation):
    return reverse("consultations_admin:transition", args=[consultation.pk])


# Create and edit
# ------------------------------------------------------------------------------


def test_create_a_draft_from_the_pasted_text(staff_client, staff_user):
    response = staff_client.post(add_url(), form_data())
    consultation = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == edit_url(consultation)
    assert consultation.status == S.DRAFT
    assert consultation.slug == "politica-municipal-de-hortas-comunitarias"
    assert consultation.created_by == staff_user
    assert consultation.devices.count() == 23
    assert device(consultation, "art-2-par-2").parent.anchor == "art-2"
    # Typed in Betim's time, stored as the same instant.
    assert (
        timezone.localtime(consultation.opens_at).strftime(LOCAL)
        == (form_data()["opens_at"])
    )


def test_slugs_do_not_clash(staff_client):
    staff_client.post(add_url(), form_data())
    staff_client.post(add_url(), form_data())
    assert sorted(Consultation.objects.values_list("slug", flat=True)) == [
        "politica-municipal-de-hortas-comunitarias",
        "politica-municipal-de-hortas-comunitarias-2",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"closes_at": "2020-01-01 10:00"}, "closes_at", "depois da abertura"),
        ({"title": "x" * 201}, "title", "200"),
        ({"summary": ""}, "summary", ""),
        ({"draft_text": "Art. 1º " + "y" * 10_001}, "draft_text", "Art. 1º"),
        ({"opens_at": "amanhã"}, "opens_at", ""),
    ],
)
def test_bad_input_is_shown_beside_the_field(staff_client, overrides, field, message):
    response = staff_client.post(add_url(), form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    assert form["legal_basis"].value() == "Lei Orgânica do Município de Betim, art. 12"
    assert not Consultation.objects.exists()


def test_edit_the_text_of_a_draft(staff_client):
    staff_client.post(add_url(), form_data())
    consultation = Consultation.objects.get()
    before = set(consultation.devices.values_list("pk", flat=True))
    page = staff_client.get(edit_url(consultation))
    assert (
        page.context["form"]["draft_text"]
        .value()
        .startswith("PROJETO DE LEI Nº 45/2026")
    )
    # Saving without touching the text keeps the same devices.
    data = form_data(draft_text=page.context["form"]["draft_text"].value())
    staff_client.post(edit_url(consultation), data)
    assert set(consultation.devices.values_list("pk", flat=True)) == before
    staff_client.post(
        edit_url(consultation), form_data(draft_text="Art. 1º Texto novo.")
    )
    assert list(consultation.devices.values_list("anchor", flat=True)) == ["art-1"]


def test_the_text_cannot_change_once_scheduled(staff_client):
    consultation = consultation_with_text(S.SCHEDULED)
    page = staff_client.get(edit_url(consultation))
    assert page.context["form"].fields["draft_text"].disabled
    staff_client.post(
        edit_url(consultation),
        form_data(
            draft_text="Art. 1º Trocado.",
            opens_at=timezone.localtime(consultation.opens_at).strftime(LOCAL),
            closes_at=timezone.localtime(consultation.closes_at).strftime(LOCAL),
        ),
    )
    assert consultation.devices.count() == 23
    assert Consultation.objects.get(pk=consultation.pk).title.startswith("Política")


def test_only_drafts_can_be_deleted(staff_client):
    draft = consultation_with_text(S.DRAFT)
    scheduled = consultation_with_text(S.SCHEDULED)
    url = lambda c: reverse("consultations_admin:delete", args=[c.pk])  # noqa: E731
    assert staff_client.get(url(scheduled)).status_code == 302
    assert staff_client.post(url(scheduled)).status_code == 302
    assert Consultation.objects.filter(pk=scheduled.pk).exists()
    staff_client.post(url(draft))
    assert not Consultation.objects.filter(pk=draft.pk).exists()


def test_index_lists_consultations(staff_client):
    consultation = consultation_with_text(S.OPEN, title="Hortas no índice")
    ContributionFactory(consultation=consultation)
    response = staff_client.get(reverse("consultations_admin:index"))
    assert response.status_code == 200
    assert "Hortas no índice" in response.content.decode()


# Workflow buttons
# ------------------------------------------------------------------------------


def test_schedule_then_unschedule(staff_client):
    consultation = consultation_with_text(S.DRAFT)
    page = staff_client.get(edit_url(consultation))
    assert 'data-workflow-action="schedule"' in page.content.decode()
    response = staff_client.post(
        transition_url(consultation), {"action": "schedule"}, follow=True
    )
    assert "agendada" in " ".join(messages_of(response))
    assert Consultation.objects.get(pk=consultation.pk).status == S.SCHEDULED
    staff_client.post(transition_url(consultation), {"action": "unschedule"})
    assert Consultation.objects.get(pk=consultation.pk).status == S.DRAFT


def test_workflow_errors_are_explained(staff_client):
    consultation = consultation_with_text(S.DRAFT)
    Device.objects.filter(consultation=consultation).delete()
    response = staff_client.post(
        transition_url(consultation), {"action": "schedule"}, follow=True
    )
    assert "Divida o texto em dispositivos" in " ".join(messages_of(response))
    response = staff_client.post(
        transition_url(consultation), {"action": "publish_report"}, follow=True
    )
    assert "Não é possível" in " ".join(messages_of(response))
    response = staff_client.post(
        transition_url(consultation), {"action": "open"}, follow=True
    )
    assert "Ação desconhecida" in " ".join(messages_of(response))
    assert Consultation.objects.get(pk=consultation.pk).status == S.DRAFT


def test_publish_report_with_unanswered_contributions(staff_client):
    closed = consultation_with_text(S.CLOSED)
    ContributionFactory(consultation=closed)
    response = staff_client.post(
        transition_url(closed), {"action": "publish_report"}, follow=True
    )
    assert "1 contribuições sem resposta" in " ".join(messages_of(response))


# Documents
# ------------------------------------------------------------------------------


def documents_url(consultation):
    return reverse("consultations_admin:documents", args=[consultation.pk])


def test_attach_and_remove_a_document(staff_client):
    consultation = consultation_with_text(S.DRAFT)
    response = staff_client.post(
        documents_url(consultation),
        {
            "title": "Estudo técnico",
            "file": SimpleUploadedFile("estudo.pdf", MINIMAL_PDF),
        },
    )
    assert response.status_code == 302
    document = ConsultationDocument.objects.get()
    assert (document.title, document.size) == ("Estudo técnico", len(MINIMAL_PDF))
    staff_client.post(documents_url(consultation), {"remove": document.pk})
    assert not ConsultationDocument.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "não é PDF"),
        ("foto.png", MINIMAL_PDF, "termina em"),
        ("grande.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024) + b"%%EOF", "limite"),
    ],
)
def test_documents_are_checked_by_content(staff_client, name, content, message):
    consultation = consultation_with_text(S.DRAFT)
    response = staff_client.post(
        documents_url(consultation),
        {"title": "Arquivo", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert response.context["form"]["title"].value() == "Arquivo"
    assert not ConsultationDocument.objects.exists()


def test_an_edit_in_the_admin_reaches_cached_public_pages(
    staff_client, django_capture_on_commit_callbacks
):
    from civic.cache import current_generation

    consultation = consultation_with_text(S.SCHEDULED)
    before = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            edit_url(consultation),
            form_data(
                title="Título corrigido",
                opens_at=timezone.localtime(consultation.opens_at).strftime(LOCAL),
                closes_at=timezone.localtime(consultation.closes_at).strftime(LOCAL),
            ),
        )
    assert response.status_code == 302
    assert Consultation.objects.get(pk=consultation.pk).title == "Título corrigido"
    assert current_generation() != before
