"""Contributions in the Wagtail admin: the list staff answer from
("Contribuições e devolutivas"), the moderation queue ("Moderação"), and one
contribution's page with the devolutiva (staff) and moderation (moderators and
staff). Contributions to consultations and to events alike.

URL namespaces `consultations_contributions` and `consultations_moderation`
are linked from other pages and notifications; keep them stable. Nothing is
created, edited or deleted here: each decision goes through its service.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from civic.viewsets import DecisionPageView, ReadOnlyViewSetMixin
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import services
from ..forms.admin_consultations import AnswerForm, ModerationForm
from ..models import Contribution
from ..selectors.staff import (
    contribution_details,
    contribution_for_staff,
    contributions_for_staff,
    moderation_queue,
    next_unanswered,
)
from ..services.contributions import answer_window_error
from .common import contributions_list_url
from .contribution_filters import ContributionFilterSet, QueueFilterSet

C = Contribution
EDIT_URL_NAMES = {
    "consultation": "consultations_admin:edit",
    "event": "consultations_events:edit",
}


class ContributionIndexView(IndexView):
    """Contributions to consultations and events, newest first, with what staff
    act on."""

    page_title = gettext_lazy("Contribuições")
    any_permission_required = ["answer"]
    arrival_order = ("-created_at", "-pk")

    def get_base_queryset(self):
        return contributions_for_staff()

    def order_queryset(self, queryset):
        if self.ordering:
            return super().order_queryset(queryset)
        return queryset.order_by(*self.arrival_order)


class ModerationQueueIndexView(ContributionIndexView):
    """Waiting for a moderator, the oldest first."""

    page_title = gettext_lazy("Fila de moderação")
    any_permission_required = ["moderate"]
    arrival_order = ("created_at", "pk")

    def get_base_queryset(self):
        return moderation_queue()


def _target(contribution) -> tuple[str, int]:
    """What the contribution was made to: ("consultation", pk) or ("event", pk)."""
    if contribution.consultation_id:
        return "consultation", contribution.consultation_id
    return "event", contribution.event_id


class ContributionView(DecisionPageView):
    """One contribution: its text, author, reports and replies; the devolutiva
    (staff) and moderation (moderators and staff)."""

    template_name = "consultations/admin/contribution_inspect.html"
    page_title = gettext_lazy("Contribuição")
    any_permission_required = ["moderate", "answer"]

    def load(self, pk):
        return contribution_for_staff(pk)

    def get_page_subtitle(self):
        return str(self.object.consultation or self.object.event)

    def decide(self, request):
        action = request.POST.get("action", "")
        if action == "answer":
            form, done = AnswerForm(request.POST), _("Resposta registrada.")
        elif action in ("hide", "publish"):
            form = ModerationForm(request.POST)
            done = (
                _("Contribuição ocultada.")
                if action == "hide"
                else _("Contribuição publicada.")
            )
        else:
            messages.error(request, _("Ação desconhecida."))
            return redirect(self.inspect_url)
        if form.is_valid():
            try:
                next_url = self.apply(action, form.cleaned_data)
            except ValidationError as error:
                report_workflow_error(request, error, form=form)
            except WORKFLOW_ERRORS as error:
                # Not theirs to decide, or no longer possible: nothing to correct.
                report_workflow_error(request, error)
                return redirect(self.inspect_url)
            else:
                messages.success(request, done)
                return redirect(next_url)
        messages.error(request, _("Corrija os campos indicados."))
        forms = {"answer_form" if action == "answer" else "moderation_form": form}
        return self.render_to_response(self.get_context_data(**forms))

    def apply(self, action: str, data: dict) -> str:
        """Apply the decision; returns where to go next: after an answer, the
        next unanswered contribution of the same place (or this one again)."""
        contribution, user = self.object, self.request.user
        if action == "answer":
            services.contribution_answer(
                contribution_id=contribution.pk, by=user, **data
            )
            following = next_unanswered(contribution) or contribution.pk
            return reverse(self.inspect_url_name, args=[following])
        services.contribution_moderate(
            contribution_id=contribution.pk,
            by=user,
            action=action,
            reason=data["reason"],
        )
        return self.inspect_url

    def answer_note(self, can_answer: bool, window_error: str | None) -> str:
        """Why the devolutiva form is not on the page (empty when it is)."""
        contribution = self.object
        if can_answer:
            return ""
        if contribution.parent_id:
            return _(
                "Respostas entre participantes não recebem devolutiva: responda "
                "à contribuição original."
            )
        if window_error:
            return window_error
        if contribution.moderation == C.Moderation.PENDING:
            return _("Aprove a contribuição na moderação antes de dar a devolutiva.")
        return ""

    def target_links(self) -> dict:
        """The contributions list filtered by this consultation or event, and
        its admin edit page. Both are staff pages: only those who may answer
        (not moderators) get the links."""
        if not self.user_has_permission("answer"):
            return {"list_url": "", "target_edit_url": ""}
        key, pk = _target(self.object)
        return {
            "list_url": contributions_list_url(**{key: pk}),
            "target_edit_url": reverse(EDIT_URL_NAMES[key], args=[pk]),
        }

    def get_context_data(self, answer_form=None, moderation_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = self.object
        user = self.request.user
        window_error = (
            answer_window_error(contribution) if contribution.parent_id is None else ""
        )
        can_answer = (
            contribution.parent_id is None
            and contribution.moderation != C.Moderation.PENDING
            and user.has_perm("consultations.answer_contribution", contribution)
            and not window_error
        )
        if answer_form is None and can_answer:
            answer_form = AnswerForm(
                initial={
                    "answer": contribution.answer,
                    "answer_text": contribution.answer_text,
                }
            )
        details = contribution_details(contribution)
        context.update(
            contribution=contribution,
            target=contribution.consultation or contribution.event,
            event=contribution.event,
            citation=details.citation,
            reports=details.reports,
            replies=details.replies,
            can_answer=can_answer,
            answer_note=self.answer_note(can_answer, window_error),
            answer_form=answer_form,
            can_moderate=user.has_perm(
                "consultations.moderate_contribution", contribution
            ),
            moderation_form=moderation_form or ModerationForm(),
            action_url=self.inspect_url,
            **self.target_links(),
            parent_url=reverse(self.inspect_url_name, args=[contribution.parent_id])
            if contribution.parent_id
            else "",
        )
        return context


def _where(contribution) -> str:
    return str(contribution.consultation or contribution.event)


class BaseContributionViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    """A listing and a page per contribution (read-only: decisions are POSTs
    to that page, each through its service)."""

    model = Contribution
    inspect_view_enabled = True
    inspect_view_class = ContributionView
    list_per_page = 50
    search_fields = ["text", "proposed_text"]
    list_display = [
        "text",
        Column("where", label=gettext_lazy("Onde"), accessor=_where),
        Column("device", label=gettext_lazy("Dispositivo"), accessor="device.label"),
        Column(
            "get_position_display",
            label=gettext_lazy("Posição"),
            sort_key="position",
        ),
        StatusTagColumn(
            "get_moderation_display",
            label=gettext_lazy("Moderação"),
            sort_key="moderation",
            primary=lambda c: c.moderation == C.Moderation.PENDING,
        ),
        Column("get_answer_display", label=gettext_lazy("Resposta"), sort_key="answer"),
        Column("support_count", label=gettext_lazy("Apoios"), sort_key="support_count"),
        Column(
            "report_count", label=gettext_lazy("Denúncias"), sort_key="report_count"
        ),
        DateColumn(
            "created_at", label=gettext_lazy("Enviada em"), sort_key="created_at"
        ),
    ]


class ContributionViewSet(BaseContributionViewSet):
    """Contributions to consultations and events, to answer (staff)."""

    icon = "comment"
    menu_label = gettext_lazy("Contribuições e devolutivas")
    url_prefix = "participacao/contribuicoes"
    index_view_class = ContributionIndexView
    filterset_class = ContributionFilterSet


class ModerationQueueViewSet(BaseContributionViewSet):
    """Pending and reported contributions, for the Moderação group."""

    icon = "warning"
    menu_label = gettext_lazy("Moderação")
    url_prefix = "participacao/moderacao"
    index_view_class = ModerationQueueIndexView
    filterset_class = QueueFilterSet

    def register_admin_url_finder(self):
        # Admin links to a contribution open it under "Contribuições".
        return None


VIEWSETS = [
    ContributionViewSet("consultations_contributions"),
    ModerationQueueViewSet("consultations_moderation"),
]
