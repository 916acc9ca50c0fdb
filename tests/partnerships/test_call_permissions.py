"""Who reaches what: every chamamento URL, admin page and action, and every
private document, for the 8 roles of tests/partnerships/conftest.py."""

import pytest
from django.urls import reverse

from entities.partnerships.models import Call, CallDocument, Proposal, ProposalDocument
from tests.factories.entities import pdf_upload

from .conftest import ROLES

pytestmark = pytest.mark.django_db

OK, REDIRECT, FORBIDDEN, MISSING = 200, 302, 403, 404


@pytest.fixture
def scene(call, entity, committee_member, council_secretary):
    """A published call with a submitted proposal of `entity` and its document."""
    Call.objects.filter(pk=call.pk).update(status=Call.Status.EVALUATION)
    call.refresh_from_db()
    CallDocument.objects.create(
        call=call, kind="edital", title="Edital", file=pdf_upload()
    )
    proposal = Proposal.objects.create(
        call=call, entity=entity, summary="x", plan_draft="y", status="submitted"
    )
    document = ProposalDocument.objects.create(
        proposal=proposal, title="Plano", file=pdf_upload()
    )
    return call, proposal, document


def expect(role, table):
    for roles, status in table.items():
        if role in roles:
            return status
    raise AssertionError(role)


ANON = ("anonymous",)
SIGNED = (
    "citizen",
    "representative",
    "other_representative",
    "committee_member",
    "gestor",
    "staff_user",
    "council_secretary",
)


@pytest.mark.parametrize("role", ROLES)
def test_public_pages(as_role, scene, role):
    call, _proposal, _document = scene
    client = as_role(role)
    assert client.get(reverse("partnerships:calls")).status_code == OK
    assert client.get(call.get_absolute_url()).status_code == OK
    assert client.get(reverse("partnerships:pmis_list")).status_code == OK
    doc = call.documents.get()
    assert (
        client.get(
            reverse("partnerships:call_document", args=[call.slug, doc.pk])
        ).status_code
        == OK
    )


@pytest.mark.parametrize("role", ROLES)
def test_draft_call_is_404_everywhere(as_role, call, role):
    client = as_role(role)
    assert client.get(call.get_absolute_url()).status_code == MISSING


@pytest.mark.parametrize("role", ROLES)
def test_private_proposal_document(as_role, scene, role):
    call, proposal, document = scene
    url = reverse(
        "partnerships:proposal_document", args=[call.slug, proposal.pk, document.pk]
    )
    status = as_role(role).get(url).status_code
    allowed = {"representative", "committee_member", "staff_user", "council_secretary"}
    if role == "anonymous":
        assert status == REDIRECT
    elif role in allowed:
        assert status == OK
    else:
        assert status == MISSING


@pytest.mark.parametrize("role", ROLES)
def test_committee_pages_only_for_members_of_this_call(as_role, scene, role):
    call, proposal, _document = scene
    client = as_role(role)
    for url in (
        reverse("partnerships:committee", args=[call.slug]),
        reverse("partnerships:score", args=[call.slug, proposal.pk]),
    ):
        status = client.get(url).status_code
        assert status == expect(
            role, {ANON: REDIRECT, ("committee_member",): OK, SIGNED: MISSING}
        ), url


@pytest.mark.parametrize("role", ROLES)
def test_proposal_page(as_role, scene, role):
    call, _proposal, _document = scene
    status = (
        as_role(role)
        .get(reverse("partnerships:proposal", args=[call.slug]))
        .status_code
    )
    assert status == expect(
        role,
        {
            ANON: REDIRECT,
            ("representative", "other_representative"): OK,
            SIGNED: FORBIDDEN,
        },
    )


@pytest.mark.parametrize("role", ROLES)
def test_appeal_page_only_for_the_proposal_representatives(as_role, scene, role):
    call, proposal, _document = scene
    status = (
        as_role(role)
        .get(reverse("partnerships:appeal", args=[call.slug, proposal.pk]))
        .status_code
    )
    assert status == expect(
        role, {ANON: REDIRECT, ("representative",): OK, SIGNED: MISSING}
    )


@pytest.mark.parametrize("role", ROLES)
def test_pmis_form_for_anyone_signed_in(as_role, role):
    status = as_role(role).get(reverse("partnerships:pmis_new")).status_code
    assert status == (REDIRECT if role == "anonymous" else OK)


# -- admin ----------------------------------------------------------------------


def admin_status(client, url, method="get", data=None):
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/login" in response.url:
        return "login"
    if response.status_code == 302 and response.url.rstrip("/").endswith("/admin"):
        return FORBIDDEN  # Wagtail sends people without permission home
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_admin_list_and_manage_page(as_role, scene, role):
    call, _proposal, document = scene
    client = as_role(role)
    index = admin_status(client, reverse("partnerships_calls:index"))
    manage = admin_status(client, reverse("partnerships_calls:manage", args=[call.pk]))
    proposal_doc = admin_status(
        client,
        reverse("partnerships_calls:proposal_document", args=[call.pk, document.pk]),
    )
    if role == "anonymous":
        assert index == manage == "login"
    elif role in ("staff_user", "council_secretary"):
        assert (index, manage, proposal_doc) == (OK, OK, OK)
    else:
        assert index in (FORBIDDEN, "login")
        assert manage in (FORBIDDEN, MISSING, "login")
        assert proposal_doc in (FORBIDDEN, MISSING, "login")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("op", "data"),
    [
        ("transition", {"action": "publish_preliminary"}),
        ("add_member", {"email": "x@example.org"}),
        ("habilitate", {}),
        ("decide_appeal", {"appeal": "1", "outcome": "denied", "decision": "x"}),
    ],
)
def test_admin_actions_only_for_staff(as_role, scene, role, op, data):
    call, _proposal, _document = scene
    client = as_role(role)
    url = reverse("partnerships_calls:manage", args=[call.pk])
    status = admin_status(client, url, "post", {"op": op, **data})
    if role == "staff_user":
        # acted or refused with a message (302), the form again (200), or a
        # record that does not exist (404): never a 403 or a 500
        assert status in (REDIRECT, OK, MISSING)
    elif role == "anonymous":
        assert status == "login"
    else:
        assert status in (FORBIDDEN, MISSING, "login")
    call.refresh_from_db()
    assert call.status == Call.Status.EVALUATION  # nobody moved it (scores missing)


@pytest.mark.parametrize("role", ROLES)
def test_admin_add_and_pmis_only_for_staff(as_role, role):
    client = as_role(role)
    add = admin_status(client, reverse("partnerships_calls:add"))
    pmis = admin_status(client, reverse("partnerships_pmis:index"))
    if role == "staff_user":
        assert (add, pmis) == (OK, OK)
    elif role == "anonymous":
        assert add == pmis == "login"
    else:
        assert add in (FORBIDDEN, "login")
        assert pmis in (FORBIDDEN, "login")
