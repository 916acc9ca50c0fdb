"""Who may do what in the councils (django-rules).

Roles:
- SRSC staff hold `councils.manage_councils` (group "Equipe SRSC") and run
  every council;
- the executive secretariat of a council (`Council.secretaries`) runs that
  council and no other;
- conselheiros (a current mandate, titular or suplente) see their council's
  member area and member-only documents, answer convocations and justify
  absences;
- representatives of an approved entity file candidacies and vote.

Every question is asked with an object, and `council_of()` finds the council
behind any object of the app. At model level (no object: "may this person use
this admin area?") a secretary of any council passes, and the admin then lists
only the councils `councils_run_by()` the person.
"""

from __future__ import annotations

import rules
from django.db.models import QuerySet

from civic.permissions import holds

is_manager = holds("councils.manage_councils")


def council_of(obj):
    """The council an object of this app belongs to (None for None)."""
    from .models import Council

    seen = 0
    while obj is not None and not isinstance(obj, Council) and seen < 4:
        for attribute in ("council", "meeting", "election", "seat", "mandate"):
            if hasattr(obj, f"{attribute}_id") or attribute in getattr(
                obj, "__dict__", {}
            ):
                obj = getattr(obj, attribute)
                break
        else:
            return None
        seen += 1
    return obj


def secretariats_of(user) -> frozenset[int]:
    """Ids of the councils the person is a secretary of (cached on the user)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, "_council_secretariats", None)
    if cached is None:
        cached = frozenset(user.council_secretariats.values_list("pk", flat=True))
        user._council_secretariats = cached
    return cached


def memberships_of(user) -> frozenset[int]:
    """Ids of the councils where the person holds a current mandate (cached)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, "_council_memberships", None)
    if cached is None:
        cached = frozenset(
            user.council_mandates.filter(ends_on__isnull=True).values_list(
                "council_id", flat=True
            )
        )
        user._council_memberships = cached
    return cached


def councils_run_by(user) -> QuerySet:
    """The councils a person may administer: all for staff, theirs for a secretary."""
    from .models import Council

    if is_manager(user):
        return Council.objects.all()
    return Council.objects.filter(pk__in=secretariats_of(user))


@rules.predicate
def is_secretary(user, obj=None) -> bool:
    """Secretary of the object's council; at model level, of any council."""
    ids = secretariats_of(user)
    if obj is None:
        return bool(ids)
    council = council_of(obj)
    return council is not None and council.pk in ids


@rules.predicate
def is_member(user, obj=None) -> bool:
    """Holds a current mandate in the object's council (at model level: any)."""
    ids = memberships_of(user)
    if obj is None:
        return bool(ids)
    council = council_of(obj)
    return council is not None and council.pk in ids


runs_council = is_manager | is_secretary
sees_member_area = runs_council | is_member

# The admin CRUD of every model of the app: staff, and the secretariat of the
# object's council. Councils themselves are created and deleted by staff only.
_RUN_BY_SECRETARIAT = (
    "seat",
    "term",
    "mandate",
    "boardposition",
    "commission",
    "councildocument",
    "meeting",
    "agendaitem",
    "meetingdocument",
    "attendance",
    "resolution",
    "election",
    "vacancy",
    "candidacy",
)
for _model in _RUN_BY_SECRETARIAT:
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"councils.{_action}_{_model}", runs_council)

rules.add_perm("councils.view_council", runs_council)
rules.add_perm("councils.change_council", runs_council)
rules.add_perm("councils.add_council", is_manager)
rules.add_perm("councils.delete_council", is_manager)
# Who may change a council's secretariat and its regimento rules.
rules.add_perm("councils.configure_council", is_manager)
rules.add_perm("councils.view_member_area", sees_member_area)

# -- Meetings (area "cmeet"): the workflow and the secretariat's records ----
# Convening, holding, cancelling and rescheduling a meeting, its attendance,
# votes and ata, the annual calendar and the loss of a mandate are acts of the
# council's secretariat (and SRSC staff), never of another council's.
for _action in (
    "convene_meeting",
    "hold_meeting",
    "cancel_meeting",
    "reschedule_meeting",
    "draft_minutes_meeting",
    "approve_minutes_meeting",
    "publish_minutes_meeting",
    "record_attendance",
    "record_vote",
    "plan_calendar",
    "declare_loss_of_mandate",
):
    rules.add_perm(f"councils.{_action}", runs_council)

# -- member area and documents ---------------------------------------------


