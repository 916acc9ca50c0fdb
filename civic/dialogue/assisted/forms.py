"""Forms of the desk and of claiming an account; the services check again."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro
from consultations.models import Consultation, Event, PolicyArea

from ..models import Demand


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Nome ou CPF"),
        max_length=100,
        help_text=_("Pelo menos três letras do nome, ou o CPF completo."),
    )


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("Nome completo"), max_length=150)
    cpf = forms.CharField(label=_("CPF (opcional)"), max_length=14, required=False)
    phone = forms.CharField(
        label=_("Telefone (opcional)"), max_length=15, required=False
    )
    bairro = forms.ModelChoiceField(
        label=_("Bairro (opcional)"),
        queryset=Bairro.objects.active().select_related("regional"),
        required=False,
    )


class ConsentForm(forms.Form):
    agreed = forms.BooleanField(
        label=_(
            "A pessoa ouviu a explicação dos Termos de Uso e da Política de "
            "Privacidade em vigor e concordou com eles."
        )
    )


class RegisterForm(forms.Form):
    event = forms.ModelChoiceField(label=_("Evento"), queryset=Event.objects.none())
    needs_libras = forms.BooleanField(label=_("Precisa de Libras"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(
            status=Event.Status.PUBLISHED, starts_at__gt=timezone.now()
        ).order_by("starts_at")


class ContributeForm(forms.Form):
    consultation = forms.ModelChoiceField(
        label=_("Consulta"), queryset=Consultation.objects.none()
    )
    text = forms.CharField(
        label=_("Contribuição, nas palavras da pessoa"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = Consultation.objects.filter(
            status=Consultation.Status.OPEN
        )


class AssistedDemandForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Tipo de manifestação"),
        choices=[("", "---------"), *Demand.Kind.choices],
    )
    subject = forms.CharField(label=_("Assunto"), max_length=200)
    area = forms.ModelChoiceField(
        label=_("Área"), queryset=PolicyArea.objects.all(), required=False
    )
    text = forms.CharField(
        label=_("Manifestação, nas palavras da pessoa"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ClaimForm(forms.Form):
    code = forms.CharField(
        label=_("Código do convite"),
        max_length=20,
        help_text=_("O código impresso que você recebeu no balcão."),
    )
    email = forms.EmailField(label=_("Seu e-mail"))
    password1 = forms.CharField(label=_("Senha"), widget=forms.PasswordInput)
    password2 = forms.CharField(label=_("Repita a senha"), widget=forms.PasswordInput)
    accept = forms.BooleanField(
        label=_("Li e aceito os Termos de Uso e a Política de Privacidade.")
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("As senhas não são iguais."))
        return data
