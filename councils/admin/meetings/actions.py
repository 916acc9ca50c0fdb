"""The workflow actions on a meeting: convene (with the short-notice
justification), reschedule, hold and cancel; and the pauta (add an item,
withdraw one). Each page's POST calls the service; refusals go beside the
fields."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from ...models import AgendaItem, Meeting
from ...services import meetings as svc
from .base import MeetingFormView
from .forms import AgendaItemForm, ConfirmForm, ConveneForm, NoteForm, RescheduleForm

S = Meeting.Status


class ConveneView(MeetingFormView):
    permission = "councils.convene_meeting"
    crumb = gettext_lazy("Convocar")
    form_class = ConveneForm
    submit_label = gettext_lazy("Convocar e avisar os conselheiros")

    @property
    def help(self):
        meeting = self.meeting
        now = timezone.now()
        text = _(
            "A convocação vai para todos os titulares e suplentes, com a pauta, "
            "a data e o local; um lembrete sai na véspera."
        )
        if svc.notice_is_short(meeting, meeting.starts_at, now):
            text += " " + svc.short_notice_message(meeting, meeting.starts_at, now)
        return text

    def form_valid(self, form):
        svc.convene_meeting(
            self.meeting,
            actor=self.request.user,
            short_notice_reason=form.cleaned_data["short_notice_reason"],
        )
        messages.success(
            self.request, _("Reunião convocada; os conselheiros foram avisados.")
        )
        return redirect(self.edit_url)


class CancelView(MeetingFormView):
    permission = "councils.cancel_meeting"
    crumb = gettext_lazy("Cancelar a reunião")
    form_class = NoteForm
    submit_label = gettext_lazy("Cancelar a reunião")
    help = gettext_lazy(
        "A reunião fica registrada como cancelada, com o motivo. Se já foi "
        "convocada, os conselheiros são avisados."
    )

    def form_valid(self, form):
        svc.cancel_meeting(
            self.meeting, actor=self.request.user, note=form.cleaned_data["note"]
        )
        messages.success(self.request, _("Reunião cancelada."))
        return redirect(self.edit_url)


class HoldView(MeetingFormView):
    permission = "councils.hold_meeting"
    crumb = gettext_lazy("Registrar como realizada")
    form_class = ConfirmForm
    submit_label = gettext_lazy("Registrar como realizada")
    help = gettext_lazy(
        "Depois do início, com o quórum de instalação atingido na lista de "
        "presença. Em seguida, redija a ata."
    )

    def form_valid(self, form):
        svc.hold_meeting(self.meeting, actor=self.request.user)
        messages.success(self.request, _("Reunião registrada como realizada."))
        return redirect(self.edit_url)


class RescheduleView(MeetingFormView):
    permission = "councils.reschedule_meeting"
    crumb = gettext_lazy("Remarcar")
    form_class = RescheduleForm
    submit_label = gettext_lazy("Remarcar e avisar os conselheiros")
    help = gettext_lazy(
        "A nova data segue a mesma antecedência da convocação; todos os "
        "conselheiros recebem a convocação de novo."
    )

    def get_form(self, data=None):
        initial = {"starts_at": timezone.localtime(self.meeting.starts_at)}
        return RescheduleForm(data, initial=initial)

    def form_valid(self, form):
        svc.reschedule_meeting(
            self.meeting, actor=self.request.user, **form.cleaned_data
        )
        messages.success(
            self.request, _("Reunião remarcada; os conselheiros foram avisados.")
        )
        return redirect(self.edit_url)


class AgendaView(MeetingFormView):
    """The pauta: its items in order, a form to add one (before the meeting
    is held), and withdrawing an item (POST `withdraw=<id>`)."""

    permission = "councils.change_meeting"
    crumb = gettext_lazy("Pauta")
    template_name = "councils/admin/meetings/agenda.html"
    form_class = AgendaItemForm
    submit_label = gettext_lazy("Incluir na pauta")

    def post(self, request, *args, **kwargs):
        if "withdraw" in request.POST:
            try:
                item = self.meeting.agenda_items.get(pk=int(request.POST["withdraw"]))
            except (AgendaItem.DoesNotExist, ValueError):
                raise Http404 from None
            try:
                svc.withdraw_item(
                    item, actor=request.user, note=request.POST.get("note", "")
                )
                messages.success(request, _("Item retirado de pauta."))
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        meeting = self.meeting
        if meeting.status not in (S.PLANNED, S.CONVENED):
            raise ValidationError(
                _("A pauta de uma reunião realizada ou cancelada não muda mais.")
            )
        last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
        item = form.save(commit=False)
        item.meeting = meeting
        item.position = last + 1
        item.save()
        svc.workflow.record(
            meeting,
            action="add_item",
            actor=self.request.user,
            data={"item": item.pk, "title": item.title},
        )
        messages.success(self.request, _("Item incluído na pauta."))
        return redirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["items"] = list(self.meeting.agenda_items.order_by("position"))
        context["editable"] = self.meeting.status in (S.PLANNED, S.CONVENED)
        return context
