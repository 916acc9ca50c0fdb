"""Consultations in the Wagtail admin ("Participação" → "Consultas públicas"):
create and edit (with the draft text split into devices), and the workflow
buttons (schedule, unschedule, publish the report).

URL namespace `consultations_admin` (index, add, edit, delete, history, usage,
transition, documents) is linked from other pages; keep it stable.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from .. import services
from ..forms.admin_consultations import ConsultationAdminForm
from ..models import Consultation, PolicyArea
from ..selectors.staff import consultation_counts, history, with_contribution_counts
from ..services.consultation_workflow import workflow
from .common import (
    DraftDeleteView,
    ServiceSaveMixin,
    StaffModelViewSet,
    contributions_list_url,
    history_lines,
)
from .documents import ConsultationDocumentsView

ACTION_HELP = {
    "schedule": gettext_lazy(
        "A consulta fica pública e abre sozinha na data de abertura. O texto não "
        "poderá mais mudar."
    ),
    "unschedule": gettext_lazy(
        "A consulta volta a ser um rascunho, sai do site e o texto pode ser corrigido."
    ),
    "publish_report": gettext_lazy(
        "Publica o relatório com todas as respostas; quem acompanha e quem "
        "contribuiu é avisado. As respostas não poderão mais mudar."
    ),
}
ACTION_DONE = {
    "schedule": gettext_lazy("Consulta “%(title)s” agendada."),
    "unschedule": gettext_lazy("Consulta “%(title)s” voltou a ser um rascunho."),
    "publish_report": gettext_lazy("Relatório final de “%(title)s” publicado."),
}
LOG_LABELS = {
    "schedule": gettext_lazy("Agendamento"),
    "unschedule": gettext_lazy("Agendamento desfeito"),
    "open": gettext_lazy("Abertura"),
    "close": gettext_lazy("Encerramento"),
    "publish_report": gettext_lazy("Publicação do relatório final"),
}


class ConsultationIndexView(IndexView):
    """Every consultation with its number of contributions."""

    page_title = gettext_lazy("Consultas públicas")

    def get_base_queryset(self):
        return with_contribution_counts(super().get_base_queryset())


class ConsultationFormMixin(ServiceSaveMixin):
    """Create and edit: the pasted text becomes devices while it is a draft
    (`devices_replace`, in the same transaction as the save)."""

    def save_instance(self):
        instance = super().save_instance()
        if self.form.text_changed:
            services.devices_replace(
                consultation=instance,
                text=self.form.cleaned_data["draft_text"],
                by=self.request.user,
            )
        return instance

    def get_success_url(self):
        return reverse(self.edit_url_name, args=[self.object.pk])


class ConsultationCreateView(ConsultationFormMixin, CreateView):
    success_message = gettext_lazy("Consulta “%(object)s” criada como rascunho.")

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class ConsultationEditView(ConsultationFormMixin, EditView):
    """The form, and above it the status, the workflow and the links staff need."""

    template_name = "consultations/admin/consultation_edit.html"
    transition_url_name = None
    documents_url_name = None
    success_message = gettext_lazy("Consulta “%(object)s” salva.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consultation = self.object
        actions = [
            {"name": name, "label": workflow.label(name), "help": ACTION_HELP[name]}
            for name in workflow.available_actions(consultation, self.request.user)
        ]
        context.update(
            consultation=consultation,
            workflow_actions=actions,
            transition_url=reverse(self.transition_url_name, args=[consultation.pk]),
            documents_url=reverse(self.documents_url_name, args=[consultation.pk]),
            contributions_url=contributions_list_url(consultation=consultation.pk),
            unanswered_url=contributions_list_url(
                consultation=consultation.pk, answered="no", kind="top"
            ),
            counts=consultation_counts(consultation),
            public_url=consultation.get_absolute_url(),
            report_url=reverse(
                "consultations:report", kwargs={"slug": consultation.slug}
            ),
            history=history_lines(history(consultation, 20), LOG_LABELS),
        )
        return context


class ConsultationTransitionView(PermissionCheckedMixin, View):
    """POST only: apply one workflow action and go back to the edit page."""

    model = Consultation
    permission_required = "change"
    edit_url_name = None
    http_method_names = ["post"]

    def post(self, request, pk):
        action = request.POST.get("action", "")
        edit_url = reverse(self.edit_url_name, args=[pk])
        if action not in workflow.staff_actions():
            messages.error(request, _("Ação desconhecida."))
            return redirect(edit_url)
        try:
            consultation = services.consultation_transition(
                consultation_id=pk,
                action=action,
                actor=request.user,
                note=request.POST.get("note", ""),
            )
        except Consultation.DoesNotExist:
            messages.error(request, _("Consulta não encontrada."))
            return redirect(reverse("consultations_admin:index"))
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, ACTION_DONE[action] % {"title": consultation})
        return redirect(edit_url)


class ConsultationFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Situação"),
        choices=Consultation.Status.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    policy_area = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Área"),
        queryset=PolicyArea.objects.all(),
        empty_label=gettext_lazy("Todas"),
    )

    class Meta:
        model = Consultation
        fields = ["status", "policy_area"]


class ConsultationViewSet(StaffModelViewSet):
    """Create and edit consultations; schedule, unschedule, publish the report."""

    model = Consultation
    icon = "doc-full"
    menu_label = gettext_lazy("Consultas públicas")
    url_prefix = "participacao/consultas"
    form_class = ConsultationAdminForm
    index_view_class = ConsultationIndexView
    add_view_class = ConsultationCreateView
    edit_view_class = ConsultationEditView
    delete_view_class = DraftDeleteView
    filterset_class = ConsultationFilterSet
    search_fields = ["title", "summary"]
    list_display = [
        "title",
        StatusTagColumn(
            "get_status_display",
            label=gettext_lazy("Situação"),
            sort_key="status",
            primary=lambda c: c.status == Consultation.Status.OPEN,
        ),
        Column("policy_area", label=gettext_lazy("Área")),
        DateColumn("opens_at", label=gettext_lazy("Abertura"), sort_key="opens_at"),
        DateColumn(
            "closes_at", label=gettext_lazy("Encerramento"), sort_key="closes_at"
        ),
        Column(
            "_contributions",
            label=gettext_lazy("Contribuições"),
            sort_key="_contributions",
        ),
    ]

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            transition_url_name=self.get_url_name("transition"),
            documents_url_name=self.get_url_name("documents"),
            **kwargs,
        )

    @property
    def transition_view(self):
        return self.construct_view(ConsultationTransitionView)

    @property
    def documents_view(self):
        return self.construct_view(ConsultationDocumentsView)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/acao/", self.transition_view, name="transition"),
            path("<int:pk>/documentos/", self.documents_view, name="documents"),
        ]

    def get_permissions_to_register(self):
        """Only the staff permission shows in the group editor; what it allows
        is written in the rules."""
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Consultation),
            codename="manage_participation",
        )


VIEWSETS = [ConsultationViewSet("consultations_admin")]
