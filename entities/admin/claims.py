"""Claims: people asking to represent an imported entity that nobody represents.

The URL namespace `entities_claims` is linked from notifications: keep it.
"""

from __future__ import annotations

from django.db.models import Case, Q, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import selectors
from ..filters import ClaimReviewFilterSet, queue_search
from ..forms import ClaimDecisionForm
from ..models import Claim
from ..services import claim_decide
from .base import ReviewPageView, ReviewQueueViewSet
from .documents import ClaimProofView


class ClaimReviewIndexView(IndexView):
    """Pending claims first, oldest first: they wait for a decision."""

    page_title = gettext_lazy("Pedidos de representação")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("entity", "claimant")

    def order_queryset(self, queryset):
        if self.ordering:
            return super().order_queryset(queryset)
        return queryset.annotate(
            _pending=Case(
                When(status=Claim.Status.PENDING, then=Value(0)), default=Value(1)
            )
        ).order_by("_pending", "created_at", "pk")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        text = (
            Q(entity__name__icontains=query)
            | Q(entity__trade_name__icontains=query)
            | Q(claimant__full_name__icontains=query)
            | Q(claimant__email__icontains=query)
        )
        return queryset.filter(queue_search(query, text, cnpj_field="entity__cnpj"))


class ClaimReviewView(ReviewPageView):
    """A claim with its proof shown in place, and the decision."""

    template_name = "entities/admin/claim_inspect.html"
    page_title = gettext_lazy("Pedido de representação")

    def load(self, pk):
        return selectors.claim_for_review(pk=pk)

    def get_page_subtitle(self):
        return str(self.object.entity)

    def decide(self, request):
        form = ClaimDecisionForm(request.POST)
        if not form.is_valid():
            if "decision" in form.errors:
                messages.error(request, form.errors["decision"][0])
                return redirect(self.inspect_url)
            return self.render_to_response(self.get_context_data(form=form))
        try:
            claim = claim_decide(
                claim_id=self.object.pk,
                approve=form.cleaned_data["decision"] == "approve",
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, self.decided_message(claim))
        return redirect(self.inspect_url)

    @staticmethod
    def decided_message(claim: Claim) -> str:
        if claim.status == Claim.Status.APPROVED:
            return _("%(person)s agora é responsável por “%(entity)s”.") % {
                "person": claim.claimant.display_name,
                "entity": claim.entity.display_name,
            }
        return _("Pedido recusado; a pessoa foi avisada.")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        claim = self.object
        context.update(
            claim=claim,
            proof_url=reverse(self.file_url_name, args=[claim.pk]),
            entity_url=reverse("entities_review:inspect", args=[claim.entity_id]),
            representatives=selectors.entity_representatives(entity=claim.entity),
            other_claims=selectors.entity_claims(entity=claim.entity, exclude=claim),
            can_decide=claim.status == Claim.Status.PENDING
            and self.user_has_permission("review"),
            form=form or ClaimDecisionForm(),
            action_url=self.inspect_url,
        )
        return context


class ClaimReviewViewSet(ReviewQueueViewSet):
    """Requests to represent an imported entity, pending ones first."""

    model = Claim
    icon = "user"
    menu_label = gettext_lazy("Pedidos de representação")
    url_prefix = "entidades/reivindicacoes"
    index_view_class = ClaimReviewIndexView
    inspect_view_class = ClaimReviewView
    file_route = "<int:pk>/comprovante/"
    file_url_name = "proof"
    file_view_class = ClaimProofView
    filterset_class = ClaimReviewFilterSet
    search_fields = ["entity__name", "claimant__full_name", "claimant__email"]
    list_display = [
        "entity",
        Column("claimant", label=gettext_lazy("Quem pede")),
        "proof_kind",
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Situação"),
            sort_key="status",
            primary=lambda claim: claim.status == Claim.Status.PENDING,
        ),
        DateColumn(
            "created_at", label=gettext_lazy("Enviado em"), sort_key="created_at"
        ),
    ]
