"""The review queue and the review page, where staff decide on a registration.

The URL namespace `entities_review` is linked from notifications: keep it.
"""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Q, Value, When
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    RelatedObjectsColumn,
    StatusTagColumn,
)
from wagtail.admin.views.generic import IndexView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import selectors
from ..filters import AWAITING_REVIEW, EntityReviewFilterSet, queue_search
from ..forms import TransitionForm
from ..models import Entity
from ..presentation import contact_links, document_sections
from ..services import entity_transition, entity_workflow
from ..services.search import normalize
from .base import ReviewPageView, ReviewQueueViewSet
from .documents import EntityDocumentView


class EntityReviewIndexView(IndexView):
    """The queue: registrations waiting longest come first."""

    page_title = gettext_lazy("Análise de cadastros")

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("areas")

    def order_queryset(self, queryset):
        if self.ordering:
            ordering = self.ordering
            if not isinstance(ordering, list | tuple):
                ordering = (ordering,)
            return queryset.order_by(*ordering, "pk")
        awaiting = Q(status__in=AWAITING_REVIEW)
        return queryset.annotate(
            _queue=Case(When(awaiting, then=Value(0)), default=Value(1)),
            _waiting_since=Case(When(awaiting, then=F("submitted_at")), default=None),
        ).order_by("_queue", F("_waiting_since").asc(nulls_last=True), "name", "pk")

    def search_queryset(self, queryset):
        """Name (accents ignored) or CNPJ, masked or not."""
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        text = Q(name__icontains=query) | Q(trade_name__icontains=query)
        words = normalize(query).split()
        if words:
            every_word = Q()
            for word in words:
                every_word &= Q(search_text__contains=word)
            text |= every_word
        return queryset.filter(queue_search(query, text, cnpj_field="cnpj"))


class EntityReviewView(ReviewPageView):
    """Everything about a registration that staff need to decide, and the decision."""

    template_name = "entities/admin/entity_inspect.html"
    page_title = gettext_lazy("Análise do cadastro")

    def load(self, pk):
        return selectors.entity_for_review(pk=pk)

    def get_page_subtitle(self):
        return self.object.display_name

    def decide(self, request):
        action = request.POST.get("action", "")
        if action not in entity_workflow.reviewer_actions:
            messages.error(request, _("Ação desconhecida."))
            return redirect(self.inspect_url)
        form = TransitionForm(request.POST, action=action)
        if form.is_valid():
            try:
                entity = entity_transition(
                    entity_id=self.object.pk,
                    action=action,
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                messages.success(request, entity_workflow.done_message(action, entity))
                return redirect(self.inspect_url)
        if not form.errors:
            return redirect(self.inspect_url)
        messages.error(
            request,
            _("Não foi possível “%(action)s”: escreva a justificativa.")
            % {"action": entity_workflow.label(action)},
        )
        # Re-render with the typed text and the error beside the field.
        return self.render_to_response(self.get_context_data(bound_form=form))

    def get_actions(self, bound_form=None) -> list[dict]:
        """The decisions open to this user now, each with its note form."""
        available = set(
            entity_workflow.available_actions(self.object, self.request.user)
        )
        actions = []
        for action in entity_workflow.reviewer_actions:
            if action not in available:
                continue
            if bound_form is not None and bound_form.action == action:
                form = bound_form
            else:
                form = TransitionForm(action=action, auto_id=f"id_{action}_%s")
            actions.append(
                {
                    "name": action,
                    "label": entity_workflow.label(action),
                    "form": form,
                    "open": form is bound_form,
                }
            )
        return actions

    def get_context_data(self, bound_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        entity = self.object
        context.update(
            entity=entity,
            checklist=document_sections(
                entity, selectors.entity_documents(entity=entity)
            ),
            representatives=selectors.entity_representatives(entity=entity),
            open_invitations=selectors.open_invitations(entity=entity),
            links=contact_links(entity),
            events=selectors.entity_history(entity=entity),
            claims=selectors.entity_claims(entity=entity),
            actions=self.get_actions(bound_form),
            action_url=self.inspect_url,
            document_url_name=self.file_url_name,
            claim_url_name="entities_claims:inspect",
            public_url=entity.get_absolute_url() if entity.is_listed else "",
        )
        return context


class EntityReviewViewSet(ReviewQueueViewSet):
    """The review queue: filter, open a registration, decide."""

    model = Entity
    icon = "clipboard-list"
    menu_label = gettext_lazy("Análise de cadastros")
    url_prefix = "entidades/cadastros"
    index_view_class = EntityReviewIndexView
    inspect_view_class = EntityReviewView
    file_route = "<int:pk>/documentos/<int:document_pk>/"
    file_url_name = "document"
    file_view_class = EntityDocumentView
    filterset_class = EntityReviewFilterSet
    search_fields = ["name", "trade_name", "cnpj"]
    list_display = [
        "name",
        Column("cnpj_display", label=gettext_lazy("CNPJ"), sort_key="cnpj"),
        "kind",
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Situação"),
            sort_key="status",
            primary=lambda entity: entity.status in AWAITING_REVIEW,
        ),
        Column(
            "get_regularity_display",
            label=gettext_lazy("Regularidade"),
            sort_key="regularity",
        ),
        DateColumn(
            "submitted_at", label=gettext_lazy("Enviado em"), sort_key="submitted_at"
        ),
        RelatedObjectsColumn("areas", label=gettext_lazy("Áreas de atuação")),
    ]

    def get_permissions_to_register(self):
        """Only the reviewers' permission shows in the group editor."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Entity),
            codename="review_entity",
        )
