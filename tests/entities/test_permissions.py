"""Role matrix for every page and download of the entity registry's private side.

Policy: anonymous people are sent to the login page; logged-in people who may
not see an entity get a 404 (its existence is not revealed); people who may see
it but not do the thing get a 403.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from entities.models import Claim, Document, Entity, Invitation
from tests.factories.entities import (
    MINIMAL_PDF,
    DocumentFactory,
    EntityFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "other_rep", "rep", "primary", "staff", "superuser"]
LOGIN = "login"


@pytest.fixture
def people(
    user_factory, entity, representative, other_representative, staff_user, superuser
):
    """One person per role; `rep` is a non-primary representative of `entity`."""
    secondary = user_factory(full_name="Representante Secundária")
    RepresentativeFactory(entity=entity, user=secondary, is_primary=False)
    return {
        "anonymous": None,
        "citizen": user_factory(full_name="Cidadã Qualquer"),
        "other_rep": other_representative,
        "rep": secondary,
        "primary": representative,
        "staff": staff_user,
        "superuser": superuser,
    }


def list_of(roles, expected, strict=True):
    """(role, expected) pairs for parametrize."""
    return list(zip(roles, expected, strict=strict))


def _client(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


def _check(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif expected == 302:
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


# Pages about one entity, GET. Columns follow ROLES.
ENTITY_PAGES = {
    "entities:manage": [LOGIN, 404, 404, 200, 200, 200, 200],
    "entities:edit": [LOGIN, 404, 404, 200, 200, 403, 200],
    "entities:board": [LOGIN, 404, 404, 200, 200, 200, 200],
    "entities:documents": [LOGIN, 404, 404, 200, 200, 200, 200],
    "entities:representatives": [LOGIN, 404, 404, 200, 200, 200, 200],
}


@pytest.mark.parametrize(
    ("url_name", "role", "expected"),
    [
        (name, role, expected)
        for name, row in ENTITY_PAGES.items()
        for role, expected in zip(ROLES, row, strict=True)
    ],
)
def test_entity_pages(client, people, entity, url_name, role, expected):
    response = _client(client, people, role).get(
        reverse(url_name, kwargs={"pk": entity.pk})
    )
    _check(response, expected)


@pytest.mark.parametrize("role", ROLES)
def test_unknown_entity_is_404_for_everyone_logged_in(client, people, role):
    response = _client(client, people, role).get(
        reverse("entities:manage", kwargs={"pk": 999999})
    )
    _check(response, LOGIN if role == "anonymous" else 404)


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        ("entities:my_entities", [LOGIN, 200, 200, 200, 200, 200, 200]),
        ("entities:register", [LOGIN, 200, 200, 200, 200, 200, 200]),
    ],
)
@pytest.mark.parametrize("index", range(len(ROLES)))
def test_personal_pages(client, people, url_name, expected, index):
    response = _client(client, people, ROLES[index]).get(reverse(url_name))
    _check(response, expected[index])


# Workflow POSTs on a draft entity. `submit` by a representative redirects back
# to the dashboard (with the missing items as messages); reviewer actions are
# refused to representatives with 403.
TRANSITIONS = {
    "submit": [LOGIN, 404, 404, 302, 302, 403, 302],
    "reopen": [LOGIN, 404, 404, 302, 302, 403, 302],
    "approve": [LOGIN, 404, 404, 403, 403, 302, 302],
    "request_changes": [LOGIN, 404, 404, 403, 403, 302, 302],
    "reject": [LOGIN, 404, 404, 403, 403, 302, 302],
    "suspend": [LOGIN, 404, 404, 403, 403, 302, 302],
}


@pytest.mark.parametrize(
    ("action", "role", "expected"),
    [
        (action, role, expected)
        for action, row in TRANSITIONS.items()
        for role, expected in zip(ROLES, row, strict=True)
    ],
)
def test_transition(client, people, entity, action, role, expected):
    url = reverse("entities:transition", kwargs={"pk": entity.pk, "action": action})
    response = _client(client, people, role).post(url, {"note": "Motivo."})
    _check(response, expected)
    if expected in (LOGIN, 403, 404):
        entity.refresh_from_db()
        assert entity.status == Entity.Status.DRAFT


@pytest.mark.parametrize(
    ("role", "expected"),
    list_of(ROLES, [LOGIN, 404, 404, 302, 302, 403, 302], strict=True),
)
def test_confirm_data(client, people, entity, role, expected):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.APPROVED)
    url = reverse("entities:confirm_data", kwargs={"pk": entity.pk})
    response = _client(client, people, role).post(url)
    _check(response, expected)
    entity.refresh_from_db()
    assert (entity.data_confirmed_at is not None) == (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    # Only the primary representative and reviewers remove representatives.
    list_of(ROLES, [LOGIN, 404, 404, 403, 302, 302, 302], strict=True),
)
def test_remove_representative(client, people, entity, user_factory, role, expected):
    target = RepresentativeFactory(entity=entity, user=user_factory(), is_primary=False)
    url = reverse("entities:representatives", kwargs={"pk": entity.pk})
    response = _client(client, people, role).post(
        url, {"operation": "remove", "representative": target.pk}
    )
    _check(response, expected)
    assert entity.representatives.filter(pk=target.pk).exists() == (expected != 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    # Any representative invites; reviewers are not representatives.
    list_of(ROLES, [LOGIN, 404, 404, 302, 302, 403, 302], strict=True),
)
def test_invite_representative(client, people, entity, role, expected):
    url = reverse("entities:representatives", kwargs={"pk": entity.pk})
    response = _client(client, people, role).post(
        url, {"operation": "invite", "email": "nova@example.org"}
    )
    _check(response, expected)
    assert Invitation.objects.filter(entity=entity).exists() == (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    # Any representative resends; reviewers are not representatives.
    list_of(ROLES, [LOGIN, 404, 404, 302, 302, 403, 302], strict=True),
)
def test_resend_invitation(client, people, entity, role, expected):
    invitation = Invitation.objects.create(entity=entity, email="nova@example.org")
    url = reverse("entities:representatives", kwargs={"pk": entity.pk})
    response = _client(client, people, role).post(
        url, {"operation": "resend", "invitation": invitation.pk}
    )
    _check(response, expected)
    invitation.refresh_from_db()
    assert invitation.sends == (2 if expected == 302 else 1)


@pytest.mark.parametrize(
    ("role", "expected"),
    list_of(ROLES, [LOGIN, 404, 404, 302, 302, 403, 302], strict=True),
)
def test_upload_document(client, people, entity, role, expected):
    url = reverse("entities:documents", kwargs={"pk": entity.pk})
    upload = SimpleUploadedFile(
        "estatuto.pdf", MINIMAL_PDF, content_type="application/pdf"
    )
    response = _client(client, people, role).post(
        url, {"doc_type": "estatuto", "file": upload, "issued_on": "2024-01-10"}
    )
    _check(response, expected)
    assert entity.documents.exists() == (expected == 302)


@pytest.mark.parametrize(
    ("role", "expected"),
    list_of(ROLES, [LOGIN, 404, 404, 302, 302, 403, 302], strict=True),
)
def test_edit_post(client, people, entity, role, expected):
    url = reverse("entities:edit", kwargs={"pk": entity.pk})
    data = {
        "name": "Nome Alterado",
        "summary": "Resumo.",
        "areas": [entity.areas.first().pk],
        "city": "Betim",
        "state": "MG",
        "email": "novo@example.org",
    }
    response = _client(client, people, role).post(url, data)
    _check(response, expected)
    entity.refresh_from_db()
    assert (entity.name == "Nome Alterado") == (expected == 302)


# Downloads: every private file the registry serves, and who gets its bytes.
# The admin's copies answer only SRSC staff; everyone else is sent to log in.


@pytest.fixture
def document(entity):
    return DocumentFactory(entity=entity)


@pytest.fixture
def claim(entity_factory, user_factory):
    unrepresented = entity_factory(name="Associação Importada")
    return Claim.objects.create(
        entity=unrepresented,
        claimant=user_factory(full_name="Quem Reivindica"),
        proof_kind=Claim.ProofKind.ATA,
        proof=SimpleUploadedFile("ata.pdf", MINIMAL_PDF),
        proof_name="ata.pdf",
        proof_content_type="application/pdf",
    )


DOWNLOADS = {
    "document": (
        lambda document, claim: reverse(
            "entities:document_download",
            kwargs={"pk": document.entity_id, "document_pk": document.pk},
        ),
        [LOGIN, 404, 404, 200, 200, 200, 200],
    ),
    "claim_proof": (
        lambda document, claim: reverse(
            "entities:claim_proof", kwargs={"pk": claim.pk}
        ),
        [LOGIN, 404, 404, 404, 404, 200, 200],
    ),
    "admin_document": (
        lambda document, claim: reverse(
            "entities_review:document", args=[document.entity_id, document.pk]
        ),
        [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200, 200],
    ),
    "admin_claim_proof": (
        lambda document, claim: reverse("entities_claims:proof", args=[claim.pk]),
        [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200, 200],
    ),
}


def _body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    ("download", "role", "expected"),
    [
        (name, role, expected)
        for name, (_url, row) in DOWNLOADS.items()
        for role, expected in zip(ROLES, row, strict=True)
    ],
)
def test_download(client, people, document, claim, download, role, expected):
    url = DOWNLOADS[download][0](document, claim)
    response = _client(client, people, role).get(url)
    _check(response, expected)
    assert (MINIMAL_PDF in _body(response)) == (expected == 200)


@pytest.mark.parametrize("download", DOWNLOADS)
def test_downloads_leave_through_civic_downloads(
    client, superuser, document, claim, download
):
    """A server-made name, nosniff, never cached; inline only when asked."""
    document.original_name = 'Estatuto "final"\r\n../../segredo.exe'
    document.save()
    claim.proof_name = document.original_name
    claim.save()
    client.force_login(superuser)
    url = DOWNLOADS[download][0](document, claim)

    attachment = client.get(url)
    inline = client.get(url + "?inline=1")

    disposition = attachment["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert 'filename="segredo.pdf"' in disposition
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert inline["Content-Disposition"].startswith("inline; ")
    for response in (attachment, inline):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
        assert _body(response) == MINIMAL_PDF


@pytest.mark.parametrize("download", DOWNLOADS)
def test_a_type_browsers_would_run_is_never_inline(
    client, superuser, document, claim, download
):
    Document.objects.filter(pk=document.pk).update(content_type="text/html")
    Claim.objects.filter(pk=claim.pk).update(proof_content_type="text/html")
    client.force_login(superuser)
    url = DOWNLOADS[download][0](document, claim) + "?inline=1"
    assert client.get(url)["Content-Disposition"].startswith("attachment; ")


@pytest.mark.parametrize("role", ["rep", "primary", "staff", "other_rep"])
def test_document_of_another_entity_is_404(client, people, entity, role):
    """The document must belong to the entity in the URL, whoever asks."""
    foreign = DocumentFactory(entity=EntityFactory())
    url = reverse(
        "entities:document_download",
        kwargs={"pk": entity.pk, "document_pk": foreign.pk},
    )
    response = _client(client, people, role).get(url)
    assert response.status_code == 404
    assert MINIMAL_PDF not in response.content


def test_claim_proof_download_by_the_claimant(client, claim):
    client.force_login(claim.claimant)
    response = client.get(reverse("entities:claim_proof", kwargs={"pk": claim.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF


@pytest.mark.parametrize(
    ("role", "expected"),
    # An imported entity nobody represents: any logged-in person may claim it.
    list_of(ROLES, [LOGIN, 200, 200, 200, 200, 200, 200], strict=True),
)
def test_claim_unrepresented_entity(client, people, entity_factory, role, expected):
    unrepresented = entity_factory()
    response = _client(client, people, role).get(
        reverse("entities:claim", kwargs={"slug": unrepresented.slug})
    )
    _check(response, expected)


@pytest.mark.parametrize(
    ("status", "role", "expected"),
    [
        # A listed entity that already has representatives: explained with a 403.
        *[
            ("approved", role, expected)
            for role, expected in zip(
                ROLES, [LOGIN, 403, 403, 403, 403, 403, 403], strict=True
            )
        ],
        # An unlisted one: only those who may see it learn that it exists.
        *[
            ("draft", role, expected)
            for role, expected in zip(
                ROLES, [LOGIN, 404, 404, 403, 403, 403, 403], strict=True
            )
        ],
    ],
)
def test_claim_represented_entity(client, people, entity, status, role, expected):
    Entity.objects.filter(pk=entity.pk).update(status=status)
    response = _client(client, people, role).get(
        reverse("entities:claim", kwargs={"slug": entity.slug})
    )
    _check(response, expected)


@pytest.mark.parametrize("role", ROLES)
def test_public_profile_of_approved_entity(client, people, entity, role):
    Entity.objects.filter(pk=entity.pk).update(status=Entity.Status.APPROVED)
    response = _client(client, people, role).get(
        reverse("entities:detail", kwargs={"slug": entity.slug})
    )
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "citizen", "other_rep"])
def test_public_profile_of_draft_entity_is_hidden(client, people, entity, role):
    response = _client(client, people, role).get(
        reverse("entities:detail", kwargs={"slug": entity.slug})
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    # The token is the secret: anyone holding it sees the invitation page.
    list_of(ROLES, [200, 200, 200, 200, 200, 200, 200], strict=True),
)
def test_invitation_page(client, people, entity, representative, role, expected):
    invitation = Invitation.objects.create(
        entity=entity, email="convidada@example.org", invited_by=representative
    )
    response = _client(client, people, role).get(
        reverse("entities:invitation_accept", kwargs={"token": invitation.token})
    )
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["citizen", "other_rep", "staff"])
def test_invitation_cannot_be_accepted_by_another_account(
    client, people, entity, representative, role
):
    invitation = Invitation.objects.create(
        entity=entity, email="convidada@example.org", invited_by=representative
    )
    response = _client(client, people, role).post(
        reverse("entities:invitation_accept", kwargs={"token": invitation.token})
    )
    assert response.status_code == 403
    assert not entity.representatives.filter(user=people[role]).exists()


# Private files never sit under the public media URL.


def test_document_files_are_not_under_media(client, entity, representative, settings):
    client.force_login(representative)
    upload = SimpleUploadedFile(
        "estatuto.pdf", MINIMAL_PDF, content_type="application/pdf"
    )
    client.post(
        reverse("entities:documents", kwargs={"pk": entity.pk}),
        {"doc_type": "estatuto", "file": upload, "issued_on": "2024-01-10"},
    )
    document = entity.documents.get()
    path = Path(document.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(ValueError, match="no public URL"):
        document.file.url  # noqa: B018

    anonymous = client.__class__()
    assert anonymous.get(settings.MEDIA_URL + document.file.name).status_code == 404
    # Pages link to the permission-checked view, never to the stored name.
    for name in ("entities:documents", "entities:manage"):
        page = client.get(reverse(name, kwargs={"pk": entity.pk})).content.decode()
        assert document.file.name not in page
        assert settings.MEDIA_URL + "entities/" not in page


def test_claim_proof_is_not_under_media(claim):
    path = Path(claim.proof.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    with pytest.raises(ValueError, match="no public URL"):
        claim.proof.url  # noqa: B018


# Every POST needs the CSRF token.


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("entities:edit", {"name": "Sem token"}),
        ("entities:board", {}),
        ("entities:documents", {}),
        ("entities:representatives", {"operation": "invite", "email": "a@example.org"}),
        ("entities:confirm_data", {}),
    ],
)
def test_posts_need_csrf_token(entity, representative, name, data):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(representative)
    response = client.post(reverse(name, kwargs={"pk": entity.pk}), data)
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    entity.refresh_from_db()
    assert entity.name != "Sem token"


def test_transition_and_register_need_csrf_token(entity, representative):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(representative)
    transition = reverse(
        "entities:transition", kwargs={"pk": entity.pk, "action": "submit"}
    )
    assert client.post(transition).status_code == 403
    assert client.post(reverse("entities:register"), {"name": "X"}).status_code == 403


@pytest.mark.parametrize(
    "name", ["entities:manage", "entities:edit", "entities:documents", "entities:board"]
)
def test_private_pages_are_not_cached(client, entity, representative, name):
    client.force_login(representative)
    response = client.get(reverse(name, kwargs={"pk": entity.pk}))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
