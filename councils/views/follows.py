"""Following a council: `POST /conselhos/<slug>/seguir/` (login required,
CSRF-protected), never cached."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views import View

from consultations.views.common import safe_next

from ..services.follows import council_follow
from .public import CouncilMixin


class CouncilFollowView(LoginRequiredMixin, CouncilMixin, View):
    """POST: follow a council (`action=follow`) or stop (`action=unfollow`).
    Asking twice for the same thing changes nothing. GET goes to the council."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.get_council().get_absolute_url())

    def post(self, request, *args, **kwargs):
        council = self.get_council()
        follow = request.POST.get("action", "follow") != "unfollow"
        try:
            changed = council_follow(user=request.user, council=council, follow=follow)
        except PermissionDenied:
            messages.error(request, _("Você não pode acompanhar este conselho."))
        else:
            if follow:
                text = (
                    _(
                        "Você passou a acompanhar o %(council)s: vamos avisar das "
                        "convocações, atas e resoluções publicadas."
                    )
                    if changed
                    else _("Você já acompanha o %(council)s.")
                )
            else:
                text = (
                    _("Você deixou de acompanhar o %(council)s.")
                    if changed
                    else _("Você não acompanhava o %(council)s.")
                )
            messages.success(request, text % {"council": council.acronym})
        return HttpResponseRedirect(safe_next(request, council.get_absolute_url()))
