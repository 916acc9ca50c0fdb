"""`/fale-conosco/`: open a demand; `/fale-conosco/recebida/`: its receipt;
`/fale-conosco/numeros/`: the public figures."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from civic.cache import private
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error
from entities.models import Entity

from ..forms import DemandForm, find_concerns
from ..models import Demand
from ..rules import entities_of
from ..selectors.numbers import figures_for
from ..services.demands import demand_open
from .access import grant_code_access, throttled

RECEIPT_KEY = "dialogue_receipt"


class DemandCreateView(TemplateView):
    """Anyone signed in opens any kind of demand, for themselves or an entity
    they represent; without an account, only an anonymous denúncia."""

    template_name = "dialogue/demand_form.html"
    form_class = DemandForm

    def entities(self):
        return list(
            Entity.objects.filter(pk__in=entities_of(self.request.user)).order_by(
                "name"
            )
        )

    def get_initial(self) -> dict:
        initial = {}
        raw = self.request.GET.get("sobre", "")[:40]
        if find_concerns(raw) is not None:
            initial["concerns"] = raw
        if not self.request.user.is_authenticated:
            initial["kind"] = Demand.Kind.REPORT
        return initial

    def make_form(self, data=None, files=None):
        return self.form_class(
            data,
            files,
            user=self.request.user,
            entities=self.entities(),
            initial=self.get_initial(),
        )

    def concerns_of(self, form):
        """The object the demand will concern, shown above the form."""
        return find_concerns(str(form["concerns"].value() or ""))

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST, request.FILES)
        if not request.user.is_authenticated and throttled(request, "dialogue_open"):
            form.is_valid()
            form.add_error(
                None, _("Muitas manifestações enviadas daqui. Tente mais tarde.")
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        if form.is_valid():
            data = form.cleaned_data
            try:
                opened = demand_open(
                    by=request.user,
                    kind=data["kind"],
                    subject=data["subject"],
                    text=data["text"],
                    area=data["area"],
                    bairro=data["bairro"],
                    on_behalf_of=data.get("on_behalf_of"),
                    concerns=data.get("concerns"),
                    anonymous=data.get("anonymous", False),
                    files=data["files"],
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                if opened.code:
                    grant_code_access(request, opened.demand)
                request.session[RECEIPT_KEY] = {
                    "protocol": opened.demand.protocol,
                    "code": opened.code,
                    "due_on": opened.demand.due_on.isoformat(),
                }
                return redirect(reverse("dialogue:received"))
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        form = form or self.make_form()
        context.update(form=form, concerns=self.concerns_of(form))
        return context

    def render_to_response(self, context, **response_kwargs):
        return private(super().render_to_response(context, **response_kwargs))


class DemandReceivedView(TemplateView):
    """The protocol number and, for an anonymous denúncia, the secret code:
    shown once (taken out of the session as it is shown)."""

    template_name = "dialogue/received.html"

    def get(self, request, *args, **kwargs):
        receipt = request.session.pop(RECEIPT_KEY, None)
        if not isinstance(receipt, dict):
            return redirect(reverse("dialogue:create"))
        response = self.render_to_response(self.get_context_data(receipt=receipt))
        return private(response)


class NumbersView(TemplateView):
    """Counts by type, area and regional, and the share answered on time."""

    template_name = "dialogue/numbers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        raw = self.request.GET.get("ano", "")
        year = int(raw) if raw.isdigit() and len(raw) == 4 else this_year
        year = min(max(year, 2020), this_year)
        context.update(
            figures=figures_for(year),
            years=list(range(this_year, 2025, -1)),
            year=year,
        )
        return context
