"""The public pages: opening a demand, the receipt, following by code, the
figures, and the person's own demands with their thread."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from civic.dialogue.models import Demand
from civic.dialogue.services.demands import demand_note
from civic.dialogue.services.workflow import demand_transition
from tests.factories.dialogue import NOW, open_demand
from tests.factories.entities import pdf_upload

pytestmark = pytest.mark.django_db
CREATE = reverse("dialogue:create")
FOLLOW = reverse("dialogue:follow")


def form_data(**overrides):
    return {
        "kind": "pedido",
        "subject": "Iluminação da praça",
        "text": "As lâmpadas da praça estão queimadas há um mês.",
        **overrides,
    }


def test_a_citizen_opens_a_demand_and_sees_the_protocol(client, citizen):
    client.force_login(citizen)
    response = client.post(CREATE, form_data(files=[pdf_upload()]), follow=True)
    demand = Demand.objects.get()
    assert demand.requester == citizen
    assert demand.attachments.count() == 1
    assert demand.protocol in response.content.decode()
    assert "Código secreto" not in response.content.decode()
    # The receipt is shown once.
    again = client.get(reverse("dialogue:received"))
    assert again.status_code == 302


def test_an_anonymous_report_shows_the_code_once(client):
    response = client.post(CREATE, form_data(kind="denuncia"), follow=True)
    page = response.content.decode()
    demand = Demand.objects.get()
    assert demand.requester is None
    code = re.search(r'id="secret-code">([A-Z0-9-]+)<', page).group(1)
    assert len(code) == 14
    assert code not in demand.code_hash
    assert client.get(reverse("dialogue:received")).status_code == 302


def test_anonymous_only_for_a_report_with_the_error_beside_the_field(client):
    response = client.post(CREATE, form_data(kind="pedido"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "só é possível registrar uma denúncia" in page
    assert "As lâmpadas da praça estão queimadas" in page  # input kept
    assert not Demand.objects.exists()


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"text": ""}, "Este campo é obrigatório"),
        # NUL is stripped before any view (civic.middleware): nothing is left.
        ({"text": "\x00\x00"}, "Este campo é obrigatório"),
        ({"kind": "x" * 100}, "Faça uma escolha válida"),
        ({"area": "99999999999999999999999"}, "Faça uma escolha válida"),
        ({"subject": "a" * 100_000}, "no máximo 200"),
    ],
)
def test_bad_input_is_refused_beside_the_field(client, citizen, data, field_error):
    client.force_login(citizen)
    response = client.post(CREATE, form_data(**data))
    assert response.status_code == 200
    assert field_error in response.content.decode()
    assert not Demand.objects.exists()


def test_a_wrong_file_is_refused_and_the_text_kept(client, citizen):
    client.force_login(citizen)
    upload = SimpleUploadedFile("planilha.pdf", b"PK\x03\x04zip")
    response = client.post(CREATE, form_data(files=[upload]))
    page = response.content.decode()
    assert "planilha.pdf" in page
    assert "Iluminação da praça" in page
    assert not Demand.objects.exists()


def test_on_behalf_of_an_entity(client, representative, entity):
    client.force_login(representative)
    page = client.get(CREATE).content.decode()
    assert entity.name in page
    client.post(CREATE, form_data(on_behalf_of=entity.pk))
    assert Demand.objects.get().on_behalf_of == entity


def test_an_entity_one_does_not_represent_is_ignored(client, citizen, entity):
    client.force_login(citizen)
    client.post(CREATE, form_data(on_behalf_of=entity.pk))
    assert Demand.objects.get().on_behalf_of is None


def test_the_form_carries_what_the_demand_concerns(client, citizen, entity):
    client.force_login(citizen)
    page = client.get(CREATE, {"sobre": f"entidade:{entity.pk}"}).content.decode()
    assert f"Sobre: {entity}" in page
    client.post(CREATE, form_data(kind="denuncia", concerns=f"entidade:{entity.pk}"))
    assert Demand.objects.get().concerns_entity == entity


def follow(client, protocol, code):
    return client.post(FOLLOW, {"protocol": protocol, "code": code})


def test_follow_with_the_right_code(client, staff_user):
    demand = open_demand(None, kind="denuncia")
    demand_transition(
        demand_id=demand.pk, action="ask", actor=staff_user, note="Qual o local?"
    )
    response = follow(client, demand.protocol.lower(), demand.secret.lower())
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Qual o local?" in page
    # Reply as the holder of the code: the clock starts again.
    client.post(
        response["Location"],
        {"action": "reply", "reply-note": "Na esquina da Rua A."},
    )
    demand.refresh_from_db()
    assert demand.status == Demand.Status.TRIAGE
    assert demand.log.get(action="reply").actor is None


@pytest.mark.parametrize("case", ["wrong_code", "unknown", "not_anonymous"])
def test_a_wrong_pair_gives_nothing_and_tells_nothing(client, citizen, case):
    demand = open_demand(None, kind="denuncia")
    signed = open_demand(citizen, kind="denuncia")
    protocol, code = {
        "wrong_code": (demand.protocol, "AAAA-AAAA-AAAA"),
        "unknown": ("SRSC-2026-999999", demand.secret),
        "not_anonymous": (signed.protocol, demand.secret),
    }[case]
    response = follow(client, protocol, code)
    assert response.status_code == 200
    assert "Protocolo ou código não conferem" in response.content.decode()
    detail = reverse("dialogue:follow_detail", args=[demand.protocol])
    assert client.get(detail).status_code == 404


def test_follow_attempts_are_throttled(client):
    demand = open_demand(None, kind="denuncia")
    statuses = [
        follow(client, demand.protocol, "AAAA-AAAA-AAAA").status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    # Even the right code waits now.
    assert follow(client, demand.protocol, demand.secret).status_code == 429


def test_the_figures_show_counts_never_contents(client, citizen, staff_user):
    open_demand(citizen, kind="elogio", text="Conteúdo secreto do elogio.")
    report = open_demand(None, kind="denuncia", subject="Assunto sigiloso")
    demand_transition(
        demand_id=report.pk,
        action="answer",
        actor=staff_user,
        note="Apurado.",
        now=NOW,
    )
    page = client.get(reverse("dialogue:numbers"), {"ano": "2026"}).content.decode()
    assert "Denúncia" in page
    assert "Elogio" in page
    assert "100%" in page
    assert "Conteúdo secreto" not in page
    assert "Assunto sigiloso" not in page
    assert report.protocol not in page


def demand_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return sum("dialogue_demand" in q["sql"] for q in queries.captured_queries)


def test_the_figures_are_cached_until_something_changes(
    client, citizen, django_capture_on_commit_callbacks
):
    url = reverse("dialogue:numbers") + "?ano=2026"
    assert demand_queries(client, url) > 0
    assert demand_queries(client, url) == 0
    with django_capture_on_commit_callbacks(execute=True):
        open_demand(citizen, kind="sugestao")
    assert "Sugestão" in client.get(url).content.decode()


def test_hostile_year_is_data(client):
    for raw in ["abc", "99999999999999999999", "\x00", "1900"]:
        assert client.get(reverse("dialogue:numbers"), {"ano": raw}).status_code == 200


def test_my_demands_lists_own_and_the_entitys(
    client, representative, co_representative, entity, citizen
):
    own = open_demand(co_representative, subject="Minha própria")
    for_entity = open_demand(representative, on_behalf_of=entity, subject="Da entidade")
    other = open_demand(citizen, subject="De outra pessoa")
    client.force_login(co_representative)
    page = client.get(reverse("dialogue:mine")).content.decode()
    assert own.protocol in page
    assert for_entity.protocol in page
    assert other.protocol not in page
    detail = client.get(for_entity.get_absolute_url())
    assert detail.status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404


def test_internal_notes_never_reach_the_requester(client, citizen, staff_user):
    demand = open_demand(citizen)
    demand_note(
        demand_id=demand.pk,
        by=staff_user,
        text="Nota interna confidencial.",
        files=[pdf_upload("parecer-interno.pdf")],
    )
    demand_transition(
        demand_id=demand.pk, action="answer", actor=staff_user, note="Resposta pública."
    )
    client.force_login(citizen)
    page = client.get(demand.get_absolute_url()).content.decode()
    assert "Resposta pública." in page
    assert "Nota interna confidencial" not in page
    assert "parecer-interno.pdf" not in page
    internal_file = demand.attachments.get()
    url = reverse("dialogue:attachment", args=[internal_file.pk])
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_reopen_once_from_the_page(client, citizen, staff_user):
    demand = open_demand(citizen)
    demand_transition(
        demand_id=demand.pk, action="answer", actor=staff_user, note="Ok."
    )
    client.force_login(citizen)
    url = demand.get_absolute_url()
    assert "Reabrir" in client.get(url).content.decode()
    response = client.post(url, {"action": "reopen", "reopen-note": ""})
    assert "Este campo é obrigatório" in response.content.decode()
    client.post(url, {"action": "reopen", "reopen-note": "Não resolveu."})
    demand.refresh_from_db()
    assert demand.status == Demand.Status.REOPENED
    demand_transition(
        demand_id=demand.pk, action="answer", actor=staff_user, note="Ok 2."
    )
    assert "reopen-note" not in client.get(url).content.decode()
    client.post(url, {"action": "reopen", "reopen-note": "De novo."})
    demand.refresh_from_db()
    assert demand.status == Demand.Status.ANSWERED


def test_personal_pages_are_never_cached(client, citizen):
    demand = open_demand(citizen)
    client.force_login(citizen)
    for url in (reverse("dialogue:mine"), demand.get_absolute_url(), CREATE):
        assert "no-store" in client.get(url)["Cache-Control"]
