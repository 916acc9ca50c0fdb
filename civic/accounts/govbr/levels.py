"""The gov.br reliability level an action needs (settings.GOVBR_REQUIRED_LEVELS).

    GOVBR_REQUIRED_LEVELS = {"entities.submit": "prata",
                             "partnerships.submit_proposal": "prata"}

An action without an entry needs nothing. Suggested policy (reference/domain.md
§5.3): prata or ouro for acts of an OSC's legal representative.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.shortcuts import render

from civic.accounts.models import GovBrLevel


def required_level(action: str) -> str:
    """The lowest level `action` needs, or "" when it needs none."""
    wanted = (getattr(settings, "GOVBR_REQUIRED_LEVELS", None) or {}).get(action, "")
    wanted = str(wanted).strip().lower()
    # gov.br's English names are accepted in the setting too.
    return {"silver": GovBrLevel.PRATA, "gold": GovBrLevel.OURO}.get(wanted, wanted)


def has_level(user, action: str) -> bool:
    """Whether `user`'s stored gov.br level is enough for `action`."""
    wanted = required_level(action)
    if not wanted:
        return True
    current = getattr(user, "govbr_level", "") if user.is_authenticated else ""
    return GovBrLevel.rank(current) >= max(GovBrLevel.rank(wanted), 1)


def require_level(request, action: str):
    """None when the person may go on; otherwise the page that says why not (403)."""
    if has_level(request.user, action):
        return None
    wanted = required_level(action)
    current = getattr(request.user, "govbr_level", "")
    return render(
        request,
        "govbr/level_required.html",
        {
            "required_label": GovBrLevel(wanted).label
            if wanted in GovBrLevel.values
            else wanted,
            "current_label": GovBrLevel(current).label if current else "",
            "levels_url": settings.GOVBR_LEVELS_URL,
            "next_url": request.get_full_path(),
        },
        status=403,
    )


def level_required(action: str):
    """View decorator form of `require_level`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            refusal = require_level(request, action)
            if refusal is not None:
                return refusal
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
