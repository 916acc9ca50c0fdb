"""Forms of a partnership's execution: what the entity sends (accounts,
answers, an extension request, a defence) and what staff decide. They
validate the input; the services decide whether the step may happen."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from civic.uploads import validate_upload

from ..models import Change, Installment, MonitoringReport, Sanction

LONG_TEXT = 50_000
NOTE = 2_000


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Up to ten PDF or image files, each checked by content."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > 10:
            raise ValidationError(_("Envie no máximo 10 arquivos."))
        cleaned = [super(DocumentsField, self).clean(f, initial) for f in files]
        for uploaded in cleaned:
            validate_upload(uploaded, max_size=settings.ENTITIES_DOCUMENT_MAX_BYTES)
        return cleaned


def _text(label, *, max_length=LONG_TEXT, required=True, help_text=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=max_length,
        required=required,
        help_text=help_text,
        strip=True,
    )


class PresentAccountsForm(forms.Form):
    execution_report = _text(
        _("Relatório de execução do objeto"),
        help_text=_(
            "Atividades realizadas e metas alcançadas, comparadas às previstas."
        ),
    )
    goals_met = forms.BooleanField(
        label=_("As metas foram cumpridas"),
        required=False,
        help_text=_(
            "Se não foram, o relatório de execução financeira é obrigatório (art. 66, II)."
        ),
    )
    financial_report = _text(_("Relatório de execução financeira"), required=False)
    documents = DocumentsField(
        label=_("Documentos (PDF, JPEG ou PNG)"),
        required=False,
        help_text=_(
            "Ficam restritos à entidade, à equipe da SRSC e a quem acompanha a parceria."
        ),
    )

    def clean(self):
        data = super().clean()
        if (
            "goals_met" in data
            and not data["goals_met"]
            and not data.get("financial_report")
        ):
            self.add_error(
                "financial_report",
                _(
                    "Como as metas não foram cumpridas, o relatório de execução "
                    "financeira é obrigatório (art. 66, II)."
                ),
            )
        return data


class AnswerDiligenceForm(forms.Form):
    answer = _text(_("Resposta"), max_length=20_000)
    documents = DocumentsField(label=_("Documentos (PDF, JPEG ou PNG)"), required=False)


class ExtensionRequestForm(forms.Form):
    new_ends_on = forms.DateField(
        label=_("Nova data de fim da vigência"), widget=DateInput
    )
    description = _text(_("Por que prorrogar"), max_length=10_000)


class DefenceForm(forms.Form):
    defence = _text(_("Defesa"))


class NoteForm(forms.Form):
    note = _text(_("Justificativa"), max_length=NOTE)


class OptionalNoteForm(forms.Form):
    note = _text(_("Observação"), max_length=NOTE, required=False)


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Data da assinatura"), widget=DateInput)


class ExtractForm(forms.Form):
    published_on = forms.DateField(
        label=_("Data da publicação do extrato"), widget=DateInput
    )
    place = forms.CharField(
        label=_("Onde foi publicado"),
        max_length=200,
        help_text=_("Por exemplo: Órgão Oficial do Município, edição nº 1234."),
    )


class RescissionNoticeForm(forms.Form):
    notice_on = forms.DateField(
        label=_("Data da notificação à entidade"), widget=DateInput
    )
    note = _text(_("Motivo da rescisão"), max_length=NOTE)


class ReleaseForm(forms.Form):
    released_on = forms.DateField(label=_("Data da liberação"), widget=DateInput)
    note = _text(_("Observação"), max_length=NOTE, required=False)


class RetainForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Motivo (art. 48)"), choices=Installment.RetentionReason.choices
    )
    note = _text(
        _("O que motivou a retenção e o que a entidade deve sanar"), max_length=NOTE
    )


class ChangeDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decisão"),
        choices=[("approve", _("Aprovar")), ("refuse", _("Recusar"))],
    )
    kind = forms.ChoiceField(
        label=_("Instrumento"),
        choices=[
            (Change.Kind.ADDENDUM, Change.Kind.ADDENDUM.label),
            (Change.Kind.APOSTILLE, Change.Kind.APOSTILLE.label),
        ],
        required=False,
    )
    act_number = forms.CharField(
        label=_("Número do termo ou apostila"), max_length=40, required=False
    )
    new_ends_on = forms.DateField(
        label=_("Nova data de fim"), widget=DateInput, required=False
    )
    value_change = forms.DecimalField(
        label=_("Acréscimo de valor (R$)"),
        max_digits=14,
        decimal_places=2,
        required=False,
        min_value=0,
    )
    installment_due_on = forms.DateField(
        label=_("Data da parcela do acréscimo"), widget=DateInput, required=False
    )
    note = _text(_("Justificativa"), max_length=NOTE, required=False)


class ExOfficioForm(forms.Form):
    delay_days = forms.IntegerField(
        label=_("Dias de atraso da administração"), min_value=1, max_value=3650
    )
    act_number = forms.CharField(label=_("Número da apostila"), max_length=40)
    description = _text(_("O atraso que justifica a prorrogação"), max_length=10_000)


class MonitoringForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=MonitoringReport.Kind.choices)
    happened_on = forms.DateField(label=_("Data"), widget=DateInput)
    summary = _text(_("Síntese"), max_length=20_000)
    file = forms.FileField(label=_("Arquivo (PDF, JPEG ou PNG)"), required=False)


class DiligenceForm(forms.Form):
    request = _text(_("O que a entidade deve sanar"), max_length=20_000)


class SanctionOpenForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanção proposta"), choices=Sanction.Kind.choices)
    grounds = _text(_("Fatos e fundamentos"), max_length=20_000)


class SanctionApplyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanção"), choices=Sanction.Kind.choices)
    starts_on = forms.DateField(label=_("Início"), widget=DateInput)
    ends_on = forms.DateField(label=_("Fim"), widget=DateInput, required=False)
    act = forms.CharField(label=_("Ato"), max_length=200, required=False)
    note = _text(_("Decisão fundamentada"), max_length=NOTE)
