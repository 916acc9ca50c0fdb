"""Wagtail documents: an allow-list of extensions, files outside MEDIA_ROOT (so a
web server serving /media/ cannot hand them out raw), and the document view as
the only way out, with its collection privacy (civic/storage.py, settings)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from civic.checks import check_deployment
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _upload(client, name: str, content: bytes, content_type: str):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("pagina.html", b"<script>alert(1)</script>", "text/html"),
        ("pagina.htm", b"<script>alert(1)</script>", "text/html"),
        (
            "imagem.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        ("script.js", b"alert(1)", "text/javascript"),
        ("pagina.xhtml", b"<html/>", "application/xhtml+xml"),
    ],
)
def test_active_content_is_refused(client, superuser, name, content, content_type):
    client.force_login(superuser)
    response = _upload(client, name, content, content_type)
    assert response.status_code == 200  # the form again, with the error
    assert not Document.objects.exists()


def test_a_pdf_is_accepted(client, superuser):
    client.force_login(superuser)
    response = _upload(client, "ata.pdf", MINIMAL_PDF, "application/pdf")
    assert response.status_code == 302
    assert Document.objects.get().file.name.endswith(".pdf")


def test_the_allow_list_is_office_formats_only():
    assert set(settings.WAGTAILDOCS_EXTENSIONS) <= {
        "pdf",
        "odt",
        "ods",
        "odp",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "csv",
        "txt",
        "rtf",
        "zip",
    }


def _document(collection=None) -> Document:
    doc = Document(
        title="Parecer", collection=collection or Collection.get_first_root_node()
    )
    doc.file.save("parecer.pdf", ContentFile(MINIMAL_PDF), save=False)
    doc.save()
    return doc


def test_documents_are_stored_outside_media_root():
    """Whatever serves /media/ (nginx in production) cannot reach them."""
    doc = _document()
    path = Path(doc.file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert path.read_bytes() == MINIMAL_PDF
    # Links point at the document view, never at a file URL.
    assert doc.url == reverse("wagtaildocs_serve", args=[doc.pk, doc.filename])


def test_the_document_view_serves_a_public_document(client):
    doc = _document()
    response = client.get(doc.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_private_collection_is_not_served_to_anonymous_visitors(client, citizen):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Interno")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = _document(private)
    response = client.get(doc.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert (
        not Path(doc.file.path)
        .resolve()
        .is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    )
    client.force_login(citizen)
    assert client.get(doc.url).status_code == 200


def test_draft_consultation_documents_are_outside_media_root():
    """A draft's documents are served by the consultation view to staff only;
    they must not sit where /media/ would hand them to anyone."""
    from consultations.models import ConsultationDocument
    from tests.factories.consultations import ConsultationFactory

    consultation = ConsultationFactory(status="draft")
    document = ConsultationDocument(consultation=consultation, title="Minuta")
    document.file.save("minuta.pdf", ContentFile(MINIMAL_PDF), save=False)
    document.save()
    path = Path(document.file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


@pytest.mark.parametrize("method", ["direct", "redirect", None])
def test_deploy_check_refuses_raw_document_serving(method):
    with override_settings(WAGTAILDOCS_SERVE_METHOD=method):
        ids = [e.id for e in check_deployment()]
    assert "civic.E004" in ids


def test_deploy_check_accepts_the_document_view():
    with override_settings(WAGTAILDOCS_SERVE_METHOD="serve_view"):
        ids = [e.id for e in check_deployment()]
    assert "civic.E004" not in ids
