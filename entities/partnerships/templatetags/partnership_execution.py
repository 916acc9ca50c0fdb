"""Pieces of the partnerships' execution shown on the registry's pages: the
sanctions in force on an entity's public record, and the entity's
partnerships on its dashboard (included there, so those views stay as they are)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..selectors import execution as selectors
from ..services.sanctions import active_blocking_sanctions

register = template.Library()


@register.inclusion_tag("partnerships/includes/entity_sanctions.html")
def entity_sanctions_in_force(entity):
    """Art. 73 II and III in force: public on the entity's registry record."""
    return {"sanctions": list(active_blocking_sanctions(entity, timezone.localdate()))}


@register.inclusion_tag("partnerships/entity/dashboard_panel.html", takes_context=True)
def entity_partnerships_panel(context, entity):
    """The entity's partnerships, deadlines and sanction files, for its dashboard."""
    partnerships = list(selectors.entity_partnerships(entity=entity))
    rows = [
        {"partnership": p, "deadlines": selectors.next_deadlines(p)}
        for p in partnerships
    ]
    return {
        "rows": rows,
        "sanctions": list(selectors.entity_open_sanctions(entity=entity)),
        "request": context.get("request"),
    }
