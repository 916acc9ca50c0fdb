"""Who reaches the relationship history: anonymous, citizen, representative
of the entity, representative of another, SRSC staff, body staff and the
superuser, over every URL and every download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from civic.dialogue.models import Contact, FollowUp
from tests.factories.councils import approved_entity
from tests.factories.entities import RepresentativeFactory, pdf_upload

pytestmark = pytest.mark.django_db
ROLES = [
    "anonymous",
    "citizen",
    "representative",
    "other_representative",
    "body_member",
    "staff",
    "superuser",
]
STAFF = {"staff", "superuser"}
ENTITY_SIDE = STAFF | {"representative"}


@pytest.fixture
def other_representative(user_factory):
    person = user_factory(full_name="Representante de Outra")
    RepresentativeFactory(entity=approved_entity(name="Outra Entidade"), user=person)
    return person


@pytest.fixture
def people(
    citizen,
    representative,
    other_representative,
    body_member,
    staff_user,
    superuser,
):
    return {
        "anonymous": None,
        "citizen": citizen,
        "representative": representative,
        "other_representative": other_representative,
        "body_member": body_member,
        "staff": staff_user,
        "superuser": superuser,
    }


def contact(entity, *, shared: bool) -> Contact:
    return Contact.objects.create(
        entity=entity,
        kind=Contact.Kind.OFICIO_SENT,
        date=timezone.localdate(),
        subject="Ofício",
        oficio_number="7/2026",
        internal="SEGREDO-INTERNO",
        shared_with_entity=shared,
        document=pdf_upload("oficio.pdf"),
        document_name="oficio.pdf",
    )


@pytest.fixture
def shared(entity):
    return contact(entity, shared=True)


@pytest.fixture
def unshared(entity):
    return contact(entity, shared=False)


def as_role(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


ADMIN_URLS = {
    "timeline": lambda e, c: reverse("dialogue_timeline", args=[e.pk]),
    "contact_add": lambda e, c: reverse("dialogue_contact_add", args=[e.pk]),
    "contact_edit": lambda e, c: reverse("dialogue_contact_edit", args=[e.pk, c.pk]),
    "followup_add": lambda e, c: reverse("dialogue_followup_add", args=[e.pk]),
    "document": lambda e, c: reverse("dialogue_contact_document", args=[c.pk]),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_pages(client, people, entity, unshared, role, name):
    response = as_role(client, people, role).get(ADMIN_URLS[name](entity, unshared))
    if role in STAFF:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403, 404)
        assert b"SEGREDO-INTERNO" not in getattr(response, "content", b"")


@pytest.mark.parametrize("role", ROLES)
def test_follow_up_done(client, people, entity, staff_user, role):
    follow_up = FollowUp.objects.create(
        entity=entity,
        description="Ligar",
        due_on=timezone.localdate(),
        owner=staff_user,
    )
    url = reverse("dialogue_followup_done", args=[follow_up.pk])
    response = as_role(client, people, role).post(url)
    follow_up.refresh_from_db()
    assert (follow_up.done_at is not None) is (role in STAFF)
    assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_relationship_page(client, people, entity, shared, role):
    response = as_role(client, people, role).get(
        reverse("dialogue:relationship", args=[entity.pk])
    )
    if role in ENTITY_SIDE:
        assert response.status_code == 200
        assert b"SEGREDO-INTERNO" not in response.content
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("is_shared", [True, False])
def test_oficio_download(client, people, shared, unshared, role, is_shared):
    target = shared if is_shared else unshared
    response = as_role(client, people, role).get(
        reverse("dialogue:contact_document", args=[target.pk])
    )
    allowed = STAFF | ({"representative"} if is_shared else set())
    if role in allowed:
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("private")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    elif role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == 404


def test_staff_record_a_contact_with_a_document(client, entity, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("dialogue_contact_add", args=[entity.pk]),
        {
            "kind": "oficio_sent",
            "date": "2026-03-02",
            "subject": "Convite",
            "oficio_number": "3/2026",
            "shared_with_entity": "on",
            "internal": "Nota da equipe",
            "document": pdf_upload("convite.pdf"),
        },
    )
    assert response.status_code == 302
    recorded = Contact.objects.get(subject="Convite")
    assert recorded.recorded_by == staff_user
    assert recorded.document_name == "convite.pdf"
    assert not recorded.document.name.endswith("convite.pdf")


def test_a_forged_document_is_refused(client, entity, staff_user):
    client.force_login(staff_user)
    fake = SimpleUploadedFile("oficio.pdf", b"MZ not a pdf", "application/pdf")
    response = client.post(
        reverse("dialogue_contact_add", args=[entity.pk]),
        {"kind": "meeting", "date": "2026-03-02", "subject": "X", "document": fake},
    )
    assert response.status_code == 200
    assert not Contact.objects.exists()


def test_only_oficios_are_shared(client, entity, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("dialogue_contact_add", args=[entity.pk]),
        {
            "kind": "meeting",
            "date": "2026-03-02",
            "subject": "Reunião",
            "shared_with_entity": "on",
        },
    )
    assert response.status_code == 200
    assert not Contact.objects.exists()
