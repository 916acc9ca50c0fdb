"""Votes on the deliberative items of an installed meeting.

The result is `quorum.vote_result`'s (simple, absolute or qualified majority,
the president's casting vote on a tie where the regimento gives it). The item
row is locked while its votes are written, so two people recording at once
cannot interleave their counts.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AgendaItem, Meeting
from . import quorum as arithmetic
from .attendance import present_count, voting_seats
from .meetings import workflow

R = AgendaItem.Result


def vote_error_message(code: str, *, present: int) -> str:
    """The pt-BR sentence for each way the counts cannot be right."""
    messages = {
        "negative": _("Os votos não podem ser negativos."),
        "more_than_present": _(
            "Os votos somam mais do que os %(present)s conselheiros presentes."
        ),
        "casting_without_tie": _(
            "O voto de desempate da presidência só vale quando há empate."
        ),
        "casting_not_allowed": _(
            "O regimento deste conselho não dá voto de desempate à presidência."
        ),
        "casting_unknown": _("Escolha “a favor” ou “contra” para o desempate."),
    }
    return messages.get(code, _("Confira os votos.")) % {"present": present}


def _count(name: str, value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ValidationError({name: _("Informe um número inteiro.")}) from None
    if number < 0:
        raise ValidationError({name: _("Os votos não podem ser negativos.")})
    if number > 1000:
        raise ValidationError({name: _("Número de votos grande demais.")})
    return number


def record_vote(
    item: AgendaItem,
    votes_for,
    votes_against,
    abstentions,
    casting_vote: str,
    actor,
    *,
    now: datetime | None = None,
) -> AgendaItem:
    """Record the votes of a deliberative item and its result; recording again
    corrects the count (the log keeps each one)."""
    now = now or timezone.now()
    votes_for = _count("votes_for", votes_for)
    votes_against = _count("votes_against", votes_against)
    abstentions = _count("abstentions", abstentions)
    casting_vote = casting_vote or ""
    with transaction.atomic():
        locked = (
            AgendaItem.objects.select_for_update()
            .select_related("meeting__council")
            .get(pk=item.pk)
        )
        meeting = locked.meeting
        if not actor.has_perm("councils.record_vote", meeting):
            raise PermissionDenied
        if not locked.is_deliberative:
            raise ValidationError(
                _("Este item não é deliberativo: não há votação."),
                code="not_deliberative",
            )
        if locked.result == R.WITHDRAWN:
            raise ValidationError(
                _("Este item foi retirado de pauta."), code="withdrawn"
            )
        if meeting.status not in (Meeting.Status.CONVENED, Meeting.Status.HELD) or (
            not meeting.installed_at
        ):
            raise ValidationError(
                _(
                    "Os votos são registrados numa reunião instalada: registre as "
                    "presenças e instale a reunião antes."
                ),
                code="not_installed",
            )
        present = present_count(meeting)
        council = meeting.council
        try:
            result = arithmetic.vote_result(
                majority=locked.majority,
                votes_for=votes_for,
                votes_against=votes_against,
                abstentions=abstentions,
                present=present,
                voting_seats=voting_seats(council),
                casting_vote=casting_vote,
                casting_vote_allowed=council.president_casting_vote,
            )
        except arithmetic.VoteError as error:
            raise ValidationError(
                {
                    error.field or "votes_for": vote_error_message(
                        str(error), present=present
                    )
                }
            ) from None
        locked.votes_for = votes_for
        locked.votes_against = votes_against
        locked.abstentions = abstentions
        locked.casting_vote = casting_vote
        locked.result = R.APPROVED if result.approved else R.REJECTED
        locked.voted_at = now
        locked.save(
            update_fields=[
                "votes_for",
                "votes_against",
                "abstentions",
                "casting_vote",
                "result",
                "voted_at",
            ]
        )
        workflow.record(
            meeting,
            action="vote",
            actor=actor,
            data={
                "item": locked.pk,
                "votes_for": votes_for,
                "votes_against": votes_against,
                "abstentions": abstentions,
                "casting_vote": casting_vote,
                "result": locked.result,
                "present": present,
            },
            now=now,
        )
    return locked
