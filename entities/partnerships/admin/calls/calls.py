"""The chamamentos' viewset and its one page per call, where staff act."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from civic.downloads import stored_file_response
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error
from consultations.admin.common import StaffModelViewSet

from ...models import Call, CallDocument, CommitteeMember, Criterion, ProposalDocument
from ...selectors import calls as selectors
from ...services import appeals, call_setup, habilitation
from ...services.calls import call_transition, workflow
from .forms import (
    AppealDecisionForm,
    CallAdminForm,
    CriterionForm,
    DocumentForm,
    HabilitationForm,
    MemberForm,
    TransitionForm,
)


def _int(raw) -> int | None:
    raw = str(raw or "")
    return int(raw) if raw.isdigit() and len(raw) < 12 else None


class DraftDeleteView(DeleteView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.user_has_permission_for_instance("delete", instance):
            raise PermissionDenied
        return instance


class CallManageView(WagtailAdminTemplateMixin, TemplateView):
    """One call: status, actions, criteria, committee, documents, proposals,
    appeals, habilitação, history. Every POST is one operation (`op`)."""

    template_name = "partnerships/admin/call_manage.html"
    header_icon = "doc-full"

    @cached_property
    def call(self) -> Call:
        call = (
            Call.objects.select_related("body", "policy_area", "council")
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if call is None:
            raise Http404
        if not self.request.user.has_perm("partnerships.view_call", call):
            raise PermissionDenied
        return call

    def get_page_title(self):
        return str(self.call)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("partnerships_calls:index"),
                "label": _("Chamamentos públicos"),
            },
            {"url": "", "label": str(self.call)},
        ]

    def here(self):
        return redirect(reverse("partnerships_calls:manage", args=[self.call.pk]))

    def post(self, request, pk):
        call = self.call
        if not request.user.has_perm("partnerships.manage_committee_call", call):
            raise PermissionDenied
        op = request.POST.get("op", "")
        handler = getattr(self, f"op_{op}", None) if op.isidentifier() else None
        if handler is None:
            messages.error(request, _("Ação desconhecida."))
            return self.here()
        try:
            response = handler(request, call)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
            return self.here()
        return response or self.here()

    # -- operations, each through a service --------------------------------

    def op_transition(self, request, call):
        form = TransitionForm(request.POST)
        if form.is_valid():
            call_transition(call_id=call.pk, actor=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Feito: %(action)s.")
                % {"action": workflow.label(form.cleaned_data["action"])},
            )

    def op_add_criterion(self, request, call):
        form = CriterionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(criterion_form=form))
        call_setup.criterion_add(call=call, by=request.user, **form.cleaned_data)

    def op_remove_criterion(self, request, call):
        criterion = get_object_or_404(
            Criterion, pk=_int(request.POST.get("id")), call=call
        )
        call_setup.criterion_remove(criterion=criterion, by=request.user)

    def op_add_member(self, request, call):
        form = MemberForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(member_form=form))
        call_setup.member_add(
            call=call,
            by=request.user,
            user=form.user,
            designation_act=form.cleaned_data["designation_act"],
        )

    def op_remove_member(self, request, call):
        member = get_object_or_404(
            CommitteeMember, pk=_int(request.POST.get("id")), call=call
        )
        call_setup.member_remove(member=member, by=request.user)

    def op_add_document(self, request, call):
        form = DocumentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(document_form=form))
        call_setup.document_add(call=call, by=request.user, **form.cleaned_data)

    def op_decide_appeal(self, request, call):
        form = AppealDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Escolha a decisão e escreva a fundamentação."))
            return None
        appeal = get_object_or_404(
            selectors.Appeal, pk=form.cleaned_data["appeal"], proposal__call=call
        )
        appeals.appeal_decide(
            appeal=appeal,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            decision=form.cleaned_data["decision"],
        )
        messages.success(request, _("Recurso decidido."))

    def op_habilitate(self, request, call):
        form = HabilitationForm(request.POST)
        if form.is_valid():
            proposal = habilitation.habilitation_decide(
                call=call, by=request.user, **form.cleaned_data
            )
            messages.success(
                request,
                _("%(entity)s: %(status)s.")
                % {"entity": proposal.entity, "status": proposal.get_status_display()},
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        call, user = self.call, self.request.user
        can_manage = user.has_perm("partnerships.manage_committee_call", call)
        context.update(
            call=call,
            can_manage=can_manage,
            actions=[
                {"name": a, "label": workflow.label(a)}
                for a in workflow.available_actions(call, user)
            ],
            criteria=list(call.criteria.all()),
            committee=list(
                call.committee.select_related("user").prefetch_related(
                    "impeded_entities"
                )
            ),
            documents=list(call.documents.all()),
            proposals=list(
                call.proposals.select_related("entity")
                .prefetch_related("documents")
                .order_by("rank", "pk")
            ),
            appeals=selectors.call_appeals(call),
            history=selectors.call_history(call),
            criterion_form=kwargs.get("criterion_form") or CriterionForm(),
            member_form=kwargs.get("member_form") or MemberForm(),
            document_form=kwargs.get("document_form") or DocumentForm(),
            appeal_form=AppealDecisionForm(),
            habilitation_form=HabilitationForm(),
            public_url=call.get_absolute_url() if call.status != "draft" else "",
            edit_url=reverse("partnerships_calls:edit", args=[call.pk])
            if user.has_perm("partnerships.change_call", call)
            else "",
        )
        return context


def call_document_admin(request, pk: int, document: int):
    """A call's document for staff and the council (drafts included)."""
    doc = get_object_or_404(
        CallDocument.objects.select_related("call"), pk=document, call_id=pk
    )
    if not request.user.has_perm("partnerships.view_call", doc.call):
        raise Http404
    return stored_file_response(doc.file, filename=doc.title, private=True)


