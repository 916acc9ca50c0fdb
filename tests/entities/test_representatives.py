"""Changing representatives: removing, leaving and handing over the primary role.

Each change writes a row to the entity's history and tells people once, keyed
on that row (never on the clock).
"""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from civic.notifications.models import Notification
from entities import notifications, services
from entities.models import EntityEvent, Representative
from tests.factories.entities import RepresentativeFactory

KIND = "entities.representatives_changed"

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_representative(user_factory, entity):
    person = user_factory(full_name="Segunda Representante")
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    return person


def test_handing_over_keeps_exactly_one_primary(
    entity, representative, second_representative
):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    services.representative_make_primary(representative=membership, by=representative)

    primaries = Representative.objects.filter(entity=entity, is_primary=True)
    assert list(primaries.values_list("user", flat=True)) == [second_representative.pk]
    # The former primary can no longer hand the role over.
    old = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(PermissionDenied):
        services.representative_make_primary(representative=old, by=representative)


def test_staff_can_hand_over_the_primary_role(
    entity, representative, second_representative, staff_user
):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    services.representative_make_primary(representative=membership, by=staff_user)
    assert (
        Representative.objects.get(entity=entity, is_primary=True).user
        == second_representative
    )


def test_primary_cannot_be_removed(entity, representative, staff_user):
    membership = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(ValidationError) as raised:
        services.representative_remove(representative=membership, by=staff_user)
    assert raised.value.code == "primary"
    assert Representative.objects.filter(pk=membership.pk).exists()


def test_primary_removes_another_representative(
    entity,
    representative,
    second_representative,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    with django_capture_on_commit_callbacks(execute=True):
        services.representative_remove(representative=membership, by=representative)
    assert not Representative.objects.filter(pk=membership.pk).exists()
    assert [m.to[0] for m in mailoutbox] == [second_representative.email]


def test_non_primary_cannot_remove(entity, representative, second_representative):
    primary = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(PermissionDenied):
        services.representative_remove(representative=primary, by=second_representative)


def test_leaving(entity, representative, second_representative):
    membership = Representative.objects.get(entity=entity, user=second_representative)
    services.representative_leave(representative=membership, by=second_representative)
    assert not Representative.objects.filter(pk=membership.pk).exists()
    primary = Representative.objects.get(entity=entity, user=representative)
    with pytest.raises(ValidationError):
        services.representative_leave(representative=primary, by=representative)


@pytest.fixture
def third_representative(user_factory, entity):
    person = user_factory(full_name="Terceira Representante")
    RepresentativeFactory(entity=entity, user=person, is_primary=False)
    return person


def _membership(entity, user):
    return Representative.objects.get(entity=entity, user=user)


def _told(event):
    """{recipient: change} of the notifications keyed on one history row."""
    return {
        n.recipient: n.context["change"]
        for n in Notification.objects.filter(kind=KIND, key=f"entity-event:{event.pk}")
    }


def _logged(entity, action):
    return list(EntityEvent.objects.filter(entity=entity, action=action))


def test_removal_is_logged_and_told_once(
    entity,
    representative,
    second_representative,
    third_representative,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.representative_remove(
            representative=_membership(entity, second_representative),
            by=representative,
        )
    (event,) = _logged(entity, notifications.REMOVE_REPRESENTATIVE)
    assert (event.actor, event.note) == (representative, "Segunda Representante")
    assert event.data == {"user_id": second_representative.pk}
    assert event.from_status == event.to_status == entity.status
    assert _told(event) == {
        second_representative: "você deixou de representar a entidade",
        third_representative: "Segunda Representante deixou de representar a entidade",
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [second_representative.email, third_representative.email]
    )


def test_leaving_is_logged_and_told_to_the_others(
    entity, representative, second_representative, third_representative
):
    services.representative_leave(
        representative=_membership(entity, second_representative),
        by=second_representative,
    )
    (event,) = _logged(entity, notifications.LEAVE)
    assert (event.actor, event.note) == (second_representative, "Segunda Representante")
    assert event.from_status == event.to_status == entity.status
    change = "Segunda Representante deixou de representar a entidade"
    assert _told(event) == {representative: change, third_representative: change}


def test_handing_over_is_logged_and_told_to_all_but_the_actor(
    entity, representative, second_representative, third_representative
):
    services.representative_make_primary(
        representative=_membership(entity, second_representative), by=representative
    )
    (event,) = _logged(entity, notifications.SET_PRIMARY)
    assert (event.actor, event.note) == (representative, "Segunda Representante")
    change = "Segunda Representante é agora o responsável principal"
    assert _told(event) == {second_representative: change, third_representative: change}


def test_handing_the_role_to_the_primary_changes_nothing(entity, representative):
    services.representative_make_primary(
        representative=_membership(entity, representative), by=representative
    )
    assert not _logged(entity, notifications.SET_PRIMARY)
    assert not Notification.objects.filter(kind=KIND).exists()


def test_a_refused_change_logs_and_tells_nothing(entity, representative, staff_user):
    with pytest.raises(ValidationError):
        services.representative_remove(
            representative=_membership(entity, representative), by=staff_user
        )
    assert not EntityEvent.objects.filter(entity=entity).exists()
    assert not Notification.objects.filter(kind=KIND).exists()


def test_removing_someone_already_gone_is_refused(
    entity, representative, second_representative
):
    membership = _membership(entity, second_representative)
    services.representative_remove(representative=membership, by=representative)
    with pytest.raises(ValidationError) as raised:
        services.representative_remove(representative=membership, by=representative)
    assert raised.value.code == "gone"
    assert len(_logged(entity, notifications.REMOVE_REPRESENTATIVE)) == 1


def test_two_removals_in_the_same_instant_are_two_events(
    entity, representative, second_representative
):
    with time_machine.travel(timezone.now(), tick=False):
        services.representative_remove(
            representative=_membership(entity, second_representative),
            by=representative,
        )
        RepresentativeFactory(
            entity=entity, user=second_representative, is_primary=False
        )
        services.representative_remove(
            representative=_membership(entity, second_representative),
            by=representative,
        )
    events = _logged(entity, notifications.REMOVE_REPRESENTATIVE)
    assert len(events) == 2
    assert events[0].created_at == events[1].created_at
    told = Notification.objects.filter(kind=KIND, recipient=second_representative)
    assert sorted(told.values_list("key", flat=True)) == sorted(
        f"entity-event:{e.pk}" for e in events
    )


def test_two_handovers_to_the_same_person_in_the_same_instant_are_two_events(
    entity, representative, second_representative, staff_user
):
    with time_machine.travel(timezone.now(), tick=False):
        for user in (second_representative, representative, second_representative):
            services.representative_make_primary(
                representative=_membership(entity, user), by=staff_user
            )
    events = _logged(entity, notifications.SET_PRIMARY)
    assert len(events) == 3
    told = Notification.objects.filter(kind=KIND, recipient=second_representative)
    assert told.count() == 3  # one per event, none deduplicated away


def test_every_representative_action_has_a_history_label():
    actions = {
        notifications.JOIN,
        notifications.REMOVE_REPRESENTATIVE,
        notifications.LEAVE,
        notifications.SET_PRIMARY,
    }
    assert set(notifications.HISTORY_LABELS) == actions
    assert all(str(label) for label in notifications.HISTORY_LABELS.values())
