"""The absences of a council's members, and the loss of mandate: a recorded
decision of the secretariat or staff, with its reasons, never automatic."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.workflow import report_workflow_error

from ...models import Council, Mandate
from ...rules import councils_run_by
from ...services.absences import absence_status, declare_loss_of_mandate
from .base import INDEX_URL
from .forms import LossOfMandateForm


class AbsencesView(WagtailAdminTemplateMixin, TemplateView):
    """Members with unjustified absences, those at a limit first, each with
    the form of the loss-of-mandate decision."""

    template_name = "councils/admin/meetings/absences.html"
    page_title = gettext_lazy("Faltas e perda de mandato")
    _show_breadcrumbs = True

    @cached_property
    def council(self) -> Council:
        try:
            return councils_run_by(self.request.user).get(
                pk=int(self.kwargs["council"])
            )
        except (Council.DoesNotExist, ValueError):
            raise Http404 from None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("councils.declare_loss_of_mandate", self.council):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.council)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": gettext_lazy("Reuniões")},
            {"url": "", "label": f"{self.page_title}: {self.council.acronym}"},
        ]

    def post(self, request, *args, **kwargs):
        form = LossOfMandateForm(request.POST, prefix="loss")
        posted = None
        if form.is_valid():
            try:
                mandate = Mandate.objects.get(
                    pk=form.cleaned_data["mandate"], council=self.council
                )
            except Mandate.DoesNotExist:
                raise Http404 from None
            try:
                promoted = declare_loss_of_mandate(
                    mandate, request.user, form.cleaned_data["note"]
                )
                messages.success(
                    request,
                    _(
                        "Perda do mandato registrada; o(a) suplente assumiu a titularidade."
                    )
                    if promoted
                    else _("Perda do mandato registrada; o assento ficou vago."),
                )
                return redirect(request.path)
            except PermissionDenied as error:
                report_workflow_error(request, error)
                return redirect(request.path)
            except ValidationError as error:
                report_workflow_error(request, error, form=form)
        posted = form
        messages.error(
            request, _("A decisão não foi registrada: corrija os campos indicados.")
        )
        return self.render_to_response(self.get_context_data(posted=posted))

    def get_context_data(self, posted=None, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = sorted(absence_status(self.council), key=lambda row: not row.at_limit)
        posted_mandate = None
        if posted is not None:
            posted_mandate = posted.data.get("loss-mandate")
        entries = [
            (
                row,
                posted
                if posted is not None and str(row.mandate.pk) == posted_mandate
                else LossOfMandateForm(
                    prefix="loss", initial={"mandate": row.mandate.pk}
                ),
            )
            for row in rows
        ]
        context.update(council=self.council, entries=entries)
        return context
