"""Demo content of consultations and events (consultations/demo.py, run by
`manage.py load_demo`): every part shows something, a second run changes
nothing, and every demo page opens."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from civic.notifications.models import Notification
from consultations import demo
from consultations.models import (
    Consultation,
    ConsultationLog,
    Contribution,
    Device,
    Event,
    EventLog,
    Registration,
    SpeakerRequest,
    Support,
    Venue,
)
from consultations.selectors.events import speaker_list

pytestmark = pytest.mark.django_db

MODELS = [
    Consultation,
    ConsultationLog,
    Contribution,
    Device,
    Event,
    EventLog,
    Registration,
    SpeakerRequest,
    Support,
    Venue,
    Notification,
]


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the demo's models, as values (so any change shows)."""
    return {
        model.__name__: sorted(model.objects.values_list(), key=lambda row: row[0])
        for model in MODELS
    }


@pytest.fixture
def loaded():
    output = load_demo()
    assert "Demo consultations and events created: 5" in output
    return output


def test_an_open_consultation_with_devices_and_contributions(loaded):
    consultation = Consultation.objects.get(slug=demo.CULTURE_SLUG)
    assert consultation.status == Consultation.Status.OPEN
    assert consultation.opens_at < timezone.now() < consultation.closes_at
    assert consultation.devices.filter(anchor="art-4-par-1").exists()
    assert consultation.devices.count() > 10
    contributions = consultation.contributions.filter(
        moderation=Contribution.Moderation.PUBLISHED
    )
    assert contributions.filter(parent__isnull=True).count() >= 3
    assert contributions.filter(parent__isnull=False).exists()  # a reply
    assert contributions.filter(device__isnull=False).exclude(position="").exists()
    assert contributions.filter(on_behalf_of__isnull=False).exists()
    assert Support.objects.filter(contribution__consultation=consultation).exists()


def test_an_answered_consultation_with_its_report(loaded):
    consultation = Consultation.objects.get(slug=demo.GARDENS_SLUG)
    assert consultation.status == Consultation.Status.ANSWERED
    assert consultation.report_published_at is not None
    tops = consultation.contributions.filter(parent__isnull=True)
    assert tops.exists()
    assert not tops.filter(answer="").exists()


def test_an_upcoming_hearing_with_free_places(loaded):
    hearing = Event.objects.get(slug=demo.LDO_SLUG)
    assert hearing.kind == Event.Kind.HEARING
    assert hearing.status == Event.Status.PUBLISHED
    assert hearing.accepts_registrations
    confirmed = hearing.registrations.filter(status="confirmed").count()
    assert 0 < confirmed < hearing.capacity
    assert len(speaker_list(hearing)) == 1


def test_an_upcoming_forum(loaded):
    forum = Event.objects.get(slug=demo.FORUM_SLUG)
    assert forum.kind == Event.Kind.FORUM
    assert forum.status == Event.Status.PUBLISHED
    assert forum.starts_at > timezone.now()


def test_a_past_hearing_with_minutes_and_answered_contributions(loaded):
    hearing = Event.objects.get(slug=demo.HEALTH_SLUG)
    assert hearing.kind == Event.Kind.HEARING
    assert hearing.status == Event.Status.CONCLUDED
    assert hearing.ends_at < timezone.now()
    assert hearing.minutes.startswith("ATA DA AUDIÊNCIA PÚBLICA")
    assert hearing.recording_url
    contributions = hearing.contributions.filter(parent__isnull=True)
    assert contributions.count() == 3
    assert not contributions.filter(answer="").exists()
    assert contributions.filter(channel=Contribution.Channel.ORAL).exists()


def test_a_second_run_changes_nothing(loaded):
    before = snapshot()
    output = load_demo()
    assert "Demo consultations and events created" not in output
    assert snapshot() == before


def test_the_demo_adapts_to_a_longer_notice_period(settings):
    settings.HEARINGS_MIN_NOTICE_DAYS = 45
    load_demo()
    hearing = Event.objects.get(slug=demo.LDO_SLUG)
    assert hearing.status == Event.Status.PUBLISHED
    assert hearing.short_notice_reason == ""


CONSULTATION_PAGES = [
    ("consultations:detail", demo.CULTURE_SLUG, {}),
    ("consultations:device", demo.CULTURE_SLUG, {"anchor": "art-4-par-1"}),
    ("consultations:detail", demo.GARDENS_SLUG, {}),
    ("consultations:report", demo.GARDENS_SLUG, {}),
    ("consultations:report_csv", demo.GARDENS_SLUG, {}),
]
EVENT_SLUGS = [demo.LDO_SLUG, demo.FORUM_SLUG, demo.HEALTH_SLUG]


def test_every_demo_consultation_page_opens(client, loaded):
    urls = [
        reverse(name, kwargs={"slug": slug, **extra})
        for name, slug, extra in CONSULTATION_PAGES
    ]
    urls += ["/consultas/", "/agenda/", "/agenda/?visao=lista", "/agenda.ics"]
    urls += [f"/api/v1/consultas/{demo.CULTURE_SLUG}/", "/api/v1/audiencias/"]
    urls += [f"/audiencias/{slug}/evento.ics" for slug in EVENT_SLUGS]
    urls += [f"/api/v1/audiencias/{slug}/" for slug in EVENT_SLUGS]
    urls += ["/dados-abertos/contribuicoes.csv"]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("slug", EVENT_SLUGS)
def test_every_demo_event_page_opens(client, loaded, slug):
    response = client.get(reverse("consultations:event_detail", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert Event.objects.get(slug=slug).title in response.content.decode()
