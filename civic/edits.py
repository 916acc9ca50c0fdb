"""Editing an object a view loaded earlier, without losing what others wrote.

A view or an admin form holds a copy of a row from the start of the request.
Saving that copy writes every column back, so a status a reviewer changed
meanwhile is undone (a lost update). Services instead reload the row under a
lock in their transaction (`lock_for_change`), ask the permission again about
what is stored now, copy what the form edits (`form_values`) and save only the
fields that changed (`save_changes`), which also returns them, before and
after, for the history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models
from django.db.models.fields.files import FieldFile


def lock_for_change(model: type[models.Model], pk, *, actor, permission: str):
    """Reload a row under a lock inside the current transaction and ask the
    permission again about what is stored now, not about the copy a view
    loaded before (a reviewer may have suspended it since). Save what you
    locked, with `save_changes()`."""
    obj = model._default_manager.select_for_update().get(pk=pk)
    if actor is not None and not actor.has_perm(permission, obj):
        raise PermissionDenied
    return obj


def form_values(instance: models.Model, fields: Iterable[str] | None = None) -> dict:
    """The values of the editable concrete fields of an object a form filled in
    (all of them, or `fields`), to copy onto the locked row with `save_changes()`."""
    names = set(fields) if fields is not None else None
    return {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.editable
        and not f.primary_key
        and not getattr(f, "auto_now", False)
        and (names is None or f.name in names)
    }


def plain_value(obj: models.Model, name: str):
    """A field's value as history can store it (a key for a relation, a file's name)."""
    value = obj._meta.get_field(name).value_from_object(obj)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def save_changes(
    obj: models.Model,
    values: Mapping[str, Any],
    *,
    validate: Callable[[models.Model], None] | None = None,
) -> dict[str, list]:
    """Set `values` on a locked object and save only the fields whose value
    changed (and `updated_at`), so a column someone else wrote meanwhile (a
    status, a counter) is never written back. `validate(obj)` runs before the
    save. Returns {field: [before, after]}."""
    changes: dict[str, list] = {}
    for key, value in values.items():
        name = obj._meta.get_field(key).name
        before = plain_value(obj, name)
        setattr(obj, key, value)
        after = plain_value(obj, name)
        if isinstance(getattr(obj, name, None), FieldFile):
            # A new upload may carry the old file's name; it is still a change.
            changed = not getattr(obj, name)._committed or before != after
        else:
            changed = before != after
        if changed:
            changes[name] = [before, after]
    if validate is not None:
        validate(obj)
    if changes:
        update_fields = list(changes)
        if _has_field(obj, "updated_at"):
            update_fields.append("updated_at")
        obj.save(update_fields=update_fields)
        for name, pair in changes.items():
            pair[1] = plain_value(obj, name)  # the stored file's final name
    return changes


def _has_field(obj, name: str) -> bool:
    try:
        obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True
