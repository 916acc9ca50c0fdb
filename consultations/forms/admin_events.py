"""Forms staff fill in the Wagtail admin for hearings, forums and venues: the
event's details, the workflow actions, check-in and contributions recorded at
the event. They validate and keep what was typed; saving and every status
change are the services' job."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from civic.territory.models import Bairro

from ..models import Contribution, Event, Venue
from ..selectors.staff import schedule_conflicts
from ..services.event_workflow import REASON_MAX_LENGTH
from .admin_base import SlugFromTitleMixin
from .consultations import TEXT_LIMIT, LongTextField, TextField

C = Contribution
CAPACITY_MESSAGE = _("Informe um número de vagas maior que zero.")
END_AFTER_START = _("O término deve ser depois do início.")


class EventAdminForm(SlugFromTitleMixin, WagtailAdminModelForm):
    """An event's details. The schedule conflicts found are kept in `conflicts`
    for the form to warn about; they never block saving."""

    slug_fallback = "evento"
    slug_path = "/audiencias/…/"

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "slug",
            "subject",
            "legal_basis",
            "policy_area",
            "organizing_body",
            "consultation",
            "starts_at",
            "ends_at",
            "venue",
            "capacity",
            "libras",
            "stream_url",
            "speaker_minutes",
            "accepts_speakers",
            "premoderation",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[Event] = []
        self.setup_slug()
        fields = self.fields
        if "capacity" in fields:
            fields["capacity"].error_messages["min_value"] = CAPACITY_MESSAGE
        if "speaker_minutes" in fields:
            fields["speaker_minutes"].error_messages["min_value"] = _(
                "Informe ao menos 1 minuto por fala."
            )
        for name in ("starts_at", "ends_at"):
            if name in fields:
                fields[name].help_text = _("Horário de Brasília (America/Sao_Paulo).")
        if "venue" in fields:
            fields["venue"].help_text = _(
                "Deixe em branco para um evento só on-line. Os locais são cadastrados "
                "em Participação > Locais."
            )
        if self.instance.pk and self.instance.status != Event.Status.DRAFT:
            # People were told this date: it changes only through "Remarcar".
            for name in ("starts_at", "ends_at"):
                if name in fields:
                    fields[name].disabled = True
                    fields[name].help_text = _(
                        "Evento publicado: para mudar a data use “Remarcar”, que "
                        "avisa as pessoas inscritas."
                    )

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity <= 0:
            raise ValidationError(CAPACITY_MESSAGE)
        return capacity

    def clean_speaker_minutes(self):
        minutes = self.cleaned_data.get("speaker_minutes")
        if minutes is not None and minutes <= 0:
            raise ValidationError(
                self.fields["speaker_minutes"].error_messages["min_value"]
            )
        return minutes

    def clean(self):
        data = super().clean()
        for name in ("starts_at", "ends_at"):
            # A disabled field comes back from `initial` without its seconds'
            # fractions; keep the stored value so the date does not "change".
            if name in self.fields and self.fields[name].disabled:
                data[name] = getattr(self.instance, name)
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", END_AFTER_START)
        venue, capacity = data.get("venue"), data.get("capacity")
        if venue is not None and capacity and capacity > venue.capacity:
            self.add_error(
                "capacity",
                _("O local “%(venue)s” comporta no máximo %(max)s pessoas.")
                % {"venue": venue, "max": venue.capacity},
            )
        if starts_at and ends_at and ends_at > starts_at:
            organizing_body = data.get("organizing_body")
            self.conflicts = schedule_conflicts(
                starts_at=starts_at,
                ends_at=ends_at,
                venue_id=venue.pk if venue else None,
                organizing_body_id=organizing_body.pk if organizing_body else None,
                exclude_pk=self.instance.pk,
            )
        return data


class VenueAdminForm(WagtailAdminModelForm):
    """A venue: address, bairro, capacity and accessibility."""

    class Meta:
        model = Venue
        fields = [
            "name",
            "address",
            "bairro",
            "capacity",
            "step_free_access",
            "accessibility_notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "capacity" in self.fields:
            self.fields["capacity"].error_messages["min_value"] = _(
                "Informe uma lotação maior que zero."
            )
        if "bairro" in self.fields:
            self.fields["bairro"].queryset = Bairro.objects.active().order_by("name")

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and capacity <= 0:
            raise ValidationError(_("Informe uma lotação maior que zero."))
        return capacity


class ReasonField(TextField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", REASON_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
        super().__init__(**kwargs)


class PublishForm(forms.Form):
    """Publish; a justification when the notice is shorter than the minimum."""

    short_notice_reason = ReasonField(
        label=_("Justificativa do prazo reduzido"),
        required=False,
        help_text=_(
            "Obrigatória quando faltam menos dias que o prazo mínimo de divulgação. "
            "Fica registrada no histórico e na página do evento."
        ),
    )

    def __init__(self, *args, needs_reason: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_reason = needs_reason
        if needs_reason:
            self.fields["short_notice_reason"].required = True
            self.fields["short_notice_reason"].error_messages["required"] = _(
                "Justifique a publicação com prazo menor que o mínimo."
            )


class RescheduleForm(forms.Form):
    """A new date, why, and a justification if it is too close."""

    starts_at = forms.DateTimeField(
        label=_("Novo início"),
        widget=AdminDateTimeInput,
        help_text=_("Horário de Brasília."),
    )
    ends_at = forms.DateTimeField(label=_("Novo término"), widget=AdminDateTimeInput)
    reason = ReasonField(
        label=_("Motivo da mudança"),
        help_text=_("Vai no aviso às pessoas inscritas e no histórico do evento."),
        error_messages={"required": _("Explique o motivo da mudança de data.")},
    )
    short_notice_reason = ReasonField(
        label=_("Justificativa do prazo reduzido"),
        required=False,
        help_text=_(
            "Só se a nova data ficar a menos dias que o prazo mínimo de divulgação."
        ),
    )

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", END_AFTER_START)
        if starts_at and starts_at <= timezone.now():
            self.add_error("starts_at", _("A nova data já passou."))
        return data


class CancelForm(forms.Form):
    reason = ReasonField(
        label=_("Motivo do cancelamento"),
        help_text=_("Aparece na página do evento e vai no aviso às pessoas inscritas."),
        error_messages={"required": _("Explique o motivo do cancelamento.")},
    )


class ConcludeForm(forms.Form):
    """The ata, the recording and how many people came."""

    minutes = LongTextField(
        label=_("Ata"),
        max_length=Event._meta.get_field("minutes").max_length,
        rows=16,
        error_messages={"required": _("Escreva a ata antes de concluir.")},
        help_text=_("Resumo da abertura, das falas e dos encaminhamentos."),
    )
    recording_url = forms.URLField(
        label=_("Link da gravação"),
        required=False,
        max_length=300,
        assume_scheme="https",
        error_messages={"invalid": _("Informe um endereço completo, com https://.")},
    )
    attendance_count = forms.IntegerField(
        label=_("Público presente"),
        required=False,
        min_value=0,
        error_messages={"min_value": _("Informe um número igual ou maior que zero.")},
        help_text=_("Inclua quem não se inscreveu pelo site."),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Código de presença"),
        max_length=20,
        error_messages={
            "required": _("Digite o código de presença."),
            "max_length": _("O código tem 6 letras e números."),
        },
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "autofocus": True,
            }
        ),
    )


class RecordContributionForm(forms.Form):
    """A contribution staff record: said at the event or handed in writing."""

    channel = forms.ChoiceField(
        label=_("Como foi feita"),
        choices=[
            (C.Channel.ORAL, C.Channel.ORAL.label),
            (C.Channel.WRITTEN, C.Channel.WRITTEN.label),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Escolha se a contribuição foi falada ou escrita.")
        },
    )
    author_label = TextField(
        label=_("Autoria, como a pessoa se apresentou"),
        required=False,
        max_length=C._meta.get_field("author_label").max_length,
        help_text=_("Nome, e a entidade se houver. Pode ficar em branco."),
    )
    show_name = forms.BooleanField(
        label=_("A pessoa aceitou ter o nome publicado"),
        required=False,
        help_text=_("Se não marcar, aparece como “Participante”."),
    )
    text = LongTextField(
        label=_("Contribuição"),
        max_length=TEXT_LIMIT,
        rows=6,
        error_messages={"required": _("Escreva a contribuição.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("show_name") and not data.get("author_label"):
            self.add_error(
                "author_label",
                _("Para mostrar o nome, escreva-o como a pessoa se apresentou."),
            )
        return data
