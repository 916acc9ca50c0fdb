"""Reports of irregularities (art. 12) in the admin: the list, and one page per
report where the SRSC team takes it up or closes it with an answer. Staff
only; the contact email never leaves this page."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy
from civic.viewsets import DecisionPageView, ReadOnlyViewSetMixin
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..models import IrregularityReport
from ..services.reports import report_decide

MAX_ANSWER = 20_000


class ReportPage(DecisionPageView):
    template_name = "partnerships/admin/report_inspect.html"
    decision_permission = "answer"

    def load(self, pk):
        return IrregularityReport.objects.select_related("partnership__entity").get(
            pk=pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.object,
            can_answer=self.user_has_permission("answer")
            and self.object.status != IrregularityReport.Status.CLOSED,
        )
        return context

    def decide(self, request):
        try:
            report_decide(
                report_id=self.object.pk,
                by=request.user,
                action=request.POST.get("action", ""),
                answer=request.POST.get("answer", "")[:MAX_ANSWER],
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, _("Denúncia atualizada."))
        return redirect(self.inspect_url)


class ReportViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = IrregularityReport
    icon = "warning"
    menu_label = gettext_lazy("Denúncias (art. 12)")
    url_prefix = "parcerias/denuncias"
    inspect_view_enabled = True
    inspect_view_class = ReportPage
    search_fields = ["protocol"]
    list_filter = ["status"]
    list_display = [
        "protocol",
        "partnership",
        StatusTagColumn(
            "get_status_display", label=gettext_lazy("Situação"), sort_key="status"
        ),
        DateColumn("created_at", label=gettext_lazy("Recebida em")),
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            inspect_url_name=self.get_url_name("inspect"), **kwargs
        )


register_permission_policy(
    IrregularityReport, RulesPermissionPolicy(IrregularityReport)
)

VIEWSETS = [ReportViewSet("partnerships_reports")]
