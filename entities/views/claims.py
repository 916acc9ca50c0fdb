"""Claiming an entity already in the registry (imported from the Mapa das OSCs)
that nobody represents yet, and the private download of the proof."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.generic import FormView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import selectors, services
from ..forms import ClaimForm
from .mixins import private_download


@method_decorator(never_cache, name="dispatch")
class ClaimView(LoginRequiredMixin, FormView):
    """Ask to represent an entity nobody represents, with an ata or procuração.

    An entity the person may neither see nor claim is a 404, so the URL does not
    reveal unlisted registrations; one that already has representatives gets a
    403 page explaining what to do instead.
    """

    template_name = "entities/claim.html"
    form_class = ClaimForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.entity = selectors.entity_by_slug(slug=kwargs["slug"])
        if self.entity is None:
            raise Http404
        user = request.user
        # The representatives check is repeated so superusers, who hold every
        # permission, cannot claim an entity someone already represents either.
        self.can_claim = user.has_perm(
            "entities.claim_entity", self.entity
        ) and not selectors.has_representatives(entity=self.entity)
        if not self.can_claim:
            if not user.has_perm("entities.view_entity", self.entity):
                raise Http404
            return self.render_to_response(self.get_context_data(), status=403)
        self.pending = selectors.pending_claim(entity=self.entity, user=user)
        if self.pending is not None and request.method == "POST":
            messages.info(
                request, _("Você já tem um pedido em análise para esta entidade.")
            )
            return HttpResponseRedirect(reverse("entities:my_entities"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) if self.can_claim else dict(kwargs)
        user = self.request.user
        context.update(
            entity=self.entity,
            can_claim=self.can_claim,
            pending=getattr(self, "pending", None),
            is_representative=user.has_perm("entities.leave_entity", self.entity),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.claim_submit(
                entity=self.entity,
                by=self.request.user,
                proof_kind=data["proof_kind"],
                proof=data["proof"],
                message=data.get("message", ""),
            )
        except WORKFLOW_ERRORS as error:
            if getattr(error, "code", None) == "duplicate":
                messages.info(self.request, error.messages[0])
                return HttpResponseRedirect(reverse("entities:my_entities"))
            report_workflow_error(self.request, error, form=form, field="proof")
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Pedido enviado. A equipe da SRSC vai conferir o comprovante e avisar "
                "você da decisão."
            ),
        )
        return HttpResponseRedirect(reverse("entities:my_entities"))


@method_decorator(never_cache, name="dispatch")
@method_decorator(xframe_options_sameorigin, name="dispatch")
class ClaimProofDownloadView(LoginRequiredMixin, View):
    """The proof attached to a claim: for reviewers and the claimant only."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        claim = selectors.claim_with_entity(pk=kwargs["pk"])
        if claim is None or not request.user.has_perm("entities.view_claim", claim):
            raise Http404
        return private_download(
            request,
            claim.proof,
            filename=claim.proof_name,
            content_type=claim.proof_content_type,
        )
