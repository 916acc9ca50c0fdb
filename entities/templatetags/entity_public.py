"""Small display helpers of the public directory and profile pages."""

from django import template

from civic.accounts.validators import format_phone

from ..models import Entity

register = template.Library()

REGULARITY_TAG_CLASS = {
    Entity.Regularity.REGULAR: "bg-success",
    Entity.Regularity.MISSING: "bg-warning",
    Entity.Regularity.EXPIRED: "bg-danger",
}


@register.filter
def phone_display(value: str) -> str:
    """Stored digits as (31) 99999-9999."""
    return format_phone(value) if value else ""


@register.filter
def regularity_tag_class(entity: Entity) -> str:
    """The gov.br tag colour of an entity's regularity."""
    return REGULARITY_TAG_CLASS.get(entity.regularity, "bg-gray-60")
