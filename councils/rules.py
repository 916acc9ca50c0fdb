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