@rules.predicate
def meeting_is_public(user, obj=None) -> bool:
    """The object's meeting (or the meeting itself) is out of the secretariat's
    working calendar: convened, held or cancelled."""
    meeting = getattr(obj, "meeting", obj)
    return meeting is not None and meeting.is_public


@rules.predicate
def document_is_public_now(user, document=None) -> bool:
    """A meeting document anyone may read now: public ones once the meeting is
    public, "members until the meeting" ones from the meeting's start."""
    from django.utils import timezone

    if document is None or not document.meeting.is_public:
        return False
    return document.is_public_at(timezone.now())


@rules.predicate
def is_absent_person(user, attendance=None) -> bool:
    """The person whose absence the attendance row records."""
    if attendance is None or not user.is_authenticated:
        return False
    return attendance.mandate.person_id == user.pk


rules.add_perm(
    "councils.download_meetingdocument",
    runs_council | (is_member & meeting_is_public) | document_is_public_now,
)
rules.add_perm("councils.download_councildocument", rules.always_allow)
rules.add_perm("councils.justify_own_attendance", is_absent_person)


# RESOLUTIONS
# ------------------------------------------------------------------------------
@rules.predicate
def is_draft_resolution(user, resolution=None) -> bool:
    """A draft (at model level, "some resolution may be one")."""
    return resolution is None or resolution.status == "draft"


@rules.predicate
def is_public_resolution(user, resolution=None) -> bool:
    """Published or revoked: a public act with its number."""
    return resolution is not None and resolution.status in ("published", "revoked")


# Only drafts are edited or deleted: a published resolution is a public act,
# revoked (by a note or a later resolution), never changed.
rules.set_perm("councils.change_resolution", runs_council & is_draft_resolution)
rules.set_perm("councils.delete_resolution", runs_council & is_draft_resolution)
rules.add_perm("councils.publish_resolution", runs_council)
rules.add_perm("councils.revoke_resolution", runs_council)
rules.add_perm("councils.see_resolution", is_public_resolution)
# -- elections ---------------------------------------------------------------
# Staff and the council's secretariat run the phases, decide candidacies and
# appeals, and record ballots cast at the assembly. Representatives of the
# entity withdraw its candidacy, appeal a refusal and vote online.


def entities_represented_by(user) -> frozenset[int]:
    """Ids of the entities the person represents (cached on the user)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, "_represented_entities", None)
    if cached is None:
        cached = frozenset(user.representations.values_list("entity_id", flat=True))
        user._represented_entities = cached
    return cached


@rules.predicate
def represents_entity(user, obj=None) -> bool:
    """Represents the entity (an Entity, or the entity of a candidacy)."""
    if obj is None:
        return False
    entity_id = obj.entity_id if hasattr(obj, "entity_id") else obj.pk
    return entity_id in entities_represented_by(user)


@rules.predicate
def election_is_public(user, election=None) -> bool:
    """An election is public once its edital is open (drafts are not)."""
    return election is not None and election.status != "draft"


for _action in (
    "open",
    "publish_habilitation",
    "open_voting",
    "count",
    "nominate",
    "cancel",
    "record_ballot",
):
    rules.add_perm(f"councils.{_action}_election", runs_council)
for _action in ("habilitate", "refuse", "accept_appeal", "reject_appeal"):
    rules.add_perm(f"councils.{_action}_candidacy", runs_council)
for _action in ("withdraw", "appeal"):
    rules.add_perm(f"councils.{_action}_candidacy", represents_entity)
# Filing a candidacy and voting online, asked with the entity.
rules.add_perm("councils.act_for_entity", represents_entity)
rules.add_perm("councils.see_election", election_is_public | runs_council)
rules.add_perm("councils.view_ballot", runs_council)
rules.add_perm("councils.add_ballot", runs_council)
# PUBLIC PAGES (cpub) ---------------------------------------------------------
# Anyone signed in with an active account may follow a council.
from civic.accounts.rules import is_active_user  # noqa: E402

rules.add_perm("councils.follow_council", is_active_user)


# COUNCIL ADMIN (cpub) ----------------------------------------------------------
@rules.predicate
def has_no_mandates(user, obj=None) -> bool:
    """A seat or gestão nobody ever held a mandate in (history is kept)."""
    return obj is None or not obj.mandates.exists()


# Mandates are history (who held which seat when): they end, with a date and
# a reason, and are never deleted. Seats and gestões go only while unused.
rules.set_perm("councils.delete_mandate", rules.always_deny)
rules.set_perm("councils.delete_seat", runs_council & has_no_mandates)
rules.set_perm("councils.delete_term", runs_council & has_no_mandates)
rules.add_perm("councils.end_mandate", runs_council)
