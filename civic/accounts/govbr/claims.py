"""What gov.br tells us about a person, read from the ID token and userinfo.

Claims (manual `escopoatributos.rst`): `sub` and `preferred_username` are the CPF;
`name` and `social_name`; `email`, with `email_verified` (gov.br leaves the email
out when it is not verified); `amr`, how the person authenticated; and
`reliability_info.level`, one of bronze, silver or gold.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from civic.accounts.models import GovBrLevel
from civic.accounts.validators import normalize_cpf

# gov.br's names for the levels, and ours.
LEVELS = {
    "bronze": GovBrLevel.BRONZE,
    "silver": GovBrLevel.PRATA,
    "gold": GovBrLevel.OURO,
    # Accept our own names too, should the catalogue ever send them.
    "prata": GovBrLevel.PRATA,
    "ouro": GovBrLevel.OURO,
}


@dataclass(frozen=True)
class GovBrIdentity:
    """The person as gov.br vouches for them."""

    cpf: str
    name: str
    email: str
    email_verified: bool
    level: str
    amr: list[str] = field(default_factory=list)


def merged_claims(data: dict) -> dict:
    """One dict of claims: userinfo, overridden by the signed ID token."""
    if isinstance(data.get("claims"), dict):
        # Already merged: what GovBrProvider keeps as the account's extra data.
        return dict(data["claims"])
    if "id_token" not in data and "userinfo" not in data:
        return dict(data)
    return {**(data.get("userinfo") or {}), **(data.get("id_token") or {})}


def level_from(claims: dict) -> str:
    """Our level name for `reliability_info.level`, or "" when absent or unknown."""
    info = claims.get("reliability_info")
    if not isinstance(info, dict):
        return ""
    raw = info.get("level")
    return LEVELS.get(raw.strip().lower(), "") if isinstance(raw, str) else ""


def _true(value) -> bool:
    """A JSON boolean, or its string spelling as some providers send it."""
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return value is True


def identity_from(data: dict) -> GovBrIdentity:
    """Read a `GovBrIdentity` from what allauth stored as the account's extra data."""
    claims = merged_claims(data)
    cpf = normalize_cpf(
        str(claims.get("sub") or claims.get("preferred_username") or "")
    )
    # Decreto 8.727/2016: a person's social name is the one to use.
    name = str(claims.get("social_name") or claims.get("name") or "").strip()
    email = str(claims.get("email") or "").strip().lower()
    amr = claims.get("amr")
    return GovBrIdentity(
        cpf=cpf,
        name=" ".join(name.split())[:150],
        email=email,
        email_verified=bool(email) and _true(claims.get("email_verified")),
        level=level_from(claims),
        amr=[str(method) for method in amr] if isinstance(amr, list) else [],
    )
