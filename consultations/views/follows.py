"""Follows: `/minha-conta/acompanhamentos/` (policy areas, bairros and the
consultations a person follows) and the follow button of a consultation.

Both are personal pages and actions: login required, never cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from civic.cache import private

from .. import services
from ..follow_sections import sections_for
from ..forms.agenda import FollowsForm
from ..models import Consultation
from ..selectors.agenda import bairros_by_regional, policy_areas
from ..selectors.consultations import consultation_for_page
from ..selectors.follows import follows_of
from .common import safe_next


class FollowsView(LoginRequiredMixin, FormView):
    """The areas and bairros a person follows, as checkboxes, and the
    consultations they follow, each with a button to stop."""

    template_name = "consultations/follows.html"
    form_class = FollowsForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(
            "consultations.follow"
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.followed = follows_of(self.request.user)
        kwargs.update(
            areas=policy_areas(),
            bairro_groups=bairros_by_regional(),
            initial={
                "policy_areas": [str(pk) for pk in self.followed.area_ids],
                "bairros": [str(pk) for pk in self.followed.bairro_ids],
            },
        )
        return kwargs

    def form_valid(self, form):
        changes = services.follows_replace(
            user=self.request.user,
            policy_areas=form.chosen_areas(),
            bairros=form.chosen_bairros(),
        )
        if changes["added"] or changes["removed"]:
            messages.success(self.request, _("Acompanhamentos salvos."))
        else:
            messages.info(self.request, _("Nada mudou nos seus acompanhamentos."))
        return HttpResponseRedirect(reverse("consultations:follows"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            followed_consultations=self.followed.consultations,
            follow_sections=sections_for(self.request.user),
            area_options=form.area_options(),
            bairro_groups=form.bairro_options(),
            preferences_url=reverse("notifications:preferences"),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        return private(super().render_to_response(context, **response_kwargs))


class FollowConsultationView(LoginRequiredMixin, View):
    """POST: follow a consultation (`action=follow`) or stop (`action=unfollow`).
    Asking twice for the same thing changes nothing. GET goes to the consultation."""

    http_method_names = ["get", "post"]

    def consultation(self) -> Consultation:
        try:
            return consultation_for_page(
                slug=self.kwargs["slug"], user=self.request.user
            )
        except Consultation.DoesNotExist:
            raise Http404(_("Consulta não encontrada.")) from None

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.consultation().get_absolute_url())

    def post(self, request, *args, **kwargs):
        consultation = self.consultation()
        follow = request.POST.get("action", "follow") != "unfollow"
        try:
            changed = services.consultation_follow(
                user=request.user, consultation=consultation, follow=follow
            )
        except PermissionDenied:
            messages.error(request, _("Você não pode acompanhar esta consulta."))
        else:
            if follow:
                messages.success(
                    request,
                    _(
                        "Você passou a acompanhar esta consulta: vamos avisar quando "
                        "ela abrir, uma semana antes de encerrar e quando o relatório "
                        "final sair."
                    )
                    if changed
                    else _("Você já acompanha esta consulta."),
                )
            else:
                messages.success(
                    request,
                    _("Você deixou de acompanhar esta consulta.")
                    if changed
                    else _("Você não acompanhava esta consulta."),
                )
        return HttpResponseRedirect(safe_next(request, consultation.get_absolute_url()))
