"""Display helpers of the registry's private pages (dashboard and admin)."""

from django import template

from civic.accounts.validators import format_cpf

from .. import presentation

register = template.Library()


@register.filter
def status_tag_class(entity) -> str:
    """The gov.br tag colour of an entity's registration status."""
    return presentation.STATUS_TAG.get(entity.status, "")


@register.filter
def status_help(entity) -> str:
    """What the entity's status means for its representatives."""
    return presentation.STATUS_HELP.get(entity.status, "")


@register.filter
def next_step(entity) -> str:
    """What the representatives should do next."""
    return presentation.NEXT_STEP.get(entity.status, "")


@register.filter
def history_label(event) -> str:
    """The label of a history row (a workflow action or another step)."""
    return presentation.event_label(event.action)


@register.filter
def cpf_hidden(cpf: str) -> str:
    """A board member's CPF as staff see it: the middle digits only."""
    return presentation.cpf_partially_hidden(cpf)


@register.filter
def cpf_display(cpf: str) -> str:
    """A CPF with its mask, for the entity's representatives (`view_board_cpf`)."""
    return format_cpf(cpf) if cpf else ""
