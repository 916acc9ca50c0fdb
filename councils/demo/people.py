"""The people of the councils' demo: invented councillors (no password, no
CPF, no phone), the logins a reviewer uses, and the entities holding seats."""

from __future__ import annotations

import itertools

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils.text import slugify

from civic.accounts.demo import ensure_demo_account
from civic.accounts.models import User
from civic.accounts.rules import COUNCIL_SECRETARY_GROUP
from entities.demo import ensure_demo_entity
from entities.models import Entity

from .texts import COUNCIL_ENTITIES

DOMAIN = "participa.betim.example"
# The councillor login: titular of CMAS's first civil-society seat.
DEMO_COUNCILLOR_EMAIL = f"conselheira.cmas@{DOMAIN}"
DEMO_COUNCILLOR_PASSWORD = "demo-conselheira-cmas-2026"  # noqa: S105 - public demo credential
DEMO_COUNCILLOR_NAME = "Conselheira do CMAS (demonstração)"
# One secretary per council; the password follows the same pattern.
SECRETARY_PASSWORD = "demo-secretaria-{slug}-2026"  # noqa: S105 - public demo credential


def secretary_email(slug: str) -> str:
    return f"secretaria.{slug}@{DOMAIN}"


FIRST = [
    "Ana Paula", "Antônio", "Beatriz", "Bruno", "Camila", "Cláudio", "Daniela",
    "Diego", "Eliane", "Fábio", "Fernanda", "Geraldo", "Helena", "Igor",
    "Juliana", "Leandro", "Luciana", "Marcos", "Marta", "Nilton", "Patrícia",
    "Paulo Henrique", "Renata", "Roberto", "Sandra", "Sérgio", "Tânia", "Vagner",
    "Vânia", "Wellington", "Rosângela", "Edson",
]  # fmt: skip
LAST = [
    "Alves Pereira", "Barbosa", "Cardoso", "Costa Lima", "Dias", "Fernandes",
    "Gomes", "Lopes", "Machado", "Moreira", "Nascimento", "Oliveira Rocha",
    "Pinto", "Ramos", "Rezende", "Silva Teixeira", "Souza Campos", "Vieira",
    "Tavares", "Mendes", "Amaral", "Coelho", "Freitas",
]  # fmt: skip


def demo_names():
    """An endless, repeatable sequence of distinct invented names."""
    # 32 × 23 combinations; stepping the surname by a coprime keeps neighbours varied.
    for n in itertools.count():
        yield f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}" + (
            f" {LAST[(n // len(FIRST)) % len(LAST)]}" if n >= len(FIRST) else ""
        )


def person(name: str) -> User:
    """A councillor of the demo: verified email, no password, CPF or phone."""
    email = f"{slugify(name).replace('-', '.')}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=name)
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def people(count: int, names) -> list[User]:
    return [person(next(names)) for _ in range(count)]


def councillor_account() -> User:
    return ensure_demo_account(
        email=DEMO_COUNCILLOR_EMAIL,
        password=DEMO_COUNCILLOR_PASSWORD,
        full_name=DEMO_COUNCILLOR_NAME,
    )


def secretary_account(council) -> User:
    """The council's executive secretary: a login in "Secretaria de conselho",
    secretary of this council only."""
    user = ensure_demo_account(
        email=secretary_email(council.slug),
        password=SECRETARY_PASSWORD.format(slug=council.slug),
        full_name=f"Secretaria executiva do {council.acronym} (demonstração)",
    )
    user.groups.add(Group.objects.get(name=COUNCIL_SECRETARY_GROUP))
    council.secretaries.add(user)
    return user


def entities_by_name(*, representative, reviewer) -> dict[str, Entity]:
    """The approved entities of the registry that hold seats: the entities
    demo's, plus the councils' own (created once, through the same helper)."""
    for seq, spec in enumerate(COUNCIL_ENTITIES, start=20):
        ensure_demo_entity(
            spec, representative=representative, reviewer=reviewer, seq=seq
        )
    return {
        e.name: e
        for e in Entity.objects.filter(
            status=Entity.Status.APPROVED, regularity=Entity.Regularity.REGULAR
        )
    }
