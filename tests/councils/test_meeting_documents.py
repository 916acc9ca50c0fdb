"""Meeting and council documents: who may download what, and when
"members until the meeting" documents become public."""

import datetime as dt

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from councils.models import CouncilDocument, Mandate, Meeting, MeetingDocument
from tests.councils.conftest import ROLES
from tests.factories.councils import MeetingFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%conselho\n%%EOF\n"
V = MeetingDocument.Visibility
INSIDERS = {"councillor", "secretary", "staff_user", "superuser"}
RUNNERS = {"secretary", "staff_user", "superuser"}


def document(meeting, visibility, title="Parecer da comissão"):
    doc = MeetingDocument(meeting=meeting, title=title, visibility=visibility)
    doc.file.save("parecer.pdf", ContentFile(PDF), save=True)
    return doc


def url_of(doc):
    meeting = doc.meeting
    return reverse(
        "councils:meeting_document",
        kwargs={"slug": meeting.council.slug, "pk": meeting.pk, "doc_pk": doc.pk},
    )


@pytest.fixture
def convened(council):
    return MeetingFactory(council=council, status=Meeting.Status.CONVENED)


def expected_before_meeting(role, visibility):
    if visibility == V.PUBLIC or role in INSIDERS:
        return 200
    return 302 if role == "anonymous" else 403


@pytest.mark.parametrize("visibility", V.values)
@pytest.mark.parametrize("role", ROLES)
def test_before_the_meeting(role, visibility, as_role, convened):
    doc = document(convened, visibility)
    response = as_role(role).get(url_of(doc))
    assert response.status_code == expected_before_meeting(role, visibility)
    if response.status_code == 302:
        assert reverse("account_login") in response["Location"]
    if response.status_code == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        private = visibility != V.PUBLIC
        assert (response.get("Cache-Control") == "private, no-store") == private


@pytest.mark.parametrize("visibility", V.values)
@pytest.mark.parametrize("role", ROLES)
def test_after_the_meeting_started(role, visibility, as_role, convened):
    doc = document(convened, visibility)
    with time_machine.travel(convened.starts_at + dt.timedelta(minutes=5)):
        response = as_role(role).get(url_of(doc))
    if visibility == V.MEMBERS:
        assert response.status_code == expected_before_meeting(role, visibility)
    else:
        assert response.status_code == 200


def test_switch_is_at_starts_at(client, convened):
    doc = document(convened, V.MEMBERS_UNTIL_MEETING)
    with time_machine.travel(convened.starts_at - dt.timedelta(seconds=1)):
        assert client.get(url_of(doc)).status_code == 302
    with time_machine.travel(convened.starts_at):
        response = client.get(url_of(doc))
    assert response.status_code == 200
    assert response.get("Cache-Control") != "private, no-store"


@pytest.mark.parametrize("visibility", V.values)
@pytest.mark.parametrize("role", ROLES)
def test_planned_meeting_documents_are_the_secretariats(
    role, visibility, as_role, council
):
    planned = MeetingFactory(council=council, status=Meeting.Status.PLANNED)
    doc = document(planned, visibility)
    response = as_role(role).get(url_of(doc))
    assert response.status_code == (200 if role in RUNNERS else 404)
    if response.status_code == 200:
        assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("visibility", [V.MEMBERS, V.MEMBERS_UNTIL_MEETING])
def test_member_of_another_council_is_refused(
    client, visibility, convened, other_council
):
    stranger = Mandate.objects.filter(council=other_council).first().person
    client.force_login(stranger)
    doc = document(convened, visibility)
    assert client.get(url_of(doc)).status_code == 403
    own = document(
        MeetingFactory(council=other_council, status=Meeting.Status.CONVENED),
        visibility,
    )
    assert client.get(url_of(own)).status_code == 200


def test_suplente_reads_member_documents(client, council, councillor, convened):
    seat = Mandate.objects.get(person=councillor, council=council).seat
    suplente = Mandate.objects.get(seat=seat, role=Mandate.Role.ALTERNATE).person
    client.force_login(suplente)
    assert client.get(url_of(document(convened, V.MEMBERS))).status_code == 200


def test_former_member_is_refused(client, council, councillor, convened):
    Mandate.objects.filter(person=councillor, council=council).update(
        ends_on=timezone.localdate(), end_reason=Mandate.EndReason.RESIGNATION
    )
    client.force_login(councillor)
    assert client.get(url_of(document(convened, V.MEMBERS))).status_code == 403


def test_wrong_slug_or_meeting_is_not_found(client, convened, other_council):
    doc = document(convened, V.PUBLIC)
    wrong = [
        {"slug": other_council.slug, "pk": convened.pk, "doc_pk": doc.pk},
        {"slug": convened.council.slug, "pk": convened.pk + 999, "doc_pk": doc.pk},
        {"slug": convened.council.slug, "pk": convened.pk, "doc_pk": doc.pk + 999},
    ]
    for kwargs in wrong:
        url = reverse("councils:meeting_document", kwargs=kwargs)
        assert client.get(url).status_code == 404


def test_missing_file_is_not_found(client, convened):
    doc = document(convened, V.PUBLIC)
    doc.file.delete(save=False)
    assert client.get(url_of(doc)).status_code == 404


def test_huge_ids_are_not_found(client, council):
    url = f"/conselhos/{council.slug}/reunioes/{2**70}/documentos/{2**70}/"
    assert client.get(url).status_code == 404
    assert (
        client.get(f"/conselhos/{council.slug}/documentos/{2**70}/").status_code == 404
    )


# -- council documents: always public ------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_council_document_by_role(role, as_role, council):
    doc = CouncilDocument(council=council, kind="regimento", title="Regimento interno")
    doc.file.save("regimento.pdf", ContentFile(PDF), save=True)
    url = reverse(
        "councils:council_document", kwargs={"slug": council.slug, "pk": doc.pk}
    )
    response = as_role(role).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "Regimento" in response["Content-Disposition"]


def test_council_document_of_another_council_is_not_found(
    client, council, other_council
):
    doc = CouncilDocument(council=council, kind="lei", title="Lei de criação")
    doc.file.save("lei.pdf", ContentFile(PDF), save=True)
    url = reverse(
        "councils:council_document", kwargs={"slug": other_council.slug, "pk": doc.pk}
    )
    assert client.get(url).status_code == 404


def test_files_live_in_private_storage(convened, settings):
    doc = document(convened, V.PUBLIC)
    assert str(settings.PRIVATE_MEDIA_ROOT) in doc.file.path
    assert str(settings.MEDIA_ROOT) not in doc.file.path
