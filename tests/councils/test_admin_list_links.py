"""Each row of the meetings and resolutions lists in the admin opens the item."""

import pytest
from django.urls import reverse

from tests.factories.councils import MeetingFactory, ResolutionFactory

pytestmark = pytest.mark.django_db


def test_meeting_rows_link_to_the_meeting(client, secretary, council):
    meeting = MeetingFactory(council=council, title="Reunião de dezembro")
    client.force_login(secretary)
    html = client.get(reverse("councils_meetings:index")).content.decode()
    assert reverse("councils_meetings:edit", args=[meeting.pk]) in html


def test_draft_resolution_rows_link_to_the_draft(client, secretary, council):
    resolution = ResolutionFactory(council=council)
    client.force_login(secretary)
    html = client.get(reverse("councils_resolutions:index")).content.decode()
    assert f"/{resolution.pk}/" in html
