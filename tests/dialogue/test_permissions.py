"""Who sees and does what: anonymous, citizen, representative, SRSC staff,
staff of the body a demand was forwarded to, staff of another secretaria,
and the superuser, over every URL and every admin action."""

import pytest
from django.urls import reverse

from civic.dialogue.models import Demand
from civic.dialogue.services.workflow import demand_transition
from tests.factories.dialogue import open_demand
from tests.factories.entities import pdf_upload

pytestmark = pytest.mark.django_db
ROLES = [
    "anonymous",
    "citizen",
    "representative",
    "staff",
    "body_member",
    "other_body_member",
    "superuser",
]


@pytest.fixture
def people(
    citizen, representative, staff_user, body_member, other_body_member, superuser
):
    return {
        "anonymous": None,
        "citizen": citizen,
        "representative": representative,
        "staff": staff_user,
        "body_member": body_member,
        "other_body_member": other_body_member,
        "superuser": superuser,
    }


@pytest.fixture
def demand(representative, entity, staff_user, health):
    """A demand on behalf of the entity, forwarded to the Secretaria de Saúde."""
    demand = open_demand(
        representative, on_behalf_of=entity, files=[pdf_upload("foto.pdf")]
    )
    demand_transition(
        demand_id=demand.pk,
        action="forward",
        actor=staff_user,
        note="Para a Saúde.",
        body=health,
    )
    return demand


def as_role(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


# (url name, args from the demand, {role: expected status})
PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**PUBLIC, "anonymous": 302}
OWNERS = {
    "anonymous": 302,
    "citizen": 404,
    "representative": 200,
    "staff": 404,  # the public page is the requester's; staff use the admin
    "body_member": 404,
    "other_body_member": 404,
    "superuser": 404,
}
MATRIX = [
    ("dialogue:create", None, PUBLIC),
    ("dialogue:follow", None, PUBLIC),
    ("dialogue:numbers", None, PUBLIC),
    ("dialogue:mine", None, SIGNED_IN),
    ("dialogue:mine_detail", "protocol", OWNERS),
    ("dialogue:follow_detail", "protocol", dict.fromkeys(ROLES, 404)),
    (
        "dialogue:attachment",
        "attachment",
        {
            "anonymous": 404,
            "citizen": 404,
            "representative": 200,
            "staff": 200,
            "body_member": 200,
            "other_body_member": 404,
            "superuser": 200,
        },
    ),
    (
        "dialogue_demands:index",
        None,
        {
            "anonymous": 302,
            "citizen": 302,
            "representative": 302,
            "staff": 200,
            "body_member": 200,
            "other_body_member": 200,
            "superuser": 200,
        },
    ),
    (
        "dialogue_demands:inspect",
        "pk",
        {
            "anonymous": 302,
            "citizen": 302,
            "representative": 302,
            "staff": 200,
            "body_member": 200,
            "other_body_member": 404,
            "superuser": 200,
        },
    ),
    (
        "dialogue_bodies:index",
        None,
        {
            "anonymous": 302,
            "citizen": 302,
            "representative": 302,
            "staff": 200,
            "body_member": 302,
            "other_body_member": 302,
            "superuser": 200,
        },
    ),
]


def _args(demand, kind):
    if kind is None:
        return []
    if kind == "protocol":
        return [demand.protocol]
    if kind == "attachment":
        return [demand.attachments.get().pk]
    return [demand.pk]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "arg", "expected"), MATRIX, ids=[m[0] for m in MATRIX]
)
def test_every_url_for_every_role(client, people, demand, role, name, arg, expected):
    as_role(client, people, role)
    response = client.get(reverse(name, args=_args(demand, arg)))
    # Wagtail sends people without admin access to the dashboard or login.
    assert response.status_code == expected[role], (name, role)


