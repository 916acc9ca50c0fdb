"""`/minha-conta/inscricoes/`: every hearing, forum and open meeting a person
signed up for, with their check-in code or place in line, their place on the
speaker list, and what happened to the event.

A personal page: login required, never cached.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.views.generic import TemplateView

from civic.cache import private

from ..selectors.registrations import MY_PAST_LIMIT, registrations_of


class MyRegistrationsView(LoginRequiredMixin, TemplateView):
    """Upcoming events first (soonest first), then past ones (latest first,
    the most recent MY_PAST_LIMIT), and the registrations the person cancelled
    at events still to come."""

    template_name = "consultations/my_registrations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mine = registrations_of(self.request.user, now=timezone.now())
        context.update(mine=mine, past_limit=MY_PAST_LIMIT, cancelled=mine.cancelled)
        return context

    def render_to_response(self, context, **response_kwargs):
        return private(super().render_to_response(context, **response_kwargs))