def proposal_document_admin(request, pk: int, document: int):
    """A proposal's private document for staff and the council named on the call."""
    doc = get_object_or_404(
        ProposalDocument.objects.select_related("proposal__call"),
        pk=document,
        proposal__call_id=pk,
    )
    if not request.user.has_perm("partnerships.view_proposaldocument", doc):
        raise Http404
    return stored_file_response(doc.file, filename=doc.title, private=True)


class CallIndexView(IndexView):
    """Staff see every call; a council's secretariat, the calls of its councils."""

    def get_base_queryset(self):
        calls = super().get_base_queryset().select_related("body")
        user = self.request.user
        if user.has_perm("partnerships.manage_partnerships"):
            return calls
        from councils.rules import secretariats_of

        return calls.filter(council_id__in=secretariats_of(user))


class CallViewSet(StaffModelViewSet):
    model = Call
    icon = "doc-full"
    menu_label = gettext_lazy("Chamamentos públicos")
    url_prefix = "parcerias/chamamentos"
    form_class = CallAdminForm
    delete_view_class = DraftDeleteView
    index_view_class = CallIndexView
    search_fields = ["title", "number", "object"]
    list_filter = ["status", "instrument"]
    list_display = [
        TitleColumn(
            "number", label=gettext_lazy("Edital"), url_name="partnerships_calls:manage"
        ),
        "title",
        StatusTagColumn(
            "get_status_display", label=gettext_lazy("Situação"), sort_key="status"
        ),
        DateColumn("proposals_end_at", label=gettext_lazy("Propostas até")),
        DateColumn("appeal_ends_at", label=gettext_lazy("Recursos até")),
    ]

    @property
    def manage_view(self):
        return CallManageView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/painel/", self.manage_view, name="manage"),
            path(
                "<int:pk>/documentos/<int:document>/",
                call_document_admin,
                name="document",
            ),
            path(
                "<int:pk>/propostas/documentos/<int:document>/",
                proposal_document_admin,
                name="proposal_document",
            ),
        ]
