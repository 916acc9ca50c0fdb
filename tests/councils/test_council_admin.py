"""The council admin's behaviour: what a secretary and staff may change, the
mandate rules, ending mandates, documents and the composition warnings."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councils.models import CouncilDocument, CouncilLog, Mandate, Segment
from tests.factories.councils import SeatFactory, approved_entity
from tests.factories.entities import MINIMAL_PDF, RepresentativeFactory

pytestmark = pytest.mark.django_db


def u(namespace, name, *args):
    return reverse(f"councils_{namespace}:{name}", args=args)


def council_data(council, **changes):
    data = {
        field: getattr(council, field)
        for field in (
            "name",
            "acronym",
            "slug",
            "nature",
            "summary",
            "creating_law",
            "contact_email",
            "composition_rule",
            "ordinary_notice_days",
            "extraordinary_notice_hours",
            "installation_quorum",
            "second_call_quorum",
            "second_call_minutes",
            "mandate_years",
            "max_reconductions",
            "absence_consecutive_limit",
            "absence_alternate_limit",
        )
    }
    data.update(is_active="on", president_casting_vote="on")
    data.update(changes)
    return data


def test_secretary_edits_presentation_but_not_rules(client, council, secretary):
    client.force_login(secretary)
    data = council_data(
        council,
        summary="Nova apresentação",
        contact_email="cmas@betim.mg.gov.br",
        name="Outro nome",
        ordinary_notice_days=1,
        secretaries=[secretary.pk],
    )
    response = client.post(u("councils", "edit", council.pk), data)
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.summary == "Nova apresentação"
    assert council.contact_email == "cmas@betim.mg.gov.br"
    assert council.name == "Conselho Municipal de Assistência Social"
    assert council.ordinary_notice_days == 7


def test_staff_changes_rules_and_secretaries(client, council, staff_user, secretary):
    client.force_login(staff_user)
    data = council_data(council, ordinary_notice_days=10, secretaries=[])
    response = client.post(u("councils", "edit", council.pk), data)
    assert response.status_code == 302
    council.refresh_from_db()
    assert council.ordinary_notice_days == 10
    assert not council.secretaries.exists()


def test_composition_warnings_on_edit_page_and_admin_home(
    client, council, secretary, other_secretary
):
    SeatFactory(council=council, segment=Segment.GOVERNMENT, label="Secretaria nova")
    client.force_login(secretary)
    page = client.get(u("councils", "edit", council.pk)).content.decode()
    assert "Composição não paritária" in page
    assert "Assento sem titular: Secretaria nova" in page
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Composição dos conselhos" in home
    assert "Assento sem titular: Secretaria nova" in home
    client.force_login(other_secretary)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Secretaria nova" not in home


@pytest.fixture
def free_civil_seat(council):
    """A civil-society seat with no holder, and an entity with a representative."""
    seat = SeatFactory(council=council, segment=Segment.ENTITIES, label="Idosos")
    entity = approved_entity()
    return seat, entity


def mandate_data(seat, entity, email, role="titular"):
    return {
        "seat": seat.pk,
        "term": seat.council.terms.first().pk,
        "role": role,
        "entity": entity.pk if entity else "",
        "starts_on": "2026-01-10",
        "person_email": email,
    }


def test_mandate_needs_a_representative_of_the_entity(
    client, secretary, free_civil_seat, user_factory
):
    seat, entity = free_civil_seat
    person = user_factory(full_name="Ana Representante")
    client.force_login(secretary)
    response = client.post(
        u("mandates", "add"), mandate_data(seat, entity, person.email)
    )
    assert response.status_code == 200
    assert "não representa" in response.content.decode()
    RepresentativeFactory(entity=entity, user=person)
    response = client.post(
        u("mandates", "add"), mandate_data(seat, entity, person.email)
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get(seat=seat)
    assert (mandate.person, mandate.entity) == (person, entity)
    assert CouncilLog.objects.filter(action="mandate_add").exists()


def test_civil_seat_needs_entity_and_government_seat_none(
    client, council, secretary, free_civil_seat, user_factory
):
    seat, entity = free_civil_seat
    person = user_factory()
    client.force_login(secretary)
    page = client.post(u("mandates", "add"), mandate_data(seat, None, person.email))
    assert "ocupados por uma entidade" in page.content.decode()
    government = SeatFactory(council=council, segment=Segment.GOVERNMENT)
    page = client.post(
        u("mandates", "add"), mandate_data(government, entity, person.email)
    )
    assert "não representam entidades" in page.content.decode()
    page = client.post(
        u("mandates", "add"), mandate_data(government, None, "x@nada.org")
    )
    assert "Nenhuma conta ativa" in page.content.decode()
    assert not Mandate.objects.filter(seat__in=[seat, government]).exists()


def test_second_seat_for_a_person_is_refused_beside_the_field(
    client, council, secretary
):
    holder = Mandate.objects.filter(council=council, entity__isnull=True).first()
    seat = SeatFactory(council=council, segment=Segment.GOVERNMENT)
    client.force_login(secretary)
    response = client.post(
        u("mandates", "add"), mandate_data(seat, None, holder.person.email)
    )
    form = response.context["form"]
    assert form.errors["person_email"] == [
        "Esta pessoa já ocupa um assento neste conselho."
    ]
    taken = Mandate.objects.filter(council=council, role="titular").first().seat
    response = client.post(u("mandates", "add"), mandate_data(taken, None, "a@b.org"))
    assert "role" in response.context["form"].errors


def test_ending_a_mandate_keeps_it_with_date_and_reason(client, council, secretary):
    mandate = Mandate.objects.filter(council=council).first()
    client.force_login(secretary)
    url = u("mandates", "end", mandate.pk)
    response = client.post(url, {"ends_on": "1990-01-01", "end_reason": "renuncia"})
    assert "antes do início" in response.content.decode()
    response = client.post(
        url, {"ends_on": "2026-06-30", "end_reason": "renuncia", "note": "Ofício 12"}
    )
    assert response.status_code == 302
    mandate.refresh_from_db()
    assert str(mandate.ends_on) == "2026-06-30"
    assert mandate.end_reason == "renuncia"
    log = CouncilLog.objects.get(action="mandate_end")
    assert (log.actor, log.note) == (secretary, "Ofício 12")
    assert client.get(url).status_code == 404  # already ended
    client.post(u("mandates", "delete", mandate.pk))
    assert Mandate.objects.filter(pk=mandate.pk).exists()


def test_secretary_cannot_add_seats_to_another_council(
    client, secretary, other_council
):
    client.force_login(secretary)
    response = client.post(
        u("seats", "add"),
        {
            "council": other_council.pk,
            "segment": "governo",
            "label": "X",
            "position": 1,
        },
    )
    assert "council" in response.context["form"].errors
    assert not other_council.seats.filter(label="X").exists()


def test_document_upload_is_checked_by_content(client, council, secretary):
    client.force_login(secretary)
    data = {"council": council.pk, "kind": "regimento", "title": "Regimento"}
    fake = SimpleUploadedFile("r.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client.post(u("documents", "add"), {**data, "file": fake})
    assert "file" in response.context["form"].errors
    pdf = SimpleUploadedFile("r.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(u("documents", "add"), {**data, "file": pdf})
    assert response.status_code == 302
    assert CouncilDocument.objects.filter(council=council, title="Regimento").exists()


def test_a_mandate_edit_in_flight_does_not_reopen_an_ended_mandate(council, secretary):
    import datetime as dt

    from councils.services.mandates import mandate_end, mandate_save

    mandate = Mandate.objects.filter(council=council).first()
    loaded_by_the_form = Mandate.objects.get(pk=mandate.pk)
    mandate_end(
        mandate_id=mandate.pk,
        ends_on=mandate.starts_on + dt.timedelta(days=30),
        reason="renuncia",
        by=secretary,
    )

    mandate_save(mandate=loaded_by_the_form, by=secretary)

    mandate.refresh_from_db()
    assert mandate.ends_on is not None
    assert mandate.end_reason == "renuncia"
