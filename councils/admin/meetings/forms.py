"""The forms of the meetings' admin pages. Each validates its input; the
service it feeds checks the rules and its refusals go beside these fields."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from civic.uploads import validate_upload
from civic.workflow import NOTE_MAX_LENGTH

from ...models import AgendaItem, Attendance, Meeting, MeetingDocument
from ...rules import councils_run_by
from ...services.minutes import MINUTES_MAX_LENGTH

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def parse_day(text: str) -> dt.date:
    """A dd/mm/aaaa date (ValueError when it is not one)."""
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


class MeetingForm(WagtailAdminModelForm):
    """Create and edit a meeting; the council among those the person runs.
    Once convened, the date changes only by rescheduling."""

    class Meta:
        model = Meeting
        fields = [
            "council",
            "kind",
            "title",
            "reason",
            "starts_at",
            "ends_at",
            "venue",
            "location_notes",
        ]
        widgets = {"starts_at": AdminDateTimeInput, "ends_at": AdminDateTimeInput}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["council"].queryset = councils_run_by(for_user)
        if self.instance.pk:
            self.fields["council"].disabled = True
            if self.instance.status != Meeting.Status.PLANNED:
                for name in ("kind", "starts_at", "ends_at", "reason"):
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "A reunião já foi convocada: para mudar a data use “Remarcar”."
                    )

    def clean(self):
        data = super().clean()
        if (
            data.get("kind") == Meeting.Kind.EXTRAORDINARY
            and not (data.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Diga o motivo da reunião extraordinária."))
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("O término deve ser depois do início."))
        return data


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "description", "is_deliberative", "majority"]
        widgets = {"description": TEXTAREA}


DOCUMENT_MAX_SIZE = 10 * 1024 * 1024


class MeetingDocumentForm(forms.Form):
    """A document of the meeting: PDF, JPEG or PNG up to 10 MB, checked by
    its content (`civic.uploads.validate_upload`)."""

    title = forms.CharField(
        label=gettext_lazy("Título"),
        max_length=MeetingDocument._meta.get_field("title").max_length,
        error_messages={"required": gettext_lazy("Dê um título ao documento.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Arquivo"),
        help_text=gettext_lazy("PDF, JPEG ou PNG, até 10 MB."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={"required": gettext_lazy("Escolha o arquivo.")},
    )
    agenda_item = forms.ModelChoiceField(
        label=gettext_lazy("Item de pauta"),
        queryset=AgendaItem.objects.none(),
        required=False,
        empty_label=gettext_lazy("Documento da reunião (nenhum item)"),
    )
    visibility = forms.ChoiceField(
        label=gettext_lazy("Quem pode ver"),
        choices=MeetingDocument.Visibility.choices,
        initial=MeetingDocument.Visibility.PUBLIC,
        help_text=gettext_lazy(
            "“Só conselheiros até a reunião”: minutas e pareceres em discussão, "
            "públicos a partir do início da reunião."
        ),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.exclude(
            result=AgendaItem.Result.WITHDRAWN
        ).order_by("position")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        validate_upload(uploaded, max_size=DOCUMENT_MAX_SIZE)
        return uploaded


class ConveneForm(forms.Form):
    short_notice_reason = forms.CharField(
        label=gettext_lazy("Justificativa da convocação com prazo menor"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=TEXTAREA,
        help_text=gettext_lazy(
            "Só para reunião extraordinária convocada com menos antecedência que o "
            "regimento pede: fica registrada no histórico e na convocação."
        ),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Motivo"),
        max_length=NOTE_MAX_LENGTH,
        widget=TEXTAREA,
        error_messages={"required": gettext_lazy("Escreva o motivo.")},
    )


class ConfirmForm(forms.Form):
    """An action with nothing to fill in."""


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Nova data e hora"), widget=AdminDateTimeInput
    )
    ends_at = forms.DateTimeField(
        label=gettext_lazy("Término previsto"),
        required=False,
        widget=AdminDateTimeInput,
    )
    reason = forms.CharField(
        label=gettext_lazy("Motivo da mudança"),
        max_length=NOTE_MAX_LENGTH,
        widget=TEXTAREA,
        error_messages={
            "required": gettext_lazy("Explique o motivo da mudança de data.")
        },
    )
    short_notice_reason = ConveneForm.base_fields["short_notice_reason"]


class AttendanceForm(forms.Form):
    """One seat of the attendance sheet."""

    seat = forms.IntegerField(widget=forms.HiddenInput, required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Presença"),
        choices=[("", gettext_lazy("— não registrado —")), *Attendance.Status.choices],
        required=False,
    )
    justification = forms.CharField(
        label=gettext_lazy("Justificativa"), required=False, max_length=NOTE_MAX_LENGTH
    )


class VoteForm(forms.Form):
    votes_for = forms.IntegerField(
        label=gettext_lazy("A favor"), min_value=0, max_value=1000
    )
    votes_against = forms.IntegerField(
        label=gettext_lazy("Contra"), min_value=0, max_value=1000
    )
    abstentions = forms.IntegerField(
        label=gettext_lazy("Abstenções"), min_value=0, max_value=1000
    )
    casting_vote = forms.ChoiceField(
        label=gettext_lazy("Desempate da presidência"),
        required=False,
        choices=[
            ("", gettext_lazy("— sem desempate —")),
            ("favor", gettext_lazy("A favor")),
            ("contra", gettext_lazy("Contra")),
        ],
    )


class MinutesDraftForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Texto da ata"),
        max_length=MINUTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": gettext_lazy("Escreva o texto da ata.")},
    )


class MinutesApproveForm(forms.Form):
    approved_in = forms.ModelChoiceField(
        label=gettext_lazy("Aprovada na reunião"),
        queryset=Meeting.objects.none(),
        error_messages={
            "required": gettext_lazy("Escolha a reunião em que a ata foi aprovada."),
            "invalid_choice": gettext_lazy("Escolha uma reunião da lista."),
        },
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["approved_in"].queryset = candidates


class LossOfMandateForm(forms.Form):
    mandate = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("Fundamentos da decisão"),
        max_length=NOTE_MAX_LENGTH,
        widget=TEXTAREA,
        error_messages={
            "required": gettext_lazy(
                "Escreva os fundamentos da decisão de perda do mandato."
            )
        },
    )


class CalendarForm(forms.Form):
    council = forms.ModelChoiceField(
        label=gettext_lazy("Conselho"),
        queryset=None,
        error_messages={
            "invalid_choice": gettext_lazy("Escolha um conselho da lista.")
        },
    )
    year = forms.IntegerField(label=gettext_lazy("Ano"), min_value=2000, max_value=2100)
    time = forms.TimeField(label=gettext_lazy("Horário"), initial=dt.time(14, 0))
    dates = forms.CharField(
        label=gettext_lazy("Datas das reuniões ordinárias"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Uma data por linha, no formato dd/mm/aaaa."),
        max_length=2000,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils_run_by(user)
        self.fields["year"].initial = timezone.localdate().year + 1

    def clean_dates(self):
        days, wrong = [], []
        for line in self.cleaned_data["dates"].replace(",", "\n").splitlines():
            text = line.strip()
            if not text:
                continue
            try:
                days.append(parse_day(text))
            except ValueError:
                wrong.append(text[:20])
        if wrong:
            raise forms.ValidationError(
                _("Datas inválidas: %(dates)s. Use dd/mm/aaaa.")
                % {"dates": ", ".join(wrong)}
            )
        if not days:
            raise forms.ValidationError(_("Informe pelo menos uma data."))
        if len(days) > 60:
            raise forms.ValidationError(_("No máximo 60 datas por vez."))
        return days
