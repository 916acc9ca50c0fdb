"""The entity's side of a partnership: its private page (plano, parcelas,
deadlines, accounts, monitoring, documents), the forms it sends (accounts,
answers to diligências, an extension request, a defence), the comissão's
monitoring form, and the private files.

Who may open what, for every page: anonymous → the login page; signed in
but not allowed to see the partnership → 404 (the URL reveals nothing);
allowed to see but not to do this → 403. Every step goes through a service,
whose refusals show beside the field or as a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from civic.downloads import stored_file_response
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms import execution as forms
from ..models import (
    Accountability,
    AccountabilityDocument,
    MonitoringReport,
    Partnership,
    PartnershipDocument,
    Sanction,
)
from ..selectors import execution as selectors
from ..services import accounts, changes, monitoring, sanctions
from ..services.accounts import accountability_workflow
from ..services.sanctions import sanction_workflow

SEE = "partnerships.view_private_partnership"


@method_decorator(never_cache, name="dispatch")
class PrivateObjectMixin(LoginRequiredMixin):
    """Loads the object in the URL: 404 unless the person may see it, 403
    unless they may also take this view's action."""

    model = Partnership
    visibility_permission = SEE
    permission_required: str | None = None

    def load(self, pk):
        return self.model._default_manager.get(pk=pk)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.object = self.load(kwargs["pk"])
        except self.model.DoesNotExist:
            raise Http404 from None
        if not request.user.has_perm(self.visibility_permission, self.object):
            raise Http404
        if self.permission_required and not request.user.has_perm(
            self.permission_required, self.object
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def partnership(self) -> Partnership:
        if isinstance(self.object, Partnership):
            return self.object
        if isinstance(self.object, Sanction):
            return self.object.partnership
        if isinstance(self.object, Accountability):
            return self.object.partnership
        return self.object.partnership


class PartnershipPrivateView(PrivateObjectMixin, TemplateView):
    """A partnership as the entity and those who follow it see it."""

    template_name = "partnerships/entity/partnership.html"

    def load(self, pk):
        return selectors.partnership_private(pk=pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership, user = self.object, self.request.user
        accountabilities = list(partnership.accountabilities.all())
        context.update(
            partnership=partnership,
            deadlines=selectors.next_deadlines(partnership),
            accountabilities=accountabilities,
            can_present={
                a.pk
                for a in accountabilities
                if accountability_workflow.can(a, "present", user)
            },
            can_answer={
                a.pk
                for a in accountabilities
                if accountability_workflow.can(a, "answer", user)
            },
            can_request_change=user.has_perm("partnerships.request_change", partnership)
            and partnership.status in changes.OPEN,
            can_record_monitoring=user.has_perm(
                "partnerships.record_monitoring", partnership
            ),
            extension_refusal=changes.extension_refusal(partnership, _today())
            if partnership.ends_on
            else None,
        )
        return context


def _today():
    from django.utils import timezone

    return timezone.localdate()


class ServiceFormView(PrivateObjectMixin, FormView):
    """A form whose valid input goes to a service; a refusal shows beside
    its field (or as a message) and keeps what was typed."""

    template_name = "partnerships/entity/form.html"
    title = ""
    intro = ""
    submit_label = gettext_lazy("Enviar")
    success_message = ""
    multipart = False

    def act(self, data):
        raise NotImplementedError

    def get_success_url(self):
        return self.partnership_url

    @property
    def partnership_url(self) -> str:
        from django.urls import reverse

        return reverse(
            "partnerships:entity_partnership", kwargs={"pk": self.partnership.pk}
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            intro=self.intro,
            submit_label=self.submit_label,
            multipart=self.multipart,
            partnership=self.partnership,
            subject=self.object,
            back_url=self.partnership_url,
        )
        return context

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data)
        except WORKFLOW_ERRORS as error:
            report_workflow_error(self.request, error, form=form)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class PresentAccountsView(ServiceFormView):
    model = Accountability
    permission_required = "partnerships.present_accountability"
    form_class = forms.PresentAccountsForm
    title = gettext_lazy("Apresentar a prestação de contas")
    intro = gettext_lazy(
        "O relatório de execução do objeto é sempre obrigatório; o de execução "
        "financeira, quando as metas não foram cumpridas (art. 66)."
    )
    multipart = True
    success_message = gettext_lazy("Prestação de contas apresentada.")

    def load(self, pk):
        return Accountability.objects.select_related("partnership").get(pk=pk)

    def act(self, data):
        accounts.accountability_transition(
            accountability_id=self.object.pk,
            action="present",
            by=self.request.user,
            execution_report=data["execution_report"],
            goals_met=data["goals_met"],
            financial_report=data["financial_report"],
            documents=data["documents"],
        )


class AnswerDiligenceView(PresentAccountsView):
    permission_required = "partnerships.answer_accountability"
    form_class = forms.AnswerDiligenceForm
    title = gettext_lazy("Responder à diligência")
    intro = ""
    success_message = gettext_lazy("Resposta enviada.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["diligence"] = accountability_workflow.open_diligence(self.object)
        return context

    def act(self, data):
        accounts.accountability_transition(
            accountability_id=self.object.pk,
            action="answer",
            by=self.request.user,
            answer=data["answer"],
            documents=data["documents"],
        )


class ExtensionRequestView(ServiceFormView):
    permission_required = "partnerships.request_change"
    form_class = forms.ExtensionRequestForm
    title = gettext_lazy("Pedir a prorrogação da vigência")
    intro = gettext_lazy(
        "O pedido deve ser feito pelo menos 30 dias antes do fim da vigência (art. 55)."
    )
    success_message = gettext_lazy("Pedido enviado à equipe da SRSC.")

    def act(self, data):
        changes.change_request(
            partnership_id=self.object.pk,
            by=self.request.user,
            new_ends_on=data["new_ends_on"],
            description=data["description"],
        )


class MonitoringAddView(ServiceFormView):
    permission_required = "partnerships.record_monitoring"
    form_class = forms.MonitoringForm
    title = gettext_lazy("Registrar monitoramento")
    multipart = True
    success_message = gettext_lazy("Monitoramento registrado.")

    def act(self, data):
        monitoring.monitoring_record(
            partnership_id=self.object.pk,
            by=self.request.user,
            kind=data["kind"],
            happened_on=data["happened_on"],
            summary=data["summary"],
            file=data.get("file"),
        )


class SanctionView(ServiceFormView):
    """A sanction file: the grounds, the defence period, and the defence form."""

    model = Sanction
    visibility_permission = "partnerships.see_sanction"
    template_name = "partnerships/entity/sanction.html"
    form_class = forms.DefenceForm
    success_message = gettext_lazy("Defesa enviada.")

    def load(self, pk):
        return Sanction.objects.select_related("entity", "partnership").get(pk=pk)

    @property
    def partnership_url(self) -> str:
        return self.request.path

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sanction"] = self.object
        context["can_defend"] = sanction_workflow.can(
            self.object, "defend", self.request.user
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("partnerships.defend_sanction", self.object):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def act(self, data):
        sanctions.sanction_transition(
            sanction_id=self.object.pk,
            action="defend",
            by=self.request.user,
            defence=data["defence"],
        )


class PrivateFileView(PrivateObjectMixin, View):
    """A private file of a partnership, to those who see the partnership.
    A document marked public is served to anyone."""

    file_field = "file"

    def dispatch(self, request, *args, **kwargs):
        if self.model is PartnershipDocument:
            document = PartnershipDocument.objects.filter(
                pk=kwargs["pk"], is_public=True
            )
            if document.exists():
                self.object = document.get()
                return self.get(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        fieldfile = getattr(self.object, self.file_field)
        name = getattr(self.object, "title", "") or fieldfile.name
        return stored_file_response(fieldfile, filename=name, private=True)


class PartnershipDocumentView(PrivateFileView):
    model = PartnershipDocument


class AccountabilityDocumentView(PrivateFileView):
    model = AccountabilityDocument


class MonitoringFileView(PrivateFileView):
    model = MonitoringReport

    def get(self, request, *args, **kwargs):
        if not self.object.file:
            raise Http404
        return stored_file_response(
            self.object.file, filename=_("monitoramento"), private=True
        )
