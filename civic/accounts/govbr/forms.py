"""The sign-up form after a first gov.br login: the same fields and consents as
the email sign-up (civic.accounts.forms.SignupForm is its base), minus passwords."""

from allauth.socialaccount.forms import SignupForm
from django.utils.translation import gettext_lazy as _


class GovBrSignupForm(SignupForm):
    """Name, bairro and the acceptance of terms and privacy (LGPD art. 8); the
    email comes from gov.br and cannot be changed here when gov.br verified it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        verified = [
            address.email
            for address in self.sociallogin.email_addresses
            if address.verified
        ]
        email = self.fields.get("email")
        if email is not None and verified:
            email.disabled = True
            email.initial = verified[0]
            email.help_text = _("Confirmado pelo gov.br.")
