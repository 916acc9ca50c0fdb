"""The review workflow of an entity registration: one table, one function."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.cache import invalidate_public_pages

from .. import notifications
from ..models import Entity, EntityEvent

S = Entity.Status

# (status, action) -> new status. This is the whole machine.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, "submit"): S.SUBMITTED,
    (S.SUBMITTED, "request_changes"): S.CHANGES_REQUESTED,
    (S.RESUBMITTED, "request_changes"): S.CHANGES_REQUESTED,
    (S.CHANGES_REQUESTED, "resubmit"): S.RESUBMITTED,
    (S.SUBMITTED, "approve"): S.APPROVED,
    (S.RESUBMITTED, "approve"): S.APPROVED,
    (S.SUBMITTED, "reject"): S.REJECTED,
    (S.RESUBMITTED, "reject"): S.REJECTED,
    (S.APPROVED, "suspend"): S.SUSPENDED,
    (S.SUSPENDED, "reinstate"): S.APPROVED,
    (S.REJECTED, "reopen"): S.DRAFT,
}

ACTION_LABELS = {
    "submit": _("Enviar para análise"),
    "resubmit": _("Reenviar para análise"),
    "request_changes": _("Solicitar ajustes"),
    "approve": _("Aprovar"),
    "reject": _("Indeferir"),
    "suspend": _("Suspender"),
    "reinstate": _("Reativar"),
    "reopen": _("Reabrir como rascunho"),
}

# The entity deserves to know why (Lei 9.784/1999 art. 50: reasoned decisions).
NOTE_REQUIRED = frozenset({"request_changes", "reject", "suspend"})
# Actions that need the registration to be complete first.
NEEDS_COMPLETE = frozenset({"submit", "resubmit"})


class InvalidTransition(Exception):
    """The action is not allowed from the entity's current status."""

    def __init__(self, status: str, action: str):
        self.status, self.action = status, action
        super().__init__(f"{action!r} is not allowed from {status!r}")


class SubmissionIncomplete(Exception):
    """The registration lacks something required before review."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def can_transition(entity: Entity, action: str, user) -> bool:
    """The action exists from this status and the user holds its permission."""
    return (entity.status, action) in TRANSITIONS and user.has_perm(
        f"entities.{action}_entity", entity
    )


def available_actions(entity: Entity, user) -> list[str]:
    """The workflow actions this user can take on the entity now."""
    return [
        action
        for (status, action) in TRANSITIONS
        if status == entity.status
        and user.has_perm(f"entities.{action}_entity", entity)
    ]


def entity_transition(*, entity_id: int, action: str, actor, note: str = "") -> Entity:
    """Apply one review action under a row lock, record it, and notify on commit."""
    from .profile import submission_problems

    note = (note or "").strip()
    with transaction.atomic():
        entity = Entity.objects.select_for_update().get(pk=entity_id)
        target = TRANSITIONS.get((entity.status, action))
        if target is None:
            raise InvalidTransition(entity.status, action)
        if not actor.has_perm(f"entities.{action}_entity", entity):
            raise PermissionDenied
        if action in NOTE_REQUIRED and not note:
            raise ValueError("This action needs a note explaining it.")
        if action in NEEDS_COMPLETE:
            problems = submission_problems(entity)
            if problems:
                raise SubmissionIncomplete(problems)

        now = timezone.now()
        event = EntityEvent.objects.create(
            entity=entity,
            action=action,
            from_status=entity.status,
            to_status=target,
            actor=actor,
            note=note,
            created_at=now,
        )
        was_listed = entity.is_listed
        entity.status = target
        fields = ["status", "updated_at"]
        if action in NEEDS_COMPLETE:
            entity.submitted_at = now
            fields.append("submitted_at")
        if action == "approve":
            entity.approved_at = now
            entity.data_confirmed_at = now
            entity.renewal_due_on = timezone.localdate(now) + relativedelta(
                months=settings.ENTITIES_RENEWAL_MONTHS
            )
            fields += ["approved_at", "data_confirmed_at", "renewal_due_on"]
        if action == "suspend":
            entity.suspension_reason = note
            fields.append("suspension_reason")
        if action == "reinstate":
            entity.suspension_reason = ""
            fields.append("suspension_reason")
        entity.save(update_fields=fields)

        notifications.entity_event_notify(event)
        if was_listed != entity.is_listed:
            transaction.on_commit(invalidate_public_pages)
    return entity
