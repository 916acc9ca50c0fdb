"""The staff queue of "Fale com a SRSC" and one page per demand, where staff
take each step of the workflow with its note, and write internal notes.

The SRSC team sees every demand; a body's staff see only the demands
forwarded to their body (`dialogue.view_demand`), where they write notes."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from civic.viewsets import DecisionPageView, ReadOnlyViewSetMixin
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error
from consultations.models import Body, PolicyArea

from ..forms import MultipleFileField
from ..models import Demand
from ..selectors.demands import demand_for_staff, staff_queue
from ..services.demands import demand_note
from ..services.workflow import demand_transition, workflow

STAFF_ACTIONS = ("assign", "forward", "ask", "answer", "extend", "close")


def team_members():
    """Active people who hold `dialogue.manage_dialogue` (the SRSC team)."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__codename="manage_dialogue")
            | Q(user_permissions__codename="manage_dialogue")
        )
        .distinct()
        .order_by("full_name")
    )


class ActionForm(forms.Form):
    """One staff step: the note, and what the step needs besides it."""

    note = forms.CharField(
        label=gettext_lazy("Texto"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    files = MultipleFileField(label=gettext_lazy("Anexos"))

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, prefix=action, **kwargs)
        self.action = action
        if action == "assign":
            self.fields["assignee"] = forms.ModelChoiceField(
                label=_("Responsável"), queryset=team_members()
            )
        if action == "forward":
            self.fields["body"] = forms.ModelChoiceField(
                label=_("Órgão"), queryset=Body.objects.all()
            )
        if action not in {"ask", "answer", "note"}:
            del self.fields["files"]

    def clean_note(self):
        return self.cleaned_data["note"].replace("\x00", "").strip()


class DueColumn(Column):
    """The deadline, with "suspenso" while waiting and the days left or overdue."""

    def get_value(self, instance):
        if instance.status not in Demand.ACTIVE_STATUSES:
            return "—"
        if instance.is_paused:
            return _("suspenso")
        days = instance.days_left(timezone.localdate())
        when = instance.due_on.strftime("%d/%m/%Y")
        if days < 0:
            return _("%(date)s: vencido há %(days)s dias") % {
                "date": when,
                "days": -days,
            }
        return _("%(date)s: faltam %(days)s dias") % {"date": when, "days": days}


class DemandFilterSet(WagtailFilterSet):
    """Status, kind and area, and "denúncias de parcerias": the reports of the
    MROSC art. 12 channel (a denúncia that concerns a partnership)."""

    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Situação"), choices=Demand.Status.choices
    )
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Tipo"), choices=Demand.Kind.choices
    )
    area = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Área"), queryset=PolicyArea.objects.all()
    )
    sobre = django_filters.ChoiceFilter(
        label=gettext_lazy("Sobre"),
        choices=[("parceria", gettext_lazy("Denúncias de parcerias (art. 12)"))],
        method="filter_sobre",
    )

    class Meta:
        model = Demand
        fields = []

    def filter_sobre(self, queryset, name, value):
        if value == "parceria":
            return queryset.filter(
                kind=Demand.Kind.REPORT, concerns_partnership__isnull=False
            )
        return queryset


class ConcernsColumn(Column):
    """What the demand is about; a partnership with its number and entity."""

    def get_value(self, instance):
        partnership = instance.concerns_partnership
        if partnership is not None:
            return _("Parceria %(number)s (%(entity)s)") % {
                "number": partnership.number,
                "entity": partnership.entity.display_name,
            }
        return instance.concerns or "—"


class DemandIndexView(IndexView):
    """The queue: open demands by due date first, then the rest."""

    page_title = gettext_lazy("Fale com a SRSC")

    def get_base_queryset(self):
        return staff_queue(self.request.user)

    def order_queryset(self, queryset):
        if self.ordering:
            ordering = self.ordering
            if not isinstance(ordering, list | tuple):
                ordering = (ordering,)
            return queryset.order_by(*ordering, "pk")
        return queryset.order_by("still_open", "due_on", "pk")


class DemandPage(DecisionPageView):
    template_name = "dialogue/admin/demand_page.html"

    def load(self, pk):
        demand = demand_for_staff(pk)
        if not self.request.user.has_perm("dialogue.view_demand", demand):
            raise Demand.DoesNotExist
        return demand

    def action_forms(self, bound=None):
        user = self.request.user
        actions = [
            a
            for a in workflow.available_actions(self.object, user)
            if a in STAFF_ACTIONS
        ]
        if user.has_perm("dialogue.note_demand", self.object):
            actions.append("note")
        forms_ = {action: ActionForm(action=action) for action in actions}
        if bound is not None:
            forms_[bound.action] = bound
        return [(action, self.label(action), form) for action, form in forms_.items()]

    @staticmethod
    def label(action):
        extra = {"note": _("Nota interna"), "open": _("Recebida")}
        return extra.get(action) or workflow.label(action)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for entry in self.object.history:
            entry.label = self.label(entry.action)
        context.update(
            demand=self.object,
            action_forms=self.action_forms(kwargs.get("bound")),
            today=timezone.localdate(),
        )
        return context

    def decide(self, request):
        action = request.POST.get("action", "")
        if action not in (*STAFF_ACTIONS, "note"):
            messages.error(request, _("Ação desconhecida."))
            return redirect(self.inspect_url)
        form = ActionForm(request.POST, request.FILES, action=action)
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                if action == "note":
                    demand_note(
                        demand_id=self.object.pk,
                        by=request.user,
                        text=data["note"],
                        files=data.get("files") or [],
                    )
                else:
                    demand_transition(
                        demand_id=self.object.pk,
                        action=action,
                        actor=request.user,
                        **data,
                    )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form, field="note")
            else:
                messages.success(
                    request, _("Feito: %(action)s.") % {"action": self.label(action)}
                )
                return redirect(self.inspect_url)
        return self.render_to_response(self.get_context_data(bound=form))


class DemandViewSet(ReadOnlyViewSetMixin, ModelViewSet):
    model = Demand
    icon = "mail"
    menu_label = gettext_lazy("Demandas")
    url_prefix = "fale-conosco/demandas"
    index_view_class = DemandIndexView
    inspect_view_enabled = True
    inspect_view_class = DemandPage
    search_fields = ["protocol", "subject"]
    filterset_class = DemandFilterSet
    list_per_page = 50
    list_display = [
        TitleColumn(
            "protocol",
            label=gettext_lazy("Protocolo"),
            url_name="dialogue_demands:inspect",
        ),
        "subject",
        Column("get_kind_display", label=gettext_lazy("Tipo")),
        StatusTagColumn(
            "get_status_display", label=gettext_lazy("Situação"), sort_key="status"
        ),
        DueColumn("due_on", label=gettext_lazy("Prazo"), sort_key="due_on"),
        ConcernsColumn("concerns", label=gettext_lazy("Sobre")),
        Column("assignee", label=gettext_lazy("Responsável")),
        Column("forwarded_to", label=gettext_lazy("Encaminhada a")),
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            inspect_url_name=self.get_url_name("inspect"), **kwargs
        )
