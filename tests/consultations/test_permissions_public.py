"""Who may do what on the public side of consultations, hearings and forums:
every role (anonymous, citizen, entity representative, council secretary,
moderator, SRSC staff, superuser) against every page, action and download,
allowed and denied, asserting what happened and not only the status.

The rules themselves and the admin have their own matrix (test_permissions.py).
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consultations import services
from consultations.models import (
    AbuseReport,
    Contribution,
    Event,
    Follow,
    Registration,
    SpeakerRequest,
    Support,
)
from tests.consultations.consultation_support import (
    S,
    approved_entity_with_representative,
    consultation_url,
    consultation_with_text,
)
from tests.factories.accounts import UserFactory
from tests.factories.consultations import (
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
)
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "citizen",
    "representative",
    "council_secretary",
    "moderator",
    "staff",
    "superuser",
]
SIGNED_IN = ROLES[1:]
# Who runs consultations and events, and so may preview drafts and reports.
MANAGERS = {"staff", "superuser"}
GROUPS = {
    "council_secretary": "Secretaria de conselho",
    "moderator": "Moderação",
    "staff": "Equipe SRSC",
}


def make_person(role: str):
    """A person in `role`, or None for anonymous visitors."""
    if role == "anonymous":
        return None
    if role == "superuser":
        return UserFactory(full_name="Administração", is_superuser=True, is_staff=True)
    person = UserFactory(full_name=f"Pessoa {role}")
    if role == "representative":
        approved_entity_with_representative(person, trade_name="Horta Viva")
    elif role in GROUPS:
        person.groups.add(Group.objects.get(name=GROUPS[role]))
    return person


@pytest.fixture
def as_role(client):
    """`as_role(role)`: the client signed in as a new person in `role`, and
    that person (None for anonymous)."""

    def sign_in(role: str):
        person = make_person(role)
        if person is not None:
            client.force_login(person)
        return person

    return sign_in


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(
        reverse("account_login")
    )


def assert_done_by(person, response, rows, *, by: str = "author") -> None:
    """An anonymous visitor is sent to log in and nothing is written; anyone
    signed in is sent back with the one row written, theirs."""
    if person is None:
        assert is_login_redirect(response)
        assert not rows.exists()
    else:
        assert response.status_code == 302
        assert getattr(rows.get(), by) == person


def is_private(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.fixture
def open_consultation():
    return consultation_with_text(S.OPEN, title="Hortas comunitárias")


@pytest.fixture
def draft_consultation():
    return consultation_with_text(S.DRAFT, title="Rascunho interno")


@pytest.fixture
def published_event():
    return EventFactory(status=Event.Status.PUBLISHED, title="Audiência da LDO")


@pytest.fixture
def draft_event():
    return EventFactory(status=Event.Status.DRAFT, title="Audiência em preparo")


# Pages
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_public_lists_are_open_to_everyone(client, as_role, role):
    as_role(role)
    for name in ("list", "event_list", "agenda"):
        assert client.get(reverse(f"consultations:{name}")).status_code == 200, name


@pytest.mark.parametrize("role", ROLES)
def test_public_consultation_pages_are_open_to_everyone(
    client, as_role, role, open_consultation
):
    as_role(role)
    for url in (
        consultation_url("detail", open_consultation),
        consultation_url("device", open_consultation, anchor="art-1"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        # What a signed-in person sees is theirs: never in a shared cache.
        assert is_private(response) == (role != "anonymous"), url


@pytest.mark.parametrize("role", ROLES)
def test_draft_consultations_are_a_private_preview_for_managers_only(
    client, as_role, role, draft_consultation
):
    as_role(role)
    for url in (
        consultation_url("detail", draft_consultation),
        consultation_url("device", draft_consultation, anchor="art-1"),
    ):
        response = client.get(url)
        if role in MANAGERS:
            assert response.status_code == 200, url
            assert is_private(response), url
        else:
            assert response.status_code == 404, url


@pytest.mark.parametrize("role", ROLES)
def test_event_pages(client, as_role, role, published_event, draft_event):
    as_role(role)
    published = client.get(published_event.get_absolute_url())
    assert published.status_code == 200
    assert is_private(published) == (role != "anonymous")
    draft = client.get(draft_event.get_absolute_url())
    assert draft.status_code == (200 if role in MANAGERS else 404)
    if role in MANAGERS:
        assert is_private(draft)


@pytest.mark.parametrize("role", ROLES)
def test_personal_pages_need_an_account(client, as_role, role):
    as_role(role)
    for name in ("follows", "my_registrations"):
        response = client.get(reverse(f"consultations:{name}"))
        if role == "anonymous":
            assert is_login_redirect(response), name
        else:
            assert response.status_code == 200, name
            assert is_private(response), name


# Actions on a consultation
# ------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_contribute(client, as_role, role, open_consultation):
    person = as_role(role)
    response = client.post(
        consultation_url("contribute", open_consultation),
        {"text": "Sugiro ampliar o horário das hortas."},
    )
    created = Contribution.objects.filter(consultation=open_consultation)
    assert_done_by(person, response, created)


@pytest.mark.parametrize("role", ROLES)
def test_nobody_contributes_to_a_draft(client, as_role, role, draft_consultation):
    as_role(role)
    response = client.post(
        consultation_url("contribute", draft_consultation), {"text": "Antes da hora."}
    )
    if role == "anonymous":
        assert is_login_redirect(response)
    else:
        # Managers see the preview, where the form says it is not open yet.
        assert response.status_code == (302 if role in MANAGERS else 404)
    assert not Contribution.objects.filter(consultation=draft_consultation).exists()


@pytest.fixture
def someone_elses(open_consultation):
    """A published contribution by another person."""
    return ContributionFactory(consultation=open_consultation, text="Mais árvores.")


@pytest.mark.parametrize("role", ROLES)
def test_reply(client, as_role, role, someone_elses):
    person = as_role(role)
    url = reverse("consultations:reply", kwargs={"pk": someone_elses.pk})
    response = client.post(url, {"text": "Concordo com você."})
    replies = Contribution.objects.filter(parent=someone_elses)
    assert_done_by(person, response, replies)


@pytest.mark.parametrize("role", ROLES)
def test_support(client, as_role, role, someone_elses):
    person = as_role(role)
    url = reverse("consultations:support", kwargs={"pk": someone_elses.pk})
    response = client.post(url, {"action": "support"})
    assert_done_by(
        person, response, Support.objects.filter(contribution=someone_elses), by="user"
    )


@pytest.mark.parametrize("role", SIGNED_IN)
def test_nobody_supports_or_reports_their_own(client, as_role, role, open_consultation):
    person = as_role(role)
    own = ContributionFactory(consultation=open_consultation, author=person)
    client.post(reverse("consultations:support", kwargs={"pk": own.pk}))
    client.post(
        reverse("consultations:report_abuse", kwargs={"pk": own.pk}),
        {"reason": AbuseReport.Reason.SPAM},
    )
    assert not Support.objects.exists()
    assert not AbuseReport.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_report_abuse(client, as_role, role, someone_elses):
    person = as_role(role)
    url = reverse("consultations:report_abuse", kwargs={"pk": someone_elses.pk})
    response = client.post(url, {"reason": AbuseReport.Reason.OFFENSIVE})
    assert_done_by(
        person,
        response,
        AbuseReport.objects.filter(contribution=someone_elses),
        by="user",
    )


@pytest.mark.parametrize("role", ROLES)
def test_contributions_to_a_draft_are_out_of_reach(
    client, as_role, role, draft_consultation
):
    """Only managers see a draft; nobody may act on what is in it."""
    as_role(role)
    hidden = ContributionFactory(consultation=draft_consultation)
    for name in ("reply", "support", "report_abuse"):
        response = client.post(
            reverse(f"consultations:{name}", kwargs={"pk": hidden.pk}),
            {"text": "x", "reason": AbuseReport.Reason.SPAM},
        )
        if role == "anonymous":
            assert is_login_redirect(response), name
        elif role not in MANAGERS:
            assert response.status_code == 404, name
    assert not Contribution.objects.filter(parent=hidden).exists()
    assert not Support.objects.exists()
    if role not in MANAGERS:
        assert not AbuseReport.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_follow(client, as_role, role, open_consultation, draft_consultation):
    person = as_role(role)
    response = client.post(
        consultation_url("follow", open_consultation), {"action": "follow"}
    )
    assert_done_by(
        person,
        response,
        Follow.objects.filter(consultation=open_consultation),
        by="user",
    )
    draft = client.post(
        consultation_url("follow", draft_consultation), {"action": "follow"}
    )
    if role not in MANAGERS:
        assert draft.status_code in (302, 404)
        assert not Follow.objects.filter(consultation=draft_consultation).exists()


# Actions on an event
# ------------------------------------------------------------------------------


def event_url(name: str, event) -> str:
    return reverse(f"consultations:event_{name}", kwargs={"slug": event.slug})


@pytest.mark.parametrize("role", ROLES)
def test_register_and_cancel(client, as_role, role, published_event):
    person = as_role(role)
    response = client.post(event_url("register", published_event), {})
    if role == "anonymous":
        assert is_login_redirect(response)
        assert not Registration.objects.exists()
        assert is_login_redirect(
            client.post(event_url("cancel_registration", published_event))
        )
        return
    assert response.status_code == 302
    registration = Registration.objects.get(event=published_event, user=person)
    assert registration.status == Registration.Status.CONFIRMED
    client.post(event_url("cancel_registration", published_event))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


@pytest.mark.parametrize("role", SIGNED_IN)
def test_cancelling_touches_only_ones_own_registration(
    client, as_role, role, published_event
):
    as_role(role)
    other = RegistrationFactory(event=published_event)
    client.post(event_url("cancel_registration", published_event))
    other.refresh_from_db()
    assert other.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize("role", ROLES)
def test_ask_to_speak_and_withdraw(client, as_role, role, published_event):
    person = as_role(role)
    if person is not None:
        RegistrationFactory(event=published_event, user=person)
    response = client.post(
        event_url("speak", published_event), {"topic": "Saúde na regional Norte"}
    )
    if role == "anonymous":
        assert is_login_redirect(response)
        assert not SpeakerRequest.objects.exists()
        return
    request = SpeakerRequest.objects.get(event=published_event, user=person)
    client.post(event_url("speak", published_event), {"action": "withdraw"})
    request.refresh_from_db()
    assert request.withdrawn_at is not None


@pytest.mark.parametrize("role", ROLES)
def test_event_contribution(client, as_role, role, published_event):
    person = as_role(role)
    response = client.post(
        event_url("contribute", published_event), {"text": "Mais ônibus à noite."}
    )
    created = Contribution.objects.filter(event=published_event)
    assert_done_by(person, response, created)


@pytest.mark.parametrize("role", ROLES)
def test_nobody_acts_on_a_draft_event(client, as_role, role, draft_event):
    as_role(role)
    for name, data in (
        ("register", {}),
        ("speak", {"topic": "Antes da hora"}),
        ("contribute", {"text": "Antes da hora."}),
    ):
        response = client.post(event_url(name, draft_event), data)
        if role == "anonymous":
            assert is_login_redirect(response), name
        elif role not in MANAGERS:
            assert response.status_code == 404, name
    assert not Registration.objects.filter(event=draft_event).exists()
    assert not SpeakerRequest.objects.filter(event=draft_event).exists()
    assert not Contribution.objects.filter(event=draft_event).exists()


# Downloads
# ------------------------------------------------------------------------------

REPORT_FILES = ["report", "report_csv", "report_pdf"]


@pytest.mark.parametrize("role", ROLES)
def test_report_before_publication_is_a_private_preview_for_managers(
    client, as_role, role
):
    closed = consultation_with_text(S.CLOSED)
    ContributionFactory(consultation=closed, answer="accepted", answer_text="Ok.")
    as_role(role)
    for name in REPORT_FILES:
        response = client.get(consultation_url(name, closed))
        if role in MANAGERS:
            assert response.status_code == 200, name
            assert is_private(response), name
        else:
            assert response.status_code == 404, name


@pytest.mark.parametrize("role", ROLES)
def test_published_report_is_public(client, as_role, role):
    answered = consultation_with_text(S.ANSWERED)
    ContributionFactory(consultation=answered, answer="accepted", answer_text="Ok.")
    as_role(role)
    for name in REPORT_FILES:
        response = client.get(consultation_url(name, answered))
        assert response.status_code == 200, name
        assert not is_private(response), name


@pytest.fixture
def documents(open_consultation, draft_consultation):
    """A document of a public consultation and one of a draft."""
    staff = make_person("staff")
    public = services.consultation_document_add(
        consultation=open_consultation,
        title="Minuta completa",
        file=SimpleUploadedFile("minuta.pdf", MINIMAL_PDF),
        by=staff,
    )
    draft = draft_consultation.documents.create(
        title="Estudo interno", file=public.file.name
    )
    return public, draft


def document_url(document) -> str:
    return reverse(
        "consultations:document",
        kwargs={"slug": document.consultation.slug, "pk": document.pk},
    )


@pytest.mark.parametrize("role", ROLES)
def test_documents(client, as_role, role, documents):
    public, draft = documents
    as_role(role)
    response = client.get(document_url(public))
    assert response.status_code == 200
    assert not is_private(response)
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    response = client.get(document_url(draft))
    if role in MANAGERS:
        assert response.status_code == 200
        assert is_private(response)
    else:
        assert response.status_code == 404


def test_a_document_is_reached_only_through_its_own_consultation(
    client, documents, open_consultation
):
    _public, draft = documents
    url = reverse(
        "consultations:document",
        kwargs={"slug": open_consultation.slug, "pk": draft.pk},
    )
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_calendar_files_hold_only_published_events(
    client, as_role, role, published_event, draft_event
):
    as_role(role)
    response = client.get(event_url("ics", published_event))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    # Drafts never reach anyone's calendar, not even as a manager's preview.
    assert client.get(event_url("ics", draft_event)).status_code == 404
    feed = client.get(reverse("consultations:agenda_ics")).content.decode()
    assert published_event.title in feed
    assert draft_event.title not in feed
