"""Who may do what with consultations, events and contributions (django-rules).

Views, templates, services and the Wagtail admin all ask
`user.has_perm(perm, obj)`; the admin through `civic.permissions.
RulesPermissionPolicy`, which turns its action "X" on model "m" into
`consultations.X_m`. At model level (obj=None, "may this person use this admin
area at all?") only staff who run participation pass the admin rules.

Roles: staff who run participation hold `consultations.manage_participation`
(group "Equipe SRSC"); moderators are the group "Moderação".
"""

import rules

from civic.accounts.rules import MODERATION_GROUP, is_active_user
from civic.permissions import holds

from .models import Consultation, Contribution, Event

is_manager = holds("consultations.manage_participation")


@rules.predicate
def is_moderator(user) -> bool:
    """Moderators (group Moderação) and staff who run participation."""
    if is_manager(user):
        return True
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_is_moderator", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATION_GROUP).exists()
        user._is_moderator = cached
    return cached


@rules.predicate
def is_draft(user, obj) -> bool:
    """The consultation or event is a draft; at model level (no object) the
    question is whether some draft could be, so yes."""
    return obj is None or obj.status == obj.Status.DRAFT


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
# A consultation or event people saw is a public record: only drafts go.
draft_remover = manager & is_draft

# Consultations. "open" and "close" are the clock's: no person takes them.
rules.add_perm("consultations.view_consultation", consultation_is_public | manager)
rules.add_perm("consultations.add_consultation", manager)
rules.add_perm("consultations.change_consultation", manager)
rules.add_perm("consultations.delete_consultation", draft_remover)
rules.add_perm("consultations.schedule_consultation", manager)
rules.add_perm("consultations.unschedule_consultation", manager)
rules.add_perm("consultations.publish_report_consultation", manager)
# What the services of documents, devices and contributions ask.
rules.add_perm("consultations.manage_consultation", manager)

# Contributions: nobody adds, edits or deletes one in the admin.
rules.add_perm("consultations.contribute", is_active_user & consultation_is_open)
rules.add_perm(
    "consultations.support_contribution",
    is_active_user & contribution_is_visible & ~is_contribution_author,
)
rules.add_perm(
    "consultations.report_contribution", is_active_user & ~is_contribution_author
)
rules.add_perm("consultations.view_contribution", moderator)
rules.add_perm("consultations.moderate_contribution", moderator)
# Speaker-list topics are public text too: the same moderators.
rules.add_perm("consultations.moderate_speakerrequest", moderator)
rules.add_perm("consultations.answer_contribution", manager)

# Hearings, forums and open meetings.
rules.add_perm("consultations.view_event", event_is_public | manager)
rules.add_perm("consultations.add_event", manager)
rules.add_perm("consultations.change_event", manager)
rules.add_perm("consultations.delete_event", draft_remover)
rules.add_perm("consultations.publish_event", manager)
rules.add_perm("consultations.reschedule_event", manager)
rules.add_perm("consultations.cancel_event", manager)
rules.add_perm("consultations.conclude_event", manager)
# What the registration and check-in services ask.
rules.add_perm("consultations.manage_event", manager)
rules.add_perm(
    "consultations.register_for_event", is_active_user & event_accepts_registrations
)
rules.add_perm(
    "consultations.request_to_speak", is_active_user & event_accepts_registrations
)

# Venues are never deleted: past events keep pointing at theirs.
rules.add_perm("consultations.view_venue", manager)
rules.add_perm("consultations.add_venue", manager)
rules.add_perm("consultations.change_venue", manager)

rules.add_perm("consultations.follow", is_active_user)
