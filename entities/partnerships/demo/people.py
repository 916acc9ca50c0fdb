"""The people of the partnerships' demo: the logins a reviewer uses (a member
of the comissão de seleção, the gestora of the termo) and invented public
servants without a password for the rest of the committees."""

from __future__ import annotations

from django.contrib.auth.models import Group

from civic.accounts.demo import ensure_demo_account
from civic.accounts.models import User
from civic.accounts.rules import STAFF_GROUP
from councils.demo.people import DOMAIN, person
from entities.models import Entity

COMMITTEE_EMAIL = f"comissao.selecao@{DOMAIN}"
COMMITTEE_PASSWORD = "demo-comissao-selecao-2026"  # noqa: S105 - public demo credential
GESTOR_EMAIL = f"gestora.parcerias@{DOMAIN}"
GESTOR_PASSWORD = "demo-gestora-parcerias-2026"  # noqa: S105 - public demo credential
# Public servants with no login, for the second seat of each committee.
COMMITTEE_PEOPLE = ("Rosana Ferreira Duarte", "Otávio Mendes Carvalho")
MONITORING_PEOPLE = ("Lúcia Helena Prado", "Marcelo Antunes Rocha")


def committee_account() -> User:
    """A servant on the comissão de seleção (art. 27), with no admin role: the
    login shows the committee's side of the site only."""
    return ensure_demo_account(
        email=COMMITTEE_EMAIL,
        password=COMMITTEE_PASSWORD,
        full_name="Membro da comissão de seleção (demonstração)",
    )


def gestor_account() -> User:
    """The gestora of the demo's partnerships (art. 61), a servant of the SRSC."""
    user = ensure_demo_account(
        email=GESTOR_EMAIL,
        password=GESTOR_PASSWORD,
        full_name="Gestora de parcerias (demonstração)",
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


def representative_of(entity: Entity) -> User:
    """Whoever represents the entity in the registry (the entities demo's
    citizen, or the councils demo's representative)."""
    return entity.representatives.select_related("user").order_by("pk").first().user


def committee_people() -> list[User]:
    return [person(name) for name in COMMITTEE_PEOPLE]


def monitoring_people() -> list[User]:
    return [person(name) for name in MONITORING_PEOPLE]


def logins() -> list[tuple[str, str, str]]:
    """(label, email, password) of the logins load_demo prints."""
    return [
        ("Comissão de seleção", COMMITTEE_EMAIL, COMMITTEE_PASSWORD),
        ("Gestora de parcerias", GESTOR_EMAIL, GESTOR_PASSWORD),
    ]
