"""Changing representatives: removing, leaving and handing over the primary role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from entities import services
from entities.models import Representative
from tests.factories.entities import RepresentativeFactory

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
