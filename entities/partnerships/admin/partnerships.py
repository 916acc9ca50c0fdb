"""Partnerships in the admin ("Parcerias" › "Termos e acordos"): create and
edit them while in celebração, with the plano de trabalho (metas, parcelas,
team) on its own page; a manage page per partnership offering the steps of
its life (sign, extrato, parcelas, changes, monitoring, end, rescission,
closing), each through its service."""

from __future__ import annotations

from django import forms as django_forms
from django.core.exceptions import PermissionDenied
from django.forms import inlineformset_factory
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from ..forms import execution as forms
from ..models import Change, Goal, Installment, Partnership, TeamPosition
from ..presentation import brl
from ..services import changes, installments, monitoring
from ..services.partnership_workflow import (
    partnership_transition,
    partnership_workflow,
    plan_problems,
    rescission_notify,
)
from .actions import Action, ActionView, ExecutionViewSet, ManageView

S = Partnership.Status
PLAN_FIELDS = [
    "number",
    "instrument",
    "legacy_instrument",
    "origin",
    "call",
    "proposal",
    "exception_justification",
    "exception_published_on",
    "amendment_reference",
    "entity",
    "body",
    "policy_area",
    "council",
    "object",
    "total_value",
    "starts_on",
    "ends_on",
    "gestor",
    "gestor_act",
    "monitoring_committee",
    "reality",
    "target_public",
    "territory",
    "execution_form",
]


def _step(action):
    def run(partnership, user, data):
        note = data.pop("note", "")
        return partnership_transition(
            partnership_id=partnership.pk, action=action, by=user, note=note, **data
        )

    return run


ACTIONS = {
    "sign": Action(
        _("Registrar a assinatura"),
        _step("sign"),
        forms.SignForm,
        help=_(
            "Exige o plano de trabalho completo: metas com indicador e meio de "
            "verificação, parcelas que somam o valor total, gestor(a) designado(a) "
            "e vigência."
        ),
    ),
    "publish_extract": Action(
        _("Registrar a publicação do extrato"),
        _step("publish_extract"),
        forms.ExtractForm,
        help=_(
            "Art. 38: a parceria só produz efeitos depois da publicação do extrato."
        ),
    ),
    "end_validity": Action(
        _("Encerrar a vigência"),
        _step("end_validity"),
        help=_("Abre a prestação de contas final (90 dias, art. 69)."),
    ),
    "notify_rescission": Action(
        _("Notificar a intenção de rescindir"),
        lambda p, user, data: rescission_notify(partnership_id=p.pk, by=user, **data),
        forms.RescissionNoticeForm,
        help=_(
            "A rescisão só pode ocorrer 60 dias depois da notificação (art. 42, XVI)."
        ),
    ),
    "rescind": Action(
        _("Rescindir"), _step("rescind"), forms.NoteForm, destructive=True
    ),
    "close": Action(_("Encerrar a parceria"), _step("close")),
    "release": Action(
        _("Liberar parcela"),
        lambda i, user, data: installments.installment_release(
            installment_id=i.pk, by=user, **data
        ),
        forms.ReleaseForm,
        subject=Installment.objects.select_related("partnership").get,
    ),
    "retain": Action(
        _("Reter parcela (art. 48)"),
        lambda i, user, data: installments.installment_retain(
            installment_id=i.pk, by=user, **data
        ),
        forms.RetainForm,
        subject=Installment.objects.select_related("partnership").get,
        destructive=True,
    ),
    "decide_change": Action(
        _("Decidir a alteração"),
        lambda c, user, data: changes.change_decide(
            change_id=c.pk,
            by=user,
            approve=data.pop("decision") == "approve",
            kind=data.pop("kind") or Change.Kind.ADDENDUM,
            **data,
        ),
        forms.ChangeDecisionForm,
        subject=Change.objects.select_related("partnership").get,
    ),
    "ex_officio": Action(
        _("Prorrogar de ofício"),
        lambda p, user, data: changes.change_ex_officio(
            partnership_id=p.pk, by=user, **data
        ),
        forms.ExOfficioForm,
        help=_("Pelo exato período do atraso da administração na liberação (art. 55)."),
    ),
    "record_monitoring": Action(
        _("Registrar monitoramento"),
        lambda p, user, data: monitoring.monitoring_record(
            partnership_id=p.pk, by=user, **data
        ),
        forms.MonitoringForm,
    ),
}


class PartnershipActionView(ActionView):
    actions = ACTIONS


class PartnershipIndexView(IndexView):
    """The title opens the manage page, where every step is offered."""

    def get_base_queryset(self):
        partnerships = super().get_base_queryset().select_related("entity")
        user = self.request.user
        if user.has_perm("partnerships.manage_partnerships"):
            return partnerships
        from councils.rules import secretariats_of

        # A council's secretariat: the partnerships its councils follow.
        return partnerships.filter(council_id__in=secretariats_of(user))

    def get_edit_url(self, instance):
        return self.get_inspect_url(instance)


