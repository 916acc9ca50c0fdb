"""The documents page of a meeting in the admin: who gets in (the 8 roles),
the upload checked by content into private storage, the visibility, the
pauta item, the removal before the meeting is held, and the history."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civic.storage import PrivateStorage
from councils.models import Meeting, MeetingDocument, MeetingLog
from councils.services.meeting_documents import (
    meeting_document_add,
    meeting_document_delete,
)

from .conftest import ROLES
from .meeting_helpers import planned

pytestmark = pytest.mark.django_db
ALLOWED = {"secretary", "staff_user", "superuser"}
PDF = b"%PDF-1.4\n%conselho\n%%EOF\n"
V = MeetingDocument.Visibility
S = Meeting.Status


def url(meeting):
    return reverse("councils_meetings:documents", args=[meeting.pk])


def pdf(name="parecer.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def refused(response) -> bool:
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and (
        "login" in response["Location"] or response["Location"].rstrip("/") == "/admin"
    )


def stored(meeting, title="Parecer", visibility=V.PUBLIC):
    document = MeetingDocument(meeting=meeting, title=title, visibility=visibility)
    document.file.save("parecer.pdf", ContentFile(PDF), save=True)
    return document


@pytest.fixture
def meeting(council):
    return planned(council, status=S.CONVENED)


@pytest.mark.parametrize("role", ROLES)
def test_page(role, as_role, meeting):
    stored(meeting, title="Minuta do plano")
    response = as_role(role).get(url(meeting))
    if role in ALLOWED:
        assert response.status_code == 200
        text = response.content.decode()
        assert "Minuta do plano" in text
        assert 'enctype="multipart/form-data"' in text
    else:
        assert refused(response), (role, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_upload(role, as_role, meeting):
    item = meeting.agenda_items.get()
    response = as_role(role).post(
        url(meeting),
        {
            "title": "Parecer da comissão",
            "file": pdf(),
            "agenda_item": item.pk,
            "visibility": V.MEMBERS_UNTIL_MEETING,
        },
    )
    documents = MeetingDocument.objects.filter(meeting=meeting)
    if role in ALLOWED:
        assert response.status_code == 302
        document = documents.get()
        assert (document.title, document.agenda_item, document.visibility) == (
            "Parecer da comissão",
            item,
            V.MEMBERS_UNTIL_MEETING,
        )
        assert document.file.name.startswith(f"councils/meetings/{meeting.pk}/")
        assert document.file.read() == PDF
        log = MeetingLog.objects.get(meeting=meeting, action="add_document")
        assert log.data["title"] == "Parecer da comissão"
    else:
        assert refused(response), (role, response.status_code)
        assert not documents.exists()


@pytest.mark.parametrize("role", ROLES)
def test_delete(role, as_role, meeting):
    document = stored(meeting)
    response = as_role(role).post(url(meeting), {"delete": document.pk})
    exists = MeetingDocument.objects.filter(pk=document.pk).exists()
    if role in ALLOWED:
        assert response.status_code == 302
        assert not exists
        assert MeetingLog.objects.filter(
            meeting=meeting, action="delete_document"
        ).exists()
    else:
        assert refused(response), (role, response.status_code)
        assert exists


def test_the_file_is_private_and_removed_with_the_row(
    meeting, secretary, django_capture_on_commit_callbacks
):
    document = meeting_document_add(
        meeting=meeting,
        title="Plano de ação",
        file=pdf("meu arquivo (1).pdf"),
        visibility=V.PUBLIC,
        actor=secretary,
    )
    storage, name = document.file.storage, document.file.name
    assert "meu arquivo" not in name
    assert name.endswith(".pdf")
    assert storage.exists(name)
    assert isinstance(storage, PrivateStorage)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_document_delete(document=document, actor=secretary)
    assert not storage.exists(name)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "parecer.pdf", "não é PDF"),
        (PDF, "parecer.exe", "termina em"),
        (b"", "vazio.pdf", "vazio"),
    ],
)
def test_a_bad_file_is_refused_beside_the_field(
    client, secretary, meeting, content, name, message
):
    client.force_login(secretary)
    response = client.post(
        url(meeting),
        {
            "title": "Título que fica",
            "file": pdf(name, content),
            "visibility": V.PUBLIC,
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors["file"])
    assert "Título que fica" in response.content.decode()
    assert not MeetingDocument.objects.exists()


def test_hostile_input_is_an_error_not_a_crash(client, secretary, meeting):
    client.force_login(secretary)
    response = client.post(
        url(meeting),
        {
            "title": "x" * 100_000,
            "file": pdf(),
            "agenda_item": "9" * 30,
            "visibility": "everyone",
        },
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {
        "title",
        "agenda_item",
        "visibility",
    }
    for bad in ("abc", "9" * 30, "\x00"):
        assert client.post(url(meeting), {"delete": bad}).status_code == 404


def test_an_item_of_another_meeting_is_refused(client, secretary, meeting, council):
    other_item = planned(council).agenda_items.get()
    client.force_login(secretary)
    response = client.post(
        url(meeting),
        {
            "title": "Parecer",
            "file": pdf(),
            "agenda_item": other_item.pk,
            "visibility": V.PUBLIC,
        },
    )
    assert response.status_code == 200
    assert "agenda_item" in response.context["form"].errors


@pytest.mark.parametrize("status", [S.HELD, S.CANCELLED])
def test_no_removal_once_held_or_cancelled(client, secretary, meeting, status):
    document = stored(meeting)
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    client.force_login(secretary)
    page = client.get(url(meeting)).content.decode()
    assert 'name="delete"' not in page
    response = client.post(url(meeting), {"delete": document.pk}, follow=True)
    assert MeetingDocument.objects.filter(pk=document.pk).exists()
    assert "fazem parte do registro" in response.content.decode()


def test_no_upload_to_a_cancelled_meeting(secretary, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(status=S.CANCELLED)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        meeting_document_add(
            meeting=meeting,
            title="Tarde demais",
            file=pdf(),
            visibility=V.PUBLIC,
            actor=secretary,
        )
    assert not MeetingDocument.objects.exists()


def test_the_edit_page_links_to_the_documents(client, secretary, meeting):
    client.force_login(secretary)
    page = client.get(reverse("councils_meetings:edit", args=[meeting.pk]))
    assert url(meeting) in page.content.decode()
