"""Documents and the regularity they add up to (entities/services/documents.py)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from entities import services
from entities.models import (
    Document,
    Entity,
)
from entities.models.documents import REQUIREMENTS
from tests.entities.support import set_status
from tests.factories.entities import (
    MINIMAL_PDF,
    DocumentFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

S = Entity.Status


# Regularity -----------------------------------------------------------------

TODAY = dt.date(2026, 3, 10)


def documents(*, skip=(), expired=(), superseded=()):
    """In-memory documents, one per requirement, valid unless told otherwise."""
    docs = []
    for doc_type, requirement in REQUIREMENTS.items():
        if doc_type in skip:
            continue
        expires = None
        if requirement.needs_expiry:
            expires = (
                TODAY - dt.timedelta(days=1)
                if doc_type in expired
                else TODAY + dt.timedelta(days=90)
            )
        docs.append(
            Document(
                doc_type=doc_type,
                issued_on=TODAY - dt.timedelta(days=100),
                expires_on=expires,
                superseded_at=timezone.now() if doc_type in superseded else None,
            )
        )
    return docs


def test_regularity_regular_when_everything_is_current(entity):
    assert services.regularity_compute(entity, documents(), TODAY) == "regular"


def test_regularity_missing(entity):
    assert (
        services.regularity_compute(entity, documents(skip={"cndt"}), TODAY)
        == "missing"
    )


def test_regularity_expired(entity):
    result = services.regularity_compute(entity, documents(expired={"crf_fgts"}), TODAY)
    assert result == "expired"


def test_expired_outweighs_missing(entity):
    docs = documents(skip={"estatuto"}, expired={"cndt"})
    assert services.regularity_compute(entity, docs, TODAY) == "expired"


def test_superseded_versions_do_not_count(entity):
    docs = documents(superseded={"cnd_federal"})
    assert services.regularity_compute(entity, docs, TODAY) == "missing"


def test_document_expiring_today_is_still_valid(entity):
    docs = documents()
    for doc in docs:
        if doc.expires_on:
            doc.expires_on = TODAY
    assert services.regularity_compute(entity, docs, TODAY) == "regular"


def test_collectives_have_no_regularity(entity_factory):
    collective = entity_factory(kind=Entity.Kind.COLLECTIVE, cnpj="")
    assert services.regularity_compute(collective, [], TODAY) == "not_applicable"


def test_regularity_refresh_stores_the_result(entity):
    for doc in documents():
        DocumentFactory(
            entity=entity,
            doc_type=doc.doc_type,
            issued_on=doc.issued_on,
            expires_on=doc.expires_on,
        )
    assert services.regularity_refresh(entity, TODAY) == "regular"
    entity.refresh_from_db()
    assert entity.regularity == "regular"
    assert (
        services.regularity_refresh(entity, TODAY + dt.timedelta(days=91)) == "expired"
    )
    entity.refresh_from_db()
    assert entity.regularity == "expired"


def test_checklist_states_and_issuers(entity):
    docs = documents(skip={"cndt"}, expired={"crf_fgts"})
    for doc in docs:
        if doc.doc_type == "cnd_federal":
            doc.expires_on = TODAY + dt.timedelta(days=5)
    items = {
        i.requirement.type.value: i
        for i in services.requirements_checklist(entity, docs, TODAY)
    }
    assert items["cndt"].state == "missing"
    assert items["crf_fgts"].state == "expired"
    assert items["cnd_federal"].state == "expiring"
    assert items["cnd_federal"].days_left == 5
    assert items["estatuto"].state == "ok"
    assert items["cndt"].requirement.issuer_url.startswith("https://")


# Documents -----------------------------------------------------------------


def upload(entity, by, *, doc_type="cnd_federal", file=None, issued=None, expires=None):
    issued = issued or timezone.localdate() - dt.timedelta(days=2)
    if expires is None and REQUIREMENTS[doc_type].needs_expiry:
        expires = issued + dt.timedelta(days=180)
    return services.document_upload(
        entity=entity,
        doc_type=doc_type,
        file=file or pdf_upload("certidao.pdf"),
        issued_on=issued,
        expires_on=expires,
        by=by,
    )


def test_new_version_supersedes_and_keeps_the_old_one(entity, representative):
    first = upload(entity, representative)
    second = upload(entity, representative, file=pdf_upload("certidao-nova.pdf"))

    first.refresh_from_db()
    assert first.superseded_at is not None
    assert second.superseded_at is None
    assert list(entity.documents.current().filter(doc_type="cnd_federal")) == [second]
    assert entity.documents.filter(doc_type="cnd_federal").count() == 2
    # The old file is still stored (earlier versions are kept).
    assert first.file.storage.exists(first.file.name)
    assert first.file.name != second.file.name
    assert second.original_name == "certidao-nova.pdf"
    assert second.content_type == "application/pdf"
    assert second.size == len(MINIMAL_PDF)
    assert len(second.sha256) == 64
    assert second.uploaded_by == representative


def test_stored_file_name_is_generated_not_the_uploaded_one(entity, representative):
    document = upload(entity, representative, file=pdf_upload("../../etc/passwd.pdf"))
    assert "passwd" not in document.file.name
    assert document.file.name.startswith(f"entities/{entity.pk}/")


def test_only_one_current_document_per_type(entity):
    DocumentFactory(entity=entity, doc_type="estatuto")
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(entity=entity, doc_type="estatuto")


def test_uploading_refreshes_regularity(entity, representative):
    assert entity.regularity == "missing"
    for doc_type in REQUIREMENTS:
        upload(entity, representative, doc_type=doc_type)
    entity.refresh_from_db()
    assert entity.regularity == "regular"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        (
            "programa.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64,
            "invalid_file_type",
        ),
        ("texto.pdf", b"isto nao e um pdf, so texto", "invalid_file_type"),
        ("imagem.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "extension_mismatch"),
        ("truncado.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "invalid_pdf"),
    ],
)
def test_upload_checks_the_content(entity, representative, name, content, code):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(ValidationError) as raised:
        upload(entity, representative, file=file)
    assert raised.value.code == code
    assert not entity.documents.exists()


def test_upload_refuses_too_large(entity, representative, settings):
    settings.ENTITIES_DOCUMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError) as raised:
        upload(entity, representative)
    assert raised.value.code == "file_too_large"


def test_upload_refuses_expiry_before_issue(entity, representative):
    with pytest.raises(ValidationError) as raised:
        upload(
            entity, representative, issued=TODAY, expires=TODAY - dt.timedelta(days=1)
        )
    assert list(raised.value.message_dict) == ["expires_on"]
    assert not entity.documents.exists()


@pytest.mark.parametrize("role", ["citizen", "other_representative", "staff_user"])
def test_only_representatives_upload(request, entity, representative, role):
    with pytest.raises(PermissionDenied):
        upload(entity, request.getfixturevalue(role))


def test_no_upload_while_under_review(entity, representative):
    set_status(entity, S.SUBMITTED)
    with pytest.raises(PermissionDenied):
        upload(entity, representative)
