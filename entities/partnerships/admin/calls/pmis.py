"""PMIS in the admin: the list and one page per manifestation where staff
publish it, archive it, or link it to the chamamento it started."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn
from wagtail.admin.viewsets.model import ModelViewSet

from civic.viewsets import DecisionPageView, ReadOnlyViewSetMixin
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ...models import Call, InterestManifestation
from ...services import pmis


class ManifestationPage(DecisionPageView):
    template_name = "partnerships/admin/pmis_inspect.html"
    decision_permission = "decide"

    def load(self, pk):
        return InterestManifestation.objects.select_related(
            "entity", "submitted_by"
        ).get(pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            manifestation=self.object,
            drafts=list(
                Call.objects.filter(status=Call.Status.DRAFT, pmis__isnull=True)
            ),
            can_decide=self.user_has_permission("decide"),
        )
        return context

    def decide(self, request):
        manifestation = self.object
        action = request.POST.get("action", "")
        try:
            if action == "open_call":
                raw = request.POST.get("call", "")
                call = Call.objects.filter(
                    pk=int(raw) if raw.isdigit() and len(raw) < 12 else 0,
                    status=Call.Status.DRAFT,
                ).first()
                if call is None:
                    messages.error(request, _("Escolha um chamamento em rascunho."))
                    return redirect(self.inspect_url)
                pmis.manifestation_open_call(
                    manifestation=manifestation, call=call, by=request.user
                )
            else:
                pmis.manifestation_decide(
                    manifestation=manifestation,
                    by=request.user,
                    action=action,
                    note=request.POST.get("note", "")[:5000],
                )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, _("Manifestação atualizada."))
        return redirect(self.inspect_url)


class ManifestationViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = InterestManifestation
    icon = "help"
    menu_label = gettext_lazy("Manifestações (PMIS)")
    url_prefix = "parcerias/pmis"
    inspect_view_enabled = True
    inspect_view_class = ManifestationPage
    search_fields = ["protocol", "title"]
    list_filter = ["status"]
    list_display = [
        "protocol",
        "title",
        StatusTagColumn(
            "get_status_display", label=gettext_lazy("Situação"), sort_key="status"
        ),
        DateColumn("created_at", label=gettext_lazy("Recebida em")),
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            inspect_url_name=self.get_url_name("inspect"), **kwargs
        )
