"""Who may do what with the demands of "Fale com a SRSC" (django-rules).

Roles:
- the SRSC team holds `dialogue.manage_dialogue` (group "Equipe SRSC"): sees
  every demand and takes every staff action;
- staff of a body (`BodyMember`) see the demands forwarded to their body and
  write internal notes on them, and see no other demand;
- the requester, and the representatives of the entity the demand was made on
  behalf of, follow it, answer questions and reopen it once;
- whoever holds the secret code of an anonymous denúncia follows it the same
  way (the follow-up view puts the verified demands on `user.dialogue_codes`).

Nobody reads internal notes but staff; a denúncia about an entity is never
shown to that entity's representatives (only `on_behalf_of` counts).
"""

from __future__ import annotations

import rules

from civic.permissions import holds

is_team = holds("dialogue.manage_dialogue")


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def bodies_of(user) -> frozenset[int]:
    """Ids of the bodies the person works for (memoised on the user)."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_dialogue_bodies", None)
    if cached is None:
        cached = frozenset(user.dialogue_bodies.values_list("body_id", flat=True))
        user._dialogue_bodies = cached
    return cached


def entities_of(user) -> frozenset[int]:
    """Ids of the entities the person represents (memoised on the user)."""
    if not _active(user):
        return frozenset()
    cached = getattr(user, "_dialogue_entities", None)
    if cached is None:
        cached = frozenset(user.representations.values_list("entity_id", flat=True))
        user._dialogue_entities = cached
    return cached


def demand_of(obj):
    """The demand itself, or the demand of a message or an attachment."""
    return getattr(obj, "demand", obj)


@rules.predicate
def is_body_member(user, obj=None) -> bool:
    """Works for the body the demand is forwarded to."""
    demand = demand_of(obj)
    body_id = getattr(demand, "forwarded_to_id", None)
    return body_id is not None and body_id in bodies_of(user)


@rules.predicate
def is_some_body_member(user, obj=None) -> bool:
    """Without an object (the admin listing): works for some body."""
    return obj is None and bool(bodies_of(user))


@rules.predicate
def is_requester(user, obj=None) -> bool:
    demand = demand_of(obj)
    requester_id = getattr(demand, "requester_id", None)
    return _active(user) and requester_id is not None and requester_id == user.pk


@rules.predicate
def speaks_for_entity(user, obj=None) -> bool:
    """Represents the entity the demand was made on behalf of."""
    demand = demand_of(obj)
    entity_id = getattr(demand, "on_behalf_of_id", None)
    return entity_id is not None and entity_id in entities_of(user)


@rules.predicate
def holds_code(user, obj=None) -> bool:
    """Gave the protocol and secret code of this anonymous demand."""
    demand = demand_of(obj)
    if demand is None or getattr(demand, "requester_id", 1) is not None:
        return False
    return demand.pk in getattr(user, "dialogue_codes", ())


@rules.predicate
def is_public_attachment(user, obj=None) -> bool:
    """An attachment the requester may see (not one of an internal note)."""
    return obj is not None and not obj.is_internal


requester_side = is_requester | speaks_for_entity | holds_code
staff_side = is_team | is_body_member

rules.add_perm(
    "dialogue.view_demand", staff_side | requester_side | is_some_body_member
)
# The requester's pages (the thread without internal notes); staff use the admin.
rules.add_perm("dialogue.follow_demand", requester_side)
rules.add_perm("dialogue.view_internal_demand", staff_side)
# The workflow's actions: `dialogue.<action>_demand`.
for _action in ("assign", "forward", "ask", "answer", "close", "extend"):
    rules.add_perm(f"dialogue.{_action}_demand", is_team)
rules.add_perm("dialogue.note_demand", staff_side)
rules.add_perm("dialogue.reply_demand", requester_side)
rules.add_perm("dialogue.reopen_demand", requester_side)
rules.add_perm(
    "dialogue.view_demandattachment",
    staff_side | (requester_side & is_public_attachment),
)
# Who works for which body: the SRSC team keeps the list.
for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"dialogue.{_action}_bodymember", is_team)

# The relationship history of an entity (issue 13, item 2): the SRSC team and
# the entity registry's reviewers keep it; representatives see only the
# ofícios addressed to their entity (never internal notes) and their demands.
is_relationship_staff = is_team | holds("entities.review_entity")


@rules.predicate
def represents_entity(user, obj=None) -> bool:
    """Represents the entity (or the entity of a contact)."""
    entity_id = getattr(obj, "entity_id", None) or getattr(obj, "pk", None)
    return entity_id is not None and entity_id in entities_of(user)


@rules.predicate
def is_shared_contact(user, obj=None) -> bool:
    return obj is not None and obj.shared_with_entity and obj.is_oficio


rules.add_perm("dialogue.view_timeline", is_relationship_staff)
for _model in ("contact", "followup"):
    for _action in ("view", "add", "change"):
        rules.add_perm(f"dialogue.{_action}_{_model}", is_relationship_staff)
rules.add_perm("dialogue.delete_contact", is_team)
rules.add_perm("dialogue.delete_followup", is_team)
rules.add_perm("dialogue.complete_followup", is_relationship_staff)
# The representatives' page `/minhas-entidades/<pk>/relacionamento/` (with an
# entity) and the download of a contact's document (with the contact).
rules.add_perm("dialogue.view_relationship", represents_entity | is_relationship_staff)
rules.add_perm(
    "dialogue.download_contact",
    is_relationship_staff | (represents_entity & is_shared_contact),
)
# The service desk's rules (acting for a person) live with the desk.
from .assisted import rules as _assisted_rules  # noqa: E402, F401