class PlanningOnlyEditView(EditView):
    """Only a partnership in celebração is edited; later changes are aditivos."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance("change", instance):
            raise PermissionDenied
        return instance


class PartnershipManageView(ManageView):
    template_name = "partnerships/admin/partnership_manage.html"
    plan_url_name: str | None = None

    def load(self, pk):
        from ..selectors.execution import partnership_private

        partnership = partnership_private(pk=pk)
        # The list is filtered; the page checks the partnership itself.
        if not self.request.user.has_perm("partnerships.view_partnership", partnership):
            raise PermissionDenied
        return partnership

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership, user = self.object, self.request.user
        # Staff act; a council's secretariat reads (no action offered).
        executing = partnership.status == S.EXECUTING and user.has_perm(
            "partnerships.manage_partnerships"
        )
        context.update(
            partnership=partnership,
            problems=plan_problems(partnership).values()
            if partnership.status == S.PLANNING
            else [],
            steps=[
                {"label": partnership_workflow.label(a), "url": self.action_url(a)}
                for a in partnership_workflow.available_actions(partnership, user)
            ],
            extra_steps=[
                {"label": ACTIONS[a].label, "url": self.action_url(a)}
                for a in ("notify_rescission", "ex_officio", "record_monitoring")
                if executing
            ],
            installments=[
                {
                    "row": i,
                    "release": self.action_url("release", i.pk)
                    if executing and i.status != Installment.Status.RELEASED
                    else "",
                    "retain": self.action_url("retain", i.pk)
                    if executing and i.status == Installment.Status.SCHEDULED
                    else "",
                }
                for i in partnership.installments.all()
            ],
            pending_changes=[
                {"row": c, "url": self.action_url("decide_change", c.pk)}
                for c in partnership.changes.all()
                if c.status == Change.Status.REQUESTED
            ],
            log=partnership.log.select_related("actor")[:50],
            edit_url=reverse(self.edit_url_name, args=[partnership.pk])
            if user.has_perm("partnerships.change_partnership", partnership)
            else "",
            plan_url=reverse(self.plan_url_name, args=[partnership.pk])
            if partnership.status == S.PLANNING
            else "",
            accounts_url_name="partnerships_accounts:inspect",
            total=brl(partnership.total_value),
        )
        return context


GoalFormSet = inlineformset_factory(
    Partnership,
    Goal,
    fields=[
        "position",
        "description",
        "indicator",
        "verification",
        "quantity",
        "unit",
        "starts_on",
        "ends_on",
    ],
    extra=1,
    widgets={"starts_on": forms.DateInput, "ends_on": forms.DateInput},
)
InstallmentFormSet = inlineformset_factory(
    Partnership,
    Installment,
    fields=["number", "value", "due_on"],
    extra=1,
    widgets={"due_on": forms.DateInput},
)
TeamFormSet = inlineformset_factory(
    Partnership, TeamPosition, fields=["function", "monthly_pay", "months"], extra=1
)
FORMSETS = (
    ("goals", GoalFormSet),
    ("installments", InstallmentFormSet),
    ("team", TeamFormSet),
)


class PlanView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """The plano de trabalho of a partnership in celebração: metas, parcelas
    and the team paid with partnership money (art. 22, art. 11 VI)."""

    permission_required = "change"
    template_name = "partnerships/admin/plan.html"
    page_title = _("Plano de trabalho")
    manage_url_name = ""

    @cached_property
    def partnership(self) -> Partnership:
        partnership = Partnership.objects.filter(pk=self.kwargs["pk"]).first()
        if partnership is None:
            from django.http import Http404

            raise Http404
        if not self.request.user.has_perm(
            "partnerships.change_partnership", partnership
        ):
            raise PermissionDenied
        return partnership

    def get_page_subtitle(self):
        return str(self.partnership)

    def formsets(self, data=None):
        return [
            (name, formset(data, instance=self.partnership, prefix=name))
            for name, formset in FORMSETS
        ]

    def get_context_data(self, formsets=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            partnership=self.partnership,
            formsets=formsets or self.formsets(),
            back_url=reverse(self.manage_url_name, args=[self.partnership.pk]),
        )
        return context

    def post(self, request, *args, **kwargs):
        formsets = self.formsets(request.POST)
        if all(formset.is_valid() for _name, formset in formsets):
            for _name, formset in formsets:
                formset.save()
            partnership_workflow.record(
                self.partnership, action="edit_plan", actor=request.user
            )
            messages.success(request, _("Plano de trabalho salvo."))
            return redirect(request.path)
        messages.error(request, _("Corrija os campos indicados."))
        return self.render_to_response(self.get_context_data(formsets=formsets))


class PartnershipViewSet(ExecutionViewSet):
    model = Partnership
    icon = "doc-full-inverse"
    menu_label = _("Termos e acordos")
    url_prefix = "parcerias/termos"
    form_fields = PLAN_FIELDS
    index_view_class = PartnershipIndexView
    edit_view_class = PlanningOnlyEditView
    inspect_view_class = PartnershipManageView
    action_view_class = PartnershipActionView
    manage_for_partnership = True
    search_fields = ["number", "entity__name", "object"]
    list_filter = ["status", "instrument"]
    list_display = [
        "number",
        Column("entity", label=_("Entidade")),
        Column("get_instrument_display", label=_("Instrumento"), sort_key="instrument"),
        StatusTagColumn("get_status_display", label=_("Situação"), sort_key="status"),
        Column(
            "total_value", label=_("Valor total"), accessor=lambda p: brl(p.total_value)
        ),
    ]

    def get_form_class(self, for_update=False):
        form_class = super().get_form_class(for_update)
        form_class.base_fields["starts_on"].widget = forms.DateInput()
        form_class.base_fields["ends_on"].widget = forms.DateInput()
        form_class.base_fields["exception_published_on"].widget = forms.DateInput()
        form_class.base_fields[
            "monitoring_committee"
        ].widget = django_forms.SelectMultiple()
        return form_class

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            plan_url_name=self.get_url_name("plan"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/plano/",
                self.construct_view(
                    PlanView, manage_url_name=self.get_url_name("inspect")
                ),
                name="plan",
            ),
        ]


VIEWSETS = [PartnershipViewSet("partnerships_partnerships")]
