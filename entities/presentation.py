"""How the registry shows itself: status texts and colours, history labels, and
documents grouped by type. Views and template filters read these; nothing
here queries the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import notifications
from .models import Document, Entity
from .services.documents import ChecklistItem, requirements_checklist
from .services.workflow import entity_workflow

S = Entity.Status

STATUS_HELP = {
    S.DRAFT: _(
        "O cadastro ainda não foi enviado. Complete os dados e envie para análise da "
        "equipe da SRSC."
    ),
    S.SUBMITTED: _(
        "O cadastro foi enviado e aguarda a análise da equipe da SRSC. Enquanto isso, "
        "os dados não podem ser alterados."
    ),
    S.CHANGES_REQUESTED: _(
        "A equipe da SRSC pediu ajustes. Faça as correções indicadas e reenvie o cadastro."
    ),
    S.RESUBMITTED: _(
        "Os ajustes foram enviados e aguardam nova análise da equipe da SRSC."
    ),
    S.APPROVED: _(
        "O cadastro está aprovado e a entidade aparece no diretório público. Mantenha "
        "os documentos em dia e confirme os dados a cada 12 meses."
    ),
    S.REJECTED: _(
        "O cadastro foi indeferido. Veja o motivo abaixo; você pode reabri-lo como "
        "rascunho, corrigir e enviar de novo."
    ),
    S.SUSPENDED: _(
        "O cadastro está suspenso e a entidade não aparece no diretório. Veja o motivo "
        "abaixo e fale com a equipe da SRSC."
    ),
}

NEXT_STEP = {
    S.DRAFT: _("Complete o cadastro e envie para análise."),
    S.SUBMITTED: _("Aguarde a análise da equipe da SRSC."),
    S.CHANGES_REQUESTED: _("Faça os ajustes pedidos e reenvie."),
    S.RESUBMITTED: _("Aguarde a nova análise da equipe da SRSC."),
    S.APPROVED: _("Mantenha os documentos em dia."),
    S.REJECTED: _("Veja o motivo do indeferimento e reabra o cadastro."),
    S.SUSPENDED: _("Veja o motivo da suspensão e fale com a equipe da SRSC."),
}

# gov.br Design System tag colours.
STATUS_TAG = {
    S.DRAFT: "bg-gray-60",
    S.SUBMITTED: "bg-info",
    S.CHANGES_REQUESTED: "bg-warning text-gray-80",
    S.RESUBMITTED: "bg-info",
    S.APPROVED: "bg-success",
    S.REJECTED: "bg-danger",
    S.SUSPENDED: "bg-danger",
}
REGULARITY_TAG = {
    Entity.Regularity.REGULAR: "bg-success",
    Entity.Regularity.MISSING: "bg-warning text-gray-80",
    Entity.Regularity.EXPIRED: "bg-danger",
    Entity.Regularity.NOT_APPLICABLE: "bg-gray-60",
}

# Statuses in which the registration is frozen for the representatives.
_IN_REVIEW = _(
    "O cadastro está em análise pela equipe da SRSC e não pode ser alterado agora."
)
FROZEN_MESSAGES = {
    S.SUBMITTED: _IN_REVIEW,
    S.RESUBMITTED: _IN_REVIEW,
    S.SUSPENDED: _(
        "O cadastro está suspenso e não pode ser alterado. Fale com a equipe da SRSC."
    ),
}

# Labels of the history rows that are not workflow transitions.
HISTORY_LABELS = {
    "create": _("Cadastro criado"),
    "confirm_data": _("Dados confirmados"),
    "edit": _("Dados alterados"),
    "claim_approved": _("Pedido de representação aprovado"),
    "import": _("Importado"),
}
# Every label the history shows, from one place: the workflow's actions, the
# steps above, and the changes of representatives.
EVENT_LABELS = {
    **entity_workflow.action_labels,
    **HISTORY_LABELS,
    **notifications.HISTORY_LABELS,
}


def event_label(action: str) -> str:
    """The label of one history row, whatever wrote it."""
    return str(EVENT_LABELS.get(action, action))


@dataclass(frozen=True)
class DocumentSection:
    """One required document: its checklist line and the versions it replaced."""

    item: ChecklistItem
    older: list[Document]

    @property
    def type(self) -> str:
        return self.item.requirement.type.value

    @property
    def requirement(self):
        return self.item.requirement

    @property
    def label(self) -> str:
        return self.item.label

    @property
    def current(self) -> Document | None:
        return self.item.document


def document_sections(
    entity: Entity, documents: Iterable[Document]
) -> list[DocumentSection]:
    """Each required document with its state, current version and older ones;
    `documents` holds every version, newest first."""
    documents = list(documents)
    older = defaultdict(list)
    for document in documents:
        if not document.is_current:
            older[document.doc_type].append(document)
    return [
        DocumentSection(item, older[item.requirement.type.value])
        for item in requirements_checklist(entity, documents)
    ]


def cpf_partially_hidden(cpf: str) -> str:
    """Show only the middle digits of a CPF (***.456.789-**), as public bodies do."""
    if len(cpf) != 11:
        return "—" if not cpf else "***"
    return f"***.{cpf[3:6]}.{cpf[6:9]}-**"


def contact_links(entity: Entity) -> list[dict]:
    """The entity's web addresses; only http(s) ones become links."""
    return [
        {"url": url, "is_web": url.lower().startswith(("http://", "https://"))}
        for url in (entity.website, entity.instagram, entity.facebook, entity.youtube)
        if url
    ]


def checklist_counts(entity: Entity, documents: Iterable[Document]) -> dict:
    """How many required documents are missing, expiring and expired."""
    states = [item.state for item in requirements_checklist(entity, documents)]
    return {state: states.count(state) for state in ("missing", "expiring", "expired")}


def latest_review_note(entity: Entity, events):
    """The reviewers' note that explains the current status (the changes they
    asked for, or why the entity was rejected or suspended), if any."""
    return next(
        (
            event
            for event in events
            if event.action in entity_workflow.note_required
            and event.to_status == entity.status
        ),
        None,
    )
