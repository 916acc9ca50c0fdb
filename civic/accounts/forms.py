"""Forms for signing up, editing a profile and erasing an account.

`SignupForm` is not a complete form: allauth builds its own sign-up form *on top
of it* (ACCOUNT_SIGNUP_FORM_CLASS becomes the base of allauth's BaseSignupForm),
adding email and passwords. So this module must not import allauth.account.forms.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable
from itertools import groupby

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civic.territory.models import Bairro

from .client_ip import client_ip
from .models import User
from .validators import (
    format_cpf,
    format_phone,
    normalize_cpf,
    normalize_phone,
    validate_cpf,
    validate_phone,
)

TERMS_URL = "/termos-de-uso/"
PRIVACY_URL = "/privacidade/"


# One answer for every CPF that cannot be used, taken or not (no probing).
CPF_UNAVAILABLE = _(
    "Não foi possível usar este CPF. Confira os números; se estiverem certos, "
    "fale com a equipe do Participa Betim."
)
# Refused and throttled CPF attempts, for staff (never the CPF itself: LGPD).
security_log = logging.getLogger("civic.security")


class GroupedModelChoiceIterator(forms.models.ModelChoiceIterator):
    """Yield bairros grouped by regional, so the select shows <optgroup>s."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # Sorted in Python, accent- and case-insensitively ("Cândida" before
        # "Capelinha"), which SQLite's default collation does not do.
        bairros = sorted(
            self.queryset.select_related("regional"),
            key=lambda b: (_sort_key(b.regional.name), _sort_key(b.name)),
        )
        for regional, group in groupby(bairros, key=lambda b: b.regional):
            yield (regional.name, [self.choice(b) for b in group])


def _sort_key(text: str) -> str:
    """Alphabetical order as people expect it in Portuguese."""
    return (
        unicodedata.normalize("NFKD", text)
        .encode("ascii", "ignore")
        .decode()
        .casefold()
    )


class BairroChoiceField(forms.ModelChoiceField):
    """Optional choice of an active bairro, grouped by regional."""

    iterator = GroupedModelChoiceIterator

    def __init__(self, *, current: Bairro | None = None, **kwargs):
        condition = Q(is_active=True)
        if current is not None:
            # Someone whose bairro was later deactivated keeps seeing it selected.
            condition |= Q(pk=current.pk)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Bairro onde você mora"))
        kwargs.setdefault("empty_label", _("Prefiro não informar"))
        kwargs.setdefault(
            "help_text",
            _("Opcional. Usado para mostrar o que acontece perto de você."),
        )
        super().__init__(queryset=Bairro.objects.filter(condition), **kwargs)


def _document_label(text: str, url: str):
    """A checkbox label linking to a legal document, opened in a new tab."""
    return format_html(
        '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
        gettext("Li e concordo com"),
        url,
        text,
    )


