"""The review queue, the review page and its decisions (entities/admin/review.py)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from civic.territory.models import Bairro, Regional
from entities import services
from entities.models import Area, Entity, EntityEvent
from tests.entities.support import inspect_url, listed_names, set_status
from tests.factories.entities import (
    MINIMAL_PDF,
    BoardMemberFactory,
    DocumentFactory,
    EntityFactory,
    make_cnpj,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

S = Entity.Status


# The queue ---------------------------------------------------------------------


def test_queue_shows_masked_cnpj_and_status(staff_client, submitted):
    response = staff_client.get(reverse("entities_review:index"))
    assert response.status_code == 200
    content = response.content.decode()
    assert submitted.cnpj_display in content
    assert submitted.name in content
    assert "Enviado para análise" in content
    assert inspect_url(submitted) in content
    # No way to create a registration from the admin.
    assert "/new/" not in content


def test_queue_puts_the_longest_waiting_first(staff_client):
    now = timezone.now()
    names = {
        "Aprovada Alfa": (S.APPROVED, now - dt.timedelta(days=90)),
        "Recente Beta": (S.SUBMITTED, now - dt.timedelta(days=1)),
        "Antiga Gama": (S.RESUBMITTED, now - dt.timedelta(days=20)),
        "Rascunho Delta": (S.DRAFT, None),
        "Média Épsilon": (S.SUBMITTED, now - dt.timedelta(days=5)),
    }
    for name, (status, submitted_at) in names.items():
        entity = EntityFactory(name=name)
        set_status(entity, status, submitted_at=submitted_at)

    response = staff_client.get(reverse("entities_review:index"))
    assert listed_names(response, names) == [
        "Antiga Gama",
        "Média Épsilon",
        "Recente Beta",
        "Aprovada Alfa",
        "Rascunho Delta",
    ]

    # Explicit ordering from a column header still works.
    response = staff_client.get(reverse("entities_review:index"), {"ordering": "name"})
    assert listed_names(response, names) == sorted(names)


@pytest.fixture
def variety():
    """Entities that differ in one filterable aspect each."""
    areas = list(Area.objects.order_by("pk")[:2])
    regional_a, regional_b = Regional.objects.order_by("pk")[:2]
    bairro_b = Bairro.objects.filter(regional=regional_b).first()
    made = {
        "Casa Aprovada": EntityFactory(name="Casa Aprovada", areas=[areas[0]]),
        "Casa Cultural": EntityFactory(name="Casa Cultural", areas=[areas[1]]),
        "Coletivo Solto": EntityFactory(
            name="Coletivo Solto", kind=Entity.Kind.COLLECTIVE, cnpj=""
        ),
        "Instituto Importado": EntityFactory(name="Instituto Importado"),
        "Grupo Vencido": EntityFactory(name="Grupo Vencido"),
    }
    set_status(
        made["Casa Aprovada"],
        S.APPROVED,
        renewal_due_on=timezone.localdate() - dt.timedelta(days=3),
    )
    made["Casa Aprovada"].regionais.set([regional_a])
    made["Casa Cultural"].bairros.set([bairro_b])
    set_status(made["Instituto Importado"], S.DRAFT, source=Entity.Source.IMPORT)
    set_status(made["Grupo Vencido"], S.DRAFT, regularity=Entity.Regularity.EXPIRED)
    services.search_refresh([e.pk for e in made.values()])
    return {
        "entities": made,
        "areas": areas,
        "regional_a": regional_a,
        "regional_b": regional_b,
        "bairro_b": bairro_b,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda v: {"status": "approved"}, ["Casa Aprovada"]),
        (lambda v: {"area": v["areas"][1].pk}, ["Casa Cultural"]),
        (lambda v: {"regional": v["regional_a"].pk}, ["Casa Aprovada"]),
        # A regional also finds entities that named one of its bairros.
        (lambda v: {"regional": v["regional_b"].pk}, ["Casa Cultural"]),
        (lambda v: {"bairro": v["bairro_b"].pk}, ["Casa Cultural"]),
        (lambda v: {"regularity": "expired"}, ["Grupo Vencido"]),
        (lambda v: {"kind": "collective"}, ["Coletivo Solto"]),
        (lambda v: {"source": "import"}, ["Instituto Importado"]),
        (lambda v: {"renewal_pending": "true"}, ["Casa Aprovada"]),
        (lambda v: {"q": "cultural"}, ["Casa Cultural"]),
        (lambda v: {"q": "instituto importado"}, ["Instituto Importado"]),
        (
            lambda v: {"q": v["entities"]["Grupo Vencido"].cnpj_display},
            ["Grupo Vencido"],
        ),
        (
            lambda v: {"q": v["entities"]["Grupo Vencido"].cnpj.lower()},
            ["Grupo Vencido"],
        ),
    ],
)
def test_queue_filters_and_search(staff_client, variety, params, expected):
    response = staff_client.get(reverse("entities_review:index"), params(variety))
    assert response.status_code == 200
    assert listed_names(response, variety["entities"]) == expected


def test_search_ignores_accents(staff_client):
    entity = EntityFactory(name="Associação Cultural Vó Maria")
    services.search_refresh([entity.pk])
    response = staff_client.get(
        reverse("entities_review:index"), {"q": "associacao vo"}
    )
    assert entity.name in response.content.decode()


def test_invalid_filter_values_do_not_break_the_queue(staff_client, submitted):
    response = staff_client.get(
        reverse("entities_review:index"),
        {"status": "nonsense", "area": "abc", "regional": "999999", "ordering": "cpf"},
    )
    assert response.status_code == 200


def test_queue_query_count_does_not_grow(staff_client, django_assert_num_queries):
    areas = list(Area.objects.order_by("pk")[:2])

    def make(n, start):
        for i in range(n):
            entity = EntityFactory(cnpj=make_cnpj(50_000 + start + i), areas=areas)
            set_status(entity, S.SUBMITTED, submitted_at=timezone.now())

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(reverse("entities_review:index"))
        assert response.status_code == 200
        return len(queries)

    make(10, 0)
    staff_client.get(reverse("entities_review:index"))  # warm caches
    small = count()
    make(90, 10)
    large = count()
    assert small == large
    assert small < 40


# The review page ---------------------------------------------------------------


def test_review_page_shows_everything_staff_need(
    staff_client, submitted, representative
):
    BoardMemberFactory(
        entity=submitted,
        name="Tesoureira Exemplo",
        role="Tesoureira",
        is_legal_representative=False,
        cpf="52998224725",
    )
    response = staff_client.get(inspect_url(submitted))
    assert response.status_code == 200
    content = response.content.decode()

    assert submitted.cnpj_display in content
    assert submitted.summary in content
    # Board: CPF only partly shown.
    assert "Tesoureira Exemplo" in content
    assert "***.982.247-**" in content
    assert "52998224725" not in content
    assert "529.982.247-25" not in content
    # Representatives with their emails.
    assert representative.email in content
    # Documents embedded in place from the admin-only URL.
    for document in submitted.documents.all():
        url = reverse("entities_review:document", args=[submitted.pk, document.pk])
        assert f'<iframe class="document-frame" src="{url}?inline=1"' in content
    # The checklist says what is missing and where to get it.
    assert "Certificado de Regularidade do FGTS (CRF)" in content
    assert "Não enviado." in content
    assert "https://consulta-crf.caixa.gov.br/" in content
    # History: who, when, from → to.
    assert "Enviar para análise" in content
    assert "Rascunho → Enviado para análise" in content
    assert representative.display_name in content
    # The decisions available now.
    for action in ("approve", "request_changes", "reject"):
        assert f'name="action" value="{action}"' in content
    assert 'value="suspend"' not in content


def test_review_page_lists_older_versions(staff_client, submitted, representative):
    set_status(submitted, S.CHANGES_REQUESTED)
    services.document_upload(
        entity=submitted,
        doc_type="estatuto",
        file=pdf_upload("estatuto-reformado.pdf"),
        issued_on=timezone.localdate(),
        expires_on=None,
        by=representative,
    )
    old = submitted.documents.filter(
        doc_type="estatuto", superseded_at__isnull=False
    ).get()
    content = staff_client.get(inspect_url(submitted)).content.decode()
    assert "estatuto-reformado.pdf" in content
    assert "1 versão anterior" in content
    assert reverse("entities_review:document", args=[submitted.pk, old.pk]) in content


def test_review_page_escapes_what_entities_typed(staff_client, submitted):
    Entity.objects.filter(pk=submitted.pk).update(
        summary="<script>alert('x')</script>",
        # Imported rows skip form validation.
        website="javascript:alert(1)",
        instagram="https://instagram.com/exemplo",
    )
    content = staff_client.get(inspect_url(submitted)).content.decode()
    assert "<script>alert('x')</script>" not in content
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content
    assert 'href="javascript:' not in content
    assert "javascript:alert(1)" in content
    assert 'href="https://instagram.com/exemplo"' in content


def test_missing_entity_is_404(staff_client):
    assert (
        staff_client.get(reverse("entities_review:inspect", args=[999_999])).status_code
        == 404
    )


def test_document_is_served_inline_for_the_embed(staff_client, submitted):
    document = submitted.documents.first()
    url = reverse("entities_review:document", args=[submitted.pk, document.pk])

    response = staff_client.get(url + "?inline=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == MINIMAL_PDF

    response = staff_client.get(url)
    assert response["Content-Disposition"].startswith("attachment")


def test_document_of_another_entity_is_404(staff_client, submitted, entity_factory):
    other = DocumentFactory(entity=entity_factory())
    url = reverse("entities_review:document", args=[submitted.pk, other.pk])
    assert staff_client.get(url).status_code == 404


# Decisions ---------------------------------------------------------------------


def test_approve(staff_client, staff_user, submitted):
    response = staff_client.post(
        inspect_url(submitted), {"action": "approve", "note": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == inspect_url(submitted)
    submitted.refresh_from_db()
    assert submitted.status == S.APPROVED
    event = EntityEvent.objects.get(entity=submitted, action="approve")
    assert (event.actor, event.from_status, event.to_status) == (
        staff_user,
        S.SUBMITTED,
        S.APPROVED,
    )
    page = staff_client.get(response["Location"]).content.decode()
    assert "aprovado" in page
    assert 'value="suspend"' in page


def test_request_changes_with_comment(staff_client, submitted):
    note = "Envie a ata de eleição assinada."
    response = staff_client.post(
        inspect_url(submitted), {"action": "request_changes", "note": note}, follow=True
    )
    submitted.refresh_from_db()
    assert submitted.status == S.CHANGES_REQUESTED
    assert (
        EntityEvent.objects.get(entity=submitted, action="request_changes").note == note
    )
    assert "Ajustes solicitados" in response.content.decode()


@pytest.mark.parametrize("action", ["request_changes", "reject"])
def test_decisions_without_a_reason_keep_the_page(staff_client, submitted, action):
    response = staff_client.post(
        inspect_url(submitted), {"action": action, "note": "   "}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "escreva a justificativa" in content
    assert "Este campo é obrigatório." in content
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    assert not EntityEvent.objects.filter(entity=submitted, action=action).exists()


def test_reject_with_reason(staff_client, submitted):
    staff_client.post(
        inspect_url(submitted), {"action": "reject", "note": "Não é uma OSC de Betim."}
    )
    submitted.refresh_from_db()
    assert submitted.status == S.REJECTED
    event = EntityEvent.objects.get(entity=submitted, action="reject")
    assert event.note == "Não é uma OSC de Betim."


def test_suspend_and_reinstate(staff_client, submitted):
    set_status(submitted, S.APPROVED)
    staff_client.post(
        inspect_url(submitted), {"action": "suspend", "note": "Denúncia."}
    )
    submitted.refresh_from_db()
    assert (submitted.status, submitted.suspension_reason) == (S.SUSPENDED, "Denúncia.")
    staff_client.post(inspect_url(submitted), {"action": "reinstate"})
    submitted.refresh_from_db()
    assert submitted.status == S.APPROVED


def test_stale_decision_is_an_error_not_a_500(staff_client, submitted, staff_user):
    # Someone else decided first.
    services.entity_transition(
        entity_id=submitted.pk, action="approve", actor=staff_user
    )
    response = staff_client.post(
        inspect_url(submitted),
        {"action": "reject", "note": "Tarde demais."},
        follow=True,
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Não é possível “Indeferir” na situação atual (“Aprovado”)" in content
    assert "Talvez outra pessoa já tenha agido" in content
    submitted.refresh_from_db()
    assert submitted.status == S.APPROVED
    assert not EntityEvent.objects.filter(entity=submitted, action="reject").exists()


def test_draft_cannot_be_approved(staff_client, entity):
    response = staff_client.post(
        inspect_url(entity), {"action": "approve"}, follow=True
    )
    assert response.status_code == 200
    entity.refresh_from_db()
    assert entity.status == S.DRAFT


@pytest.mark.parametrize("action", ["submit", "delete", ""])
def test_actions_that_are_not_staff_decisions(staff_client, submittable_entity, action):
    response = staff_client.post(
        inspect_url(submittable_entity), {"action": action}, follow=True
    )
    assert response.status_code == 200
    assert "Ação desconhecida." in response.content.decode()
    submittable_entity.refresh_from_db()
    assert submittable_entity.status == S.DRAFT


def test_decisions_go_through_the_service_and_notify(
    staff_client,
    submitted,
    representative,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            inspect_url(submitted),
            {"action": "request_changes", "note": "Falta a CNDT."},
        )
    assert [m.to[0] for m in mailoutbox] == [representative.email]
    assert "Falta a CNDT." in mailoutbox[0].body
