"""Planning the annual calendar of ordinary meetings of a council."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.workflow import report_workflow_error

from ...rules import councils_run_by
from ...services.meetings import plan_calendar
from .base import INDEX_URL
from .forms import CalendarForm


class CalendarView(WagtailAdminTemplateMixin, TemplateView):
    """The year's ordinary meetings at once, as planned meetings to convene later."""

    template_name = "councils/admin/meetings/calendar.html"
    page_title = gettext_lazy("Planejar o calendário anual")
    _show_breadcrumbs = True

    def dispatch(self, request, *args, **kwargs):
        if not councils_run_by(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": gettext_lazy("Reuniões")},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request, *args, **kwargs):
        form = CalendarForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = plan_calendar(
                    data["council"],
                    data["year"],
                    data["dates"],
                    request.user,
                    at=data["time"],
                )
                messages.success(
                    request,
                    _("%(count)s reuniões ordinárias incluídas no calendário.")
                    % {"count": len(created)},
                )
                return redirect(reverse(INDEX_URL))
            except PermissionDenied as error:
                report_workflow_error(request, error)
            except ValidationError as error:
                report_workflow_error(request, error, form=form)
        messages.error(
            request, _("O calendário não foi criado: corrija os campos indicados.")
        )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=form or CalendarForm(user=self.request.user),
            action_url=self.request.path,
        )
        return context
