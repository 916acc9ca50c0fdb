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


# -- Chamamento público (area "pcall") ------------------------------------------


@rules.predicate
def is_public_call(user, obj=None) -> bool:
    """The call left the drafts: its edital and results are public."""
    call = call_of(obj)
    return call is not None and call.status != "draft"


@rules.predicate
def is_draft_call(user, obj=None) -> bool:
    call = call_of(obj)
    return call is not None and call.status == "draft"


@rules.predicate
def is_signed_in(user, obj=None) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_some_council_secretary(user, obj=None) -> bool:
    """Without an object (the admin list): runs the secretariat of a council,
    so it may list the calls of its councils."""
    return obj is None and bool(_council_secretariats(user))


sees_call = is_manager | is_council_secretary
sees_proposal = (
    is_manager | represents_entity | is_committee_member | (is_council_secretary)
)

# The public site and the admin listing.
rules.add_perm("partnerships.view_public_call", is_public_call | sees_call)
rules.add_perm("partnerships.view_call", sees_call | is_some_council_secretary)
rules.add_perm("partnerships.add_call", is_manager)
rules.add_perm("partnerships.change_call", is_manager & is_draft_call)
rules.add_perm("partnerships.delete_call", is_manager & is_draft_call)
# The workflow's actions: `partnerships.<action>_call`.
for _action in (
    "publish",
    "close_proposals",
    "declare_deserted",
    "publish_preliminary",
    "homologate",
    "conclude",
    "revoke",
):
    rules.add_perm(f"partnerships.{_action}_call", is_manager)
rules.add_perm("partnerships.manage_committee_call", is_manager)
rules.add_perm("partnerships.habilitate_call", is_manager)
# Proposals and their private documents.
rules.add_perm("partnerships.view_proposal", sees_proposal)
rules.add_perm("partnerships.view_proposaldocument", sees_proposal)
rules.add_perm("partnerships.change_proposal", represents_entity)
rules.add_perm("partnerships.score_proposal", is_committee_member)
rules.add_perm("partnerships.serve_on_committee", is_committee_member)
# Appeals: the proposal's representatives file, staff decide.
rules.add_perm("partnerships.add_appeal", represents_entity)
rules.add_perm("partnerships.view_appeal", sees_call)
rules.add_perm("partnerships.decide_appeal", is_manager)
# PMIS: anyone signed in proposes; staff decide.
rules.add_perm("partnerships.propose_interestmanifestation", is_signed_in)
rules.add_perm("partnerships.view_interestmanifestation", is_manager)
rules.add_perm("partnerships.decide_interestmanifestation", is_manager)
# Dispensa, inexigibilidade and emendas parlamentares (arts. 29–32).
rules.add_perm("partnerships.register_exception", is_manager)
# -- Execution, accountability and sanctions (pexec) ---------------------------


@rules.predicate
def is_gestor(user, obj=None) -> bool:
    """The designated gestor of the partnership behind the object."""
    partnership = partnership_of(obj)
    return bool(
        partnership is not None
        and user
        and user.is_authenticated
        and partnership.gestor_id == user.pk
    )


@rules.predicate
def is_planning(user, obj=None) -> bool:
    """In celebração (asked without an object: the admin area itself)."""
    if obj is None:
        return True
    partnership = partnership_of(obj)
    return partnership is not None and partnership.status == "planning"


# Who sees a partnership's private side (documents, accounts, monitoring):
# the entity's representatives, staff, the gestor and the comissão, and the
# secretariat of the council named on it (art. 59 §2).
sees_partnership = follows_partnership | represents_entity

for _action in ("sign", "publish_extract", "end_validity", "rescind", "close"):
    rules.add_perm(f"partnerships.{_action}_partnership", is_manager)
rules.add_perm("partnerships.notify_rescission_partnership", is_manager)
rules.add_perm("partnerships.view_private_partnership", sees_partnership)
# Admin viewset actions on the partnership (RulesPermissionPolicy).
# Item 7: the council named on the partnership follows it, read-only, in the
# admin (without an object: the list, filtered to its councils).
rules.add_perm(
    "partnerships.view_partnership",
    is_manager | is_council_secretary | is_some_council_secretary,
)
rules.add_perm("partnerships.add_partnership", is_manager)
rules.add_perm("partnerships.change_partnership", is_manager & is_planning)
rules.add_perm("partnerships.delete_partnership", is_manager & is_planning)
# Parcelas (art. 48) and changes (arts. 55, 57).
rules.add_perm("partnerships.release_installment", is_manager)
rules.add_perm("partnerships.retain_installment", is_manager)
rules.add_perm("partnerships.request_change", represents_entity)
rules.add_perm("partnerships.decide_change", is_manager)
# Monitoring (art. 58, 59): the comissão and the gestor, and staff.
rules.add_perm("partnerships.record_monitoring", is_manager | is_gestor_or_monitor)
rules.add_perm("partnerships.homologate_monitoring", is_manager | is_gestor_or_monitor)
# Accounts (arts. 63-72): the entity presents and answers; staff analyse.
rules.add_perm("partnerships.view_accountability", is_manager)
rules.add_perm("partnerships.present_accountability", represents_entity)
rules.add_perm("partnerships.extend_due_accountability", is_manager)
rules.add_perm("partnerships.extend_analysis_accountability", is_manager)
rules.add_perm("partnerships.diligence_accountability", is_manager)
rules.add_perm("partnerships.answer_accountability", represents_entity)
rules.add_perm("partnerships.extend_diligence_accountability", is_manager)
for _action in ("approve", "approve_with_caveats", "reject"):
    rules.add_perm(f"partnerships.{_action}_accountability", is_manager)
# Sanctions (art. 73): prior defence by the entity; staff decide.
rules.add_perm("partnerships.view_sanction", is_manager)
rules.add_perm("partnerships.add_sanction", is_manager)
rules.add_perm("partnerships.defend_sanction", represents_entity)
for _action in ("apply", "dismiss", "lift"):
    rules.add_perm(f"partnerships.{_action}_sanction", is_manager)
# A sanction file: staff, the entity's representatives and the partnership's gestor.
rules.add_perm(
    "partnerships.see_sanction", is_manager | represents_entity | is_gestor_or_monitor
)


# -- Public transparency (area "ptransp") -----------------------------------------

# The listing and the partnership pages are public (404 before signature).
# Reports of irregularities (art. 12) are "Fale com a SRSC" demands: the
# dialogue's rules (`civic/dialogue/rules.py`) decide who sees them.
