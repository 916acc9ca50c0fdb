"""Demo content of the councils (councils/demo/, run by `manage.py load_demo`):
three councils composed by their rules, a held meeting whose votes fit the
attendance, resolutions numbered without gaps, an upcoming meeting convened
with the notice, CMAS's open election, logins that work, and a second run
that changes nothing."""

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from civic.accounts.models import User
from civic.accounts.rules import COUNCIL_SECRETARY_GROUP
from councils import demo, rules
from councils.demo.pdf import demo_pdf
from councils.demo.people import (
    DEMO_COUNCILLOR_EMAIL,
    DEMO_COUNCILLOR_PASSWORD,
    secretary_email,
)
from councils.models import (
    AgendaItem,
    Attendance,
    BoardPosition,
    Candidacy,
    Commission,
    Council,
    CouncilDocument,
    Election,
    Mandate,
    Meeting,
    MeetingDocument,
    Resolution,
    ResolutionSequence,
    Seat,
    Segment,
    Term,
    Vacancy,
)
from councils.services import quorum
from entities.models import Entity

pytestmark = pytest.mark.django_db

MODELS = [
    Council,
    CouncilDocument,
    Commission,
    BoardPosition,
    Term,
    Seat,
    Mandate,
    Meeting,
    AgendaItem,
    Attendance,
    MeetingDocument,
    Resolution,
    ResolutionSequence,
    Election,
    Vacancy,
    Candidacy,
    Entity,
]


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    return {
        model.__name__: sorted(model.objects.values_list(), key=lambda row: row[0])
        for model in MODELS
    } | {"users": sorted(User.objects.values_list("pk", "email", "full_name"))}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo_media")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, demo_media):
    """Load once for the module (it is the slow part) inside a transaction that
    is rolled back at the end; each test runs in a savepoint within it."""
    from django.db import transaction
    from django.test import override_settings

    media = demo_media
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media / "public", PRIVATE_MEDIA_ROOT=media / "private"
        ),
        transaction.atomic(),
    ):
        output = load_demo()
        yield output
        transaction.set_rollback(True)


def test_a_second_run_changes_nothing(db, loaded):
    assert "Demo councils created: 3" in loaded
    for login in ("conselheira.cmas@", "secretaria.cmas@", "secretaria.cms@"):
        assert login in loaded
    before = snapshot()
    second = load_demo()
    assert "Demo councils created" not in second
    assert snapshot() == before
    assert Council.objects.count() == 3


def current(council):
    return Mandate.objects.filter(council=council, ends_on__isnull=True)


@pytest.mark.parametrize(
    ("slug", "rule", "expected"),
    [
        ("cmas", "paritaria", {"governo": 6, "usuarios": 2, "trabalhadores": 2, "entidades": 2}),
        ("cmdca", "paritaria", {"governo": 5, "entidades": 5}),
        ("cms", "saude", {"usuarios": 8, "trabalhadores": 4, "governo": 2, "prestadores": 2}),
    ],
)  # fmt: skip
def test_each_council_is_composed_by_its_rule(db, loaded, slug, rule, expected):
    council = Council.objects.get(slug=slug)
    assert council.composition_rule == rule
    counts = dict(
        council.seats.values_list("segment").annotate(n=Count("pk")).order_by()
    )
    assert counts == expected
    seats = sum(expected.values())
    if rule == "paritaria":
        assert counts["governo"] * 2 == seats
    else:
        assert counts["usuarios"] * 2 == seats  # 50% users
        assert counts["trabalhadores"] * 4 == seats  # 25% workers
        assert (counts["governo"] + counts["prestadores"]) * 4 == seats
    mandates = current(council)
    # Titular and suplente in every seat, of the current gestão, one seat per person.
    assert mandates.count() == 2 * seats
    assert set(mandates.values_list("term", flat=True)) == {council.terms.first().pk}
    assert mandates.values("person").distinct().count() == 2 * seats
    for mandate in mandates.select_related("seat", "entity"):
        if mandate.seat.segment == Segment.GOVERNMENT:
            assert mandate.seat.body is not None
            assert mandate.entity is None
        elif mandate.seat.is_civil_society:
            assert mandate.entity.status == Entity.Status.APPROVED
            assert mandate.entity.regularity == Entity.Regularity.REGULAR


