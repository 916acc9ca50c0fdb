"""Placeholder: being written."""

from django.views.generic import TemplateView


class EventIcsView(TemplateView):
    pass


class AgendaView(TemplateView):
    pass


class AgendaFeedView(TemplateView):
    pass
