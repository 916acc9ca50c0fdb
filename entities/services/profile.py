"""Registering an entity, editing its profile, and the yearly confirmation."""

from __future__ import annotations

from collections.abc import Iterable

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from civic.cache import invalidate_public_pages
from civic.edits import form_values, lock_for_change, save_changes

from .. import notifications
from ..models import BoardMember, Entity, Representative
from ..rules import forget_representations
from .documents import regularity_refresh
from .search import search_refresh
from .workflow import entity_workflow

SLUG_MAX = 100
# History action of a representative's edit of an approved (public) entity.
EDIT = "edit"


class CnpjAlreadyRegistered(Exception):
    """Another entity already holds this CNPJ (the person may claim it)."""

    def __init__(self, entity: Entity):
        self.entity = entity
        super().__init__(entity.cnpj)


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A readable, unique slug for the entity's public page."""
    base = slugify(name)[:SLUG_MAX].strip("-") or "entidade"
    candidate, n = base, 1
    taken = Entity.objects.exclude(pk=exclude_pk).filter(slug__startswith=base)
    existing = set(taken.values_list("slug", flat=True))
    while candidate in existing:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def entity_register(*, by, kind: str, cnpj: str = "", name: str, **fields) -> Entity:
    """Create a draft entity and make its author the primary representative.

    Raises CnpjAlreadyRegistered when the CNPJ is taken, even by a concurrent
    request (the unique constraint decides, not a prior lookup).
    """
    m2m = {
        k: fields.pop(k)
        for k in ("areas", "publics", "regionais", "bairros")
        if k in fields
    }
    entity = Entity(
        kind=kind, cnpj=cnpj if kind == Entity.Kind.OSC else "", name=name, **fields
    )
    if kind == Entity.Kind.COLLECTIVE:
        entity.publish_contact = fields.get("publish_contact", False)
    entity.slug = unique_slug(entity.display_name)
    try:
        with transaction.atomic():
            entity.save()
            for key, values in m2m.items():
                getattr(entity, key).set(values)
            Representative.objects.create(entity=entity, user=by, is_primary=True)
            entity_workflow.record(entity, action="create", actor=by)
            regularity_refresh(entity)
            search_refresh([entity.pk])
    except IntegrityError:
        existing = Entity.objects.filter(cnpj=entity.cnpj).exclude(cnpj="").first()
        if existing is not None:
            raise CnpjAlreadyRegistered(existing) from None
        raise
    forget_representations(by)
    return entity


def entity_update(
    *, entity: Entity, by, fields: dict, m2m: dict | None = None
) -> Entity:
    """Save profile changes made by a representative.

    The entity the view loaded may be stale (a reviewer suspended it since):
    the row is reloaded under a lock, the permission asked again, and only
    the fields that changed are written.
    """
    protected = {"status", "regularity", "source", "kind", "cnpj", "slug"}
    if protected & fields.keys():
        raise ValueError(f"entity_update cannot change {protected & fields.keys()}")
    with transaction.atomic():
        locked = lock_for_change(
            Entity, entity.pk, actor=by, permission="entities.change_entity"
        )
        changes = save_changes(
            locked, fields, validate=lambda obj: obj.full_clean(exclude=["slug"])
        )
        for key, values in (m2m or {}).items():
            relation = getattr(locked, key)
            before = sorted(relation.values_list("pk", flat=True))
            relation.set(values)
            after = sorted(relation.values_list("pk", flat=True))
            if before != after:
                changes[key] = [before, after]
        if changes:
            search_refresh([locked.pk])
            if locked.is_listed:
                # The public record changed: a history row with before and
                # after, and the reviewers are told.
                event = entity_workflow.record(
                    locked, action=EDIT, actor=by, data={"changes": changes}
                )
                notifications.approved_entity_changed(event)
                transaction.on_commit(invalidate_public_pages)
    return locked


def board_update(
    *,
    entity: Entity,
    by,
    save: Iterable[BoardMember],
    delete: Iterable[BoardMember] = (),
) -> None:
    """Save the board (diretoria) as the representatives edited it (Lei 13.019
    art. 34 VI asks for its members; the CPF stays private)."""
    save, delete = list(save), list(delete)
    if any(m.entity_id != entity.pk for m in [*save, *delete]):
        raise PermissionDenied
    with transaction.atomic():
        # The entity is locked and asked again: a suspension since the page
        # loaded refuses the edit, and two board edits take turns.
        locked = lock_for_change(
            Entity, entity.pk, actor=by, permission="entities.change_entity"
        )
        BoardMember.objects.filter(
            entity=locked, pk__in=[m.pk for m in delete if m.pk]
        ).delete()
        # Unset the legal representative before setting the new one, or the
        # one-legal-representative constraint fails halfway through a swap.
        for member in sorted(save, key=lambda m: m.is_legal_representative):
            member.full_clean()
            if member.pk is None:
                member.save()
                continue
            current = (
                BoardMember.objects.select_for_update()
                .filter(entity=locked, pk=member.pk)
                .first()
            )
            if current is not None:  # removed meanwhile: nothing to edit
                save_changes(current, form_values(member))
        if locked.is_listed:
            transaction.on_commit(invalidate_public_pages)


def entity_confirm_data(*, entity: Entity, by) -> Entity:
    """The representative confirms the data is current; due again in 12 months."""
    if not by.has_perm("entities.confirm_entity_data", entity):
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        Entity.objects.filter(pk=entity.pk).update(
            data_confirmed_at=now,
            renewal_due_on=timezone.localdate(now)
            + relativedelta(months=settings.ENTITIES_RENEWAL_MONTHS),
            updated_at=now,
        )
        entity_workflow.record(entity, action="confirm_data", actor=by, now=now)
        if entity.is_listed:
            transaction.on_commit(invalidate_public_pages)
    entity.refresh_from_db()
    return entity
