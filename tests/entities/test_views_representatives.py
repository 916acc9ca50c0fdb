"""Who represents an entity: the representatives page and accepting an
invitation (entities/views/representatives.py)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from entities.models import (
    Invitation,
    Representative,
)
from tests.entities.pages import followed_messages, url
from tests.factories.entities import (
    EntityFactory,
    RepresentativeFactory,
)

pytestmark = pytest.mark.django_db


# Representatives and invitations


REPS = "representatives"


def test_representatives_page(rep_client, entity, representative, user_factory):
    other = user_factory(full_name="Outra Pessoa")
    RepresentativeFactory(entity=entity, user=other, is_primary=False)
    Invitation.objects.create(
        entity=entity, email="pendente@example.org", invited_by=representative
    )
    Invitation.objects.create(
        entity=entity,
        email="expirado@example.org",
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    page = rep_client.get(url(REPS, entity)).content.decode()
    assert "Representante da Entidade" in page
    assert "Outra Pessoa" in page
    assert "Responsável principal" in page
    assert "pendente@example.org" in page
    assert "expirado@example.org" not in page
    assert "Tornar responsável principal" in page


def test_invite_sends_email(
    rep_client, entity, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = rep_client.post(
            url(REPS, entity), {"operation": "invite", "email": "Nova@Example.org"}
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(entity=entity)
    assert invitation.email == "nova@example.org"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["nova@example.org"]
    assert invitation.token in mailoutbox[0].body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("não é email", "Informe um endereço de email válido."),
        ("a" * 250 + "@x.org", "no máximo 254 caracteres"),
        ("dup@example.org", "Já existe um convite pendente para esse e-mail."),
        ("self", "Essa pessoa já representa a entidade."),
    ],
)
def test_invite_bad_input(rep_client, entity, representative, email, message):
    Invitation.objects.create(entity=entity, email="dup@example.org")
    if email == "self":
        email = representative.email
    response = rep_client.post(
        url(REPS, entity), {"operation": "invite", "email": email}
    )
    assert response.status_code == 200
    errors = response.context["invite_form"].errors["email"]
    assert any(message in e for e in errors), errors
    assert 'id="id_email_error"' in response.content.decode()


def test_revoke_invitation(rep_client, entity):
    invitation = Invitation.objects.create(entity=entity, email="x@example.org")
    response = rep_client.post(
        url(REPS, entity), {"operation": "revoke", "invitation": invitation.pk}
    )
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_resend_invitation_sends_a_second_email(
    rep_client, entity, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        rep_client.post(
            url(REPS, entity), {"operation": "invite", "email": "nova@example.org"}
        )
    invitation = Invitation.objects.get(entity=entity)

    with django_capture_on_commit_callbacks(execute=True):
        response = rep_client.post(
            url(REPS, entity), {"operation": "resend", "invitation": invitation.pk}
        )

    assert "Convite reenviado para nova@example.org." in followed_messages(
        rep_client, response
    )
    assert [m.to for m in mailoutbox] == [["nova@example.org"]] * 2
    assert invitation.token in mailoutbox[1].body
    page = rep_client.get(url(REPS, entity)).content.decode()
    assert 'value="resend"' in page


def test_resending_a_revoked_invitation_is_refused(rep_client, entity, mailoutbox):
    invitation = Invitation.objects.create(
        entity=entity, email="x@example.org", revoked_at=timezone.now()
    )

    response = rep_client.post(
        url(REPS, entity), {"operation": "resend", "invitation": invitation.pk}
    )

    assert "Este convite já foi usado, cancelado ou expirou." in followed_messages(
        rep_client, response
    )
    assert mailoutbox == []


def test_resend_invitation_of_another_entity_is_404(rep_client, entity, mailoutbox):
    foreign = Invitation.objects.create(entity=EntityFactory(), email="x@example.org")

    response = rep_client.post(
        url(REPS, entity), {"operation": "resend", "invitation": foreign.pk}
    )

    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.sends == 1


def test_revoke_invitation_of_another_entity_is_404(rep_client, entity):
    foreign = Invitation.objects.create(entity=EntityFactory(), email="x@example.org")
    response = rep_client.post(
        url(REPS, entity), {"operation": "revoke", "invitation": foreign.pk}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_remove_and_make_primary(rep_client, entity, representative, user_factory):
    bia = RepresentativeFactory(entity=entity, user=user_factory(), is_primary=False)
    caio = RepresentativeFactory(entity=entity, user=user_factory(), is_primary=False)
    rep_client.post(
        url(REPS, entity), {"operation": "remove", "representative": caio.pk}
    )
    assert not Representative.objects.filter(pk=caio.pk).exists()
    rep_client.post(
        url(REPS, entity), {"operation": "make_primary", "representative": bia.pk}
    )
    bia.refresh_from_db()
    assert bia.is_primary
    assert not Representative.objects.get(entity=entity, user=representative).is_primary
    # No longer primary: removing someone is now forbidden.
    response = rep_client.post(
        url(REPS, entity), {"operation": "remove", "representative": bia.pk}
    )
    assert response.status_code == 403


def test_primary_cannot_be_removed_nor_leave(
    client, entity, representative, staff_user
):
    primary = Representative.objects.get(entity=entity, user=representative)
    client.force_login(staff_user)
    response = client.post(
        url(REPS, entity), {"operation": "remove", "representative": primary.pk}
    )
    assert "Passe a responsabilidade principal" in followed_messages(client, response)
    client.force_login(representative)
    response = client.post(url(REPS, entity), {"operation": "leave"})
    assert "Passe a responsabilidade principal" in followed_messages(client, response)
    assert Representative.objects.filter(pk=primary.pk).exists()


def test_non_primary_leaves(client, entity, user_factory):
    person = user_factory()
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    client.force_login(person)
    response = client.post(url(REPS, entity), {"operation": "leave"})
    assert response["Location"] == reverse("entities:my_entities")
    assert not Representative.objects.filter(entity=entity, user=person).exists()
    # Gone: the dashboard is now a 404 for them.
    assert client.get(url("manage", entity)).status_code == 404


def test_unknown_operation_is_400(rep_client, entity):
    assert rep_client.post(url(REPS, entity), {"operation": "drop"}).status_code == 400


def test_remove_representative_of_another_entity_is_404(
    rep_client, entity, other_representative
):
    foreign = Representative.objects.get(user=other_representative)
    response = rep_client.post(
        url(REPS, entity), {"operation": "remove", "representative": foreign.pk}
    )
    assert response.status_code == 404
    assert Representative.objects.filter(pk=foreign.pk).exists()


# Accepting an invitation


def accept_url(invitation):
    return reverse("entities:invitation_accept", kwargs={"token": invitation.token})


@pytest.fixture
def invitation(entity, representative):
    return Invitation.objects.create(
        entity=entity, email="convidada@example.org", invited_by=representative
    )


def test_invitation_anonymous_is_asked_to_log_in(client, invitation):
    page = client.get(accept_url(invitation)).content.decode()
    login = reverse("account_login")
    assert f"{login}?next=/convites/{invitation.token}/" in page
    assert reverse("account_signup") in page
    assert "convidada@example.org" in page
    response = client.post(accept_url(invitation))
    assert response["Location"].startswith(login)
    assert "next=" in response["Location"]


def test_invitation_accepted_by_the_invited_account(
    client, invitation, user_factory, entity
):
    person = user_factory(email="convidada@example.org")
    client.force_login(person)
    assert "Aceitar o convite" in client.get(accept_url(invitation)).content.decode()
    response = client.post(accept_url(invitation))
    assert response["Location"] == url("manage", entity)
    assert Representative.objects.filter(
        entity=entity, user=person, is_primary=False
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # Used now: a second visit says so.
    response = client.get(accept_url(invitation))
    assert response.status_code == 410
    assert "Este convite já foi usado." in response.content.decode()


def test_invitation_with_another_account_is_explained(
    client, invitation, citizen, entity
):
    client.force_login(citizen)
    page = client.get(accept_url(invitation)).content.decode()
    assert "Este convite foi enviado para convidada@example.org" in page
    assert "Aceitar o convite" not in page
    response = client.post(accept_url(invitation))
    assert response.status_code == 403
    assert "Entre com a conta desse e-mail" in response.content.decode()
    assert not Representative.objects.filter(user=citizen).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"expires_at": timezone.now() - dt.timedelta(minutes=1)},
            "Este convite expirou",
        ),
        ({"revoked_at": timezone.now()}, "Este convite foi cancelado"),
        ({"accepted_at": timezone.now()}, "Este convite já foi usado."),
    ],
)
def test_invitation_no_longer_valid_is_410(
    client, invitation, user_factory, change, message
):
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    client.force_login(user_factory(email="convidada@example.org"))
    for response in (
        client.get(accept_url(invitation)),
        client.post(accept_url(invitation)),
    ):
        assert response.status_code == 410
        assert message in response.content.decode()


@pytest.mark.parametrize("token", ["nao-existe", "x" * 300, "%3Cscript%3E"])
def test_invitation_unknown_token_is_404(client, token):
    response = client.get(f"/convites/{token}/")
    assert response.status_code == 404
    assert "Convite não encontrado" in response.content.decode()
