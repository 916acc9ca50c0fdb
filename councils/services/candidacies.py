"""Candidacies of entities to an election: filing, withdrawal, the staff's
habilitation decision (a refusal says why: Lei 9.784/1999 art. 50) and the
appeal against a refusal, within the window the published list opens.

    submitted → habilitated | not_habilitated     (staff, while inscriptions run)
    habilitated ⇄ not_habilitated                 (staff, before publication)
    not_habilitated → appealed                    (the entity, until appeal_ends_at)
    appealed → habilitated | not_habilitated      (staff, with a note)
    submitted | habilitated → withdrawn           (the entity, before the voting)

The history goes to the election's log, naming the candidacy in `data`.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.workflow import Step, Workflow, refuse_duplicate

from ..models import Candidacy, Election, ElectionLog
from ..notifications import elections as notices
from .elections import eligibility_refusal, when
from .elections import workflow as election_workflow

C = Candidacy.Status
E = Election.Status
APPEAL_MAX = Candidacy._meta.get_field("appeal_text").max_length
DUPLICATE = gettext_lazy("Esta entidade já se inscreveu nesta eleição.")
# In which election states each action may be taken.
ELECTION_STATES = {
    "habilitate": (E.CANDIDACY,),
    "refuse": (E.CANDIDACY,),
    "withdraw": (E.CANDIDACY, E.HABILITATION),
    "appeal": (E.HABILITATION,),
    "accept_appeal": (E.HABILITATION,),
    "reject_appeal": (E.HABILITATION,),
}


class CandidacyWorkflow(Workflow):
    """Decisions on a candidacy; each the rule `councils.<action>_candidacy`.
    Parameters: appeal(text)."""

    model = Candidacy
    log_model = ElectionLog
    transitions = {
        (C.SUBMITTED, "habilitate"): C.HABILITATED,
        (C.SUBMITTED, "refuse"): C.NOT_HABILITATED,
        (C.NOT_HABILITATED, "habilitate"): C.HABILITATED,
        (C.HABILITATED, "refuse"): C.NOT_HABILITATED,
        (C.NOT_HABILITATED, "appeal"): C.APPEALED,
        (C.APPEALED, "accept_appeal"): C.HABILITATED,
        (C.APPEALED, "reject_appeal"): C.NOT_HABILITATED,
        (C.SUBMITTED, "withdraw"): C.WITHDRAWN,
        (C.HABILITATED, "withdraw"): C.WITHDRAWN,
    }
    action_labels = {
        "habilitate": gettext_lazy("Habilitar"),
        "refuse": gettext_lazy("Não habilitar"),
        "appeal": gettext_lazy("Recorrer"),
        "accept_appeal": gettext_lazy("Dar provimento ao recurso (habilitar)"),
        "reject_appeal": gettext_lazy("Negar o recurso (manter não habilitada)"),
        "withdraw": gettext_lazy("Desistir da candidatura"),
        # The first step, written by `record()` (no transition).
        "submit": gettext_lazy("Inscrever a candidatura"),
    }
    note_required = frozenset({"refuse", "accept_appeal", "reject_appeal"})
    note_required_message = gettext_lazy("Escreva o motivo da decisão.")

    def in_time(self, obj, action: str, now: datetime) -> bool:
        """The election is in the phase of the action (and the appeal in its window)."""
        election = obj.election
        if election.status not in ELECTION_STATES.get(action, ()):
            return False
        if action == "appeal":
            return (
                election.appeal_ends_at is not None and now <= election.appeal_ends_at
            )
        return True

    def out_of_time(self, obj, action: str) -> str:
        if action == "appeal" and obj.election.appeal_ends_at:
            return _("O prazo de recurso terminou em %(when)s.") % {
                "when": when(obj.election.appeal_ends_at)
            }
        return _("A eleição não está na fase desta ação (%(status)s).") % {
            "status": obj.election.get_status_display()
        }

    def check(self, step: Step) -> None:
        if not self.in_time(step.obj, step.action, step.now):
            raise ValidationError(self.out_of_time(step.obj, step.action))
        if step.action == "appeal":
            text = (step.params.get("text") or "").strip()
            if not text:
                raise ValidationError({"text": _("Escreva as razões do recurso.")})
            if len(text) > APPEAL_MAX:
                raise ValidationError(
                    {"text": _("Use no máximo %(n)s caracteres.") % {"n": APPEAL_MAX}}
                )
            step.params["text"] = text

    def apply(self, step: Step) -> None:
        if step.action == "appeal":
            step.set(appeal_text=step.params["text"])
        elif step.action != "withdraw":
            step.set(decision_note=step.note)

    def record(self, obj, *, action, actor, note="", data=None, now=None, **statuses):
        """The candidacy's steps go to its election's log."""
        return ElectionLog.objects.create(
            election_id=obj.election_id,
            action=f"candidacy_{action}"[:32],
            from_status=statuses.get("from_status") or obj.status,
            to_status=statuses.get("to_status") or obj.status,
            actor=actor,
            note=note,
            data={**(data or {}), "candidacy": obj.pk, "entity": obj.entity.name},
            created_at=now or timezone.now(),
        )

    def after(self, step: Step, log) -> None:
        from civic.cache import invalidate_public_pages

        if step.action in ("habilitate", "refuse", "accept_appeal", "reject_appeal"):
            notices.candidacy_decided(step.obj, log)
        transaction.on_commit(invalidate_public_pages)


candidacy_workflow = CandidacyWorkflow()


def candidacy_window_refusal(election: Election, now: datetime) -> str:
    """Why the election takes no candidacy now ("" when it does)."""
    if election.status != E.CANDIDACY:
        return _("As inscrições desta eleição não estão abertas.")
    if now < election.candidacy_starts_at:
        return _("As inscrições começam em %(when)s.") % {
            "when": when(election.candidacy_starts_at)
        }
    if now > election.candidacy_ends_at:
        return _("As inscrições terminaram em %(when)s.") % {
            "when": when(election.candidacy_ends_at)
        }
    return ""


def _check_nominees(entity, nominee, alternate) -> None:
    represented = set(entity.representatives.values_list("user_id", flat=True))
    if nominee is None or nominee.pk not in represented:
        raise ValidationError(
            {"nominee": _("Indique uma pessoa que representa a entidade.")}
        )
    if alternate is not None:
        if alternate.pk not in represented:
            raise ValidationError(
                {
                    "alternate_nominee": _(
                        "Indique como suplente uma pessoa que representa a entidade."
                    )
                }
            )
        if alternate.pk == nominee.pk:
            raise ValidationError(
                {"alternate_nominee": _("O(A) suplente deve ser outra pessoa.")}
            )


def submit_candidacy(
    election: Election,
    entity,
    segment: str,
    nominee,
    alternate_nominee=None,
    actor=None,
    *,
    now: datetime | None = None,
) -> Candidacy:
    """File the entity's candidacy in a segment (one per entity and election,
    also held by a DB constraint): by its representative, within the window,
    in a segment with vacancies, from an approved and regular entity."""
    now = now or timezone.now()
    with refuse_duplicate(DUPLICATE), transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if not actor.has_perm("councils.act_for_entity", entity):
            raise PermissionDenied
        refusal = candidacy_window_refusal(election, now)
        if refusal:
            raise ValidationError(refusal, code="closed")
        entity.refresh_from_db()
        refusal = eligibility_refusal(entity)
        if refusal:
            raise ValidationError({"entity": refusal}, code="not_eligible")
        if not election.vacancies.filter(segment=segment).exists():
            raise ValidationError(
                {"segment": _("Esta eleição não tem vagas neste segmento.")}
            )
        _check_nominees(entity, nominee, alternate_nominee)
        if Candidacy.objects.filter(election=election, entity=entity).exists():
            raise ValidationError({"entity": DUPLICATE}, code="duplicate")
        candidacy = Candidacy.objects.create(
            election=election,
            entity=entity,
            segment=segment,
            nominee=nominee,
            alternate_nominee=alternate_nominee,
            submitted_by=actor,
            submitted_at=now,
        )
        candidacy_workflow.record(
            candidacy,
            action="submit",
            actor=actor,
            now=now,
            data={"segment": segment},
        )
    return candidacy


def withdraw_candidacy(candidacy: Candidacy, actor, *, now=None) -> Candidacy:
    """The entity gives up its candidacy (before the voting)."""
    return candidacy_workflow.run(candidacy.pk, "withdraw", actor=actor, now=now)


def appeal_candidacy(candidacy: Candidacy, text: str, actor, *, now=None) -> Candidacy:
    """The entity appeals against not being habilitated, within the window."""
    return candidacy_workflow.run(
        candidacy.pk, "appeal", actor=actor, now=now, text=text
    )


def decide_candidacy(
    candidacy: Candidacy, action: str, actor, *, note: str = "", now=None
) -> Candidacy:
    """Staff habilitate or refuse a candidacy, or decide its appeal."""
    if action not in ("habilitate", "refuse", "accept_appeal", "reject_appeal"):
        raise ValueError(action)
    return candidacy_workflow.run(candidacy.pk, action, actor=actor, note=note, now=now)


__all__ = [
    "appeal_candidacy",
    "candidacy_workflow",
    "decide_candidacy",
    "election_workflow",
    "submit_candidacy",
    "withdraw_candidacy",
]
