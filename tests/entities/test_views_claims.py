"""Claiming an imported entity nobody represents, and the proof download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from entities import services
from entities.models import Claim, Entity, Representative
from tests.factories.entities import MINIMAL_PDF, RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(entity_factory):
    """An entity imported from the Mapa das OSCs: nobody represents it."""
    return entity_factory(name="Associação Importada do Mapa")


def claim_url(entity):
    return reverse("entities:claim", kwargs={"slug": entity.slug})


def proof(name="ata.pdf", content=MINIMAL_PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_claim_requires_login(client, imported):
    response = client.get(claim_url(imported))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_claim_form_explains_the_proofs(client, citizen, imported):
    client.force_login(citizen)
    page = client.get(claim_url(imported)).content.decode()
    assert "Associação Importada do Mapa" in page
    assert 'enctype="multipart/form-data"' in page
    assert "procuração" in page.lower()
    assert "<legend" in page  # the proof kinds are a labelled radio group


def test_claim_submitted(client, citizen, imported, django_capture_on_commit_callbacks):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            claim_url(imported),
            {
                "proof_kind": "procuracao",
                "proof": proof(),
                "message": "Sou a tesoureira.",
            },
        )
    assert response["Location"] == reverse("entities:my_entities")
    claim = Claim.objects.get()
    assert claim.entity == imported
    assert claim.claimant == citizen
    assert claim.status == Claim.Status.PENDING
    assert claim.proof_content_type == "application/pdf"
    assert claim.message == "Sou a tesoureira."
    page = client.get(response["Location"]).content.decode()
    assert "Pedido enviado." in page
    assert "Pedidos de representação em análise" in page
    # Nobody became a representative before staff decide.
    assert not Representative.objects.filter(entity=imported).exists()


def test_claim_approved_by_staff_makes_the_claimant_primary(
    client, citizen, imported, staff_user
):
    client.force_login(citizen)
    client.post(claim_url(imported), {"proof_kind": "ata", "proof": proof()})
    services.claim_decide(claim_id=Claim.objects.get().pk, approve=True, by=staff_user)
    assert (
        client.get(reverse("entities:manage", kwargs={"pk": imported.pk})).status_code
        == 200
    )
    # Now represented: the claim page explains instead of offering the form.
    response = client.get(claim_url(imported))
    assert response.status_code == 403
    assert "Você já representa esta entidade." in response.content.decode()


def test_duplicate_pending_claim(client, citizen, imported):
    client.force_login(citizen)
    client.post(claim_url(imported), {"proof_kind": "ata", "proof": proof()})
    page = client.get(claim_url(imported)).content.decode()
    assert "Você já enviou um pedido" in page
    assert 'name="proof"' not in page
    response = client.post(claim_url(imported), {"proof_kind": "ata", "proof": proof()})
    assert response["Location"] == reverse("entities:my_entities")
    assert (
        "Você já tem um pedido em análise"
        in client.get(response["Location"]).content.decode()
    )
    assert Claim.objects.count() == 1


def test_duplicate_claim_raced_past_the_check(client, citizen, imported, monkeypatch):
    """The unique constraint decides when two requests pass the first check."""
    from django.core.exceptions import ValidationError

    def duplicate(**kwargs):
        raise ValidationError("Você já tem um pedido em análise.", code="duplicate")

    monkeypatch.setattr(services, "claim_submit", duplicate)
    client.force_login(citizen)
    response = client.post(claim_url(imported), {"proof_kind": "ata", "proof": proof()})
    assert response.status_code == 302
    assert (
        "Você já tem um pedido em análise"
        in client.get(response["Location"]).content.decode()
    )


def test_other_people_may_claim_too(client, citizen, user_factory, imported):
    Claim.objects.create(
        entity=imported,
        claimant=user_factory(),
        proof_kind="ata",
        proof=proof(),
        proof_name="ata.pdf",
        proof_content_type="application/pdf",
    )
    client.force_login(citizen)
    assert 'name="proof"' in client.get(claim_url(imported)).content.decode()


def test_represented_entity_is_explained(client, citizen, entity, representative):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.APPROVED)
    client.force_login(citizen)
    response = client.get(claim_url(entity))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Esta entidade já tem representantes" in page
    assert 'name="proof"' not in page
    response = client.post(claim_url(entity), {"proof_kind": "ata", "proof": proof()})
    assert response.status_code == 403
    assert not Claim.objects.exists()


def test_unlisted_represented_entity_is_hidden(client, citizen, entity, representative):
    client.force_login(citizen)
    assert client.get(claim_url(entity)).status_code == 404


def test_unknown_slug_is_404(client, citizen):
    client.force_login(citizen)
    assert client.get("/entidades/nao-existe/reivindicar/").status_code == 404


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"proof_kind": "ata"}, "proof", "Este campo é obrigatório."),
        (
            {"proof_kind": "ata", "proof": "text"},
            "proof",
            "O conteúdo do arquivo não é",
        ),
        ({"proof_kind": "ata", "proof": "png-as-pdf"}, "proof", "mas o conteúdo é PNG"),
        ({"proof": "ok"}, "proof_kind", "Este campo é obrigatório."),
        ({"proof_kind": "rg", "proof": "ok"}, "proof_kind", "Faça uma escolha válida."),
        (
            {"proof_kind": "ata", "proof": "ok", "message": "m" * 2001},
            "message",
            "no máximo 2000 caracteres",
        ),
    ],
)
def test_claim_bad_input(client, citizen, imported, data, field, message):
    files = {
        "text": lambda: proof(content=b"isto nao e um pdf"),
        "png-as-pdf": lambda: proof(content=_png()),
        "ok": proof,
    }
    data = {k: (files[v]() if k == "proof" else v) for k, v in data.items()}
    data.setdefault("message", "<script>alert(1)</script>")
    client.force_login(citizen)
    response = client.post(claim_url(imported), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(message in e for e in errors), errors
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    if field != "message":
        # The message typed is kept, escaped.
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not Claim.objects.exists()


def test_claim_file_too_large(client, citizen, imported, settings):
    settings.ENTITIES_DOCUMENT_MAX_BYTES = 50
    client.force_login(citizen)
    response = client.post(claim_url(imported), {"proof_kind": "ata", "proof": proof()})
    assert response.status_code == 200
    assert any("o limite é 50" in e for e in response.context["form"].errors["proof"])


def test_claim_message_stored_as_typed(client, citizen, imported, staff_user):
    client.force_login(citizen)
    client.post(
        claim_url(imported),
        {"proof_kind": "ata", "proof": proof(), "message": "<b>Oi</b> & tchau"},
    )
    assert Claim.objects.get().message == "<b>Oi</b> & tchau"


# The proof download


@pytest.fixture
def claim(citizen, imported):
    return Claim.objects.create(
        entity=imported,
        claimant=citizen,
        proof_kind="ata",
        proof=proof(),
        proof_name="Ata da eleição.pdf",
        proof_content_type="application/pdf",
    )


def proof_url(claim):
    return reverse("entities:claim_proof", kwargs={"pk": claim.pk})


def test_proof_download_for_claimant(client, claim):
    client.force_login(claim.claimant)
    response = client.get(proof_url(claim))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Ata%20da%20elei%C3%A7%C3%A3o.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_proof_inline_for_staff(client, claim, staff_user):
    client.force_login(staff_user)
    response = client.get(proof_url(claim) + "?inline=1")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")


@pytest.mark.parametrize("who", ["other_citizen", "representative_of_the_entity"])
def test_proof_hidden_from_others(client, claim, user_factory, who):
    person = user_factory()
    if who == "representative_of_the_entity":
        RepresentativeFactory(entity=claim.entity, user=person)
    client.force_login(person)
    response = client.get(proof_url(claim))
    assert response.status_code == 404
    assert MINIMAL_PDF not in response.content


def test_proof_unknown_claim_is_404(client, citizen):
    client.force_login(citizen)
    assert (
        client.get("/entidades/reivindicacoes/999999/comprovante/").status_code == 404
    )
