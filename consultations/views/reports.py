"""The final report of a consultation: the page, `relatorio.csv` and
`relatorio.pdf`.

The report is public once published (status answered); before that only the
staff who run consultations may preview it, privately, and others get a 404.
The page is cached for anonymous visitors (CIVIC_PAGE_CACHE_URL_NAMES); the
files leave through `civic.downloads` (formula guard, safe filename, nosniff).
"""

from __future__ import annotations

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from civic.cache import private
from civic.downloads import content_response, csv_response

from ..models import Consultation
from ..open_data.columns import REPORT_COLUMNS
from ..selectors.consultations import consultation_report, report_csv_contributions
from .consultations import ConsultationMixin


class ReportMixin(ConsultationMixin):
    """Who may see the report, and its file names."""

    @cached_property
    def report_is_preview(self) -> bool:
        consultation = self.consultation
        if consultation.status == Consultation.Status.ANSWERED:
            return False
        if self.request.user.has_perm(
            "consultations.manage_consultation", consultation
        ):
            return True
        raise Http404(_("O relatório desta consulta ainda não foi publicado."))

    def filename(self, extension: str) -> str:
        return f"relatorio-{slugify(self.consultation.slug)}.{extension}"


class ReportView(ReportMixin, TemplateView):
    """`/consultas/<slug>/relatorio/`: counts and every answer."""

    template_name = "consultations/consultation_report.html"

    def get(self, request, *args, **kwargs):
        preview = self.report_is_preview
        context = self.get_context_data(
            consultation=self.consultation,
            report=consultation_report(self.consultation),
            is_preview=preview,
        )
        response = self.render_to_response(context)
        return private(response) if preview else response


class ReportCsvView(ReportMixin, View):
    """`relatorio.csv`: one row per contribution (replies too), as the open-data
    CSVs are written (`;`, UTF-8 with BOM), every cell through the formula
    guard: the text is the citizens', and staff open it in a spreadsheet."""

    def get(self, request, *args, **kwargs):
        preview = self.report_is_preview  # a 404 before building anything
        contributions, citations = report_csv_contributions(self.consultation)
        return csv_response(
            [c.name for c in REPORT_COLUMNS],
            (
                [c.value(row, citations) for c in REPORT_COLUMNS]
                for row in contributions
            ),
            filename=self.filename("csv"),
            private=preview,
        )


class ReportPdfView(ReportMixin, View):
    """`relatorio.pdf`: the same content as the page, laid out for print."""

    def get(self, request, *args, **kwargs):
        from ..report_pdf import render_report_pdf

        preview = self.report_is_preview
        html = render_to_string(
            "consultations/consultation_report_print.html",
            {
                "consultation": self.consultation,
                "report": consultation_report(self.consultation),
                "is_preview": preview,
                "generated_at": timezone.now(),
            },
            request=None,
        )
        return content_response(
            render_report_pdf(html),
            filename=self.filename("pdf"),
            content_type="application/pdf",
            inline=True,
            private=preview,
        )