def test_gestoes_acts_history_board_commission_and_documents(db, loaded):
    today = timezone.localdate()
    for council in Council.objects.all():
        current_term, previous = council.terms.all()[:2]
        assert current_term.starts_on <= today <= current_term.ends_on
        assert previous.ends_on < current_term.starts_on
        assert current_term.act_kind == Term.Act.DECREE
        assert current_term.act_number
        assert current_term.act_date
        ended = previous.mandates.all()
        assert ended.count() == 2 * council.seats.count()
        assert not ended.filter(Q(ends_on__isnull=True) | Q(end_reason="")).exists()
        board = council.board_positions.filter(ends_on__isnull=True)
        assert set(board.values_list("role", flat=True)) == {"presidente", "vice"}
        assert all(position.mandate.is_current for position in board)
        assert council.board_positions.filter(ends_on__isnull=False).exists()
        assert council.commissions.get().seats.count() == 4
        kinds = set(council.documents.values_list("kind", flat=True))
        assert {"lei", "regimento"} <= kinds
        assert council.documents.get(kind="lei").file.name.endswith(".pdf")
        secretary = council.secretaries.get()
        assert secretary.email == secretary_email(council.slug)
        assert secretary.groups.filter(name=COUNCIL_SECRETARY_GROUP).exists()


def test_the_held_meeting_adds_up(db, loaded):
    for council in Council.objects.all():
        seats = council.seats.count()
        held = council.meetings.filter(status=Meeting.Status.HELD)
        assert held.count() == 2
        first = held.order_by("starts_at").first()
        assert first.installed_at
        assert first.installed_on_call == "first"
        statuses = list(first.attendances.values_list("status", flat=True))
        assert len(statuses) == seats
        assert statuses.count(Attendance.Status.ALTERNATE) == 1
        assert statuses.count(Attendance.Status.JUSTIFIED) == 1
        alternate = first.attendances.get(status=Attendance.Status.ALTERNATE)
        assert alternate.mandate.role == Mandate.Role.ALTERNATE
        assert alternate.mandate.seat_id == alternate.seat_id
        items = list(first.agenda_items.all())
        assert len(items) == 3
        voted = [item for item in items if item.is_deliberative]
        assert {item.majority for item in voted} == {"simples", "absoluta"}
        for meeting in held:
            present = sum(a.is_present for a in meeting.attendances.all())
            for item in meeting.agenda_items.filter(is_deliberative=True):
                total = item.votes_for + item.votes_against + item.abstentions
                assert total <= present
                result = quorum.vote_result(
                    majority=item.majority,
                    votes_for=item.votes_for,
                    votes_against=item.votes_against,
                    abstentions=item.abstentions,
                    present=present,
                    voting_seats=seats,
                )
                assert item.result == ("approved" if result.approved else "rejected")
        # The ata: published, approved at the next held meeting; that one's a draft.
        assert first.minutes_status == Meeting.Minutes.PUBLISHED
        assert first.minutes_approved_in.starts_at > first.starts_at
        assert first.minutes_approved_in.minutes_status == Meeting.Minutes.DRAFT
        assert first.minutes_published_at < timezone.now()
        assert first.minutes_text


def test_resolutions_are_numbered_without_gaps(db, loaded):
    for council in Council.objects.all():
        first = council.meetings.filter(minutes_status="published").get()
        recent = council.resolutions.filter(meeting=first).order_by("number")
        year = timezone.localtime(recent[0].published_at).year
        assert [(r.year, r.number) for r in recent] == [(year, 1), (year, 2)]
        assert all(r.status == Resolution.Status.PUBLISHED for r in recent)
        assert all(r.agenda_item.meeting_id == first.pk for r in recent)
        assert all(r.subjects.exists() for r in recent)
        assert recent[1].amends.get().year == year - 1
        for seq in ResolutionSequence.objects.filter(council=council):
            numbers = council.resolutions.filter(year=seq.year).values_list(
                "number", flat=True
            )
            assert sorted(numbers) == list(range(1, seq.last_number + 1))
        assert str(recent[0]) == f"Resolução {council.acronym} nº 001/{year}"