class SignupForm(forms.Form):
    """Extra sign-up fields: name, optional bairro, and agreement to the documents.

    LGPD art. 6 III (data minimisation): no CPF or phone at sign-up; they are
    optional later, in the profile.
    """

    field_order = [
        "full_name",
        "email",
        "password1",
        "password2",
        "bairro",
        "accept_terms",
        "accept_privacy",
    ]

    full_name = forms.CharField(
        label=_("Nome completo"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Informe seu nome completo.")},
    )
    bairro = BairroChoiceField()
    accept_terms = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Para criar a conta, você precisa aceitar os Termos de Uso.")
        },
    )
    accept_privacy = forms.BooleanField(
        required=True,
        error_messages={
            "required": _(
                "Para criar a conta, você precisa aceitar a Política de Privacidade."
            )
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].label = _document_label(
            gettext("os Termos de Uso"), TERMS_URL
        )
        self.fields["accept_privacy"].label = _document_label(
            gettext("a Política de Privacidade"), PRIVACY_URL
        )

    def clean_full_name(self) -> str:
        """Collapse inner whitespace so "Maria   Silva" and "Maria Silva" match."""
        return " ".join(self.cleaned_data["full_name"].split())

    def signup(self, request, user) -> None:
        """Called by allauth after the user is saved: record the consents (LGPD art. 8)."""
        from .services import consents_record

        # The proof keeps the time and version even when there is no usable address.
        consents_record(user=user, ip_address=client_ip(request))


class ProfileForm(forms.ModelForm):
    """A person's own profile. CPF and phone are optional and never public."""

    cpf = forms.CharField(
        label=_("CPF"),
        required=False,
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_(
            "Opcional. Só você vê este dado; ele nunca é exibido publicamente."
        ),
    )
    phone = forms.CharField(
        label=_("Telefone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("Opcional. Com DDD, por exemplo (31) 99999-9999."),
    )
    language = forms.ChoiceField(
        label=_("Idioma do site e dos e-mails"), choices=settings.LANGUAGES
    )

    class Meta:
        model = User
        fields = ["full_name", "cpf", "phone", "bairro", "language"]
        labels = {"full_name": _("Nome completo")}
        error_messages = {
            "full_name": {"required": _("Informe seu nome completo.")},
        }

    def __init__(self, *args, cpf_attempt: Callable[[], bool] | None = None, **kwargs):
        # `cpf_attempt()` consumes one try of the `change_cpf` rate limit and
        # says whether it is allowed (the view passes it; None: no limit).
        self.cpf_attempt = cpf_attempt
        super().__init__(*args, **kwargs)
        self.fields["bairro"] = BairroChoiceField(current=self.instance.bairro)
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        if (
            self.instance.pk
            and self.instance.socialaccount_set.filter(provider="govbr").exists()
        ):
            # The CPF came verified from gov.br; it changes only there.
            self.fields["cpf"].disabled = True
            self.fields["cpf"].help_text = _(
                "Confirmado pelo gov.br. Só você vê este dado; ele nunca é exibido "
                "publicamente."
            )
        if not self.is_bound:
            # Shown masked, and only here, to the owner (never on public pages).
            self.initial["cpf"] = format_cpf(self.instance.cpf)
            self.initial["phone"] = format_phone(self.instance.phone)

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())

    def clean_cpf(self) -> str:
        """Store digits only; check digits and uniqueness with pt-BR errors.

        A CPF held by another account gets the same answer as any CPF that
        cannot be used, tries are rate-limited, and each refusal goes to the
        security log, so nobody learns who has an account by trying numbers.
        """
        if self.fields["cpf"].disabled:
            return self.instance.cpf
        raw = self.cleaned_data.get("cpf", "").strip()
        if not raw:
            return ""
        validate_cpf(raw)
        cpf = normalize_cpf(raw)
        if cpf == self.instance.cpf:
            return cpf
        if self.cpf_attempt is not None and not self.cpf_attempt():
            security_log.warning("cpf_probe_throttled user=%s", self.instance.pk or "-")
            raise forms.ValidationError(
                _(
                    "Muitas tentativas de informar um CPF. Espere um pouco e tente "
                    "de novo, ou fale com a equipe do Participa Betim."
                ),
                code="cpf_throttled",
            )
        taken = User.objects.filter(cpf=cpf).exclude(pk=self.instance.pk).exists()
        if taken:
            security_log.warning("cpf_refused_taken user=%s", self.instance.pk or "-")
            raise forms.ValidationError(CPF_UNAVAILABLE, code="cpf_unavailable")
        return cpf

    def clean_phone(self) -> str:
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        validate_phone(raw)
        return normalize_phone(raw)

    def validate_unique(self):
        # clean_cpf already gave a friendly message; skip Django's generic
        # "constraint violated" text for the same field.
        if "cpf" in self.errors:
            return
        super().validate_unique()


class AccountDeleteForm(forms.Form):
    """Confirm an account erasure with the password and a typed word."""

    password = forms.CharField(
        label=_("Sua senha atual"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirmation = forms.CharField(
        label=_("Digite EXCLUIR para confirmar"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        if not user.has_usable_password():
            # Accounts without a password confirm through allauth's
            # reauthentication instead (see AccountDeleteView).
            del self.fields["password"]

    @staticmethod
    def confirmation_word() -> str:
        return gettext("EXCLUIR")

    def clean_confirmation(self) -> str:
        value = self.cleaned_data["confirmation"].strip()
        if value.upper() != self.confirmation_word().upper():
            raise forms.ValidationError(
                _("Digite a palavra EXCLUIR para confirmar."),
                code="confirmation_mismatch",
            )
        return value

    def clean_password(self) -> str:
        from allauth.account.adapter import get_adapter

        password = self.cleaned_data["password"]
        # Through allauth, so wrong passwords count against the same rate
        # limit as the login form (ASVS 6.3.1) and cannot be guessed here.
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError(
                _("Senha incorreta. Confira e tente de novo."), code="wrong_password"
            )
        return password
