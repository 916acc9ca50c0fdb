"""What the accounts app tells people: the welcome, once the email is confirmed."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind
from civic.notifications.services import notify

WELCOME = register_kind(
    "accounts.welcome",
    label=_("Boas-vindas"),
    description=_("Uma mensagem quando você confirma o e-mail da sua conta."),
    summary=_("Boas-vindas ao Participa Betim, %(first_name)s! Sua conta está pronta."),
    default_email_mode=EmailMode.IMMEDIATE,
)


@receiver(email_confirmed, dispatch_uid="accounts.welcome_on_email_confirmed")
def welcome_on_email_confirmed(sender, request, email_address, **kwargs):
    """Welcome a person once, the first time any of their addresses is confirmed."""
    user = email_address.user
    notify(
        [user],
        WELCOME.slug,
        {"first_name": user.get_short_name()},
        key="welcome",
        url=reverse("accounts:profile"),
    )
