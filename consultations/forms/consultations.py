"""Forms of public consultations: what people send. They validate and keep what
was typed; saving is the services' job. Admin forms are in `admin_consultations`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from civic.querysets import given

from ..models import (
    AbuseReport,
    Consultation,
    Contribution,
    PolicyArea,
)

C = Contribution
TEXT_LIMIT = C._meta.get_field("text").max_length
TOO_LONG = _(
    "O texto pode ter no máximo %(limit_value)s caracteres; este tem %(show_value)s."
)


class TextField(forms.CharField):
    """A text whose "too long" message gives both lengths."""

    def __init__(self, **kwargs):
        kwargs["error_messages"] = {
            "max_length": TOO_LONG,
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)


class LongTextField(TextField):
    """A textarea whose length is counted as people see it: browsers send line
    breaks as two characters (CR LF) but count them as one."""

    widget = forms.Textarea

    def __init__(self, *, max_length: int, rows: int = 5, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.widget.attrs["rows"] = rows

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)


# PUBLIC FORMS
# ------------------------------------------------------------------------------


def area_filter() -> forms.ModelChoiceField:
    """The policy-area filter of a public list, by slug (empty: every area)."""
    return forms.ModelChoiceField(
        label=_("Área"),
        queryset=PolicyArea.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Todas as áreas"),
    )


class ConsultationFilterForm(forms.Form):
    """Filters of /consultas/ (GET)."""

    STATUS_CHOICES = [
        ("", _("Todas")),
        (Consultation.Status.OPEN, _("Abertas")),
        (Consultation.Status.SCHEDULED, _("Agendadas")),
        (Consultation.Status.CLOSED, _("Encerradas, aguardando respostas")),
        (Consultation.Status.ANSWERED, _("Com relatório final")),
    ]

    area = area_filter()
    situacao = forms.ChoiceField(
        label=_("Situação"), choices=STATUS_CHOICES, required=False
    )

    def filters(self) -> dict:
        """Keyword arguments for the selector; invalid values filter nothing."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return given(area=data["area"], status=data["situacao"])


class OnBehalfMixin:
    """Adds "em nome de" when the person represents approved entities
    (`entities=`), just before the name checkbox, which it overrides. The form
    has a `show_name` field."""

    on_behalf_help = _(
        "Como representante, você pode contribuir em nome de uma entidade "
        "aprovada; o nome da entidade aparece publicamente."
    )

    def __init__(self, *args, entities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.entities = {str(e.pk): e for e in entities}
        if self.entities:
            self.fields["on_behalf_of"] = forms.ChoiceField(
                label=_("Em nome de"),
                required=False,
                choices=[("", _("Em meu próprio nome"))]
                + [(pk, e.display_name) for pk, e in self.entities.items()],
                help_text=self.on_behalf_help,
            )
        # What is said first, then for whom, then whether the name shows (a
        # subclass's fields come after its base's `show_name`).
        last = ("on_behalf_of", "show_name")
        self.order_fields([name for name in self.fields if name not in last] + [*last])

    def clean_on_behalf_of(self):
        value = self.cleaned_data.get("on_behalf_of")
        return self.entities.get(value) if value else None


SHOW_NAME_HELP = _(
    "Se não marcar, sua contribuição aparece como “Participante”. Sua opinião sobre "
    "uma política pública pode revelar opinião política, que a LGPD protege como "
    "dado sensível: mostre seu nome só se quiser."
)


class ContributionForm(OnBehalfMixin, forms.Form):
    """A contribution: general, or on one device with a position."""

    device = forms.ChoiceField(label=_("Sobre qual parte do texto?"), required=False)
    position = forms.ChoiceField(
        label=_("Sua posição sobre o dispositivo"),
        required=False,
        widget=forms.RadioSelect,
        choices=[("", _("Nenhuma: é uma contribuição geral")), *C.Position.choices],
    )
    text = LongTextField(
        label=_("Sua contribuição"),
        max_length=TEXT_LIMIT,
        rows=6,
        error_messages={"required": _("Escreva sua contribuição.")},
    )
    proposed_text = LongTextField(
        label=_("Redação proposta"),
        max_length=TEXT_LIMIT,
        required=False,
        rows=4,
        help_text=_(
            "Só para “Proposta de redação”: escreva como o dispositivo deveria ficar."
        ),
    )
    show_name = forms.BooleanField(
        label=_("Mostrar meu nome publicamente"),
        required=False,
        help_text=SHOW_NAME_HELP,
    )

    def __init__(self, *args, devices=(), device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.devices = {str(d.pk): d for d in devices}
        self.fields["device"].choices = [
            ("", _("O texto como um todo (contribuição geral)"))
        ] + [
            (pk, f"{d.citation} — {_short(d.text)}" if d.text else d.citation)
            for pk, d in self.devices.items()
        ]
        if device is not None and not self.is_bound:
            self.initial["device"] = str(device.pk)

    def clean_device(self):
        value = self.cleaned_data.get("device")
        return self.devices.get(value) if value else None

    def clean(self):
        data = super().clean()
        device, position = data.get("device"), data.get("position")
        if "device" in data and "position" in data:
            if device is not None and not position:
                self.add_error(
                    "position", _("Diga se concorda, discorda ou propõe outra redação.")
                )
            if device is None and position:
                self.add_error(
                    "device",
                    _(
                        "Escolha o dispositivo sobre o qual você se posiciona, ou "
                        "marque “Nenhuma” na posição para uma contribuição geral."
                    ),
                )
        proposed = data.get("proposed_text", "")
        if position == C.Position.PROPOSAL and "proposed_text" in data and not proposed:
            self.add_error(
                "proposed_text",
                _("Escreva a redação que você propõe para o dispositivo."),
            )
        if proposed and position != C.Position.PROPOSAL and "position" in data:
            self.add_error(
                "proposed_text",
                _(
                    "A redação proposta só vale com a posição “Proposta de redação”. "
                    "Mude a posição ou apague este campo."
                ),
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "device": data["device"],
            "position": data["position"],
            "text": data["text"],
            "proposed_text": data["proposed_text"],
            "show_name": data["show_name"],
            "on_behalf_of": data.get("on_behalf_of"),
        }


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class SignedTextForm(OnBehalfMixin, forms.Form):
    """A text a person sends under their name or not, for themself or for an
    entity they represent. Subclasses declare `text`."""

    show_name = forms.BooleanField(
        label=_("Mostrar meu nome publicamente"),
        required=False,
        help_text=SHOW_NAME_HELP,
    )


class ReplyForm(SignedTextForm):
    """A reply to a contribution (one level)."""

    text = LongTextField(
        label=_("Sua resposta"),
        max_length=TEXT_LIMIT,
        rows=4,
        error_messages={"required": _("Escreva sua resposta.")},
    )


class AbuseReportForm(forms.Form):
    """Why a contribution should be looked at by the moderators."""

    reason = forms.ChoiceField(
        label=_("O que há de errado com esta contribuição?"),
        choices=AbuseReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Escolha o motivo da denúncia.")},
    )
    details = LongTextField(
        label=_("Detalhes"),
        max_length=AbuseReport._meta.get_field("details").max_length,
        required=False,
        rows=3,
        help_text=_("Opcional, exceto para “Outro motivo”."),
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == AbuseReport.Reason.OTHER and not data.get("details"):
            self.add_error("details", _("Conte em poucas palavras qual é o problema."))
        return data
