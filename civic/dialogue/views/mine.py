"""`/minha-conta/demandas/`: a person's own demands and those of the entities
they represent; `<protocol>/`: one of them with its thread."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from civic.cache import private

from ..selectors.demands import MINE_LIMIT, demands_of_person
from .thread import DemandThreadView


class MyDemandView(LoginRequiredMixin, DemandThreadView):
    follow = False


class MyDemandsView(LoginRequiredMixin, TemplateView):
    """`/minha-conta/demandas/`: own demands and the represented entities'."""

    template_name = "dialogue/my_demands.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(demands=demands_of_person(self.request.user), limit=MINE_LIMIT)
        return context

    def render_to_response(self, context, **response_kwargs):
        return private(super().render_to_response(context, **response_kwargs))
