"""Role matrix of every admin URL of consultations, contributions, the
moderation queue, events, venues and the agenda: GET for every page, and POST
for every page that writes, for each role.

What Wagtail does with a refusal: people without admin access (anonymous,
citizens, representatives) are sent to the login page; people with admin
access but not the permission (council secretaries, and moderators outside the
moderation pages) are sent to the admin home with a message. A POST that is
refused writes nothing.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from consultations.models import (
    Consultation,
    ConsultationDocument,
    Contribution,
    Event,
    Registration,
    SpeakerRequest,
    Venue,
)
from tests.consultations.admin_support import (
    ROLES,
    action_url,
    consultation_data,
    draft,
    event_data,
    make_people,
    past_event,
    url,
    venue_data,
)
from tests.consultations.consultation_support import S, consultation_with_text
from tests.factories.consultations import (
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)
from tests.factories.entities import MINIMAL_PDF

pytestmark = pytest.mark.django_db

LOGIN, HOME, MOVED = "login", "home", "moved"
# Columns follow ROLES: anonymous, citizen, representative, council secretary,
# moderator, staff, superuser.
STAFF_ONLY = (LOGIN, LOGIN, LOGIN, HOME, HOME, 200, 200)
MODERATION = (LOGIN, LOGIN, LOGIN, HOME, 200, 200, 200)
NOBODY = (LOGIN, LOGIN, LOGIN, HOME, HOME, HOME, HOME)


@pytest.fixture
def people(user_factory):
    return make_people(user_factory)


def check(response, expected, role):
    where = response.get("Location", "")
    if expected == LOGIN:
        assert response.status_code == 302, role
        assert where.startswith(reverse("account_login")), (role, where)
    elif expected == HOME:
        assert response.status_code == 302, role
        assert where == reverse("wagtailadmin_home"), (role, where)
    elif expected == MOVED:
        assert response.status_code == 302, role
        assert where not in ("", reverse("wagtailadmin_home")), (role, where)
        assert not where.startswith(reverse("account_login")), (role, where)
    else:
        assert response.status_code == expected, (role, response.status_code)


def as_role(client, people, role):
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    return client


def consultation_url(name, *args):
    return reverse(f"consultations_admin:{name}", args=args)


def contribution_url(viewset, *args):
    name = "index" if not args else "inspect"
    return reverse(f"consultations_{viewset}:{name}", args=args)


def venue_url(name, *args):
    return reverse(f"consultations_venues:{name}", args=args)


# GET
# ------------------------------------------------------------------------------


def admin_pages():
    """Every admin page, with objects in the state the page is for."""
    drafted = consultation_with_text(S.DRAFT)
    opened = consultation_with_text(S.OPEN)
    contribution = ContributionFactory(consultation=opened)
    unpublished, published, held = draft(), EventFactory(), past_event()
    venue = VenueFactory()
    return {
        "consultations:index": (consultation_url("index"), STAFF_ONLY),
        "consultations:results": (consultation_url("index_results"), STAFF_ONLY),
        "consultations:add": (consultation_url("add"), STAFF_ONLY),
        "consultations:edit": (consultation_url("edit", opened.pk), STAFF_ONLY),
        "consultations:delete draft": (
            consultation_url("delete", drafted.pk),
            STAFF_ONLY,
        ),
        # A consultation people saw is a public record, for superusers too.
        "consultations:delete open": (consultation_url("delete", opened.pk), NOBODY),
        "consultations:history": (consultation_url("history", opened.pk), STAFF_ONLY),
        "consultations:usage": (consultation_url("usage", opened.pk), STAFF_ONLY),
        "consultations:documents": (
            consultation_url("documents", opened.pk),
            STAFF_ONLY,
        ),
        "consultations:transition": (
            consultation_url("transition", drafted.pk),
            (LOGIN, LOGIN, LOGIN, HOME, HOME, 405, 405),
        ),
        "contributions:index": (contribution_url("contributions"), STAFF_ONLY),
        "contributions:inspect": (
            contribution_url("contributions", contribution.pk),
            MODERATION,
        ),
        "moderation:index": (contribution_url("moderation"), MODERATION),
        "moderation:inspect": (
            contribution_url("moderation", contribution.pk),
            MODERATION,
        ),
        "events:index": (url("index"), STAFF_ONLY),
        "events:results": (url("index_results"), STAFF_ONLY),
        "events:add": (url("add"), STAFF_ONLY),
        "events:edit": (url("edit", published.pk), STAFF_ONLY),
        "events:delete draft": (url("delete", unpublished.pk), STAFF_ONLY),
        "events:delete published": (url("delete", published.pk), NOBODY),
        "events:history": (url("history", published.pk), STAFF_ONLY),
        "events:usage": (url("usage", published.pk), STAFF_ONLY),
        "events:publish": (action_url(unpublished, "publish"), STAFF_ONLY),
        "events:reschedule": (action_url(published, "reschedule"), STAFF_ONLY),
        "events:cancel": (action_url(published, "cancel"), STAFF_ONLY),
        "events:conclude": (action_url(held, "conclude"), STAFF_ONLY),
        # Offered only after the event: staff go back to it with the reason.
        "events:conclude too early": (
            action_url(published, "conclude"),
            (LOGIN, LOGIN, LOGIN, HOME, HOME, MOVED, MOVED),
        ),
        "events:attendance": (url("attendance", published.pk), STAFF_ONLY),
        "events:attendance print": (
            url("attendance_print", published.pk),
            STAFF_ONLY,
        ),
        "events:attendance csv": (url("attendance_csv", published.pk), STAFF_ONLY),
        "events:speakers": (url("speakers", published.pk), STAFF_ONLY),
        "events:record contribution": (
            url("record_contribution", held.pk),
            STAFF_ONLY,
        ),
        "venues:index": (venue_url("index"), STAFF_ONLY),
        "venues:results": (venue_url("index_results"), STAFF_ONLY),
        "venues:add": (venue_url("add"), STAFF_ONLY),
        "venues:edit": (venue_url("edit", venue.pk), STAFF_ONLY),
        "venues:history": (venue_url("history", venue.pk), STAFF_ONLY),
        "venues:usage": (venue_url("usage", venue.pk), STAFF_ONLY),
        # Venues are never deleted (no rule): past events keep theirs.
        "venues:delete": (venue_url("delete", venue.pk), NOBODY),
        "agenda": (reverse("consultations_agenda:index"), STAFF_ONLY),
    }


PAGE_NAMES = [
    "consultations:index",
    "consultations:results",
    "consultations:add",
    "consultations:edit",
    "consultations:delete draft",
    "consultations:delete open",
    "consultations:history",
    "consultations:usage",
    "consultations:documents",
    "consultations:transition",
    "contributions:index",
    "contributions:inspect",
    "moderation:index",
    "moderation:inspect",
    "events:index",
    "events:results",
    "events:add",
    "events:edit",
    "events:delete draft",
    "events:delete published",
    "events:history",
    "events:usage",
    "events:publish",
    "events:reschedule",
    "events:cancel",
    "events:conclude",
    "events:conclude too early",
    "events:attendance",
    "events:attendance print",
    "events:attendance csv",
    "events:speakers",
    "events:record contribution",
    "venues:index",
    "venues:results",
    "venues:add",
    "venues:edit",
    "venues:history",
    "venues:usage",
    "venues:delete",
    "agenda",
]


def test_every_admin_page_is_in_the_matrix(people):
    assert set(admin_pages()) == set(PAGE_NAMES)


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_get(client, people, page):
    address, expected = admin_pages()[page]
    for role, outcome in zip(ROLES, expected, strict=True):
        check(as_role(client, people, role).get(address), outcome, role)


def test_the_attendance_csv_is_private(client, people):
    event = EventFactory(slug="audiencia-do-plano")
    RegistrationFactory(event=event)
    client.force_login(people["staff"])
    response = client.get(url("attendance_csv", event.pk))
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        'filename="presenca-audiencia-do-plano.csv"'
        in (response["Content-Disposition"])
    )


# POST
# ------------------------------------------------------------------------------

WRITERS = frozenset({"staff", "superuser"})
MODERATORS = frozenset({"moderator", "staff", "superuser"})


def post_consultation_add():
    return (
        consultation_url("add"),
        consultation_data(title="Hortas comunitárias"),
        lambda: Consultation.objects.filter(title="Hortas comunitárias").exists(),
    )


def post_consultation_edit():
    consultation = consultation_with_text(S.DRAFT)
    data = consultation_data(title="Trocado", slug=consultation.slug)
    return (
        consultation_url("edit", consultation.pk),
        data,
        lambda: Consultation.objects.get(pk=consultation.pk).title == "Trocado",
    )


def post_consultation_delete():
    consultation = consultation_with_text(S.DRAFT)
    return (
        consultation_url("delete", consultation.pk),
        {},
        lambda: not Consultation.objects.filter(pk=consultation.pk).exists(),
    )


def post_consultation_schedule():
    consultation = consultation_with_text(S.DRAFT)
    return (
        consultation_url("transition", consultation.pk),
        {"action": "schedule"},
        lambda: Consultation.objects.get(pk=consultation.pk).status == S.SCHEDULED,
    )


def post_document():
    consultation = consultation_with_text(S.DRAFT)
    return (
        consultation_url("documents", consultation.pk),
        {"title": "Estudo", "file": SimpleUploadedFile("estudo.pdf", MINIMAL_PDF)},
        ConsultationDocument.objects.exists,
    )


def post_answer(viewset):
    def setup():
        contribution = ContributionFactory(
            consultation=consultation_with_text(S.CLOSED)
        )
        return (
            contribution_url(viewset, contribution.pk),
            {"action": "answer", "answer": "accepted", "answer_text": "Incluído."},
            lambda: Contribution.objects.get(pk=contribution.pk).answer == "accepted",
        )

    return setup


def post_hide(viewset):
    def setup():
        contribution = ContributionFactory()
        return (
            contribution_url(viewset, contribution.pk),
            {"action": "hide", "reason": "Propaganda."},
            lambda: Contribution.objects.get(pk=contribution.pk).moderation == "hidden",
        )

    return setup


def post_event_add():
    return (
        url("add"),
        event_data(title="Fórum novo"),
        lambda: Event.objects.filter(title="Fórum novo").exists(),
    )


def post_event_edit():
    event = draft()
    data = event_data(
        title="Trocado",
        slug=event.slug,
        starts_at=timezone.localtime(event.starts_at).strftime("%Y-%m-%d %H:%M"),
        ends_at=timezone.localtime(event.ends_at).strftime("%Y-%m-%d %H:%M"),
    )
    return (
        url("edit", event.pk),
        data,
        lambda: Event.objects.get(pk=event.pk).title == "Trocado",
    )


def post_event_delete():
    event = draft()
    return (
        url("delete", event.pk),
        {},
        lambda: not Event.objects.filter(pk=event.pk).exists(),
    )


def status_becomes(event, status):
    return lambda: Event.objects.get(pk=event.pk).status == status


def post_publish():
    event = draft()
    return action_url(event, "publish"), {}, status_becomes(event, "published")


def post_reschedule():
    event = EventFactory()
    start = timezone.localtime(event.starts_at) + dt.timedelta(days=7)
    data = {
        "starts_at": start.strftime("%Y-%m-%d %H:%M"),
        "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
        "reason": "Reforma.",
    }
    return (
        action_url(event, "reschedule"),
        data,
        lambda: Event.objects.get(pk=event.pk).schedule_version == 2,
    )


def post_cancel():
    event = EventFactory()
    return (
        action_url(event, "cancel"),
        {"reason": "Chuva."},
        status_becomes(event, "cancelled"),
    )


def post_conclude():
    event = past_event()
    return (
        action_url(event, "conclude"),
        {"minutes": "Ata."},
        status_becomes(event, "concluded"),
    )


def post_check_in():
    event = EventFactory(starts_at=timezone.now() + dt.timedelta(hours=1))
    registration = RegistrationFactory(event=event)
    return (
        url("attendance", event.pk),
        {"code": registration.checkin_code},
        lambda: Registration.objects.get(pk=registration.pk).attended_at is not None,
    )


def post_spoke():
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    speaker = SpeakerRequest.objects.create(
        event=event, user=registration.user, topic="Mobilidade"
    )
    return (
        url("speakers", event.pk),
        {"request": speaker.pk, "spoke": "1"},
        lambda: SpeakerRequest.objects.get(pk=speaker.pk).spoke_at is not None,
    )


def post_record_contribution():
    event = past_event()
    return (
        url("record_contribution", event.pk),
        {"channel": "oral", "text": "Pediu uma ciclovia."},
        Contribution.objects.filter(event=event).exists,
    )


def post_venue_add():
    return (
        venue_url("add"),
        venue_data(name="Ginásio novo"),
        Venue.objects.filter(name="Ginásio novo").exists,
    )


def post_venue_edit():
    venue = VenueFactory(capacity=100)
    return (
        venue_url("edit", venue.pk),
        venue_data(name=venue.name, capacity="90"),
        lambda: Venue.objects.get(pk=venue.pk).capacity == 90,
    )


def post_venue_delete():
    venue = VenueFactory()
    return (
        venue_url("delete", venue.pk),
        {},
        lambda: not Venue.objects.filter(pk=venue.pk).exists(),
    )


STAFF_WRITES = (LOGIN, LOGIN, LOGIN, HOME, HOME, MOVED, MOVED)
# The contribution page is the moderators' too; answering is not theirs, so
# they go back to the page with the reason.
ANSWER = (LOGIN, LOGIN, LOGIN, HOME, MOVED, MOVED, MOVED)
POSTS = {
    "consultations:add": (post_consultation_add, STAFF_WRITES, WRITERS),
    "consultations:edit": (post_consultation_edit, STAFF_WRITES, WRITERS),
    "consultations:delete": (post_consultation_delete, STAFF_WRITES, WRITERS),
    "consultations:schedule": (post_consultation_schedule, STAFF_WRITES, WRITERS),
    "consultations:documents": (post_document, STAFF_WRITES, WRITERS),
    "contributions:answer": (post_answer("contributions"), ANSWER, WRITERS),
    "contributions:hide": (post_hide("contributions"), ANSWER, MODERATORS),
    "moderation:answer": (post_answer("moderation"), ANSWER, WRITERS),
    "moderation:hide": (post_hide("moderation"), ANSWER, MODERATORS),
    "events:add": (post_event_add, STAFF_WRITES, WRITERS),
    "events:edit": (post_event_edit, STAFF_WRITES, WRITERS),
    "events:delete": (post_event_delete, STAFF_WRITES, WRITERS),
    "events:publish": (post_publish, STAFF_WRITES, WRITERS),
    "events:reschedule": (post_reschedule, STAFF_WRITES, WRITERS),
    "events:cancel": (post_cancel, STAFF_WRITES, WRITERS),
    "events:conclude": (post_conclude, STAFF_WRITES, WRITERS),
    "events:check-in": (post_check_in, STAFF_WRITES, WRITERS),
    "events:speakers": (post_spoke, STAFF_WRITES, WRITERS),
    "events:record contribution": (post_record_contribution, STAFF_WRITES, WRITERS),
    "venues:add": (post_venue_add, STAFF_WRITES, WRITERS),
    "venues:edit": (post_venue_edit, STAFF_WRITES, WRITERS),
    "venues:delete": (post_venue_delete, NOBODY, frozenset()),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(POSTS))
def test_post(client, people, name, role):
    setup, outcomes, writers = POSTS[name]
    address, data, written = setup()
    response = as_role(client, people, role).post(address, data)
    check(response, outcomes[ROLES.index(role)], role)
    assert written() == (role in writers)
