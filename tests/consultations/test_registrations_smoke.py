import pytest

from consultations import services
from consultations.models import Registration

pytestmark = pytest.mark.django_db


def test_waitlist_and_promotion(
    event_factory, user_factory, django_capture_on_commit_callbacks
):
    event = event_factory(capacity=2)
    people = [user_factory() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        regs = [services.registration_create(event_id=event.pk, user=p) for p in people]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waitlisted"]
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(
            registration_id=regs[0].pk, by=people[0]
        )
    assert promoted.pk == regs[2].pk
    assert Registration.objects.get(pk=regs[2].pk).status == "confirmed"
