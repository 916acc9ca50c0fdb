"""Role matrix of every `consultations.*` rule (consultations/rules.py), for
each role and each state of the object it is asked about: what is allowed, and
that everything else is denied.

The rules are asked as the admin's permission policy asks them
(`rules.has_perm`), so superusers get only what the rule gives them: a
published consultation stays undeletable for everyone.
"""

import datetime as dt

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from consultations.models import Consultation, Event, SpeakerRequest
from tests.consultations.admin_support import ROLES, make_people
from tests.factories import UserFactory
from tests.factories.consultations import (
    ConsultationFactory,
    ContributionFactory,
    EventFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db

CS = Consultation.Status
ES = Event.Status
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
MODERATORS = frozenset({"moderator", "staff", "superuser"})
MANAGERS = frozenset({"staff", "superuser"})
NOBODY = frozenset()


@pytest.fixture
def people(user_factory):
    return make_people(user_factory)


def consultation(status):
    return lambda person: None if status is None else ConsultationFactory(status=status)


def event(status, *, past=False):
    def build(person):
        if status is None:
            return None
        start = timezone.now() + dt.timedelta(days=-2 if past else 21)
        return EventFactory(
            status=status, starts_at=start, ends_at=start + dt.timedelta(hours=2)
        )

    return build


def contribution(moderation, *, own):
    """A contribution to an open consultation; `own` ones are written by the
    person asked about (anonymous people have none: theirs is someone else's)."""

    def build(person):
        kwargs = {"author": person} if own and person is not None else {}
        return ContributionFactory(moderation=moderation, **kwargs)

    return build


def venue(person):
    return VenueFactory()


def speaker_request(person):
    event = EventFactory(status=ES.PUBLISHED)
    author = UserFactory() if person is None else person
    return SpeakerRequest.objects.create(event=event, user=author, topic="Tema")


def model_level(person):
    return None


CONSULTATION_STATES = {s: consultation(s) for s in CS.values}
EVENT_STATES = {
    "draft": event(ES.DRAFT),
    "published": event(ES.PUBLISHED),
    "published_past": event(ES.PUBLISHED, past=True),
    "cancelled": event(ES.CANCELLED),
    "concluded": event(ES.CONCLUDED, past=True),
}
CONTRIBUTION_STATES = {
    "visible_own": contribution("published", own=True),
    "visible_other": contribution("published", own=False),
    "hidden_own": contribution("hidden", own=True),
    "hidden_other": contribution("hidden", own=False),
    "pending_other": contribution("pending", own=False),
}


def every(states, allowed):
    """The same roles for every state, and at model level (no object)."""
    return {**dict.fromkeys(states, allowed), "model": allowed}


def only(states, allowed, allowed_states, otherwise=NOBODY):
    """`allowed` for the states listed, `otherwise` for the others."""
    table = {s: allowed if s in allowed_states else otherwise for s in states}
    table.setdefault("model", otherwise)
    return table


PUBLIC_CONSULTATIONS = set(CS.values) - {CS.DRAFT}
PUBLIC_EVENTS = set(EVENT_STATES) - {"draft"}
MATRIX = {
    # consultation rules
    "consultations.view_consultation": {
        **only(CONSULTATION_STATES, EVERYONE, PUBLIC_CONSULTATIONS, MANAGERS),
        "model": MANAGERS,
    },
    "consultations.add_consultation": every(CONSULTATION_STATES, MANAGERS),
    "consultations.change_consultation": every(CONSULTATION_STATES, MANAGERS),
    "consultations.delete_consultation": {
        **only(CONSULTATION_STATES, MANAGERS, {CS.DRAFT}),
        "model": MANAGERS,
    },
    "consultations.schedule_consultation": every(CONSULTATION_STATES, MANAGERS),
    "consultations.unschedule_consultation": every(CONSULTATION_STATES, MANAGERS),
    "consultations.publish_report_consultation": every(CONSULTATION_STATES, MANAGERS),
    "consultations.manage_consultation": every(CONSULTATION_STATES, MANAGERS),
    "consultations.contribute": only(CONSULTATION_STATES, LOGGED_IN, {CS.OPEN}),
    "consultations.follow": every(CONSULTATION_STATES, LOGGED_IN),
    # contribution rules
    "consultations.support_contribution": {
        **only(CONTRIBUTION_STATES, LOGGED_IN, {"visible_other"}),
        # Nobody supports their own contribution.
        "visible_own": NOBODY,
    },
    "consultations.report_contribution": {
        **every(CONTRIBUTION_STATES, LOGGED_IN),
        "visible_own": NOBODY,
        "hidden_own": NOBODY,
    },
    "consultations.view_contribution": every(CONTRIBUTION_STATES, MODERATORS),
    "consultations.moderate_contribution": every(CONTRIBUTION_STATES, MODERATORS),
    "consultations.answer_contribution": every(CONTRIBUTION_STATES, MANAGERS),
    # event rules
    "consultations.view_event": {
        **only(EVENT_STATES, EVERYONE, PUBLIC_EVENTS, MANAGERS),
        "model": MANAGERS,
    },
    "consultations.add_event": every(EVENT_STATES, MANAGERS),
    "consultations.change_event": every(EVENT_STATES, MANAGERS),
    "consultations.delete_event": {
        **only(EVENT_STATES, MANAGERS, {"draft"}),
        "model": MANAGERS,
    },
    "consultations.publish_event": every(EVENT_STATES, MANAGERS),
    "consultations.reschedule_event": every(EVENT_STATES, MANAGERS),
    "consultations.cancel_event": every(EVENT_STATES, MANAGERS),
    "consultations.conclude_event": every(EVENT_STATES, MANAGERS),
    "consultations.manage_event": every(EVENT_STATES, MANAGERS),
    "consultations.register_for_event": only(EVENT_STATES, LOGGED_IN, {"published"}),
    "consultations.request_to_speak": only(EVENT_STATES, LOGGED_IN, {"published"}),
    # speaker-list topics are moderated like contributions
    "consultations.moderate_speakerrequest": every(["speaker_request"], MODERATORS),
    # venue rules
    "consultations.view_venue": every(["venue"], MANAGERS),
    "consultations.add_venue": every(["venue"], MANAGERS),
    "consultations.change_venue": every(["venue"], MANAGERS),
}
BUILDERS = {
    **CONSULTATION_STATES,
    **EVENT_STATES,
    **CONTRIBUTION_STATES,
    "venue": venue,
    "speaker_request": speaker_request,
    "model": model_level,
}
CASES = [(permission, state) for permission, table in MATRIX.items() for state in table]


@pytest.mark.parametrize(("permission", "state"), CASES)
def test_rule(people, permission, state):
    """Each role is allowed exactly what the matrix says, and denied the rest."""
    allowed = {}
    for role, person in people.items():
        target = BUILDERS[state](person)
        user = person or AnonymousUser()
        allowed[role] = rules.has_perm(permission, user, target)
    expected = {role: role in MATRIX[permission][state] for role in ROLES}
    assert allowed == expected


def test_the_matrix_covers_every_rule():
    names = {
        name
        for name in rules.permissions.permissions
        if name.startswith("consultations.")
    }
    assert names == set(MATRIX)


@pytest.mark.parametrize(
    "permission",
    [
        "consultations.open_consultation",
        "consultations.close_consultation",
        "consultations.delete_venue",
        "consultations.add_contribution",
        "consultations.change_contribution",
        "consultations.delete_contribution",
    ],
)
def test_actions_without_a_rule_exist_for_nobody(people, permission):
    assert not rules.perm_exists(permission)
    for person in people.values():
        assert not rules.has_perm(permission, person or AnonymousUser(), None)


def test_an_inactive_member_of_staff_is_denied(people):
    staff = people["staff"]
    staff.is_active = False
    for permission in MATRIX:
        assert not rules.has_perm(permission, staff, None), permission
