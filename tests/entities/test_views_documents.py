"""The documents page: upload, versions, and the private download
(entities/views/documents.py)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from entities.models import (
    Document,
    Entity,
)
from tests.entities.pages import png_bytes, url
from tests.factories.entities import (
    MINIMAL_PDF,
    DocumentFactory,
)

pytestmark = pytest.mark.django_db


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
