"""axe-core on the councils' public pages and the member area: no serious or
critical violation (WCAG 2.1 A and AA), with real content on each page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from councils.models import Mandate, Vacancy
from tests.browser.helpers import log_in
from tests.councils.election_helpers import C, S, candidacy
from tests.councils.public_support import convened, held
from tests.councils.resolution_support import published
from tests.factories.accounts import DEFAULT_PASSWORD, UserFactory
from tests.factories.councils import ElectionFactory, composed_council

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_council_pages_and_member_area_pass_axe(browser, live_server, axe):
    from home.setup import ensure_site_content

    ensure_site_content()
    base = live_server.url
    council = composed_council(
        name="Conselho Municipal de Assistência Social", acronym="CMAS", slug="cmas"
    )
    staff = UserFactory(is_superuser=True, is_staff=True)
    meeting = held(council)
    upcoming = convened(council, title="Reunião ordinária de março")
    resolution = published(
        council,
        staff,
        count=2,
        title="Aprova o Plano Municipal de Assistência Social",
        meeting=meeting,
    )[0]
    election = ElectionFactory(
        council=council, status=S.CANDIDACY, title="Eleição da sociedade civil"
    )
    Vacancy.objects.create(election=election, segment="entidades", seats=2)
    candidacy(election, status=C.SUBMITTED)
    councillor = (
        Mandate.objects.filter(council=council, role=Mandate.Role.TITULAR)
        .select_related("person")
        .first()
        .person
    )

    page = browser.new_context(
        locale="pt-BR", timezone_id="America/Sao_Paulo"
    ).new_page()
    pages = [
        (reverse("councils:list"), council.name),
        (council.get_absolute_url(), "Composição"),
        (meeting.get_absolute_url(), "Plano municipal de assistência social"),
        (upcoming.get_absolute_url(), "Reunião ordinária de março"),
        (reverse("councils:resolution_list", args=[council.slug]), "Resolução"),
        (reverse("councils:resolution_search"), resolution.display_number),
        (resolution.get_absolute_url(), resolution.title),
        (
            reverse("councils:election", args=[council.slug, election.pk]),
            "Eleição da sociedade civil",
        ),
    ]
    for address, text in pages:
        page.goto(base + address)
        expect(page.locator("main")).to_contain_text(text)
        axe(page, context=address)

    log_in(page, base, councillor.email, DEFAULT_PASSWORD)
    page.goto(base + reverse("councils:member_area"))
    expect(page.locator("main")).to_contain_text("Reunião ordinária de março")
    axe(page, context="member area (councillor)")
