"""Edits that race other writes: the service saves what it locked, never the
copy a view loaded before (entities/services/profile.py, civic.workflow)."""

import pytest
from django.core.exceptions import PermissionDenied

from entities import services
from entities.models import BoardMember, Entity, EntityEvent
from tests.entities.concurrency import needs_postgresql, run_together
from tests.entities.support import set_status

pytestmark = pytest.mark.django_db

S = Entity.Status


def test_edit_in_flight_does_not_undo_a_suspension(entity, representative, staff_user):
    set_status(entity, S.APPROVED)
    loaded_by_the_view = Entity.objects.get(pk=entity.pk)
    services.entity_transition(
        entity_id=entity.pk, action="suspend", actor=staff_user, note="Denúncia"
    )

    with pytest.raises(PermissionDenied):
        services.entity_update(
            entity=loaded_by_the_view,
            by=representative,
            fields={"summary": "Texto novo"},
        )

    entity.refresh_from_db()
    assert entity.status == S.SUSPENDED
    assert entity.summary != "Texto novo"
    assert EntityEvent.objects.filter(entity=entity).first().to_status == S.SUSPENDED


def test_edit_keeps_columns_written_meanwhile(entity, representative):
    loaded_by_the_view = Entity.objects.get(pk=entity.pk)
    Entity.objects.filter(pk=entity.pk).update(
        regularity=Entity.Regularity.REGULAR, phone="3133334444"
    )

    services.entity_update(
        entity=loaded_by_the_view, by=representative, fields={"summary": "Novo"}
    )

    entity.refresh_from_db()
    assert entity.summary == "Novo"
    assert entity.regularity == Entity.Regularity.REGULAR
    assert entity.phone == "3133334444"


def test_board_edit_in_flight_is_refused_after_suspension(
    entity, representative, staff_user
):
    set_status(entity, S.APPROVED)
    member = BoardMember.objects.create(entity=entity, name="Ana", role="Presidente")
    loaded_by_the_view = Entity.objects.get(pk=entity.pk)
    services.entity_transition(
        entity_id=entity.pk, action="suspend", actor=staff_user, note="Denúncia"
    )
    member.name = "Outra"

    with pytest.raises(PermissionDenied):
        services.board_update(
            entity=loaded_by_the_view, by=representative, save=[member]
        )

    member.refresh_from_db()
    assert member.name == "Ana"


@needs_postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_edit_and_suspension_agree_with_the_history(
    entity_factory, user_factory
):
    from django.contrib.auth.models import Group

    from tests.factories.entities import RepresentativeFactory

    for _round in range(5):
        entity = entity_factory()
        set_status(entity, S.APPROVED)
        rep = user_factory()
        RepresentativeFactory(entity=entity, user=rep, is_primary=True)
        reviewer = user_factory()
        reviewer.groups.add(Group.objects.get(name="Equipe SRSC"))
        stale = Entity.objects.get(pk=entity.pk)

        run_together(
            lambda stale=stale, rep=rep: services.entity_update(
                entity=stale, by=rep, fields={"summary": "Editado"}
            ),
            lambda entity=entity, reviewer=reviewer: services.entity_transition(
                entity_id=entity.pk, action="suspend", actor=reviewer, note="Motivo"
            ),
        )

        entity.refresh_from_db()
        assert entity.status == S.SUSPENDED
        last = EntityEvent.objects.filter(entity=entity).first()
        assert last.to_status == entity.status


# Finding 2 (first part): edits of an approved entity leave a trace --------------


def test_an_approved_entitys_edit_is_logged_with_before_and_after(
    entity, representative, staff_user
):
    from civic.notifications.models import Notification

    set_status(entity, S.APPROVED)
    old_summary = entity.summary

    services.entity_update(
        entity=entity, by=representative, fields={"summary": "Nova missão"}
    )

    event = EntityEvent.objects.filter(entity=entity).first()
    assert event.action == "edit"
    assert event.actor == representative
    assert event.data["changes"] == {"summary": [old_summary, "Nova missão"]}
    told = Notification.objects.filter(recipient=staff_user)
    assert told.filter(kind="entities.review_requested").count() == 1
    assert not Notification.objects.filter(recipient=representative).exists()


def test_a_draft_edit_or_no_change_writes_no_history(entity, representative):
    before = EntityEvent.objects.filter(entity=entity).count()
    services.entity_update(entity=entity, by=representative, fields={"summary": "X"})
    set_status(entity, S.APPROVED)
    services.entity_update(entity=entity, by=representative, fields={"summary": "X"})
    assert EntityEvent.objects.filter(entity=entity).count() == before
