"""Keep the account's gov.br level in step with allauth's social-account events."""

from allauth.socialaccount.signals import (
    social_account_added,
    social_account_removed,
    social_account_updated,
)
from django.dispatch import receiver

from .claims import identity_from
from .services import govbr_identity_apply, govbr_identity_forget

PROVIDER_ID = "govbr"


@receiver(social_account_added)
@receiver(social_account_updated)
def refresh_identity(sender, request, sociallogin, **kwargs):
    """A gov.br login (or link) brings the current level and the verified CPF."""
    account = sociallogin.account
    if account.provider != PROVIDER_ID or account.user_id is None:
        return
    govbr_identity_apply(user=account.user, identity=identity_from(account.extra_data))


@receiver(social_account_removed)
def forget_identity(sender, request, socialaccount, **kwargs):
    """Unlinking gov.br drops the level it vouched for."""
    if socialaccount.provider == PROVIDER_ID:
        govbr_identity_forget(user=socialaccount.user)
