"""What is said at an event: the speaker list, where staff mark who spoke, and
contributions staff record (said aloud or handed in on paper)."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages

from civic.workflow import WORKFLOW_ERRORS, report_workflow_error

from ... import services
from ...forms.admin_events import RecordContributionForm
from ...models import Contribution
from ...selectors.events import speaker_list
from ...selectors.staff import speaker_request_at, withdrawn_speakers
from ..common import contributions_list_url
from .base import EventFormPageMixin, EventPageMixin


class EventSpeakersView(EventPageMixin, TemplateView):
    """The speaker list in request order, each with the expected time of their
    turn; staff mark who spoke."""

    template_name = "consultations/admin/event_speakers.html"
    page_title = gettext_lazy("Lista de falas")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Numbers and times from the public list, so "Participante N" matches it.
        speakers = []
        for line in speaker_list(self.event):
            line.request.number, line.request.slot = line.number, line.slot
            speakers.append(line.request)
        context.update(
            speakers=speakers,
            can_moderate=self.request.user.has_perm(
                "consultations.moderate_speakerrequest"
            ),
            withdrawn=withdrawn_speakers(self.event),
            action_url=self.request.path,
        )
        return context

    def post(self, request, *args, **kwargs):
        speaker = speaker_request_at(self.event.pk, request.POST.get("request", ""))
        if speaker is None:
            messages.error(request, _("Inscrição para falar não encontrada."))
            return redirect(request.path)
        op = request.POST.get("op", "spoke")
        name = speaker.user.display_name
        reason = request.POST.get("reason", "")
        try:
            if op in ("hide", "publish"):
                services.speaker_topic_moderate(
                    request_id=speaker.pk, by=request.user, action=op, reason=reason
                )
                done = (
                    _("Tema de %(name)s ocultado.")
                    if op == "hide"
                    else _("Tema de %(name)s publicado.")
                )
            elif op == "withdraw":
                services.speaker_request_withdraw(
                    request_id=speaker.pk, by=request.user, reason=reason
                )
                done = _("%(name)s foi retirado(a) da lista de falas.")
            else:
                spoke = request.POST.get("spoke") == "1"
                services.speaker_mark_spoke(
                    request_id=speaker.pk, by=request.user, spoke=spoke
                )
                done = (
                    _("Fala de %(name)s marcada como feita.")
                    if spoke
                    else _("Fala de %(name)s marcada como não feita.")
                )
        except WORKFLOW_ERRORS as error:
            report_workflow_error(request, error)
        else:
            messages.success(request, done % {"name": name})
        return redirect(f"{request.path}#fala-{speaker.pk}")


class EventRecordContributionView(EventFormPageMixin, TemplateView):
    """Record what someone said at the event, or handed in on paper; it is then
    answered in "Contribuições e devolutivas" like any other."""

    template_name = "consultations/admin/event_contribution_record.html"
    page_title = gettext_lazy("Registrar contribuição")

    def get_form(self, data=None, files=None):
        return RecordContributionForm(
            data, initial={"channel": Contribution.Channel.ORAL}
        )

    def form_valid(self, form):
        contribution = services.event_contribution_record(
            event_id=self.event.pk, recorded_by=self.request.user, **form.cleaned_data
        )
        inspect_url = reverse(
            "consultations_contributions:inspect", args=[contribution.pk]
        )
        messages.success(
            self.request,
            _("Contribuição registrada. Registre a próxima, se houver."),
            buttons=[messages.button(inspect_url, _("Ver a contribuição"))],
        )
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(contributions_url=contributions_list_url(event=self.event.pk))
        return context
