"""The entity's side of a chamamento: its representative writes the proposal,
attaches private documents, sends it, and files an appeal in the window.

Who: a representative of an entity (other people get 403, anonymous people
the login page). Every write goes through a service; its refusals appear
beside the field or as a message, and what was typed stays."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from civic.accounts.govbr.levels import require_level
from civic.downloads import stored_file_response
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error
from entities.models import Entity

from ..forms.calls import AppealForm, ProposalDocumentForm, ProposalForm
from ..models import Proposal, ProposalDocument
from ..rules import represented_entities
from ..selectors import calls as selectors
from ..services import appeals, proposals
from ..services.appeals import appeal_window_open

P = Proposal.Status


def _public_call(slug: str):
    call = selectors.call_public(slug)
    if call is None:
        raise Http404
    return call


@method_decorator(never_cache, name="dispatch")
class ProposalView(LoginRequiredMixin, TemplateView):
    """`/chamamentos/<slug>/proposta/?entidade=<id>`: the entity's proposal."""

    template_name = "partnerships/calls/proposal.html"

    def setup_objects(self, request, slug):
        self.call = _public_call(slug)
        mine = represented_entities(request.user)
        if not mine:
            raise PermissionDenied
        raw = request.POST.get("entidade") or request.GET.get("entidade") or ""
        entity_id = int(raw) if raw.isdigit() and len(raw) < 12 else None
        if entity_id is None and len(mine) == 1:
            entity_id = next(iter(mine))
        self.entities = list(Entity.objects.filter(pk__in=mine).order_by("name"))
        self.entity = next((e for e in self.entities if e.pk == entity_id), None)
        if entity_id is not None and self.entity is None:
            raise PermissionDenied
        self.proposal = (
            selectors.proposal_of(self.call, self.entity.pk) if self.entity else None
        )

    def get(self, request, slug):
        self.setup_objects(request, slug)
        return self.render_to_response(self.get_context_data())

    def post(self, request, slug):
        self.setup_objects(request, slug)
        if self.entity is None:
            return self.render_to_response(self.get_context_data())
        action = request.POST.get("action", "save")
        handler = {
            "save": self.save,
            "upload": self.upload,
            "remove": self.remove,
            "submit": self.submit,
        }.get(action)
        if handler is None:
            messages.error(request, _("Ação desconhecida."))
            return redirect(self.here())
        return handler(request)

    def here(self) -> str:
        url = reverse("partnerships:proposal", kwargs={"slug": self.call.slug})
        return f"{url}?entidade={self.entity.pk}" if self.entity else url

    def save(self, request):
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                proposals.proposal_save(
                    call=self.call,
                    entity=self.entity,
                    by=request.user,
                    **form.cleaned_data,
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                messages.success(request, _("Rascunho da proposta salvo."))
                return redirect(self.here())
        return self.render_to_response(self.get_context_data(form=form))

    def upload(self, request):
        form = ProposalDocumentForm(request.POST, request.FILES)
        if self.proposal is None:
            messages.error(
                request, _("Salve o rascunho da proposta antes de anexar documentos.")
            )
            return redirect(self.here())
        if form.is_valid():
            try:
                proposals.proposal_document_add(
                    proposal=self.proposal, by=request.user, **form.cleaned_data
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="file")
            else:
                messages.success(request, _("Documento anexado."))
                return redirect(self.here())
        return self.render_to_response(self.get_context_data(document_form=form))

    def remove(self, request):
        raw = request.POST.get("document", "")
        document = (
            ProposalDocument.objects.filter(pk=int(raw), proposal=self.proposal).first()
            if raw.isdigit() and len(raw) < 12 and self.proposal
            else None
        )
        if document is None:
            raise Http404
        try:
            proposals.proposal_document_remove(document=document, by=request.user)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, _("Documento removido."))
        return redirect(self.here())

    def submit(self, request):
        # settings.GOVBR_REQUIRED_LEVELS may ask for a prata or ouro gov.br account.
        refusal = require_level(request, "partnerships.submit_proposal")
        if refusal is not None:
            return refusal
        if self.proposal is None:
            messages.error(request, _("Salve o rascunho da proposta antes de enviar."))
            return redirect(self.here())
        try:
            proposals.proposal_submit(proposal=self.proposal, by=request.user)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(
                request, _("Proposta enviada. Ela não pode mais ser alterada.")
            )
        return redirect(self.here())

    def get_context_data(self, form=None, document_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        proposal = self.proposal
        if form is None and proposal is not None:
            form = ProposalForm(
                initial={
                    "summary": proposal.summary,
                    "requested_value": proposal.requested_value,
                    "plan_draft": proposal.plan_draft,
                }
            )
        context.update(
            call=self.call,
            entity=self.entity,
            entities=self.entities,
            proposal=proposal,
            form=form or ProposalForm(),
            document_form=document_form or ProposalDocumentForm(),
            refusals=proposals.proposal_refusals(self.call, self.entity)
            if self.entity
            else [],
            editable=proposal is None or proposal.status == P.DRAFT,
            appeal_open=appeal_window_open(self.call),
        )
        return context


def _own_proposal(request, slug: str, pk: int) -> Proposal:
    """The proposal in the URL, for one of its representatives (else 404)."""
    call = _public_call(slug)
    proposal = get_object_or_404(
        Proposal.objects.select_related("call", "entity"), pk=pk, call=call
    )
    if proposal.entity_id not in represented_entities(request.user):
        raise Http404
    return proposal


@method_decorator(never_cache, name="dispatch")
class AppealView(LoginRequiredMixin, TemplateView):
    """`/chamamentos/<slug>/proposta/<pk>/recurso/`: file an appeal in the window."""

    template_name = "partnerships/calls/appeal.html"

    def get(self, request, slug, pk):
        self.proposal = _own_proposal(request, slug, pk)
        return self.render_to_response(self.get_context_data(form=AppealForm()))

    def post(self, request, slug, pk):
        self.proposal = _own_proposal(request, slug, pk)
        form = AppealForm(request.POST)
        if form.is_valid():
            try:
                appeals.appeal_file(
                    proposal=self.proposal,
                    by=request.user,
                    text=form.cleaned_data["text"],
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="text")
            else:
                messages.success(
                    request,
                    _(
                        "Recurso registrado. A decisão será publicada na página do chamamento."
                    ),
                )
                return redirect(self.proposal.call.get_absolute_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            proposal=self.proposal,
            call=self.proposal.call,
            appeal_open=appeal_window_open(self.proposal.call),
        )
        return context


@never_cache
@login_required
def proposal_document(request, slug: str, pk: int, document: int):
    """A private document of a proposal: its entity's representatives, staff,
    the call's committee and the council named on the call; others get 404."""
    call = selectors.call_public(slug)
    if call is None:
        raise Http404
    doc = get_object_or_404(
        ProposalDocument.objects.select_related("proposal__call"),
        pk=document,
        proposal_id=pk,
        proposal__call=call,
    )
    if not request.user.has_perm("partnerships.view_proposaldocument", doc):
        raise Http404
    return stored_file_response(doc.file, filename=doc.title, private=True)
