"""Demo content of the partnerships (entities/partnerships/demo/, run by
`manage.py load_demo`): a chamamento in its appeal window with one appeal
pending, a termo de fomento in execution with one of two parcelas released,
a closed acordo de cooperação with regular accounts; all made through the
services (so the logs are there), the logins work, and a second run changes
nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from councils.models import Council
from entities.partnerships.demo import people
from entities.partnerships.demo.texts import COOPERATION, ELDERLY_CALL, FIA_CALL
from entities.partnerships.models import (
    Accountability,
    AccountabilityLog,
    Appeal,
    Call,
    CallLog,
    CommitteeMember,
    Goal,
    Installment,
    MonitoringReport,
    Partnership,
    PartnershipDocument,
    PartnershipLog,
    Proposal,
    Score,
    TeamPosition,
)
from entities.partnerships.services.appeals import appeal_window_open

pytestmark = pytest.mark.django_db

MODELS = [
    Call,
    CallLog,
    CommitteeMember,
    Proposal,
    Score,
    Appeal,
    Partnership,
    PartnershipLog,
    PartnershipDocument,
    Goal,
    Installment,
    TeamPosition,
    MonitoringReport,
    Accountability,
    AccountabilityLog,
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    return {
        model.__name__: sorted(model.objects.values_list(), key=lambda row: row[0])
        for model in MODELS
    }


@pytest.fixture
def loaded():
    return load_demo()


def test_second_run_changes_nothing(loaded):
    first = snapshot()
    assert all(first[m.__name__] for m in MODELS), {
        name: len(rows) for name, rows in first.items()
    }
    output = load_demo()
    assert snapshot() == first
    assert "Demo chamamentos and partnerships created" not in output
    assert people.COMMITTEE_EMAIL in output
    assert people.GESTOR_EMAIL in output


def test_the_open_chamamento_is_in_its_appeal_window_with_one_appeal_pending(
    loaded,
):
    call = Call.objects.get(slug=FIA_CALL.slug)
    now = timezone.now()
    assert call.status == Call.Status.PRELIMINARY
    assert call.council == Council.objects.get(slug="cmdca")
    assert appeal_window_open(call, now)
    assert call.published_at < call.proposals_end_at < call.preliminary_published_at
    # Art. 26: at least 30 days for proposals.
    assert (call.proposals_end_at - call.published_at).days >= 30
    assert call.criteria.count() == len(FIA_CALL.criteria)
    members = list(call.committee.all())
    assert len(members) == 2
    assert all(m.declared_at is not None for m in members)
    proposals = list(call.proposals.select_related("entity").order_by("rank"))
    assert len(proposals) == 3
    assert all(p.entity.status == "approved" for p in proposals)
    assert [p.rank for p in proposals] == [1, 2, 3]
    assert all(p.status == Proposal.Status.RANKED for p in proposals)
    # Every member scored every criterion of every proposal.
    assert Score.objects.filter(proposal__call=call).count() == 3 * 4 * 2
    assert [p.score for p in proposals] == sorted(
        (p.score for p in proposals), reverse=True
    )
    pending = Appeal.objects.get(proposal__call=call)
    assert pending.outcome == Appeal.Outcome.PENDING
    assert pending.proposal == proposals[-1]
    assert call.preliminary_published_at < pending.filed_at < call.appeal_ends_at
    actions = set(call.log.values_list("action", flat=True))
    assert {
        "publish",
        "proposal_submit",
        "close_proposals",
        "committee_declare",
        "publish_preliminary",
        "appeal_file",
    } <= actions


def test_the_termo_de_fomento_is_in_execution_with_one_parcela_released(loaded):
    call = Call.objects.get(slug=ELDERLY_CALL.slug)
    assert call.status == Call.Status.CONCLUDED
    partnership = Partnership.objects.get(call=call)
    assert partnership.proposal.status == Proposal.Status.HABILITATED
    assert partnership.instrument == "fomento"
    assert partnership.status == Partnership.Status.EXECUTING
    assert partnership.council.slug == "cmas"
    assert partnership.signed_on <= partnership.extract_published_on
    assert partnership.extract_place
    installments = list(partnership.installments.order_by("number"))
    assert [i.status for i in installments] == ["released", "scheduled"]
    assert sum(i.value for i in installments) == partnership.total_value
    assert installments[0].released_on >= partnership.extract_published_on
    assert partnership.goals.count() == 2
    assert partnership.team.count() == 2
    assert partnership.gestor.email == people.GESTOR_EMAIL
    assert partnership.monitoring_committee.count() == 2
    assert partnership.monitoring.count() == 1
    assert partnership.documents.filter(is_public=True).count() == 3
    actions = list(partnership.log.values_list("action", flat=True))
    assert {"sign", "publish_extract", "release_installment"} <= set(actions)
    # Still within its first year: no annual accounts yet.
    assert not partnership.accountabilities.exists()


def test_the_acordo_de_cooperacao_is_closed_with_regular_accounts(loaded):
    partnership = Partnership.objects.get(object=COOPERATION["object"])
    assert partnership.instrument == "cooperacao"
    assert partnership.total_value == 0
    assert not partnership.installments.exists()
    assert partnership.status == Partnership.Status.CLOSED
    final = partnership.accountabilities.get()
    assert final.kind == Accountability.Kind.FINAL
    assert final.status == Accountability.Status.REGULAR
    assert final.presented_on <= final.due_on
    assert final.decided_on <= final.analysis_due_on
    assert partnership.closed_on == final.decided_on
    # Listed on /parcerias/ until 180 days after closing (art. 11).
    assert (timezone.localdate() - partnership.closed_on).days < 180
    assert set(final.log.values_list("action", flat=True)) == {"present", "approve"}


def test_the_demo_logins_work(loaded, client):
    for email, password in (
        (people.COMMITTEE_EMAIL, people.COMMITTEE_PASSWORD),
        (people.GESTOR_EMAIL, people.GESTOR_PASSWORD),
    ):
        assert client.login(email=email, password=password), email
        client.logout()


def test_the_public_pages_show_the_demo(loaded, client):
    fia = Call.objects.get(slug=FIA_CALL.slug)
    pages = {
        "/chamamentos/": [fia.title],
        fia.get_absolute_url(): ["Em análise"],
        "/parcerias/": [],
    }
    for partnership in Partnership.objects.all():
        pages["/parcerias/"].append(partnership.number)
        pages[partnership.get_absolute_url()] = [partnership.entity.name]
    for url, texts in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        for text in texts:
            assert text in response.content.decode(), (url, text)
