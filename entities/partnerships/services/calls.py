"""The life of a chamamento público (arts. 23–28):

    draft ──publish──▶ published ──close_proposals──▶ evaluation ──publish_preliminary──▶
    preliminary ──homologate──▶ homologated ──conclude──▶ concluded
    published ──close_proposals (no proposal)──▶ deserted
    any but concluded/revoked/deserted ──revoke (note)──▶ revoked

Deadlines are stored due dates that staff act on (the clock moves nothing):
`proposals_end_at` is set in the edital, `appeal_ends_at` when the preliminary
result is published. Every step is one `CallWorkflow.run()`: lock, table,
permission `partnerships.<action>_call`, guards, log, notify on commit.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.cache import invalidate_public_pages
from civic.workflow import Step, Workflow

from ..models import Appeal, Call, CallDocument, CallLog, Proposal
from ..notifications import calls as notifications
from . import selection

S = Call.Status
P = Proposal.Status

# The proposals a closing call takes to the committee.
IN_COMPETITION = (P.SUBMITTED,)

HOMOLOGATION_NOTICE = gettext_lazy(
    "A homologação não gera direito à celebração da parceria (Lei 13.019/2014, "
    "art. 27 §6): a entidade selecionada ainda passa pela habilitação (arts. 28, "
    "33, 34 e 39)."
)


class CallWorkflow(Workflow):
    """Staff take every step; each is the rule `partnerships.<action>_call`."""

    model = Call
    log_model = CallLog
    transitions = {
        (S.DRAFT, "publish"): S.PUBLISHED,
        (S.PUBLISHED, "close_proposals"): S.EVALUATION,
        (S.PUBLISHED, "declare_deserted"): S.DESERTED,
        (S.EVALUATION, "publish_preliminary"): S.PRELIMINARY,
        (S.PRELIMINARY, "homologate"): S.HOMOLOGATED,
        (S.HOMOLOGATED, "conclude"): S.CONCLUDED,
        (S.DRAFT, "revoke"): S.REVOKED,
        (S.PUBLISHED, "revoke"): S.REVOKED,
        (S.EVALUATION, "revoke"): S.REVOKED,
        (S.PRELIMINARY, "revoke"): S.REVOKED,
        (S.HOMOLOGATED, "revoke"): S.REVOKED,
    }
    action_labels = {
        "publish": gettext_lazy("Publicar o edital"),
        "close_proposals": gettext_lazy("Encerrar o recebimento de propostas"),
        "declare_deserted": gettext_lazy("Declarar deserto (sem propostas)"),
        "publish_preliminary": gettext_lazy("Publicar o resultado preliminar"),
        "homologate": gettext_lazy("Homologar o resultado"),
        "conclude": gettext_lazy("Concluir o chamamento"),
        "revoke": gettext_lazy("Revogar ou anular"),
    }
    # Lei 9.784/1999 art. 50: a revocation says why.
    note_required = frozenset({"revoke"})

    def in_time(self, obj, action: str, now: dt.datetime) -> bool:
        if action in ("close_proposals", "declare_deserted"):
            return obj.proposals_end_at <= now
        if action == "homologate":
            return obj.appeal_ends_at is not None and obj.appeal_ends_at <= now
        return True

    # -- guards -------------------------------------------------------------

    def check(self, step: Step) -> None:
        call = step.obj
        guard = getattr(self, f"_check_{step.action}", None)
        if guard:
            guard(call, step)

    def _check_publish(self, call: Call, step: Step) -> None:
        errors: dict[str, list[str]] = {}
        if not call.criteria.exists():
            errors.setdefault("criteria", []).append(
                _("Cadastre os critérios de seleção, com pesos (art. 24 §1, V).")
            )
        if not call.documents.filter(kind=CallDocument.Kind.EDITAL).exists():
            errors.setdefault("documents", []).append(
                _("Anexe o documento do edital antes de publicar.")
            )
        minimum = step.now + dt.timedelta(days=settings.PARTNERSHIPS_MIN_PROPOSAL_DAYS)
        if call.proposals_end_at < minimum:
            errors.setdefault("proposals_end_at", []).append(
                _(
                    "O prazo para propostas deve ser de pelo menos %(days)s dias "
                    "após a publicação (art. 26)."
                )
                % {"days": settings.PARTNERSHIPS_MIN_PROPOSAL_DAYS}
            )
        if errors:
            raise ValidationError(errors)

    def _check_close_proposals(self, call: Call, step: Step) -> None:
        self._check_close_proposals_time(call, step)
        if not call.proposals.filter(status__in=IN_COMPETITION).exists():
            raise ValidationError(
                _("Nenhuma proposta foi enviada: declare o chamamento deserto.")
            )

    def _check_close_proposals_time(self, call: Call, step: Step) -> None:
        if step.now < call.proposals_end_at:
            raise ValidationError(
                {
                    "proposals_end_at": _(
                        "O prazo para propostas ainda não terminou (até %(end)s)."
                    )
                    % {"end": _local(call.proposals_end_at)}
                }
            )

    def _check_declare_deserted(self, call: Call, step: Step) -> None:
        self._check_close_proposals_time(call, step)
        if call.proposals.filter(status__in=IN_COMPETITION).exists():
            raise ValidationError(
                _("Há propostas enviadas: encerre o recebimento e julgue-as.")
            )

    def _check_publish_preliminary(self, call: Call, step: Step) -> None:
        problems = selection.scoring_problems(call)
        if problems:
            raise ValidationError(problems)

    def _check_homologate(self, call: Call, step: Step) -> None:
        if call.appeal_ends_at is None or step.now < call.appeal_ends_at:
            raise ValidationError(
                {
                    "appeal_ends_at": _(
                        "O prazo de recurso ainda não terminou (até %(end)s)."
                    )
                    % {"end": _local(call.appeal_ends_at)}
                }
            )
        if Appeal.objects.filter(
            proposal__call=call, outcome=Appeal.Outcome.PENDING
        ).exists():
            raise ValidationError(
                _("Há recurso pendente de decisão: decida todos antes de homologar.")
            )
        if not call.proposals.filter(status=P.RANKED).exists():
            raise ValidationError(
                _(
                    "Nenhuma proposta foi classificada: não há resultado a homologar. "
                    "Revogue o chamamento com a justificativa."
                )
            )

    def _check_conclude(self, call: Call, step: Step) -> None:
        if call.proposals.filter(status=P.SELECTED).exists():
            raise ValidationError(
                _(
                    "A habilitação da entidade selecionada ainda não foi decidida "
                    "(art. 28)."
                )
            )

    # -- effects ------------------------------------------------------------

    def apply(self, step: Step) -> None:
        call = step.obj
        if step.action == "publish":
            step.set(published_at=step.now)
        elif step.action == "publish_preliminary":
            step.data["ranking"] = selection.rank_call(call)
            step.set(
                preliminary_published_at=step.now,
                appeal_ends_at=step.now
                + dt.timedelta(days=settings.PARTNERSHIPS_APPEAL_DAYS),
            )
        elif step.action == "homologate":
            top = call.proposals.filter(status=P.RANKED).order_by("rank", "pk").first()
            Proposal.objects.filter(pk=top.pk).update(status=P.SELECTED)
            step.data["selected_proposal"] = top.pk
            step.note = _join(step.note, str(HOMOLOGATION_NOTICE))
            step.set(homologated_at=step.now)

    def after(self, step: Step, log: CallLog) -> None:
        notifications.call_changed(step.obj, step.action, step.target)
        transaction.on_commit(invalidate_public_pages)


def _join(note: str, extra: str) -> str:
    return f"{note}\n\n{extra}" if note else extra


def _local(moment: dt.datetime | None) -> str:
    if moment is None:
        return "—"
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


workflow = CallWorkflow()


def call_transition(
    *,
    call_id: int,
    action: str,
    actor,
    note: str = "",
    now: dt.datetime | None = None,
) -> Call:
    """Apply one step of the chamamento under a row lock (arts. 24–27).
    Closing a call that received no proposal declares it deserted."""
    if (
        action == "close_proposals"
        and not Proposal.objects.filter(
            call_id=call_id, status__in=IN_COMPETITION
        ).exists()
    ):
        action = "declare_deserted"
    return workflow.run(call_id, action, actor=actor, note=note, now=now)
