"""The resolution workflow: numbering per council and per year without gaps,
the links it checks, revocation (by a note or by a later resolution), the
search columns and who is told."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from civic.notifications.models import Notification
from civic.workflow import InvalidTransition
from councils.models import (
    AgendaItem,
    CouncilFollow,
    Mandate,
    Resolution,
    ResolutionLog,
    ResolutionSequence,
)
from councils.services import resolutions as service
from councils.services.resolutions import (
    resolution_revoke,
    resolution_save,
    workflow,
)
from tests.factories.councils import ResolutionFactory

from .resolution_support import approved_item, publish, published

pytestmark = pytest.mark.django_db
S = Resolution.Status
BETIM = ZoneInfo("America/Sao_Paulo")


def test_a_draft_has_no_number(council):
    draft = ResolutionFactory(council=council)
    assert (draft.number, draft.year, draft.display_number) == (None, None, "")
    assert str(draft) == draft.title


def test_publishing_numbers_one_to_n_per_council_and_year(
    council, other_council, secretary, staff_user
):
    first = published(council, secretary, 3)
    other = published(other_council, staff_user, 2)
    assert [r.number for r in first] == [1, 2, 3]
    assert [r.number for r in other] == [1, 2]
    year = dt.datetime.now(BETIM).year
    assert {r.year for r in first + other} == {year}
    assert first[2].display_number == f"Resolução CMAS nº 003/{year}"
    assert str(first[0]) == f"Resolução CMAS nº 001/{year}"


def test_each_year_has_its_own_sequence_by_local_time(council, secretary):
    # 02:30 UTC on 1 January is still 31 December in Betim (UTC-3).
    new_year_utc = dt.datetime(2027, 1, 1, 2, 30, tzinfo=dt.UTC)
    last_of_2026 = publish(
        ResolutionFactory(council=council), secretary, now=new_year_utc
    )
    first_of_2027 = publish(
        ResolutionFactory(council=council),
        secretary,
        now=new_year_utc + dt.timedelta(hours=2),
    )
    assert (last_of_2026.year, last_of_2026.number) == (2026, 1)
    assert (first_of_2027.year, first_of_2027.number) == (2027, 1)
    assert first_of_2027.display_number == "Resolução CMAS nº 001/2027"
    assert ResolutionSequence.objects.filter(council=council).count() == 2


def test_a_failed_publication_gives_its_number_back(council, secretary, monkeypatch):
    published(council, secretary, 1)
    failing = ResolutionFactory(council=council)

    def broken(resolution, *, actor=None):
        raise RuntimeError("mail server exploded")

    monkeypatch.setattr(service, "resolution_published", broken)
    with pytest.raises(RuntimeError):
        publish(failing, secretary)
    monkeypatch.undo()
    failing.refresh_from_db()
    assert (failing.status, failing.number) == (S.DRAFT, None)
    assert publish(ResolutionFactory(council=council), secretary).number == 2


def test_numbers_given_outside_the_sequence_are_not_reused(council, secretary):
    year = dt.datetime.now(BETIM).year
    ResolutionFactory(council=council, status=S.PUBLISHED, year=year, number=7)
    assert publish(ResolutionFactory(council=council), secretary).number == 8


def test_publishing_logs_the_number(council, secretary):
    resolution = published(council, secretary)[0]
    log = ResolutionLog.objects.get(resolution=resolution, action="publish")
    assert (log.from_status, log.to_status, log.actor) == (
        S.DRAFT,
        S.PUBLISHED,
        secretary,
    )
    assert log.data["number"] == 1
    assert resolution.published_at is not None


def test_publish_checks_the_permission(council, other_secretary, councillor):
    draft = ResolutionFactory(council=council)
    for person in (other_secretary, councillor):
        with pytest.raises(PermissionDenied):
            publish(draft, person)
    assert Resolution.objects.get(pk=draft.pk).number is None


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.PUBLISHED, "publish"),
        (S.REVOKED, "publish"),
        (S.DRAFT, "revoke"),
        (S.REVOKED, "revoke"),
    ],
)
def test_disallowed_transitions(council, secretary, status, action):
    resolution = ResolutionFactory(council=council, status=status, year=2026, number=1)
    with pytest.raises(InvalidTransition):
        workflow.run(resolution.pk, action, actor=secretary, note="porque sim")


def test_revoking_needs_a_note(council, secretary):
    resolution = published(council, secretary)[0]
    with pytest.raises(ValidationError) as error:
        resolution_revoke(resolution_id=resolution.pk, actor=secretary, note=" ")
    assert "note" in error.value.error_dict
    resolution_revoke(
        resolution_id=resolution.pk, actor=secretary, note="Decisão judicial."
    )
    assert Resolution.objects.get(pk=resolution.pk).status == S.REVOKED


def test_a_later_resolution_revokes_what_it_lists(council, secretary):
    old, kept = published(council, secretary, 2)
    new = ResolutionFactory(council=council)
    new.revokes.add(old)
    new.amends.add(kept)
    publish(new, secretary)
    old.refresh_from_db()
    kept.refresh_from_db()
    assert (old.status, kept.status) == (S.REVOKED, S.PUBLISHED)
    log = ResolutionLog.objects.get(resolution=old, action="revoke")
    assert log.data["by_resolution"] == new.pk
    assert new.display_number in log.note
    assert list(old.revoked_by.all()) == [new]


def test_links_are_checked_at_publication(council, other_council, secretary):
    item = approved_item(council)
    foreign = approved_item(other_council)
    pending = approved_item(council, result=AgendaItem.Result.PENDING)
    other_published = ResolutionFactory(
        council=other_council, status=S.PUBLISHED, year=2026, number=1
    )
    draft_cited = ResolutionFactory(council=council)
    cases = [
        ({"meeting": foreign.meeting}, {}, "meeting"),
        ({"meeting": item.meeting, "agenda_item": foreign}, {}, "agenda_item"),
        ({"meeting": pending.meeting, "agenda_item": pending}, {}, "agenda_item"),
        ({"agenda_item": item}, {}, "meeting"),
        ({}, {"revokes": [other_published]}, "revokes"),
        ({}, {"amends": [draft_cited]}, "amends"),
    ]
    for fields, links, field in cases:
        draft = ResolutionFactory(council=council, **fields)
        for name, others in links.items():
            getattr(draft, name).set(others)
        with pytest.raises(ValidationError) as error:
            publish(draft, secretary)
        assert field in error.value.error_dict, (fields, links)
        assert Resolution.objects.get(pk=draft.pk).number is None
    good = ResolutionFactory(council=council, meeting=item.meeting, agenda_item=item)
    assert publish(good, secretary).number == 1


def test_save_edits_drafts_only_and_checks_links(council, other_council, secretary):
    item = approved_item(council)
    draft = ResolutionFactory.build(
        council=council, meeting=item.meeting, agenda_item=item
    )
    resolution_save(resolution=draft, actor=secretary, subjects=[])
    assert ResolutionLog.objects.filter(resolution=draft, action="create").exists()
    draft.meeting = approved_item(other_council).meeting
    with pytest.raises(ValidationError):
        resolution_save(resolution=draft, actor=secretary)
    draft.refresh_from_db()
    publish(draft, secretary)
    draft.refresh_from_db()
    draft.title = "Outra ementa"
    with pytest.raises((ValidationError, PermissionDenied)):
        resolution_save(resolution=draft, actor=secretary)


def test_search_columns_follow_save_and_publication(council, secretary):
    draft = ResolutionFactory.build(
        council=council,
        title="Convoca a Conferência Municipal",
        body="Art. 1º Fica convocada.",
    )
    resolution_save(resolution=draft, actor=secretary)
    draft.refresh_from_db()
    assert "conferencia municipal" in draft.search_text
    publish(draft, secretary)
    draft.refresh_from_db()
    assert "001/" in draft.search_text
    assert "cmas" in draft.search_text
    if connection.vendor == "postgresql":
        assert draft.search_document


def test_publication_tells_followers_and_members_not_the_actor(
    council, secretary, citizen, councillor, django_capture_on_commit_callbacks
):
    CouncilFollow.objects.create(council=council, user=citizen)
    CouncilFollow.objects.create(council=council, user=secretary)
    with django_capture_on_commit_callbacks(execute=True):
        resolution = published(council, secretary)[0]
    told = set(
        Notification.objects.filter(key=f"resolution-{resolution.pk}").values_list(
            "recipient_id", flat=True
        )
    )
    members = set(
        Mandate.objects.filter(council=council, ends_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    assert citizen.pk in told
    assert councillor.pk in told
    assert members <= told
    assert secretary.pk not in told
    # The PDF was rendered after commit (eager task).
    resolution.refresh_from_db()
    assert resolution.pdf.name.endswith(".pdf")
