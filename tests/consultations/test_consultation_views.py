"""Public pages of consultations: the list, a consultation, a device, its
documents, and the anonymous page cache. The forms on them are tested in
test_contribution_views.py."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations import services
from consultations.models import Contribution, PolicyArea
from tests.consultations.consultation_support import (
    S,
    consultation_url,
    consultation_with_text,
    device,
    text_of,
)
from tests.factories.consultations import ConsultationFactory, ContributionFactory
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db

C = Contribution


@pytest.fixture
def consultation():
    return consultation_with_text(S.OPEN, title="Hortas comunitárias")


# The list
# ------------------------------------------------------------------------------


def test_list_order_open_then_scheduled_then_closed(client):
    now = timezone.now()
    closed = ConsultationFactory(
        status=S.CLOSED,
        title="Encerrada",
        opens_at=now - dt.timedelta(days=30),
        closes_at=now - dt.timedelta(days=1),
    )
    answered = ConsultationFactory(
        status=S.ANSWERED,
        title="Respondida",
        opens_at=now - dt.timedelta(days=60),
        closes_at=now - dt.timedelta(days=40),
    )
    scheduled = ConsultationFactory(
        status=S.SCHEDULED,
        title="Agendada",
        opens_at=now + dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=30),
    )
    closing_soon = ConsultationFactory(
        title="Fecha logo", closes_at=now + dt.timedelta(days=2)
    )
    closing_later = ConsultationFactory(
        title="Fecha depois", closes_at=now + dt.timedelta(days=20)
    )
    ConsultationFactory(status=S.DRAFT, title="Rascunho secreto")
    response = client.get(reverse("consultations:list"))
    assert response.status_code == 200
    titles = [c.title for c in response.context["consultations"]]
    assert titles == [
        closing_soon.title,
        closing_later.title,
        scheduled.title,
        closed.title,
        answered.title,
    ]
    assert "Rascunho secreto" not in text_of(response)


def test_list_filters_by_area_and_status(client):
    areas = list(PolicyArea.objects.order_by("pk")[:2])
    health = ConsultationFactory(policy_area=areas[0], title="Saúde na escola")
    ConsultationFactory(policy_area=areas[1], title="Ciclovias")
    ConsultationFactory(
        policy_area=areas[0],
        status=S.CLOSED,
        title="Antiga",
        opens_at=timezone.now() - dt.timedelta(days=9),
        closes_at=timezone.now() - dt.timedelta(days=1),
    )
    response = client.get(
        reverse("consultations:list"), {"area": areas[0].slug, "situacao": "open"}
    )
    assert [c.title for c in response.context["consultations"]] == [health.title]


def test_list_ignores_unknown_filter_values(client, consultation):
    response = client.get(
        reverse("consultations:list"), {"area": "nao-existe", "situacao": "x<y"}
    )
    assert response.status_code == 200
    assert consultation in response.context["consultations"]


def test_list_paginates(client, settings):
    settings.CONSULTATIONS_PAGE_SIZE = 2
    for _ in range(5):
        ConsultationFactory()
    response = client.get(reverse("consultations:list"), {"page": "3"})
    assert len(response.context["consultations"]) == 1
    response = client.get(reverse("consultations:list"), {"page": "abc"})
    assert response.context["page_obj"].number == 1


# A consultation's page
# ------------------------------------------------------------------------------


def test_detail_shows_the_header_text_and_counts(client, consultation, user_factory):
    paragraph = device(consultation, "art-2-par-2")
    for position in ("agree", "agree", "disagree"):
        ContributionFactory(
            consultation=consultation, device=paragraph, position=position
        )
    ContributionFactory(
        consultation=consultation,
        device=paragraph,
        position="proposal",
        proposed_text="Outra.",
        moderation=C.Moderation.HIDDEN,
    )
    consultation.documents.create(title="Estudo técnico", file="consultas/x.pdf")
    response = client.get(consultation_url("detail", consultation))
    text = text_of(response)
    assert "Hortas comunitárias" in text
    assert "Aberta" in text
    assert consultation.legal_basis in text
    assert consultation.responsible_body.name in text
    assert "Estudo técnico" in text
    html = response.content.decode()
    assert 'id="art-2-par-2"' in html
    assert consultation_url("device", consultation, anchor="art-2-par-2") in html
    # Removed contributions do not count.
    assert "2 concordam · 1 discorda · 0 propostas de redação" in text
    assert "Entrar para contribuir" in text
    assert 'name="csrfmiddlewaretoken"' not in html.split("<footer")[0]


def test_general_contributions_only_on_the_consultation_page(client, consultation):
    ContributionFactory(consultation=consultation, text="Comentário geral")
    ContributionFactory(
        consultation=consultation,
        device=device(consultation, "art-1"),
        position="agree",
        text="Sobre o artigo primeiro",
    )
    text = text_of(client.get(consultation_url("detail", consultation)))
    assert "Comentário geral" in text
    assert "Sobre o artigo primeiro" not in text


def test_removed_contributions_show_the_reason_not_the_text(client, consultation):
    ContributionFactory(
        consultation=consultation,
        text="Texto ofensivo",
        moderation=C.Moderation.HIDDEN,
        moderation_reason="Ataque pessoal.",
    )
    text = text_of(client.get(consultation_url("detail", consultation)))
    assert "Contribuição removida pela moderação: Ataque pessoal." in text
    assert "Texto ofensivo" not in text


def test_pending_contributions_only_for_their_author(client, consultation, citizen):
    ContributionFactory(
        consultation=consultation,
        author=citizen,
        text="Aguardando aprovação",
        moderation=C.Moderation.PENDING,
    )
    assert "Aguardando aprovação" not in text_of(
        client.get(consultation_url("detail", consultation))
    )
    client.force_login(citizen)
    text = text_of(client.get(consultation_url("detail", consultation)))
    assert "Aguardando aprovação" in text
    assert "só você vê esta contribuição" in text


def test_html_in_contributions_is_escaped(client, consultation):
    ContributionFactory(consultation=consultation, text='<script>alert("x")</script>')
    html = client.get(consultation_url("detail", consultation)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_replies_show_under_their_contribution(client, consultation):
    top = ContributionFactory(consultation=consultation, text="Principal")
    ContributionFactory(consultation=consultation, parent=top, text="Uma resposta")
    text = text_of(client.get(consultation_url("detail", consultation)))
    assert text.index("Principal") < text.index("Uma resposta")
    assert "1 contribuição." in text


def test_contributions_are_paginated(client, consultation, settings):
    settings.CONSULTATIONS_CONTRIBUTIONS_PAGE_SIZE = 3
    for n in range(7):
        ContributionFactory(consultation=consultation, text=f"Número {n}")
    first = text_of(client.get(consultation_url("detail", consultation)))
    assert "Número 6" in first
    assert "Número 3" not in first
    last = text_of(client.get(consultation_url("detail", consultation), {"page": 3}))
    assert "Número 0" in last
    assert "Página 3 de 3" in last


def test_public_author_only_when_chosen(client, consultation, user_factory):
    ContributionFactory(
        consultation=consultation,
        author=user_factory(full_name="Ana Pública"),
        show_name=True,
    )
    ContributionFactory(
        consultation=consultation, author=user_factory(full_name="Beto Reservado")
    )
    text = text_of(client.get(consultation_url("detail", consultation)))
    assert "Ana Pública" in text
    assert "Beto Reservado" not in text
    assert "Participante" in text


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.SCHEDULED, "ainda não começou"),
        (S.CLOSED, "foi encerrada"),
        (S.ANSWERED, "foi encerrada"),
    ],
)
def test_no_form_when_not_open(citizen_client, status, message):
    consultation = consultation_with_text(status)
    response = citizen_client.get(consultation_url("detail", consultation))
    assert response.context["form"] is None
    assert message in text_of(response)


def test_answers_are_public_once_the_report_is(
    client, staff_user, django_capture_on_commit_callbacks
):
    closed = consultation_with_text(S.CLOSED)
    ContributionFactory(
        consultation=closed, answer="accepted", answer_text="Incluída no texto."
    )
    assert "Incluída no texto." not in text_of(
        client.get(consultation_url("detail", closed))
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_transition(
            consultation_id=closed.pk, action="publish_report", actor=staff_user
        )
    assert "Incluída no texto." in text_of(
        client.get(consultation_url("detail", closed))
    )


def test_drafts_are_a_preview_for_staff_only(client, citizen, staff_user):
    draft = consultation_with_text(S.DRAFT)
    assert client.get(consultation_url("detail", draft)).status_code == 404
    client.force_login(citizen)
    assert client.get(consultation_url("detail", draft)).status_code == 404
    client.force_login(staff_user)
    response = client.get(consultation_url("detail", draft))
    assert response.status_code == 200
    assert "Pré-visualização" in text_of(response)
    assert "no-store" in response["Cache-Control"]


def test_unknown_consultation_is_404(client):
    assert client.get("/consultas/nao-existe/").status_code == 404


def test_public_documents(client, consultation, staff_user):
    document = services.consultation_document_add(
        consultation=consultation,
        title="Minuta completa",
        file=SimpleUploadedFile("minuta.pdf", MINIMAL_PDF),
        by=staff_user,
    )
    url = reverse(
        "consultations:document", kwargs={"slug": consultation.slug, "pk": document.pk}
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    draft = consultation_with_text(S.DRAFT)
    draft_document = draft.documents.create(title="Interno", file=document.file.name)
    assert (
        client.get(
            reverse(
                "consultations:document",
                kwargs={"slug": draft.slug, "pk": draft_document.pk},
            )
        ).status_code
        == 404
    )


# A device's page
# ------------------------------------------------------------------------------


def test_device_page(client, consultation):
    paragraph = device(consultation, "art-2-par-2")
    ContributionFactory(
        consultation=consultation,
        device=paragraph,
        position="disagree",
        text="Os conselhos escolares já estão sobrecarregados.",
    )
    ContributionFactory(consultation=consultation, text="Comentário geral")
    response = client.get(
        consultation_url("device", consultation, anchor="art-2-par-2")
    )
    text = text_of(response)
    assert "Art. 2º, § 2º" in text
    assert "A instalação em escolas dependerá de parecer" in text
    assert "Os conselhos escolares já estão sobrecarregados." in text
    assert "Discordo" in text
    assert "Comentário geral" not in text


def test_device_form_preselects_the_device(citizen_client, consultation):
    paragraph = device(consultation, "art-2-par-2")
    response = citizen_client.get(
        consultation_url("device", consultation, anchor="art-2-par-2")
    )
    form = response.context["form"]
    assert form["device"].value() == str(paragraph.pk)
    assert f'<option value="{paragraph.pk}" selected>' in response.content.decode()


def test_unknown_device_is_404(client, consultation):
    assert (
        client.get(
            consultation_url("device", consultation, anchor="art-99")
        ).status_code
        == 404
    )


# The anonymous page cache
# ------------------------------------------------------------------------------


def test_a_new_contribution_appears_for_anonymous_visitors_at_once(
    client, consultation, citizen, django_capture_on_commit_callbacks
):
    url = consultation_url("detail", consultation)
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_create(
            author=citizen, consultation=consultation, text="Novidade fresquinha"
        )
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Novidade fresquinha" in text_of(response)


@pytest.mark.parametrize("name", ["list", "detail", "device"])
def test_cached_pages_for_anonymous_visitors(client, consultation, name):
    kwargs = {} if name == "list" else {"slug": consultation.slug}
    if name == "device":
        kwargs["anchor"] = "art-1"
    url = reverse(f"consultations:{name}", kwargs=kwargs)
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"


def test_logged_in_pages_are_never_cached(citizen_client, consultation):
    citizen_client.get(consultation_url("detail", consultation))
    assert "X-Cache" not in citizen_client.get(consultation_url("detail", consultation))
