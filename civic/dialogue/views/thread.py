"""A demand as its requester sees it: the text, the thread without internal
notes, the files, and the reply and reopen forms when they apply. Shared by
`/minha-conta/demandas/<protocol>/` and `/fale-conosco/acompanhar/<protocol>/`."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from civic.cache import private
from civic.downloads import stored_file_response
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms import MessageForm
from ..models import DemandAttachment
from ..selectors.demands import demand_by_protocol
from ..services.workflow import demand_transition, workflow
from .access import load_code_access

REQUESTER_ACTIONS = ("reply", "reopen")


class DemandThreadView(TemplateView):
    template_name = "dialogue/demand_detail.html"
    # Through the code (`/fale-conosco/acompanhar/`): anonymous demands only.
    follow = False

    def dispatch(self, request, *args, **kwargs):
        load_code_access(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def demand(self):
        demand = demand_by_protocol(self.kwargs["protocol"])
        if (
            demand is None
            or (self.follow and not demand.is_anonymous)
            # The rule decides for superusers too: this is the requester's page.
            or not rules.has_perm("dialogue.follow_demand", self.request.user, demand)
        ):
            raise Http404
        return demand

    def here(self):
        return redirect(self.request.path)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action not in REQUESTER_ACTIONS:
            messages.error(request, _("Ação desconhecida."))
            return self.here()
        form = MessageForm(request.POST, request.FILES, prefix=action)
        if form.is_valid():
            try:
                demand_transition(
                    demand_id=self.demand.pk,
                    action=action,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                    files=form.cleaned_data["files"],
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="note")
            else:
                messages.success(
                    request,
                    _("Mensagem enviada.")
                    if action == "reply"
                    else _("Manifestação reaberta."),
                )
                return self.here()
        return self.render_to_response(
            self.get_context_data(**{f"{action}_form": form})
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        demand = self.demand
        actions = workflow.available_actions(demand, self.request.user)
        for action in REQUESTER_ACTIONS:
            if action in actions:
                context.setdefault(f"{action}_form", MessageForm(prefix=action))
        context.update(demand=demand, actions=actions)
        return context

    def render_to_response(self, context, **response_kwargs):
        return private(super().render_to_response(context, **response_kwargs))


def attachment_download(request, pk: int):
    """A demand's file, to whoever may see it (never an internal note's to the requester)."""
    load_code_access(request)
    if pk >= 2**63:
        raise Http404
    attachment = get_object_or_404(
        DemandAttachment.objects.select_related("demand", "message"), pk=pk
    )
    if not request.user.has_perm("dialogue.view_demandattachment", attachment):
        raise Http404
    return stored_file_response(attachment.file, filename=attachment.name, private=True)
