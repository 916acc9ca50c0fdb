"""What people do with contributions on the public pages: contribute to a
consultation, reply, support and report. (A written contribution to a hearing
is posted from the event page, `events.py`.)

Every action is a service call; a refusal comes back beside the field it names
or as a message (`civic.workflow.report_workflow_error`).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from civic.cache import private
from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ..forms.consultations import AbuseReportForm, ReplyForm
from ..models import Contribution
from ..selectors.consultations import contribution_for_viewer, entities_to_act_for
from ..services.contributions import (
    closed_message,
    contribution_create,
    contribution_reply,
    target_is_open,
)
from ..services.reactions import report_abuse, support_toggle
from .common import contribution_url, safe_next, show_sent
from .consultations import ConsultationPageMixin


class ContributeView(LoginRequiredMixin, ConsultationPageMixin, TemplateView):
    """POST a contribution. On a problem, the page comes back with what was
    typed and the message beside the field."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.consultation.get_absolute_url())

    def post(self, request, *args, **kwargs):
        consultation = self.consultation
        anchor = request.POST.get("from_device", "")
        if anchor:
            self.device = self.find_device(anchor)
        self.template_name = (
            "consultations/consultation_device.html"
            if self.device
            else "consultations/consultation_detail.html"
        )
        if not consultation.is_open:
            messages.error(request, closed_message(consultation))
            return HttpResponseRedirect(self.back_url())
        form = self.contribution_form(data=request.POST)
        if form.is_valid():
            try:
                contribution = contribution_create(
                    author=request.user,
                    consultation=consultation,
                    **form.service_kwargs(),
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                return show_sent(
                    request,
                    contribution,
                    pending=_(
                        "Contribuição recebida. Ela aparece para as outras pessoas "
                        "depois de aprovada pela moderação."
                    ),
                    published=_("Contribuição publicada. Obrigado!"),
                )
        context = self.get_context_data(**self.page_context(form=form))
        return self.render_page(context)

    def back_url(self) -> str:
        if self.device is not None:
            return self.device.get_absolute_url()
        return self.consultation.get_absolute_url()


class ContributionMixin(LoginRequiredMixin):
    """Loads the contribution in the URL, if its consultation or event is public."""

    @cached_property
    def contribution(self) -> Contribution:
        try:
            return contribution_for_viewer(pk=self.kwargs["pk"], user=self.request.user)
        except Contribution.DoesNotExist:
            raise Http404 from None

    def target(self):
        """The consultation or event the contribution belongs to."""
        return self.contribution.consultation or self.contribution.event

    def render(self, form, **extra):
        """The form page, personal, so never cached."""
        context = {
            "contribution": self.contribution,
            "target": self.target(),
            "form": form,
            "back_url": contribution_url(self.contribution),
            **extra,
        }
        return private(self.render_to_response(self.get_context_data(**context)))


class ReplyView(ContributionMixin, TemplateView):
    """Reply to a contribution (one level): the form, and on a problem the same
    page with what was typed."""

    template_name = "consultations/contribution_reply.html"

    def reply_form(self, data=None) -> ReplyForm:
        return ReplyForm(data, entities=list(entities_to_act_for(self.request.user)))

    def get(self, request, *args, **kwargs):
        return self.render_reply(self.reply_form())

    def post(self, request, *args, **kwargs):
        form = self.reply_form(request.POST)
        if form.is_valid():
            try:
                reply = contribution_reply(
                    parent_id=self.contribution.pk,
                    author=request.user,
                    text=form.cleaned_data["text"],
                    show_name=form.cleaned_data["show_name"],
                    on_behalf_of=form.cleaned_data.get("on_behalf_of"),
                )
            except PermissionDenied:
                form.add_error(
                    None, _("Você não pode responder a esta contribuição agora.")
                )
            except WORKFLOW_ERRORS as error:
                report_workflow_error(request, error, form=form)
            else:
                return show_sent(
                    request,
                    reply,
                    pending=_(
                        "Resposta recebida; aparece depois de aprovada pela moderação."
                    ),
                    published=_("Resposta publicada."),
                )
        return self.render_reply(form)

    def render_reply(self, form):
        contribution = self.contribution
        return self.render(
            form,
            # The thread, with the reply being answered highlighted in it.
            contribution=contribution.parent or contribution,
            replied_to=contribution,
            is_open=target_is_open(self.target()),
        )


class SupportView(ContributionMixin, View):
    """POST: support a contribution, or take the support back (action=remove).
    Asking twice for the same thing changes nothing."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(contribution_url(self.contribution))

    def post(self, request, *args, **kwargs):
        contribution = self.contribution
        support = request.POST.get("action", "support") != "remove"
        try:
            changed = support_toggle(
                contribution_id=contribution.pk, user=request.user, support=support
            )
        except PermissionDenied:
            messages.error(request, _("Esta contribuição não pode receber apoio."))
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, self.result_message(support, changed))
        return HttpResponseRedirect(safe_next(request, contribution_url(contribution)))

    @staticmethod
    def result_message(support: bool, changed: bool) -> str:
        if support:
            if changed:
                return _("Apoio registrado.")
            return _("Você já apoia esta contribuição.")
        if changed:
            return _("Apoio retirado.")
        return _("Você não apoiava esta contribuição.")


class ReportAbuseView(ContributionMixin, TemplateView):
    """Report a contribution to the moderators: why, and optional details."""

    template_name = "consultations/contribution_report_abuse.html"

    def get(self, request, *args, **kwargs):
        return self.render(AbuseReportForm())

    def post(self, request, *args, **kwargs):
        form = AbuseReportForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        back = HttpResponseRedirect(contribution_url(self.contribution))
        try:
            report_abuse(
                contribution_id=self.contribution.pk,
                user=request.user,
                **form.cleaned_data,
            )
        except PermissionDenied:
            form.add_error(None, _("Você não pode denunciar esta contribuição."))
        except WORKFLOW_ERRORS as error:
            if getattr(error, "code", None) == "duplicate":
                messages.info(request, " ".join(error.messages))
                return back
            report_workflow_error(request, error, form=form)
        else:
            messages.success(
                request,
                _("Denúncia enviada. A moderação vai analisar a contribuição."),
            )
            return back
        return self.render(form)
