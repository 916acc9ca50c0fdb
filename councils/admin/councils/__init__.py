"""The council admin (under "Conselhos"): councils, seats, gestões, mandates,
mesa diretora, commissions and documents, each list scoped to the councils
the person runs; the composition warnings on the council's page and on the
admin home.

Who may do what is in councils/rules.py: staff create and delete councils, a
secretary edits only the presentation and contact of their own council (the
form disables the rest); mandates are ended, never deleted.
"""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from civic.permissions import RulesPermissionPolicy

from ...models import (
    BoardPosition,
    Commission,
    Council,
    CouncilDocument,
    Mandate,
    Seat,
    Term,
)
from ...rules import councils_run_by, runs_council
from ...services.composition import councils_with_findings
from . import forms, views

for _model in (
    Council,
    Seat,
    Term,
    Mandate,
    BoardPosition,
    Commission,
    CouncilDocument,
):
    register_permission_policy(_model, RulesPermissionPolicy(_model))


class ScopedViewSet(ModelViewSet):
    """A model of a council, listed and edited only within the councils the
    person runs; permissions from the rules, none shown in the group editor."""

    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    index_view_class = views.ScopedIndexView
    edit_view_class = views.ScopedEditView
    delete_view_class = views.ScopedDeleteView
    history_view_class = views.ScopedHistoryView
    usage_view_class = views.ScopedUsageView
    form_class = None
    council_lookup = "council"

    def get_form_class(self, for_update=False):
        return self.form_class

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission

        return Permission.objects.none()

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            council_lookup=self.council_lookup, **kwargs
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            council_lookup=self.council_lookup, **kwargs
        )

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(
            council_lookup=self.council_lookup, **kwargs
        )

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(
            council_lookup=self.council_lookup, **kwargs
        )

    def get_usage_view_kwargs(self, **kwargs):
        return super().get_usage_view_kwargs(
            council_lookup=self.council_lookup, **kwargs
        )


class CouncilViewSet(ScopedViewSet):
    model = Council
    icon = "group"
    menu_label = _("Conselhos")
    url_prefix = "conselhos/conselhos"
    url_namespace = "councils_councils"
    form_class = forms.CouncilForm
    edit_view_class = views.CouncilEditView
    council_lookup = "pk"
    search_fields = ["name", "acronym"]
    list_display = ["name", "acronym", "nature", "composition_rule", "is_active"]


class SeatViewSet(ScopedViewSet):
    model = Seat
    icon = "table"
    menu_label = _("Assentos")
    url_prefix = "conselhos/assentos"
    url_namespace = "councils_seats"
    form_class = forms.SeatForm
    filterset_class = views.scoped_filterset(Seat, "segment", "is_active")
    list_display = ["__str__", "council", "segment", "is_active"]


class TermViewSet(ScopedViewSet):
    model = Term
    icon = "date"
    menu_label = _("Gestões")
    url_prefix = "conselhos/gestoes"
    url_namespace = "councils_terms"
    form_class = forms.TermForm
    filterset_class = views.scoped_filterset(Term)
    list_display = [
        "__str__",
        "council",
        Column("act_display", label=_("Ato de nomeação")),
    ]


class MandateViewSet(ScopedViewSet):
    model = Mandate
    icon = "user"
    menu_label = _("Mandatos")
    url_prefix = "conselhos/mandatos"
    url_namespace = "councils_mandates"
    form_class = forms.MandateForm
    add_view_class = views.MandateCreateView
    edit_view_class = views.MandateEditView
    filterset_class = views.scoped_filterset(Mandate, "role", "seat__segment")
    list_display = ["__str__", "council", "term", "starts_on", "ends_on", "end_reason"]

    def get_urlpatterns(self):
        end = self.construct_view(
            views.MandateEndView,
            council_lookup=self.council_lookup,
            edit_url_name=self.get_url_name("edit"),
            index_url_name=self.get_url_name("index"),
        )
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/encerrar/", end, name="end"),
        ]


class BoardPositionViewSet(ScopedViewSet):
    model = BoardPosition
    icon = "crosshairs"
    menu_label = _("Mesa diretora")
    url_prefix = "conselhos/mesa"
    url_namespace = "councils_board"
    form_class = forms.BoardPositionForm
    filterset_class = views.scoped_filterset(BoardPosition)
    list_display = ["__str__", "council", "starts_on", "ends_on"]


class CommissionViewSet(ScopedViewSet):
    model = Commission
    icon = "list-ul"
    menu_label = _("Comissões temáticas")
    url_prefix = "conselhos/comissoes"
    url_namespace = "councils_commissions"
    form_class = forms.CommissionForm
    filterset_class = views.scoped_filterset(Commission)
    list_display = ["name", "council"]


class CouncilDocumentViewSet(ScopedViewSet):
    model = CouncilDocument
    icon = "doc-full"
    menu_label = _("Documentos dos conselhos")
    url_prefix = "conselhos/documentos"
    url_namespace = "councils_documents"
    form_class = forms.CouncilDocumentForm
    filterset_class = views.scoped_filterset(CouncilDocument, "kind")
    list_display = ["title", "council", "kind", "published_on"]


VIEWSETS = [
    CouncilViewSet(),
    SeatViewSet(),
    TermViewSet(),
    MandateViewSet(),
    BoardPositionViewSet(),
    CommissionViewSet(),
    CouncilDocumentViewSet(),
]


class CompositionPanel(Component):
    """On the admin home: councils the person runs whose composition breaks
    its rule or has seats without a titular."""

    name = "councils_composition"
    order = 150
    template_name = "councils/admin/composition_panel.html"

    def __init__(self, broken):
        self.broken = broken

    def get_context_data(self, parent_context):
        return {"broken": self.broken}


@hooks.register("construct_homepage_panels")
def add_composition_panel(request, panels):
    if not runs_council(request.user):
        return
    broken = councils_with_findings(councils_run_by(request.user))
    if broken:
        panels.append(CompositionPanel(broken))
