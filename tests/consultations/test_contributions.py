"""The contribution services (services/contributions.py): create, on a
consultation or an event, and reply, with their rules and bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from civic.cache import current_generation
from civic.notifications.models import Notification
from civic.territory.models import Bairro
from consultations import services
from consultations.models import Contribution, Event
from tests.consultations.consultation_support import (
    S,
    approved_entity_with_representative,
    consultation_with_text,
    device,
    errors_of,
)
from tests.factories.consultations import ContributionFactory, EventFactory
from tests.factories.entities import EntityFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

C = Contribution
REPLIED = "consultations.contribution_update"


@pytest.fixture
def consultation():
    return consultation_with_text(S.OPEN)


@pytest.fixture
def create(consultation, citizen, django_capture_on_commit_callbacks):
    def run(**kwargs):
        kwargs.setdefault("author", citizen)
        kwargs.setdefault("text", "Sugiro ampliar o horário das hortas.")
        if "event" not in kwargs:
            kwargs.setdefault("consultation", consultation)
        with django_capture_on_commit_callbacks(execute=True):
            return services.contribution_create(**kwargs)

    return run


# contribution_create
# ------------------------------------------------------------------------------


def test_general_contribution(create, citizen):
    citizen.bairro = Bairro.objects.order_by("pk").first()
    citizen.save()
    contribution = create()
    assert contribution.moderation == C.Moderation.PUBLISHED
    assert contribution.device is None
    assert contribution.position == ""
    assert contribution.bairro == citizen.bairro
    assert contribution.show_name is False
    assert contribution.public_author == "Participante"


def test_the_bairro_is_a_snapshot(create, citizen):
    bairros = list(Bairro.objects.order_by("pk")[:2])
    citizen.bairro = bairros[0]
    citizen.save()
    contribution = create()
    citizen.bairro = bairros[1]
    citizen.save()
    contribution.refresh_from_db()
    assert contribution.bairro == bairros[0]


def test_a_published_contribution_makes_cached_pages_stale(create):
    before = current_generation()
    create()
    assert current_generation() != before


def test_on_a_device_with_a_position(create, consultation):
    target = device(consultation, "art-2-par-2")
    contribution = create(device=target, position=C.Position.DISAGREE, show_name=True)
    assert (contribution.device, contribution.position) == (target, "disagree")
    assert contribution.public_author == "Maria Cidadã"


def test_proposal_with_its_text(create, consultation):
    contribution = create(
        device=device(consultation, "art-1"),
        position=C.Position.PROPOSAL,
        proposed_text="  Fica instituída a Política Municipal de Agricultura Urbana.  ",
    )
    assert contribution.proposed_text == (
        "Fica instituída a Política Municipal de Agricultura Urbana."
    )


def test_html_is_stored_as_typed(create):
    text = '<script>alert("x")</script><b>negrito</b>'
    assert create(text=text).text == text


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"text": "   "}, "text", "Escreva sua contribuição"),
        ({"text": "x" * 5001}, "text", "no máximo 5.000 caracteres; este tem 5.001"),
        ({"position": "agree"}, "device", "Escolha o dispositivo"),
        ({"position": "maybe"}, "position", "posição válida"),
        ({"device": "art-1"}, "position", "concorda, discorda"),
        ({"device": "art-1", "position": "proposal"}, "proposed_text", "redação"),
        (
            {"device": "art-1", "position": "agree", "proposed_text": "Outra."},
            "proposed_text",
            "só vale com a posição",
        ),
        ({"proposed_text": "Outra."}, "proposed_text", "só vale com a posição"),
    ],
)
def test_bad_input(create, consultation, kwargs, field, message):
    if "device" in kwargs:
        kwargs["device"] = device(consultation, kwargs["device"])
    with pytest.raises(ValidationError) as excinfo:
        create(**kwargs)
    assert message in " ".join(errors_of(excinfo)[field])
    assert not Contribution.objects.exists()


def test_a_device_of_another_consultation(create):
    other = consultation_with_text(S.OPEN)
    with pytest.raises(ValidationError) as excinfo:
        create(device=device(other, "art-1"), position="agree")
    assert "device" in errors_of(excinfo)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (S.CLOSED, "encerrada"),
        (S.ANSWERED, "encerrada"),
        (S.SCHEDULED, "ainda não foi aberta"),
        (S.DRAFT, "não está recebendo"),
    ],
)
def test_only_open_consultations_take_contributions(create, status, message):
    closed = consultation_with_text(status)
    with pytest.raises(services.ContributionClosed, match=message):
        create(consultation=closed)


def test_inactive_people_cannot_contribute(create, citizen):
    citizen.is_active = False
    citizen.save()
    with pytest.raises(PermissionDenied):
        create()


def test_on_behalf_of_an_approved_entity(create, citizen):
    entity = approved_entity_with_representative(citizen, trade_name="Horta Viva")
    contribution = create(on_behalf_of=entity)
    assert contribution.on_behalf_of == entity
    assert contribution.public_author == entity.display_name


def test_not_on_behalf_of_an_entity_one_does_not_represent(create, user_factory):
    entity = approved_entity_with_representative(user_factory())
    with pytest.raises(ValidationError) as excinfo:
        create(on_behalf_of=entity)
    assert "on_behalf_of" in errors_of(excinfo)


def test_not_on_behalf_of_an_entity_not_yet_approved(create, citizen):
    entity = EntityFactory()
    RepresentativeFactory(entity=entity, user=citizen)
    with pytest.raises(ValidationError) as excinfo:
        create(on_behalf_of=entity)
    assert "on_behalf_of" in errors_of(excinfo)


def test_premoderation_keeps_it_pending_and_pages_unchanged(create, consultation):
    consultation.premoderation = True
    consultation.save()
    before = current_generation()
    contribution = create()
    assert contribution.moderation == C.Moderation.PENDING
    assert current_generation() == before


def test_both_targets_or_none_is_a_programming_error(consultation, citizen):
    event = EventFactory()
    with pytest.raises(ValueError, match="not both"):
        services.contribution_create(
            author=citizen, text="x", consultation=consultation, event=event
        )
    with pytest.raises(ValueError, match="not both"):
        services.contribution_create(author=citizen, text="x")


# Events share the same services
# ------------------------------------------------------------------------------


def test_contribution_to_a_published_event(create):
    event = EventFactory()
    contribution = create(event=event)
    assert contribution.event == event
    assert contribution.consultation is None


@pytest.mark.parametrize(
    "status", [Event.Status.DRAFT, Event.Status.CANCELLED, Event.Status.CONCLUDED]
)
def test_events_take_contributions_only_while_published(create, status):
    event = EventFactory(status=status)
    with pytest.raises(services.ContributionClosed, match="evento"):
        create(event=event)


def test_no_device_nor_position_at_an_event(create, consultation):
    with pytest.raises(ValidationError) as excinfo:
        create(
            event=EventFactory(), device=device(consultation, "art-1"), position="agree"
        )
    assert "device" in errors_of(excinfo)


def test_staff_record_an_oral_statement(create, staff_user):
    event = EventFactory()
    contribution = create(
        event=event,
        author=None,
        author_label="José da Silva, Associação do Citrolândia",
        show_name=True,
        channel=C.Channel.ORAL,
        recorded_by=staff_user,
    )
    assert contribution.author is None
    assert contribution.public_author == "José da Silva, Associação do Citrolândia"
    assert contribution.channel == C.Channel.ORAL


def test_citizens_cannot_record_statements_for_others(create, citizen):
    with pytest.raises(PermissionDenied):
        create(event=EventFactory(), author=None, recorded_by=citizen)


# contribution_reply
# ------------------------------------------------------------------------------


@pytest.fixture
def reply(django_capture_on_commit_callbacks):
    def run(parent, author, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.contribution_reply(
                parent_id=parent.pk,
                author=author,
                text=kwargs.pop("text", "Concordo com você."),
                **kwargs,
            )

    return run


def test_reply_tells_the_author(consultation, reply, user_factory):
    first, second = user_factory(), user_factory()
    top = ContributionFactory(consultation=consultation, author=first)
    answer = reply(top, second)
    assert answer.parent == top
    assert Notification.objects.filter(
        recipient=first, kind=REPLIED, key=f"contribution:{top.pk}:reply:{answer.pk}"
    ).exists()
    assert not Notification.objects.filter(recipient=second).exists()


def test_a_reply_to_a_reply_joins_the_top_level_thread(
    consultation, reply, user_factory
):
    first, second, third = user_factory(), user_factory(), user_factory()
    top = ContributionFactory(consultation=consultation, author=first)
    middle = reply(top, second)
    last = reply(middle, third)
    assert last.parent == top
    assert set(
        Notification.objects.filter(
            kind=REPLIED, key__contains=f"reply:{last.pk}"
        ).values_list("recipient_id", flat=True)
    ) == {first.pk, second.pk}


def test_replying_to_oneself_tells_nobody(consultation, reply, citizen):
    top = ContributionFactory(consultation=consultation, author=citizen)
    reply(top, citizen)
    assert not Notification.objects.filter(kind=REPLIED).exists()


def test_no_reply_to_a_removed_contribution(consultation, reply, citizen):
    top = ContributionFactory(consultation=consultation, moderation=C.Moderation.HIDDEN)
    with pytest.raises(ValidationError, match="não está publicada"):
        reply(top, citizen)


def test_no_reply_once_closed(reply, citizen):
    closed = consultation_with_text(S.CLOSED)
    top = ContributionFactory(consultation=closed)
    with pytest.raises(services.ContributionClosed):
        reply(top, citizen)


def test_a_premoderated_reply_tells_the_author_when_approved(
    consultation, reply, user_factory, moderator, django_capture_on_commit_callbacks
):
    consultation.premoderation = True
    consultation.save()
    first, second = user_factory(), user_factory()
    top = ContributionFactory(consultation=consultation, author=first)
    answer = reply(top, second)
    assert answer.moderation == C.Moderation.PENDING
    assert not Notification.objects.filter(recipient=first).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.contribution_moderate(
            contribution_id=answer.pk, by=moderator, action="publish"
        )
    assert Notification.objects.filter(recipient=first, kind=REPLIED).exists()
