"""Placeholder: being written."""

from django.views.generic import TemplateView


class EventListView(TemplateView):
    pass


class EventDetailView(TemplateView):
    pass


class RegisterView(TemplateView):
    pass


class CancelRegistrationView(TemplateView):
    pass


class SpeakView(TemplateView):
    pass


class EventContributeView(TemplateView):
    pass
