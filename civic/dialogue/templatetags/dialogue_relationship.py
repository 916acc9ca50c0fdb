"""`{% entity_relationship_card entity %}`: on the entity's dashboard, a card
linking to its relationship with the SRSC (no query)."""

from django import template

register = template.Library()


@register.inclusion_tag("dialogue/includes/relationship_card.html")
def entity_relationship_card(entity):
    return {"entity": entity}


@register.inclusion_tag("dialogue/includes/timeline_link.html", takes_context=True)
def entity_timeline_link(context, entity):
    """In the entity's admin page: a link to its timeline, for relationship staff."""
    user = context["request"].user
    return {"entity": entity, "show": user.has_perm("dialogue.view_timeline")}
