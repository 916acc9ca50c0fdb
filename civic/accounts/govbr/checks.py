"""Deployment checks for the gov.br settings."""

from django.conf import settings
from django.core.checks import Warning, register

from civic.accounts.models import GovBrLevel


@register()
def govbr_settings(app_configs, **kwargs):
    """Required levels must name known levels, and need gov.br to be configured."""
    from .levels import required_level

    problems = []
    required = getattr(settings, "GOVBR_REQUIRED_LEVELS", {}) or {}
    for action in required:
        if required_level(action) not in GovBrLevel.values:
            problems.append(
                Warning(
                    f"GOVBR_REQUIRED_LEVELS[{action!r}] is not bronze, prata or ouro.",
                    id="govbr.W001",
                )
            )
    configured = settings.GOVBR_CLIENT_ID and settings.GOVBR_SERVER_URL
    if required and not configured:
        problems.append(
            Warning(
                "GOVBR_REQUIRED_LEVELS is set but gov.br is not configured: nobody "
                "can reach the required levels.",
                hint="Set GOVBR_CLIENT_ID, GOVBR_CLIENT_SECRET and GOVBR_SERVER_URL.",
                id="govbr.W002",
            )
        )
    return problems
