"""Accounts and sanctions in the admin ("Parcerias" › "Prestações de contas",
"Sanções"): the analysis (extensions, diligências, conclusions) and the
sanction files (opening, decision, rehabilitation), each step through its
service; and the admin home panel of what is due this week."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, IndexView

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms import execution as forms
from ..models import Accountability, Sanction
from ..services.accounts import accountability_transition, accountability_workflow
from ..services.sanctions import sanction_open, sanction_transition, sanction_workflow
from .actions import Action, ActionView, ExecutionViewSet, ManageView


def _accounts(action):
    def run(accounts, user, data):
        note = data.pop("note", "")
        return accountability_transition(
            accountability_id=accounts.pk, action=action, by=user, note=note, **data
        )

    return run


ACCOUNT_ACTIONS = {
    "extend_due": Action(
        _("Prorrogar a apresentação (30 dias)"), _accounts("extend_due"), forms.NoteForm
    ),
    "extend_analysis": Action(
        _("Prorrogar a análise (150 dias)"),
        _accounts("extend_analysis"),
        forms.NoteForm,
    ),
    "diligence": Action(
        _("Emitir diligência"),
        _accounts("diligence"),
        forms.DiligenceForm,
        help=_("A entidade terá 45 dias para responder (art. 70, §1º)."),
    ),
    "extend_diligence": Action(
        _("Prorrogar a diligência (45 dias)"),
        _accounts("extend_diligence"),
        forms.NoteForm,
    ),
    "approve": Action(_("Concluir: regular"), _accounts("approve"), forms.NoteForm),
    "approve_with_caveats": Action(
        _("Concluir: regular com ressalvas"),
        _accounts("approve_with_caveats"),
        forms.NoteForm,
    ),
    "reject": Action(
        _("Concluir: irregular"),
        _accounts("reject"),
        forms.NoteForm,
        help=_("Contas irregulares impedem novas parcerias por 5 anos (art. 39, IV)."),
        destructive=True,
    ),
}


def _sanction(action):
    def run(sanction, user, data):
        note = data.pop("note", "")
        return sanction_transition(
            sanction_id=sanction.pk, action=action, by=user, note=note, **data
        )

    return run


SANCTION_ACTIONS = {
    "apply": Action(
        _("Aplicar a sanção"),
        _sanction("apply"),
        forms.SanctionApplyForm,
        help=_(
            "Suspensão: até 2 anos (art. 73, II). Suspensão e inidoneidade são "
            "atos de Secretário(a) Municipal (art. 73, §1º)."
        ),
    ),
    "dismiss": Action(_("Arquivar"), _sanction("dismiss"), forms.NoteForm),
    "lift": Action(_("Registrar a reabilitação"), _sanction("lift"), forms.NoteForm),
}


class AccountsActionView(ActionView):
    actions = ACCOUNT_ACTIONS


class SanctionActionView(ActionView):
    actions = SANCTION_ACTIONS


class AccountsManageView(ManageView):
    template_name = "partnerships/admin/accounts_manage.html"
    workflow = accountability_workflow

    def load(self, pk):
        return (
            Accountability.objects.select_related("partnership__entity")
            .prefetch_related("diligences", "documents")
            .get(pk=pk)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        context.update(
            subject=obj,
            steps=[
                {"label": self.workflow.label(a), "url": self.action_url(a)}
                for a in self.workflow.available_actions(obj, user)
                if a in ACCOUNT_ACTIONS or a in SANCTION_ACTIONS
            ],
            log=obj.log.select_related("actor")[:50],
        )
        return context


class SanctionManageView(AccountsManageView):
    template_name = "partnerships/admin/sanction_manage.html"
    workflow = sanction_workflow

    def load(self, pk):
        return Sanction.objects.select_related("entity", "partnership").get(pk=pk)


class LinkToManageIndexView(IndexView):
    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class AccountsIndexView(LinkToManageIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("partnership__entity")


class ReadOnlyExecutionViewSet(ExecutionViewSet):
    """Records created only by services: no add, edit or delete views."""

    def get_form_class(self, for_update=False):
        return None

    def get_urlpatterns(self):
        hidden = {"add", "edit", "delete", "history", "usage", "copy"}
        return [p for p in super().get_urlpatterns() if p.name not in hidden]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "copy", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs


class AccountabilityViewSet(ReadOnlyExecutionViewSet):
    model = Accountability
    icon = "doc-full"
    menu_label = _("Prestações de contas")
    url_prefix = "parcerias/contas"
    index_view_class = AccountsIndexView
    inspect_view_class = AccountsManageView
    action_view_class = AccountsActionView
    list_filter = ["status", "kind"]
    search_fields = ["partnership__number", "partnership__entity__name"]
    list_display = [
        Column("partnership", label=_("Parceria")),
        Column("get_kind_display", label=_("Tipo"), sort_key="kind"),
        StatusTagColumn("get_status_display", label=_("Situação"), sort_key="status"),
        DateColumn("due_on", label=_("Prazo para apresentar"), sort_key="due_on"),
        DateColumn(
            "analysis_due_on", label=_("Prazo da análise"), sort_key="analysis_due_on"
        ),
    ]


class SanctionCreateView(CreateView):
    """Open a sanction file through its service (the defence period starts)."""

    def get_form_class(self):
        return forms.SanctionOpenForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs.pop("for_user", None)
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        from django import forms as django_forms

        from entities.models import Entity

        from ..models import Partnership

        form.fields["entity"] = django_forms.ModelChoiceField(
            label=_("Entidade"), queryset=Entity.objects.order_by("name")
        )
        form.fields["partnership"] = django_forms.ModelChoiceField(
            label=_("Parceria"),
            queryset=Partnership.objects.order_by("number"),
            required=False,
        )
        return form

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            sanction = sanction_open(
                entity=data["entity"],
                partnership=data.get("partnership"),
                kind=data["kind"],
                grounds=data["grounds"],
                by=self.request.user,
            )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error, form=form)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Processo de sanção aberto; a entidade foi notificada.")
        )
        return redirect(reverse("partnerships_sanctions:inspect", args=[sanction.pk]))


class SanctionViewSet(ExecutionViewSet):
    model = Sanction
    icon = "warning"
    menu_label = _("Sanções")
    url_prefix = "parcerias/sancoes"
    index_view_class = LinkToManageIndexView
    inspect_view_class = SanctionManageView
    action_view_class = SanctionActionView
    add_view_class = SanctionCreateView
    form_fields = ["kind", "grounds"]
    list_filter = ["status", "kind"]
    search_fields = ["entity__name"]
    list_display = [
        Column("entity", label=_("Entidade")),
        Column("get_kind_display", label=_("Sanção"), sort_key="kind"),
        StatusTagColumn("get_status_display", label=_("Situação"), sort_key="status"),
        DateColumn(
            "defence_due_on",
            label=_("Fim do prazo de defesa"),
            sort_key="defence_due_on",
        ),
    ]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            inspect_url_name=self.get_url_name("inspect"), **kwargs
        )

    def get_urlpatterns(self):
        hidden = {"edit", "delete", "history", "usage", "copy"}
        return [p for p in super().get_urlpatterns() if p.name not in hidden]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("edit", "delete", "copy", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs


VIEWSETS = [
    AccountabilityViewSet("partnerships_accounts"),
    SanctionViewSet("partnerships_sanctions"),
]
