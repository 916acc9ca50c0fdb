"""Who is told what about a chamamento (kind CALLS). Keys are deterministic,
so a repeated step tells nobody twice."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.notifications import notify
from entities.models import Entity

from .kinds import CALLS

# The steps whose outcome the competing entities hear about.
RESULT_STEPS = {
    "publish_preliminary": (
        gettext_lazy("Resultado preliminar publicado"),
        gettext_lazy(
            "O prazo de recurso está aberto; confira as notas e a classificação."
        ),
    ),
    "homologate": (
        gettext_lazy("Resultado homologado"),
        gettext_lazy(
            "A homologação não gera direito à celebração: a entidade selecionada "
            "passa pela habilitação."
        ),
    ),
    "revoke": (gettext_lazy("Chamamento revogado ou anulado"), ""),
}


def _representatives(entity_ids) -> list[int]:
    return list(
        get_user_model()
        .objects.filter(representations__entity_id__in=list(entity_ids), is_active=True)
        .values_list("pk", flat=True)
        .distinct()
    )


def interested_representatives(call) -> list[int]:
    """Representatives of approved entities acting in the call's area (the
    registry's area with the same slug as the call's policy area), or of
    every approved entity when the call names no area."""
    entities = Entity.objects.filter(status=Entity.Status.APPROVED)
    if call.policy_area_id is not None:
        entities = entities.filter(areas__slug=call.policy_area.slug)
    return _representatives(entities.values_list("pk", flat=True))


def _tell(users, call, what: str, lines: list[str], key: str, url: str = "") -> None:
    if not users:
        return
    notify(
        users,
        CALLS.slug,
        {"title": str(call), "what": what, "lines": [line for line in lines if line]},
        key=key,
        url=url or call.get_absolute_url(),
    )


def call_changed(call, action: str, target: str) -> None:
    """The edital published: the area's entities; a result or a revocation:
    the entities that sent proposals."""
    if action == "publish":
        _tell(
            interested_representatives(call),
            call,
            _("Edital publicado"),
            [
                _("Propostas até %(end)s.")
                % {"end": call.proposals_end_at.strftime("%d/%m/%Y")},
                call.object[:300],
            ],
            key=f"call:{call.pk}:published",
        )
    elif action in RESULT_STEPS:
        what, line = RESULT_STEPS[action]
        entity_ids = call.proposals.exclude(status="draft").values_list(
            "entity_id", flat=True
        )
        _tell(
            _representatives(entity_ids),
            call,
            str(what),
            [str(line)],
            key=f"call:{call.pk}:{action}",
        )


def proposal_received(proposal) -> None:
    """Confirm the submission to the entity's other representatives."""
    users = [
        pk
        for pk in _representatives([proposal.entity_id])
        if pk != proposal.submitted_by_id
    ]
    _tell(
        users,
        proposal.call,
        _("Proposta enviada"),
        [_("A proposta de %(entity)s foi recebida.") % {"entity": proposal.entity}],
        key=f"proposal:{proposal.pk}:submitted",
    )


def appeal_decided(appeal) -> None:
    proposal = appeal.proposal
    _tell(
        _representatives([proposal.entity_id]),
        proposal.call,
        _("Recurso decidido: %(outcome)s") % {"outcome": appeal.get_outcome_display()},
        [appeal.decision[:500]],
        key=f"appeal:{appeal.pk}:decided",
    )


def habilitation_decided(proposal) -> None:
    habilitated = proposal.status == "habilitated"
    _tell(
        _representatives([proposal.entity_id]),
        proposal.call,
        _("Entidade habilitada") if habilitated else _("Entidade não habilitada"),
        [proposal.decision_note[:500]],
        key=f"proposal:{proposal.pk}:habilitation",
    )


def proposal_invited(proposal) -> None:
    _tell(
        _representatives([proposal.entity_id]),
        proposal.call,
        _("Sua proposta foi convidada para a habilitação"),
        [
            _(
                "A entidade selecionada não foi habilitada; a próxima classificada é "
                "convidada, nos termos da própria proposta (art. 28 §2)."
            )
        ],
        key=f"proposal:{proposal.pk}:invited",
    )
