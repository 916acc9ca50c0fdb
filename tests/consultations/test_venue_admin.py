"""Venues in the admin: create, list and edit, the capacity checks, and no
deleting."""

import pytest
from django.urls import reverse

from consultations.models import (
    Venue,
)
from tests.consultations.admin_support import (
    venue_data,
)
from tests.factories.consultations import (
    EventFactory,
    VenueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


# Venues
# ------------------------------------------------------------------------------


def test_create_list_and_edit_a_venue(staff_client):
    response = staff_client.post(reverse("consultations_venues:add"), venue_data())
    assert response.status_code == 302
    venue = Venue.objects.get()
    assert (venue.capacity, venue.step_free_access) == (300, True)
    listing = staff_client.get(reverse("consultations_venues:index"))
    assert "Ginásio Poliesportivo" in listing.content.decode()
    staff_client.post(
        reverse("consultations_venues:edit", args=[venue.pk]),
        venue_data(capacity="250"),
    )
    assert Venue.objects.get().capacity == 250


def test_venue_capacity_is_checked(staff_client):
    response = staff_client.post(
        reverse("consultations_venues:add"), venue_data(capacity="0")
    )
    assert response.status_code == 200
    assert "maior que zero" in " ".join(response.context["form"].errors["capacity"])
    assert response.context["form"]["name"].value() == "Ginásio Poliesportivo"
    venue = VenueFactory(capacity=120)
    EventFactory(venue=venue, capacity=100, title="Audiência grande")
    response = staff_client.post(
        reverse("consultations_venues:edit", args=[venue.pk]),
        venue_data(name=venue.name, capacity="50"),
    )
    assert response.status_code == 200
    assert "Audiência grande" in " ".join(response.context["form"].errors["capacity"])
    assert Venue.objects.get(pk=venue.pk).capacity == 120


def test_venues_are_not_deleted_here(staff_client):
    venue = VenueFactory()
    assert (
        staff_client.post(
            reverse("consultations_venues:delete", args=[venue.pk])
        ).status_code
        == 302
    )
    assert Venue.objects.filter(pk=venue.pk).exists()
