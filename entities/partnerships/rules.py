"""Who may do what with chamamentos and partnerships (django-rules).

Roles:
- SRSC staff hold `partnerships.manage_partnerships` (group "Equipe SRSC");
- representatives of an entity see and act on its proposals, partnerships,
  accounts and private documents, and no other entity's;
- a member of a selection committee scores the proposals of that call;
- the gestor and the comissão de monitoramento of a partnership follow it;
- the secretariat of a council named as selecting or monitoring body of a
  call or partnership sees it (art. 27 §1, art. 59 §2).
"""

from __future__ import annotations

import rules

from civic.permissions import holds

is_manager = holds("partnerships.manage_partnerships")


def represented_entities(user) -> frozenset[int]:
    """Ids of the entities the person represents (cached on the user)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, "_represented_entities", None)
    if cached is None:
        cached = frozenset(user.representations.values_list("entity_id", flat=True))
        user._represented_entities = cached
    return cached


def _council_secretariats(user) -> frozenset[int]:
    from councils.rules import secretariats_of

    return secretariats_of(user)


def partnership_of(obj):
    """The partnership behind an object of its execution (None otherwise)."""
    from .models import Partnership

    for _hop in range(3):
        if obj is None or isinstance(obj, Partnership):
            return obj
        for attribute in ("partnership", "accountability"):
            if hasattr(obj, f"{attribute}_id"):
                obj = getattr(obj, attribute)
                break
        else:
            return None
    return obj if isinstance(obj, Partnership) else None


def call_of(obj):
    from .models import Call

    for _hop in range(3):
        if obj is None or isinstance(obj, Call):
            return obj
        for attribute in ("call", "proposal"):
            if hasattr(obj, f"{attribute}_id"):
                obj = getattr(obj, attribute)
                break
        else:
            return None
    return obj if isinstance(obj, Call) else None


@rules.predicate
def represents_entity(user, obj=None) -> bool:
    """Represents the entity of the proposal, partnership, accounts or sanction."""
    if obj is None:
        return bool(represented_entities(user))
    entity_id = getattr(obj, "entity_id", None)
    if entity_id is None:
        target = partnership_of(obj)
        if target is None and hasattr(obj, "proposal_id"):
            target = obj.proposal
        entity_id = getattr(target, "entity_id", None)
    return entity_id is not None and entity_id in represented_entities(user)


@rules.predicate
def is_gestor_or_monitor(user, obj=None) -> bool:
    if not (user and user.is_authenticated):
        return False
    partnership = partnership_of(obj)
    if partnership is None:
        return False
    if partnership.gestor_id == user.pk:
        return True
    return partnership.monitoring_committee.filter(pk=user.pk).exists()


@rules.predicate
def is_committee_member(user, obj=None) -> bool:
    if not (user and user.is_authenticated):
        return False
    call = call_of(obj)
    if call is None:
        return False
    return call.committee.filter(user=user).exists()


@rules.predicate
def is_council_secretary(user, obj=None) -> bool:
    """Secretary of the council named on the call or partnership."""
    target = partnership_of(obj) or call_of(obj)
    council_id = getattr(target, "council_id", None)
    return council_id is not None and council_id in _council_secretariats(user)


follows_partnership = is_manager | is_gestor_or_monitor | is_council_secretary
