"""Forms of the notification preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import EmailMode
from .registry import account_kinds, get_account_kind
from .tokens import ALL_KINDS, DIGEST_KINDS

EMAIL_MODE_CHOICES = [
    (EmailMode.IMMEDIATE, _("Imediato")),
    (EmailMode.DAILY, _("Diário (um resumo por dia)")),
    (EmailMode.OFF, _("Desligado (só no site)")),
]


def field_name(slug: str) -> str:
    """Dots are not welcome in HTML ids, so 'accounts.welcome' -> 'kind_accounts__welcome'."""
    return "kind_" + slug.replace(".", "__")


class PreferencesForm(forms.Form):
    """One email choice per kind of notification told to people with an account."""

    def __init__(self, *args, initial_modes: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_modes = initial_modes or {}
        for kind in account_kinds():
            self.fields[field_name(kind.slug)] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.description,
                choices=EMAIL_MODE_CHOICES,
                widget=forms.RadioSelect,
                initial=initial_modes.get(kind.slug, kind.default_email_mode),
                error_messages={"required": _("Escolha como receber este aviso.")},
            )

    def modes(self) -> dict[str, str]:
        """The cleaned choices keyed by kind slug."""
        return {
            kind.slug: self.cleaned_data[field_name(kind.slug)]
            for kind in account_kinds()
        }


class UnsubscribeForm(forms.Form):
    """The page behind an email's signed link: this kind, or every kind."""

    scope = forms.ChoiceField(
        label=_("Aplicar a"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Escolha a que avisos aplicar.")},
    )
    email_mode = forms.ChoiceField(
        label=_("Receber por e-mail"),
        choices=EMAIL_MODE_CHOICES,
        widget=forms.RadioSelect,
        initial=EmailMode.OFF,
        error_messages={"required": _("Escolha como receber os e-mails.")},
    )

    def __init__(self, *args, token_scope: str, **kwargs):
        super().__init__(*args, **kwargs)
        choices = []
        if token_scope == DIGEST_KINDS:
            choices.append((DIGEST_KINDS, _("Os avisos que recebo no resumo diário")))
        elif token_scope != ALL_KINDS:
            label = get_account_kind(token_scope).label
            choices.append((token_scope, _("Somente “%(kind)s”") % {"kind": label}))
        choices.append((ALL_KINDS, _("Todos os tipos de aviso")))
        self.fields["scope"].choices = choices
        self.fields["scope"].initial = choices[0][0]
