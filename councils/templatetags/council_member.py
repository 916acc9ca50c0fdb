"""`{% load council_member %}`: `user|is_council_member`, for the link to the
member area in the account menu. One query per request, cached on the user by
`memberships_of()` (which the rules share)."""

from django import template

from ..rules import memberships_of

register = template.Library()


@register.filter
def is_council_member(user) -> bool:
    """The person holds a current mandate in some council."""
    return bool(memberships_of(user))