def test_the_admin_queue_lists_only_what_each_may_see(client, people, demand, citizen):
    elsewhere = open_demand(citizen, subject="Buraco na rua")
    url = reverse("dialogue_demands:index")
    for role, sees in [
        ("staff", {demand, elsewhere}),
        ("superuser", {demand, elsewhere}),
        ("body_member", {demand}),
        ("other_body_member", set()),
    ]:
        client.force_login(people[role])
        page = client.get(url).content.decode()
        for each in (demand, elsewhere):
            assert (each.protocol in page) == (each in sees), (role, each)


ADMIN_ACTIONS = [
    ("assign", lambda ctx: {"assign-assignee": ctx["staff"].pk}),
    (
        "forward",
        lambda ctx: {"forward-body": ctx["works"].pk, "forward-note": "Obras."},
    ),
    ("ask", lambda ctx: {"ask-note": "Qual o endereço?"}),
    ("answer", lambda ctx: {"answer-note": "Resolvido."}),
    ("extend", lambda ctx: {"extend-note": "Vistoria."}),
    ("close", lambda ctx: {"close-note": "Duplicada."}),
    ("note", lambda ctx: {"note-note": "Visto pela equipe."}),
]
# Who may take each admin action on a demand forwarded to their body.
ACTION_ROLES = {
    "staff": {a for a, _ in ADMIN_ACTIONS},
    "superuser": {a for a, _ in ADMIN_ACTIONS},
    "body_member": {"note"},
    "other_body_member": set(),
}


@pytest.mark.parametrize("role", sorted(ACTION_ROLES))
@pytest.mark.parametrize(
    ("action", "data"), ADMIN_ACTIONS, ids=[a for a, _ in ADMIN_ACTIONS]
)
def test_every_admin_action_for_every_staff_role(
    client, people, demand, works, role, action, data
):
    client.force_login(people[role])
    url = reverse("dialogue_demands:inspect", args=[demand.pk])
    before = demand.log.count()
    context = {"staff": people["staff"], "works": works}
    response = client.post(url, {"action": action, **data(context)})
    allowed = action in ACTION_ROLES[role]
    assert (demand.log.count() == before + 1) == allowed, (role, action)
    if role == "other_body_member":
        assert response.status_code == 404
    else:
        assert response.status_code in {302, 200}


@pytest.mark.parametrize("role", ["anonymous", "citizen", "representative"])
def test_people_outside_the_admin_cannot_act(client, people, demand, role):
    as_role(client, people, role)
    url = reverse("dialogue_demands:inspect", args=[demand.pk])
    response = client.post(url, {"action": "answer", "answer-note": "x"})
    assert response.status_code == 302
    assert not demand.log.filter(action="answer").exists()


def test_a_refused_admin_action_says_why_and_keeps_the_form(client, staff_user, demand):
    client.force_login(staff_user)
    url = reverse("dialogue_demands:inspect", args=[demand.pk])
    response = client.post(url, {"action": "ask", "ask-note": ""})
    assert response.status_code == 200
    assert "Escreva a justificativa" in response.content.decode()
    response = client.post(
        url,
        {
            "action": "forward",
            "forward-note": "x",
            "forward-body": "999999999999999999999999",
        },
    )
    assert response.status_code == 200


def test_a_representative_replies_for_the_entity(
    client, co_representative, demand, staff_user
):
    demand_transition(demand_id=demand.pk, action="ask", actor=staff_user, note="Qual?")
    client.force_login(co_representative)
    client.post(demand.get_absolute_url(), {"action": "reply", "reply-note": "Esta."})
    demand.refresh_from_db()
    assert demand.status == Demand.Status.TRIAGE


def test_admin_pages_show_internal_notes_and_history(client, staff_user, demand):
    client.force_login(staff_user)
    client.post(
        reverse("dialogue_demands:inspect", args=[demand.pk]),
        {"action": "note", "note-note": "Ligar para a Saúde."},
    )
    page = client.get(
        reverse("dialogue_demands:inspect", args=[demand.pk])
    ).content.decode()
    assert "Ligar para a Saúde." in page
    assert "não visível ao solicitante" in page
    assert "Encaminhar a outro órgão" in page
