"""Placeholder: being written."""

from django.views.generic import TemplateView


class ConsultationListView(TemplateView):
    pass


class ConsultationDetailView(TemplateView):
    pass


class DeviceView(TemplateView):
    pass


class ContributeView(TemplateView):
    pass


class ReportView(TemplateView):
    pass


class ReportCsvView(TemplateView):
    pass


class ReportPdfView(TemplateView):
    pass


class ReplyView(TemplateView):
    pass


class SupportView(TemplateView):
    pass


class ReportAbuseView(TemplateView):
    pass
