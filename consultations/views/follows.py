"""Placeholder: being written."""

from django.views.generic import TemplateView


class FollowConsultationView(TemplateView):
    pass


class FollowsView(TemplateView):
    pass
