"""Who may do what with consultations, events and contributions (django-rules).

Views, templates, services and the admin all ask `user.has_perm(perm, obj)`.
"""

import rules

from civic.accounts.rules import MODERATION_GROUP, is_active_user

from .models import Consultation, Contribution, Event


@rules.predicate
def is_manager(user) -> bool:
    """SRSC staff who run consultations and events (`consultations.manage_participation`)."""
    return user.has_perm("consultations.manage_participation")


@rules.predicate
def is_moderator(user) -> bool:
    """Moderators (group Moderação) and staff who run participation."""
    if not user.is_authenticated:
        return False
    if user.has_perm("consultations.manage_participation"):
        return True
    cached = getattr(user, "_is_moderator", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATION_GROUP).exists()
        user._is_moderator = cached
    return cached


@rules.predicate
def consultation_is_open(user, consultation) -> bool:
    return consultation is not None and consultation.status == Consultation.Status.OPEN


@rules.predicate
def consultation_is_public(user, consultation) -> bool:
    return consultation is not None and consultation.status != Consultation.Status.DRAFT


@rules.predicate
def event_is_public(user, event) -> bool:
    return event is not None and event.status != Event.Status.DRAFT


@rules.predicate
def event_accepts_registrations(user, event) -> bool:
    return event is not None and event.accepts_registrations


@rules.predicate
def is_contribution_author(user, contribution) -> bool:
    return (
        contribution is not None
        and user.is_authenticated
        and contribution.author_id == user.pk
    )


@rules.predicate
def contribution_is_visible(user, contribution) -> bool:
    return (
        contribution is not None
        and contribution.moderation == Contribution.Moderation.PUBLISHED
    )


manager = is_active_user & is_manager
moderator = is_active_user & is_moderator

rules.add_perm("consultations.view_consultation", consultation_is_public | manager)
rules.add_perm("consultations.contribute", is_active_user & consultation_is_open)
rules.add_perm(
    "consultations.support_contribution",
    is_active_user & contribution_is_visible & ~is_contribution_author,
)
rules.add_perm(
    "consultations.report_contribution", is_active_user & ~is_contribution_author
)
rules.add_perm("consultations.moderate_contribution", moderator)
rules.add_perm("consultations.answer_contribution", manager)
rules.add_perm("consultations.manage_consultation", manager)

rules.add_perm("consultations.view_event", event_is_public | manager)
rules.add_perm(
    "consultations.register_for_event", is_active_user & event_accepts_registrations
)
rules.add_perm(
    "consultations.request_to_speak", is_active_user & event_accepts_registrations
)
rules.add_perm("consultations.manage_event", manager)

rules.add_perm("consultations.follow", is_active_user)
