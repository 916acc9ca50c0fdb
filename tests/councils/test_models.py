import pytest
from django.db import IntegrityError, transaction

from councils.models import Mandate, Seat
from councils.rules import council_of, councils_run_by
from tests.factories.councils import MandateFactory, SeatFactory

pytestmark = pytest.mark.django_db


def test_composed_council_has_titular_and_suplente_per_seat(council):
    assert Seat.objects.filter(council=council).count() == 6
    assert Mandate.objects.filter(council=council, ends_on__isnull=True).count() == 12


def test_one_person_cannot_hold_two_seats_of_one_council(council):
    taken = Mandate.objects.filter(council=council).first()
    seat = SeatFactory(council=council)
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateFactory(seat=seat, person=taken.person)


def test_same_person_may_sit_in_another_council(council, other_council):
    taken = Mandate.objects.filter(council=council).first()
    seat = SeatFactory(council=other_council)
    assert MandateFactory(seat=seat, person=taken.person).council == other_council


def test_a_seat_has_one_current_titular(council):
    seat = Seat.objects.filter(council=council).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        MandateFactory(seat=seat, role=Mandate.Role.TITULAR)


def test_council_of_walks_to_the_council(council, agenda_item_factory):
    item = agenda_item_factory(meeting__council=council)
    assert council_of(item) == council
    assert council_of(item.meeting) == council
    assert council_of(council) == council


def test_secretary_runs_only_their_council(
    secretary, council, other_council, staff_user
):
    assert list(councils_run_by(secretary)) == [council]
    assert set(councils_run_by(staff_user)) == {council, other_council}
