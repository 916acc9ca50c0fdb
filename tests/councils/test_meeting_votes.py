"""Votes on deliberative items: results, bad counts, where votes are allowed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councils.models import AgendaItem, MeetingLog
from councils.services import votes as svc
from councils.services.meetings import withdraw_item
from tests.factories.councils import AgendaItemFactory

from .meeting_helpers import in_progress, installed

pytestmark = pytest.mark.django_db
R = AgendaItem.Result


def _item(council, secretary, present=4, **fields):
    meeting = installed(council, secretary, present=present)
    item = meeting.agenda_items.get()
    for name, value in fields.items():
        setattr(item, name, value)
    item.save()
    return item


def test_simple_majority_approves(council, secretary):
    item = _item(council, secretary)
    svc.record_vote(item, 3, 1, 0, "", secretary)
    item.refresh_from_db()
    assert (item.votes_for, item.votes_against, item.abstentions) == (3, 1, 0)
    assert item.result == R.APPROVED
    assert item.voted_at
    assert MeetingLog.objects.filter(action="vote", data__item=item.pk).exists()


def test_absolute_majority_of_voting_seats(council, secretary):
    item = _item(council, secretary, present=4, majority="absoluta")
    svc.record_vote(item, 3, 0, 1, "", secretary)
    item.refresh_from_db()
    assert item.result == R.REJECTED  # 4 of 6 seats needed


def test_tie_with_casting_vote(council, secretary):
    item = _item(council, secretary)
    svc.record_vote(item, 2, 2, 0, "favor", secretary)
    item.refresh_from_db()
    assert item.result == R.APPROVED
    assert item.casting_vote == "favor"


def test_casting_vote_refused_where_the_regimento_denies_it(council, secretary):
    council.president_casting_vote = False
    council.save()
    item = _item(council, secretary)
    with pytest.raises(ValidationError) as error:
        svc.record_vote(item, 2, 2, 0, "favor", secretary)
    assert "desempate" in error.value.message_dict["casting_vote"][0]


def test_votes_over_present_are_refused(council, secretary):
    item = _item(council, secretary, present=4)
    with pytest.raises(ValidationError) as error:
        svc.record_vote(item, 3, 2, 0, "", secretary)
    assert error.value.message_dict["votes_for"] == [
        "Os votos somam mais do que os 4 conselheiros presentes."
    ]
    item.refresh_from_db()
    assert item.result == R.PENDING
    assert item.votes_for is None


def test_casting_without_tie_is_refused(council, secretary):
    item = _item(council, secretary)
    with pytest.raises(ValidationError) as error:
        svc.record_vote(item, 3, 1, 0, "contra", secretary)
    assert "empate" in error.value.message_dict["casting_vote"][0]


@pytest.mark.parametrize("bad", [-1, "abc", None, 10**20])
def test_bad_numbers_are_refused(council, secretary, bad):
    item = _item(council, secretary)
    with pytest.raises(ValidationError) as error:
        svc.record_vote(item, bad, 0, 0, "", secretary)
    assert "votes_for" in error.value.message_dict


def test_only_deliberative_items(council, secretary):
    item = _item(council, secretary, is_deliberative=False)
    with pytest.raises(ValidationError) as error:
        svc.record_vote(item, 1, 0, 0, "", secretary)
    assert "não é deliberativo" in error.value.messages[0]


def test_only_in_an_installed_meeting(council, secretary):
    meeting = in_progress(council)
    item = meeting.agenda_items.get()
    with pytest.raises(ValidationError) as error:
        svc.record_vote(item, 1, 0, 0, "", secretary)
    assert "instalada" in error.value.messages[0]


def test_withdrawn_item_is_not_voted(council, secretary):
    item = _item(council, secretary)
    withdraw_item(item, actor=secretary)
    with pytest.raises(ValidationError):
        svc.record_vote(item, 1, 0, 0, "", secretary)


def test_other_secretary_cannot_record_votes(council, secretary, other_secretary):
    item = _item(council, secretary)
    with pytest.raises(PermissionDenied):
        svc.record_vote(item, 1, 0, 0, "", other_secretary)


def test_recording_again_corrects(council, secretary):
    item = _item(council, secretary)
    svc.record_vote(item, 1, 2, 0, "", secretary)
    svc.record_vote(item, 3, 0, 0, "", secretary)
    item.refresh_from_db()
    assert item.result == R.APPROVED
    assert MeetingLog.objects.filter(action="vote").count() == 2


def test_items_of_another_meeting_are_independent(council, secretary):
    item = _item(council, secretary)
    other = AgendaItemFactory(meeting=item.meeting, position=9, is_deliberative=True)
    svc.record_vote(other, 0, 2, 0, "", secretary)
    item.refresh_from_db()
    assert item.result == R.PENDING
