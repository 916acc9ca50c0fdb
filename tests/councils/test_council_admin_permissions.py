"""Role matrix of every council admin URL (councils, seats, gestões, mandates,
mesa, commissions, documents), for the eight roles. People without admin
access go to the login page; admin users without the permission to the admin
home; a secretary of another council gets 404 for this council's objects and
does not see them listed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councils.models import BoardPosition, Commission, CouncilDocument, Mandate
from tests.factories.councils import SeatFactory, TermFactory

from .conftest import ROLES

pytestmark = pytest.mark.django_db

LOGIN, HOME = "login", "home"
NO_ADMIN = (LOGIN,) * 4  # anonymous, citizen, entity_rep, councillor
# secretary, other_secretary, staff_user, superuser
RUN = (*NO_ADMIN, 200, 404, 200, 200)
LIST = (*NO_ADMIN, 200, 200, 200, 200)
STAFF = (*NO_ADMIN, HOME, HOME, 200, 200)
# Objects of another council are 404 before any other question is asked.
STAFF_OBJECT = (*NO_ADMIN, HOME, 404, 200, 200)
NOBODY = (*NO_ADMIN, HOME, 404, HOME, HOME)
# Deleting an object the secretary runs: allowed only when unused.
DELETE_UNUSED = RUN
DELETE_USED = (*NO_ADMIN, HOME, 404, HOME, HOME)


def u(namespace: str, name: str, *args) -> str:
    return reverse(f"councils_{namespace}:{name}", args=args)


def pages(council) -> dict:
    seat = council.seats.first()
    unused_seat = SeatFactory(council=council)
    term = council.terms.first()
    unused_term = TermFactory(
        council=council, starts_on=term.starts_on.replace(year=2000)
    )
    mandate = Mandate.objects.filter(council=council).first()
    board = BoardPosition.objects.create(
        council=council, role="presidente", mandate=mandate, starts_on=mandate.starts_on
    )
    commission = Commission.objects.create(council=council, name="Comissão de Normas")
    document = CouncilDocument.objects.create(
        council=council,
        kind="regimento",
        title="Regimento interno",
        file=SimpleUploadedFile("r.pdf", b"%PDF-1.4 x"),
    )
    table = {
        "council index": (u("councils", "index"), LIST),
        "council add": (u("councils", "add"), STAFF),
        "council edit": (u("councils", "edit", council.pk), RUN),
        "council history": (u("councils", "history", council.pk), RUN),
        "council delete": (u("councils", "delete", council.pk), STAFF_OBJECT),
        "mandate end": (u("mandates", "end", mandate.pk), RUN),
        "mandate delete": (u("mandates", "delete", mandate.pk), NOBODY),
        "seat delete used": (u("seats", "delete", seat.pk), DELETE_USED),
        "seat delete unused": (u("seats", "delete", unused_seat.pk), DELETE_UNUSED),
        "term delete used": (u("terms", "delete", term.pk), DELETE_USED),
        "term delete unused": (u("terms", "delete", unused_term.pk), DELETE_UNUSED),
    }
    for namespace, obj in (
        ("seats", seat),
        ("terms", term),
        ("mandates", mandate),
        ("board", board),
        ("commissions", commission),
        ("documents", document),
    ):
        table[f"{namespace} index"] = (u(namespace, "index"), LIST)
        table[f"{namespace} add"] = (u(namespace, "add"), LIST)
        table[f"{namespace} edit"] = (u(namespace, "edit", obj.pk), RUN)
        table[f"{namespace} history"] = (u(namespace, "history", obj.pk), RUN)
    for namespace, obj in (("board", board), ("commissions", commission)):
        table[f"{namespace} delete"] = (u(namespace, "delete", obj.pk), RUN)
    table["documents delete"] = (u("documents", "delete", document.pk), RUN)
    return table


def check(response, expected, label):
    where = response.get("Location", "")
    if expected == LOGIN:
        assert response.status_code == 302, label
        assert where.startswith(reverse("account_login")), (label, where)
    elif expected == HOME:
        assert response.status_code == 302, (label, response.status_code)
        assert where == reverse("wagtailadmin_home"), (label, where)
    else:
        assert response.status_code == expected, (label, response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_page_for_every_role(role, council, as_role, request):
    table = pages(council)
    for extra in ("secretary", "other_secretary"):
        request.getfixturevalue(extra)
    client = as_role(role)
    index = ROLES.index(role)
    for label, (url, expected) in table.items():
        check(client.get(url), expected[index], f"{role}: {label}")


@pytest.mark.parametrize(
    "role", ["anonymous", "citizen", "councillor", "other_secretary"]
)
def test_refused_posts_change_nothing(role, council, as_role, request):
    request.getfixturevalue("other_secretary")
    client = as_role(role)
    client.post(u("councils", "edit", council.pk), {"summary": "Invadido"})
    mandate = Mandate.objects.filter(council=council).first()
    client.post(
        u("mandates", "end", mandate.pk),
        {"ends_on": "2030-01-01", "end_reason": "renuncia"},
    )
    client.post(u("councils", "delete", council.pk))
    council.refresh_from_db()
    mandate.refresh_from_db()
    assert council.summary != "Invadido"
    assert mandate.ends_on is None


def test_other_secretary_lists_nothing_of_this_council(
    council, other_secretary, client
):
    client.force_login(other_secretary)
    for namespace in ("councils", "seats", "terms", "mandates"):
        page = client.get(u(namespace, "index")).content.decode()
        assert council.acronym not in page, namespace
