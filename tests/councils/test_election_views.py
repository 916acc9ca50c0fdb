"""The pages at work: the public page by phase, the candidacy, vote and appeal
forms (errors beside the field, input kept, no 500), the admin actions, and
the phase notices (once per phase)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from civic.notifications.models import Notification
from councils.models import Ballot, Candidacy, Election, Term, Vacancy
from councils.services.elections import workflow
from entities.models import Entity
from tests.factories.councils import ElectionFactory
from tests.factories.entities import RepresentativeFactory

from .election_helpers import C, S, candidacy, entity_with_rep

pytestmark = pytest.mark.django_db
NOW = timezone.now


def _live(council, status, **kw):
    """An election whose current window (candidacy or voting) is open now."""
    now = NOW()
    fields = {
        "candidacy_starts_at": now - dt.timedelta(days=1),
        "candidacy_ends_at": now + dt.timedelta(days=1),
        "voting_starts_at": now + dt.timedelta(days=2),
        "voting_ends_at": now + dt.timedelta(days=3),
    }
    if status in (S.VOTING, S.COUNTED, S.HABILITATION):
        fields = {
            "candidacy_starts_at": now - dt.timedelta(days=10),
            "candidacy_ends_at": now - dt.timedelta(days=5),
            "voting_starts_at": now - dt.timedelta(hours=1),
            "voting_ends_at": now + dt.timedelta(days=1),
        }
    fields.update(kw)
    election = ElectionFactory(council=council, status=status, **fields)
    Vacancy.objects.create(election=election, segment="entidades", seats=1)
    return election


def url(election, name=""):
    return reverse(
        f"councils:election{'_' + name if name else ''}",
        kwargs={"slug": election.council.slug, "pk": election.pk},
    )


def test_candidacy_form_files_and_refuses_beside_the_field(client, council):
    election = _live(council, S.CANDIDACY)
    entity, rep = entity_with_rep()
    client.force_login(rep)
    page = client.get(url(election, "candidacy"))
    assert list(page.context["form"].fields["entity"].queryset) == [entity]
    Entity.objects.filter(pk=entity.pk).update(regularity="expired")
    data = {"entity": entity.pk, "segment": "entidades", "nominee": rep.pk}
    response = client.post(url(election, "candidacy"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "Documentação vencida/faltando" in form.errors["entity"][0]
    assert form.data["segment"] == "entidades"
    Entity.objects.filter(pk=entity.pk).update(regularity="regular")
    response = client.post(url(election, "candidacy"), data)
    assert response.status_code == 302
    assert Candidacy.objects.get(entity=entity).status == C.SUBMITTED


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"entity": "x" * 100_000, "segment": "\x00", "nominee": "99999999999999999999"},
        {"entity": "-1", "segment": "governo", "nominee": ""},
    ],
)
def test_candidacy_form_hostile_input_is_no_500(client, council, data):
    election = _live(council, S.CANDIDACY)
    _entity, rep = entity_with_rep()
    client.force_login(rep)
    assert client.post(url(election, "candidacy"), data).status_code == 200
    assert not Candidacy.objects.exists()


def test_vote_page_votes_once_and_says_so(client, council):
    election = _live(council, S.VOTING)
    choice = candidacy(election)
    voter, rep = entity_with_rep()
    client.force_login(rep)
    prefix = "entidades"
    data = {
        "segment": prefix,
        f"{prefix}-voter": voter.pk,
        f"{prefix}-candidacy": choice.pk,
    }
    assert client.post(url(election, "vote"), data).status_code == 302
    page = client.get(url(election, "vote"))
    assert "Sua entidade já votou neste segmento." in page.content.decode()
    response = client.post(url(election, "vote"), data)
    assert response.status_code == 200
    choice.refresh_from_db()
    assert choice.votes == 1
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"segment": "x" * 5000},
        {"segment": "entidades", "entidades-candidacy": "abc"},
    ],
)
def test_vote_hostile_input_is_no_500(client, council, data):
    election = _live(council, S.VOTING)
    candidacy(election)
    _voter, rep = entity_with_rep()
    client.force_login(rep)
    assert client.post(url(election, "vote"), data).status_code in (200, 302)
    assert not Ballot.objects.exists()


def test_appeal_form(client, council):
    election = _live(
        council, S.HABILITATION, appeal_ends_at=NOW() + dt.timedelta(days=2)
    )
    refused = candidacy(election, status=C.NOT_HABILITATED, decision_note="Falta CNPJ.")
    client.force_login(refused.nominee)
    response = client.post(
        url(election, "appeal"), {"candidacy": refused.pk, "text": ""}
    )
    assert response.context["form"].errors["text"]
    response = client.post(
        url(election, "appeal"), {"candidacy": refused.pk, "text": "CNPJ ativo."}
    )
    assert response.status_code == 302
    refused.refresh_from_db()
    assert refused.status == C.APPEALED


def test_public_page_by_phase(client, settings, council, django_assert_max_num_queries):
    settings.CIVIC_PAGE_CACHE_URL_NAMES = set()  # measure the view, not the cache
    election = _live(council, S.COUNTED, habilitation_published_at=NOW())
    won = candidacy(election, votes=7, rank=1, elected_as="titular")
    refused = candidacy(election, status=C.NOT_HABILITATED, decision_note="Sem ata.")
    with django_assert_max_num_queries(12):
        body = client.get(url(election)).content.decode()
    assert won.entity.name in body
    assert "Sem ata." in body
    assert refused.entity.name in body
    assert ">7<" in body
    assert won.nominee.email not in body


def test_query_count_is_constant(
    client, settings, council, django_assert_max_num_queries
):
    settings.CIVIC_PAGE_CACHE_URL_NAMES = set()  # measure the view, not the cache
    election = _live(council, S.COUNTED, habilitation_published_at=NOW())
    for _ in range(5):
        candidacy(election, votes=1)
    with django_assert_max_num_queries(12) as small:
        client.get(url(election))
    for _ in range(30):
        candidacy(election, votes=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(election))


def test_admin_runs_the_phases_and_notifies_once(
    client, council, secretary, django_capture_on_commit_callbacks
):
    election = _live(council, S.DRAFT)
    _entity, rep = entity_with_rep()
    client.force_login(secretary)
    action = reverse("councils_elections:action", args=[election.pk, "open"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(action, {"note": ""}).status_code == 302
    election.refresh_from_db()
    assert election.status == S.CANDIDACY
    key = f"election-{election.pk}-opened"
    assert Notification.objects.filter(key=key, recipient=rep).count() == 1
    from councils.notifications.elections import phase_changed

    phase_changed(election, "open")
    assert Notification.objects.filter(key=key, recipient=rep).count() == 1


def test_admin_cancel_needs_a_note_beside_the_field(client, council, secretary):
    election = _live(council, S.CANDIDACY)
    client.force_login(secretary)
    action = reverse("councils_elections:action", args=[election.pk, "cancel"])
    response = client.post(action, {"note": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["note"]
    assert client.post(action, {"note": "Edital suspenso."}).status_code == 302
    assert Election.objects.get(pk=election.pk).status == S.CANCELLED


def test_admin_decides_and_records_an_assembly_ballot(client, council, secretary):
    election = _live(council, S.CANDIDACY)
    filed = candidacy(election, status=C.SUBMITTED)
    client.force_login(secretary)
    refuse = reverse(
        "councils_elections:decide", args=[election.pk, filed.pk, "refuse"]
    )
    assert client.post(refuse, {"note": ""}).context["form"].errors["note"]
    client.post(refuse, {"note": "Estatuto vencido."})
    filed.refresh_from_db()
    assert (filed.status, filed.decision_note) == (
        C.NOT_HABILITATED,
        "Estatuto vencido.",
    )
    Election.objects.filter(pk=election.pk).update(
        status=S.VOTING,
        voting_starts_at=NOW() - dt.timedelta(hours=1),
        candidacy_ends_at=NOW() - dt.timedelta(hours=2),
        candidacy_starts_at=NOW() - dt.timedelta(hours=3),
    )
    choice = candidacy(election)
    voter, _rep = entity_with_rep()
    ballot = reverse("councils_elections:ballot", args=[election.pk])
    data = {"segment": "entidades", "voter": voter.pk, "candidacy": choice.pk}
    assert client.post(ballot, data).status_code == 302
    response = client.post(ballot, data)
    assert "já votou" in str(response.context["form"].errors)
    assert Ballot.objects.get().channel == "assembleia"


def test_admin_create_with_vacancies_and_nominate(client, council, secretary):
    client.force_login(secretary)
    now = timezone.localtime()
    fmt = "%Y-%m-%d %H:%M"
    data = {
        "council": council.pk,
        "title": "Eleição 2026",
        "edital_number": "01/2026",
        "edital_text": "Edital.",
        "candidacy_starts_at": (now + dt.timedelta(days=1)).strftime(fmt),
        "candidacy_ends_at": (now + dt.timedelta(days=2)).strftime(fmt),
        "voting_starts_at": (now + dt.timedelta(days=1)).strftime(fmt),
        "voting_ends_at": (now + dt.timedelta(days=4)).strftime(fmt),
        "tie_break": "cadastro",
        "vacancies_entidades": "2",
        "vacancies_usuarios": "0",
        "vacancies_trabalhadores": "",
    }
    response = client.post(reverse("councils_elections:add"), data)
    assert response.status_code == 200
    assert "voting_starts_at" in response.context["form"].errors
    data["voting_starts_at"] = (now + dt.timedelta(days=3)).strftime(fmt)
    assert client.post(reverse("councils_elections:add"), data).status_code == 302
    election = Election.objects.get(title="Eleição 2026")
    assert list(election.vacancies.values_list("segment", "seats")) == [
        ("entidades", 2)
    ]
    # Straight to the count, then the nomination form.
    won = candidacy(election, votes=3, rank=1, elected_as="titular")
    Election.objects.filter(pk=election.pk).update(status=S.COUNTED)
    current = Term.objects.get(council=council)
    term = Term.objects.create(
        council=council,
        starts_on=current.ends_on,
        ends_on=current.ends_on + dt.timedelta(days=730),
        act_number="55/2027",
    )
    nominate = reverse("councils_elections:action", args=[election.pk, "nominate"])
    assert client.post(nominate, {"term": term.pk}).status_code == 302
    assert Election.objects.get(pk=election.pk).status == S.NOMINATED
    assert term.mandates.get(role="titular").person == won.nominee
    body = client.get(url(election)).content.decode()
    assert "55/2027" in body


def test_representative_of_two_entities_chooses_the_voter(client, council):
    election = _live(council, S.VOTING)
    choice = candidacy(election)
    first, rep = entity_with_rep()
    second, _ = entity_with_rep()
    RepresentativeFactory(entity=second, user=rep, is_primary=False)
    client.force_login(rep)
    for voter in (first, second):
        client.post(
            url(election, "vote"),
            {
                "segment": "entidades",
                "entidades-voter": voter.pk,
                "entidades-candidacy": choice.pk,
            },
        )
    choice.refresh_from_db()
    assert choice.votes == 2
    assert workflow.label("count")
