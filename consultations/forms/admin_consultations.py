"""Forms staff fill in the Wagtail admin for consultations and contributions.
They validate and keep what was typed; saving is the services' job."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.models import WagtailAdminModelForm

from civic.uploads import validate_upload

from ..models import Consultation, ConsultationDocument, Contribution
from ..services.devices import device_problems, devices_as_text, parse_devices
from ..services.documents import DOCUMENT_MAX_SIZE
from .admin_base import SlugFromTitleMixin
from .consultations import LongTextField, TextField

C = Contribution


class ConsultationAdminForm(SlugFromTitleMixin, WagtailAdminModelForm):
    """A consultation, with its draft text pasted as plain text."""

    slug_fallback = "consulta"
    slug_path = "/consultas/…/"

    draft_text = forms.CharField(
        label=_("Texto em consulta"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
        max_length=500_000,
        help_text=_(
            "Cole o texto da minuta. Cada artigo (Art. 1º), parágrafo (§ 1º, "
            "Parágrafo único), inciso (I –) e alínea (a)) vira um dispositivo que "
            "as pessoas podem comentar; linhas sem marcador viram trechos. Separe "
            "os blocos com uma linha em branco. Só pode ser alterado enquanto a "
            "consulta é um rascunho."
        ),
    )

    class Meta:
        model = Consultation
        fields = [
            "title",
            "slug",
            "summary",
            "policy_area",
            "responsible_body",
            "legal_basis",
            "bairros",
            "opens_at",
            "closes_at",
            "premoderation",
            "text_intro",
            "report_summary",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_slug()
        self.fields["bairros"].widget.attrs["size"] = 10
        instance = self.instance
        self.parsed_devices = None
        if instance.pk:
            self.initial.setdefault(
                "draft_text",
                devices_as_text(instance.devices.order_by("position")),
            )
            if instance.status != Consultation.Status.DRAFT:
                self.fields["draft_text"].disabled = True
                self.fields["draft_text"].help_text = _(
                    "A consulta já foi agendada: o texto não pode mais mudar. "
                    "Desfaça o agendamento para corrigi-lo."
                )
                # The period already started: people were told these dates.
                if instance.status != Consultation.Status.SCHEDULED:
                    self.fields["opens_at"].disabled = True

    def clean_draft_text(self):
        text = self.cleaned_data.get("draft_text") or ""
        if self.fields["draft_text"].disabled or not text.strip():
            return text
        devices = parse_devices(text)
        problems = device_problems(devices)
        if problems:
            raise ValidationError(problems)
        self.parsed_devices = devices
        return text

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error(
                "closes_at", _("O encerramento deve ser depois da abertura.")
            )
        return data

    @property
    def text_changed(self) -> bool:
        """Whether the pasted text gives other devices than the saved ones."""
        if self.parsed_devices is None:
            return False
        if not self.instance.pk:
            return True
        return (
            self.cleaned_data["draft_text"].strip()
            != (self.initial.get("draft_text") or "").strip()
        )


class ConsultationDocumentForm(forms.ModelForm):
    """A public document attached to a consultation: PDF, JPEG or PNG, 10 MB."""

    class Meta:
        model = ConsultationDocument
        fields = ["title", "file"]

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is None:
            raise ValidationError(_("Escolha o arquivo."))
        validate_upload(uploaded, max_size=DOCUMENT_MAX_SIZE)
        return uploaded


class AnswerForm(forms.Form):
    """The devolutiva of one contribution."""

    answer = forms.ChoiceField(
        label=_("Resposta"),
        choices=C.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Escolha a resposta.")},
    )
    answer_text = LongTextField(
        label=_("Justificativa"),
        max_length=C._meta.get_field("answer_text").max_length,
        rows=5,
        error_messages={"required": _("Escreva a justificativa da resposta.")},
        help_text=_("Publicada com o relatório final, ao lado da contribuição."),
    )


class ModerationForm(forms.Form):
    """Hide with a public reason, or publish."""

    reason = TextField(
        label=_("Motivo (mostrado publicamente no lugar do texto)"),
        required=False,
        max_length=C._meta.get_field("moderation_reason").max_length,
    )
