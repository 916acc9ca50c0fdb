"""The review workflow of an entity registration, on the shared engine
(civic.workflow): the transition table, its guards and what each step changes."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civic.cache import invalidate_public_pages
from civic.workflow import Step, Workflow

from .. import notifications
from ..models import DocumentType, Entity, EntityEvent
from ..models.documents import REQUIREMENTS
from ..rules import is_representative

S = Entity.Status


class SubmissionIncomplete(ValidationError):
    """The registration lacks something required before review."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(
            [gettext("Antes de enviar, resolva o que falta:"), *self.problems],
        )


class EntityWorkflow(Workflow):
    """Draft → review → approved (listed), with changes, rejection and suspension."""

    model = Entity
    log_model = EntityEvent
    transitions = {
        (S.DRAFT, "submit"): S.SUBMITTED,
        (S.SUBMITTED, "request_changes"): S.CHANGES_REQUESTED,
        (S.RESUBMITTED, "request_changes"): S.CHANGES_REQUESTED,
        (S.CHANGES_REQUESTED, "resubmit"): S.RESUBMITTED,
        (S.SUBMITTED, "approve"): S.APPROVED,
        (S.RESUBMITTED, "approve"): S.APPROVED,
        (S.SUBMITTED, "reject"): S.REJECTED,
        (S.RESUBMITTED, "reject"): S.REJECTED,
        (S.APPROVED, "suspend"): S.SUSPENDED,
        (S.SUSPENDED, "reinstate"): S.APPROVED,
        (S.REJECTED, "reopen"): S.DRAFT,
    }
    action_labels = {
        "submit": _("Enviar para análise"),
        "resubmit": _("Reenviar para análise"),
        "request_changes": _("Solicitar ajustes"),
        "approve": _("Aprovar"),
        "reject": _("Indeferir"),
        "suspend": _("Suspender"),
        "reinstate": _("Reativar"),
        "reopen": _("Reabrir como rascunho"),
    }
    # The entity deserves to know why (Lei 9.784/1999 art. 50: reasoned
    # decisions); the dashboard shows the latest of these notes.
    note_required = frozenset({"request_changes", "reject", "suspend"})
    note_required_message = _("Escreva a justificativa desta decisão.")
    # Actions that need the registration to be complete first.
    needs_complete = frozenset({"submit", "resubmit"})
    # Who acts where, in the order the buttons show: representatives on their
    # dashboard, reviewers in the admin (the decision first, the heavier last).
    representative_actions = ("submit", "resubmit", "reopen")
    reviewer_actions = ("approve", "request_changes", "reject", "reinstate", "suspend")
    done_messages = {
        "submit": _("Cadastro enviado para análise da equipe da SRSC."),
        "resubmit": _("Cadastro reenviado para análise da equipe da SRSC."),
        "reopen": _("Cadastro reaberto como rascunho."),
        "approve": _("Cadastro de “%(entity)s” aprovado."),
        "request_changes": _(
            "Ajustes solicitados a “%(entity)s”; a entidade foi avisada."
        ),
        "reject": _("Cadastro de “%(entity)s” indeferido."),
        "suspend": _("Cadastro de “%(entity)s” suspenso."),
        "reinstate": _("Cadastro de “%(entity)s” reativado."),
    }

    def done_message(self, action: str, entity: Entity) -> str:
        """What to tell the person who took the action."""
        return str(self.done_messages[action]) % {"entity": entity.display_name}

    def has_permission(self, obj, action: str, actor) -> bool:
        """The rules decide, and nobody decides on an entity they represent
        (Lei 9.784/1999 art. 18 I), superusers included."""
        if (
            actor is not None
            and action in self.reviewer_actions
            and is_representative.test(actor, obj)
        ):
            return False
        return super().has_permission(obj, action, actor)

    def check(self, step: Step) -> None:
        if step.action in self.needs_complete:
            problems = submission_problems(step.obj)
            if problems:
                raise SubmissionIncomplete(problems)

    def apply(self, step: Step) -> None:
        if step.action in self.needs_complete:
            step.set(submitted_at=step.now)
        elif step.action == "approve":
            step.set(
                approved_at=step.now,
                data_confirmed_at=step.now,
                renewal_due_on=timezone.localdate(step.now)
                + relativedelta(months=settings.ENTITIES_RENEWAL_MONTHS),
            )
        elif step.action == "suspend":
            step.set(suspension_reason=step.note)
        elif step.action == "reinstate":
            step.set(suspension_reason="")

    def after(self, step: Step, log: EntityEvent) -> None:
        notifications.entity_event_notify(log)
        # Only approved entities are listed: a step into or out of that status
        # changes the public directory and the profile page.
        if (step.source == S.APPROVED) != (step.target == S.APPROVED):
            transaction.on_commit(invalidate_public_pages)


def submission_problems(entity: Entity) -> list[str]:
    """What must be fixed before the registration can go to review (empty if none)."""
    problems = []
    if not entity.summary.strip():
        problems.append(gettext("Descreva a missão e as atividades da entidade."))
    if not entity.areas.exists():
        problems.append(gettext("Escolha ao menos uma área de atuação."))
    if not (entity.regionais.exists() or entity.bairros.exists()):
        problems.append(
            gettext("Informe as regionais ou bairros de Betim onde a entidade atua.")
        )
    if not (entity.email or entity.phone):
        problems.append(gettext("Informe um e-mail ou telefone de contato."))
    if entity.is_osc:
        if entity.legal_nature_id is None:
            problems.append(gettext("Informe a natureza jurídica."))
        if not entity.board_members.filter(is_legal_representative=True).exists():
            problems.append(
                gettext("Informe quem é o representante legal na diretoria.")
            )
        present = set(entity.documents.current().values_list("doc_type", flat=True))
        for doc_type, requirement in REQUIREMENTS.items():
            if requirement.needed_to_submit and doc_type not in present:
                problems.append(
                    gettext("Envie o documento: %(doc)s.")
                    % {"doc": DocumentType(doc_type).label}
                )
    return problems


entity_workflow = EntityWorkflow()


def entity_transition(*, entity_id: int, action: str, actor, note: str = "") -> Entity:
    """Apply one review action under a row lock, record it, and notify on commit."""
    return entity_workflow.run(entity_id, action, actor=actor, note=note)
