"""Admin forms of the chamamento."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ...models import Appeal, Call, CallDocument, Criterion


class CallAdminForm(forms.ModelForm):
    class Meta:
        model = Call
        fields = [
            "number",
            "slug",
            "title",
            "instrument",
            "body",
            "policy_area",
            "council",
            "object",
            "budget_line",
            "expected_value",
            "proposal_rules",
            "appeal_rules",
            "accessibility",
            "proposals_end_at",
            "pmis",
        ]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["position", "name", "weight", "max_score", "eliminatory_below"]


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail da pessoa (já cadastrada)"))
    designation_act = forms.CharField(
        label=_("Ato de designação"), max_length=200, required=False
    )

    def clean_email(self):
        user = (
            get_user_model()
            .objects.filter(email__iexact=self.cleaned_data["email"], is_active=True)
            .first()
        )
        if user is None:
            raise forms.ValidationError(_("Nenhuma conta ativa com este e-mail."))
        self.user = user
        return self.cleaned_data["email"]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Tipo"), choices=CallDocument.Kind.choices)
    title = forms.CharField(label=_("Título"), max_length=200)
    file = forms.FileField(label=_("Arquivo (PDF, JPEG ou PNG)"))


class AppealDecisionForm(forms.Form):
    appeal = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Decisão"),
        choices=[
            (Appeal.Outcome.GRANTED, _("Provido")),
            (Appeal.Outcome.DENIED, _("Não provido")),
        ],
    )
    decision = forms.CharField(
        label=_("Fundamentação"), widget=forms.Textarea, max_length=20_000
    )


class HabilitationForm(forms.Form):
    other_problems = forms.CharField(
        label=_("Outros problemas encontrados nos documentos (opcional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea,
    )


class TransitionForm(forms.Form):
    action = forms.CharField(max_length=40)
    note = forms.CharField(required=False, max_length=2000)
