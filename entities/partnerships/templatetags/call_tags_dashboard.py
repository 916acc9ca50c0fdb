"""The entity dashboard's block of chamamento proposals (an inclusion tag, so
the dashboard view stays as it is)."""

from __future__ import annotations

from django import template

from ..selectors.calls import proposals_of_entity

register = template.Library()


@register.inclusion_tag("partnerships/calls/entity_proposals.html", takes_context=True)
def entity_proposals(context, entity):
    """The entity's proposals, for its representatives and staff."""
    return {"entity": entity, "proposals": proposals_of_entity(entity)}
