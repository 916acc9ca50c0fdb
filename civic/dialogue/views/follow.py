"""`/fale-conosco/acompanhar/`: follow an anonymous denúncia with its protocol
and secret code, no account needed. A wrong pair gives nothing and tells
nothing (the same answer whether the protocol exists or not), and attempts
are throttled per address and per protocol."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from civic.cache import private

from ..forms import FollowForm
from ..models import Demand
from ..services.codes import code_matches
from .access import grant_code_access, throttled
from .thread import DemandThreadView

NO_MATCH = gettext_lazy(
    "Protocolo ou código não conferem. Confira o que foi digitado e tente de novo."
)


class FollowView(TemplateView):
    template_name = "dialogue/follow.html"

    def post(self, request, *args, **kwargs):
        form = FollowForm(request.POST)
        status = 200
        if form.is_valid():
            protocol = form.cleaned_data["protocol"]
            if throttled(request, "dialogue_follow", key=protocol):
                form.add_error(
                    None,
                    _("Muitas tentativas. Espere alguns minutos e tente de novo."),
                )
                status = 429
            else:
                demand = (
                    Demand.objects.filter(protocol=protocol, requester__isnull=True)
                    .only("pk", "protocol", "code_hash", "requester_id")
                    .first()
                )
                code_hash = demand.code_hash if demand is not None else None
                if code_matches(form.cleaned_data["code"], code_hash):
                    grant_code_access(request, demand)
                    return redirect(
                        reverse("dialogue:follow_detail", args=[demand.protocol])
                    )
                form.add_error(None, str(NO_MATCH))
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = status
        return private(response)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or FollowForm()
        return context


class FollowDetailView(DemandThreadView):
    """The demand, for the browser that gave its code."""

    follow = True
