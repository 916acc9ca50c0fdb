"""The representatives' dashboard: the entities a person represents, and one
entity's status, checklist, workflow actions, yearly confirmation and history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from civic.accounts.govbr.levels import require_level
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import selectors, services
from ..forms import TransitionForm
from ..models import Entity
from ..presentation import FROZEN_MESSAGES, checklist_counts, latest_review_note
from ..services import entity_workflow
from .mixins import EntityAccessMixin

S = Entity.Status


def dashboard_redirect(entity: Entity) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("entities:manage", kwargs={"pk": entity.pk}))


@method_decorator(never_cache, name="dispatch")
class MyEntitiesView(LoginRequiredMixin, TemplateView):
    """The entities the person represents, with their status and next steps."""

    template_name = "entities/manage/my_entities.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["rows"] = [
            {"entity": entity, **checklist_counts(entity, entity.current_docs)}
            for entity in selectors.entities_of_representative(user=user)
        ]
        context["pending_claims"] = selectors.pending_claims_of(user=user)
        return context


class ManageView(EntityAccessMixin, TemplateView):
    """The entity's dashboard: status, review note, checklist, actions, history."""

    template_name = "entities/manage/dashboard.html"
    history_limit = 50

    def get_entity_queryset(self):
        return selectors.entities_for_dashboard()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entity, user = self.entity, self.request.user
        events = selectors.entity_history(entity=entity, limit=self.history_limit)
        needs_problems = entity.status in (S.DRAFT, S.CHANGES_REQUESTED)
        context.update(
            is_dashboard=True,
            events=events,
            review_note=latest_review_note(entity, events),
            checklist=services.requirements_checklist(entity, entity.current_docs),
            problems=services.submission_problems(entity) if needs_problems else [],
            actions=[
                {"name": action, "label": entity_workflow.label(action)}
                for action in entity_workflow.available_actions(entity, user)
                if action in entity_workflow.representative_actions
            ],
            can_confirm=(
                entity.status == S.APPROVED
                and user.has_perm("entities.confirm_entity_data", entity)
            ),
            can_edit=user.has_perm("entities.change_entity", entity),
            frozen_message=FROZEN_MESSAGES.get(entity.status, ""),
            review_url=reverse("entities_review:inspect", args=[entity.pk])
            if user.has_perm("entities.review_entity")
            else "",
        )
        return context


# Sending the registration for review is the act GOVBR_REQUIRED_LEVELS names.
GOVBR_LEVEL_ACTIONS = frozenset({"submit", "resubmit"})


class TransitionView(EntityAccessMixin, View):
    """POST one workflow action (submit, resubmit, reopen) from the dashboard."""

    http_method_names = ["post"]

    def get_permission_required(self):
        action = self.kwargs["action"]
        if action not in entity_workflow.action_labels:
            raise Http404
        return entity_workflow.permission(action)

    def post(self, request, *args, **kwargs):
        entity, action = self.entity, self.kwargs["action"]
        if action in GOVBR_LEVEL_ACTIONS:
            # settings.GOVBR_REQUIRED_LEVELS may ask for a prata or ouro gov.br account.
            refusal = require_level(request, "entities.submit")
            if refusal is not None:
                return refusal
        form = TransitionForm(request.POST, action=action)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return dashboard_redirect(entity)
        try:
            services.entity_transition(
                entity_id=entity.pk,
                action=action,
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, entity_workflow.done_message(action, entity))
        return dashboard_redirect(entity)


class ConfirmDataView(EntityAccessMixin, View):
    """POST: the representative confirms the data is current (yearly renewal)."""

    http_method_names = ["post"]
    permission_required = "entities.confirm_entity_data"

    def post(self, request, *args, **kwargs):
        entity = self.entity
        if entity.status != S.APPROVED:
            messages.error(
                request, _("Só cadastros aprovados confirmam os dados anualmente.")
            )
            return dashboard_redirect(entity)
        try:
            entity = services.entity_confirm_data(entity=entity, by=request.user)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(
                request,
                _("Dados confirmados. A próxima confirmação vence em %(date)s.")
                % {"date": entity.renewal_due_on.strftime("%d/%m/%Y")},
            )
        return dashboard_redirect(entity)
