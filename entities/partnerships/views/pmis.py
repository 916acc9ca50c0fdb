"""PMIS on the public site (arts. 18–21): the published manifestations, and
the form anyone signed in uses to submit one (with a protocol number)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error
from entities.models import Entity

from ..forms.calls import ManifestationForm
from ..rules import represented_entities
from ..selectors import calls as selectors
from ..services.pmis import manifestation_submit


class ManifestationListView(TemplateView):
    """`/chamamentos/pmis/`: manifestations staff published."""

    template_name = "partnerships/calls/pmis_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["manifestations"] = list(selectors.manifestations_published()[:200])
        return context


class ManifestationCreateView(LoginRequiredMixin, TemplateView):
    """`/chamamentos/pmis/nova/`: a citizen or an entity proposes a partnership idea."""

    template_name = "partnerships/calls/pmis_form.html"

    def entities(self):
        return list(
            Entity.objects.filter(
                pk__in=represented_entities(self.request.user)
            ).order_by("name")
        )

    def post(self, request):
        entities = self.entities()
        form = ManifestationForm(request.POST, entities=entities)
        if form.is_valid():
            data = dict(form.cleaned_data)
            entity_id = data.pop("entity")
            entity = next((e for e in entities if e.pk == entity_id), None)
            try:
                manifestation = manifestation_submit(
                    by=request.user, entity=entity, **data
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                messages.success(
                    request,
                    _(
                        "Manifestação recebida com o protocolo %(protocol)s. A equipe da "
                        "SRSC analisa e pode publicá-la ou abrir um chamamento."
                    )
                    % {"protocol": manifestation.protocol},
                )
                return redirect(reverse("partnerships:pmis_list"))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or ManifestationForm(entities=self.entities())
        return context
