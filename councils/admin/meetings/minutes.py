"""The ata page: draft the text, record its approval at a later held meeting,
publish it. Each form posts to the same page with `step=draft|approve|publish`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from civic.workflow import InvalidTransition, report_workflow_error

from ...services import minutes as svc
from .base import MeetingPageMixin
from .forms import ConfirmForm, MinutesApproveForm, MinutesDraftForm

DONE = {
    "draft": gettext_lazy("Minuta da ata salva."),
    "approve": gettext_lazy("Aprovação da ata registrada."),
    "publish": gettext_lazy("Ata publicada; quem acompanha o conselho foi avisado."),
}


class MinutesView(MeetingPageMixin, TemplateView):
    permission = "councils.draft_minutes_meeting"
    crumb = gettext_lazy("Ata")
    template_name = "councils/admin/meetings/minutes.html"

    def forms(self, step=None, posted=None):
        meeting = self.meeting
        forms = {
            "draft": MinutesDraftForm(initial={"text": meeting.minutes_text}),
            "approve": MinutesApproveForm(candidates=svc.approving_candidates(meeting)),
            "publish": ConfirmForm(),
        }
        if step is not None:
            forms[step] = posted
        return forms

    def post(self, request, *args, **kwargs):
        step = request.POST.get("step")
        meeting = self.meeting
        if step == "draft":
            form = MinutesDraftForm(request.POST)
        elif step == "approve":
            form = MinutesApproveForm(
                request.POST, candidates=svc.approving_candidates(meeting)
            )
        elif step == "publish":
            form = ConfirmForm(request.POST)
        else:
            messages.error(request, _("Ação desconhecida."))
            return redirect(request.path)
        if form.is_valid():
            try:
                if step == "draft":
                    svc.draft_minutes(
                        meeting, actor=request.user, text=form.cleaned_data["text"]
                    )
                elif step == "approve":
                    svc.approve_minutes(
                        meeting,
                        actor=request.user,
                        approved_in=form.cleaned_data["approved_in"],
                    )
                else:
                    svc.publish_minutes(meeting, actor=request.user)
                messages.success(request, DONE[step])
                return redirect(request.path)
            except (InvalidTransition, PermissionDenied) as error:
                report_workflow_error(request, error)
                return redirect(request.path)
            except ValidationError as error:
                report_workflow_error(request, error, form=form)
        messages.error(request, _("Corrija os campos indicados."))
        return self.render_to_response(
            self.get_context_data(forms=self.forms(step, form))
        )

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        meeting = self.meeting
        wf = svc.minutes_workflow
        context.update(
            forms=self.forms() if forms is None else forms,
            can_draft=wf.can(meeting, "draft_minutes", user),
            can_approve=wf.can(meeting, "approve_minutes", user),
            can_publish=wf.can(meeting, "publish_minutes", user),
        )
        return context