def test_the_upcoming_meeting_respects_the_notice(db, loaded):
    for council in Council.objects.all():
        upcoming = council.meetings.get(status=Meeting.Status.CONVENED)
        assert upcoming.kind == Meeting.Kind.ORDINARY
        notice = upcoming.starts_at - upcoming.convened_at
        assert notice >= timedelta(days=council.ordinary_notice_days)
        assert upcoming.starts_at - timezone.now() >= timedelta(days=7)
        assert upcoming.agenda_items.count() == 3
        visibilities = set(upcoming.documents.values_list("visibility", flat=True))
        assert visibilities == {"public", "members_until"}
        planned = council.meetings.filter(status=Meeting.Status.PLANNED)
        assert planned.count() >= 3
        assert not planned.filter(starts_at__lte=upcoming.starts_at).exists()


def test_cmas_has_an_election_with_inscriptions_open(db, loaded):
    election = Election.objects.get(council__slug="cmas")
    assert election.status == Election.Status.CANDIDACY
    assert election.candidacy_starts_at < timezone.now() < election.candidacy_ends_at
    assert election.vacancies.count() == 3
    assert all(
        c.entity.status == Entity.Status.APPROVED for c in election.candidacies.all()
    )


def test_demo_people_have_no_cpf_or_phone_and_a_verified_email(db, loaded):
    people = User.objects.filter(
        Q(council_mandates__isnull=False) | Q(council_secretariats__isnull=False)
    ).distinct()
    assert people.count() > 100
    assert not people.exclude(cpf__isnull=True).exclude(cpf="").exists()
    assert not people.exclude(phone="").exists()
    assert not people.exclude(email__endswith=".example").exists()
    unverified = people.exclude(
        pk__in=EmailAddress.objects.filter(verified=True).values("user")
    )
    assert not unverified.exists()


def test_the_logins_see_their_area(db, loaded, client):
    councillor = User.objects.get(email=DEMO_COUNCILLOR_EMAIL)
    cmas = Council.objects.get(slug="cmas")
    assert rules.is_member(councillor, cmas)
    mandate = councillor.council_mandates.get(ends_on__isnull=True)
    assert mandate.role == Mandate.Role.TITULAR
    assert client.login(email=DEMO_COUNCILLOR_EMAIL, password=DEMO_COUNCILLOR_PASSWORD)
    secretary = User.objects.get(email=secretary_email("cmas"))
    assert rules.is_secretary(secretary, cmas)
    assert not rules.is_secretary(secretary, Council.objects.get(slug="cms"))
    assert client.login(email=secretary.email, password="demo-secretaria-cmas-2026")
    assert demo.ensure_demo_councils.__module__ == "councils.demo"


def test_the_demo_pdfs_are_readable():
    import pypdf

    data = demo_pdf("Lei Municipal nº 2.880 (1996)", ["Art. 1º Fica criado o CMAS."])
    page = pypdf.PdfReader(io.BytesIO(data), strict=True).pages[0]
    assert "Fica criado o CMAS" in page.extract_text()


def test_resolutions_went_through_the_publication_service(
    db, loaded, settings, demo_media
):
    from django.db import connection

    settings.PRIVATE_MEDIA_ROOT = demo_media / "private"

    from councils.models import ResolutionLog
    from councils.services.resolution_search import _heading
    from entities.services.search import normalize

    for council in Council.objects.all():
        secretary = council.secretaries.get()
        for resolution in council.resolutions.all():
            log = ResolutionLog.objects.get(resolution=resolution, action="publish")
            assert log.actor == secretary
            assert log.data == {"number": resolution.number, "year": resolution.year}
            assert log.created_at == resolution.published_at
            # Numbered by the sequence of the year of publication.
            local_year = timezone.localtime(resolution.published_at).year
            assert resolution.year == local_year
            # The search columns and the stored PDF, as for any publication.
            assert normalize(_heading(resolution)) in resolution.search_text
            if connection.vendor == "postgresql":
                assert resolution.search_document
            assert resolution.pdf.name.endswith(
                f"-{resolution.number:03d}-{resolution.year}.pdf"
            )
            with resolution.pdf.open("rb") as stored:
                assert stored.read(5) == b"%PDF-"


def test_a_demo_resolution_is_found_by_search(db, loaded, client):
    from django.urls import reverse

    resolution = Resolution.objects.filter(council__slug="cmas").order_by("pk")[1]
    page = client.get(
        reverse("councils:resolution_search"), {"q": resolution.display_number}
    )
    assert resolution in list(page.context["resolutions"])
