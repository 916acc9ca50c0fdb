"""The notices of elections (kind ELECTIONS): each phase to the
representatives of the eligible entities (approved and regular), once per
election and phase; each decision on a candidacy to the representatives of
the entity; the cancellation to both the eligible entities and the
candidates. Called inside the workflow's transaction: mail leaves on commit."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from .kinds import ELECTIONS

PHASES = {
    "open": "opened",
    "publish_habilitation": "habilitation",
    "open_voting": "voting",
    "count": "result",
    "nominate": "nomination",
}


def _what(election, phase: str) -> str:
    return {
        "opened": _("inscrições abertas para a eleição “%(title)s”"),
        "habilitation": _("habilitação publicada na eleição “%(title)s”"),
        "voting": _("votação aberta na eleição “%(title)s”"),
        "result": _("resultado da eleição “%(title)s”"),
        "nomination": _("eleitos nomeados na eleição “%(title)s”"),
    }[phase] % {"title": election.title}


def _lines(election, phase: str) -> list[str]:
    from ..services.elections import when

    if phase == "opened":
        return [
            _("Inscrições de %(start)s a %(end)s.")
            % {
                "start": when(election.candidacy_starts_at),
                "end": when(election.candidacy_ends_at),
            }
        ]
    if phase == "habilitation" and election.appeal_ends_at:
        return [_("Recursos até %(when)s.") % {"when": when(election.appeal_ends_at)}]
    if phase == "voting":
        return [
            _("Sua entidade vota uma vez em cada segmento, até %(when)s.")
            % {"when": when(election.voting_ends_at)}
        ]
    return []


def eligible_representatives() -> list[int]:
    """Ids of the people who represent an eligible entity."""
    from ..services.elections import eligible_entities

    return list(
        get_user_model()
        .objects.filter(representations__entity__in=eligible_entities())
        .values_list("pk", flat=True)
        .distinct()
    )


def _send(people, election, *, what: str, lines: list[str], key: str):
    from civic.notifications import notify

    return notify(
        list(people),
        ELECTIONS.slug,
        {
            "council": election.council.acronym or election.council.name,
            "what": what,
            "title": election.title,
            "lines": lines,
        },
        key=key,
        url=election.get_absolute_url(),
    )


def phase_changed(election, action: str):
    """A phase began: tell the eligible entities' representatives (once)."""
    phase = PHASES.get(action)
    if phase is None:
        return []
    return _send(
        eligible_representatives(),
        election,
        what=_what(election, phase),
        lines=_lines(election, phase),
        key=f"election-{election.pk}-{phase}",
    )


def candidacy_people(election) -> set[int]:
    """Ids of the people of the election's candidacies: the representatives
    of the candidate entities and the people they nominated."""
    from entities.models import Representative

    candidacies = election.candidacies.all()
    people = set(
        Representative.objects.filter(
            entity__in=candidacies.values("entity")
        ).values_list("user_id", flat=True)
    )
    for nominee, alternate in candidacies.values_list(
        "nominee_id", "alternate_nominee_id"
    ):
        people |= {nominee, alternate}
    return people - {None}


def election_cancelled(election, *, note: str, source: str, actor=None):
    """The election was cancelled: tell the eligible entities'
    representatives and the candidates, with the reason (once). A draft was
    never announced: nobody is told."""
    if source == election.Status.DRAFT:
        return []
    people = (set(eligible_representatives()) | candidacy_people(election)) - {
        getattr(actor, "pk", None)
    }
    return _send(
        sorted(people),
        election,
        what=_("eleição “%(title)s” cancelada") % {"title": election.title},
        lines=[_("Motivo: %(reason)s") % {"reason": note}] if note else [],
        key=f"election-{election.pk}-cancelled",
    )


def candidacy_decided(candidacy, log):
    """Tell the entity's representatives the decision and why (once per decision)."""
    people = candidacy.entity.representatives.values_list("user_id", flat=True)
    what = _("candidatura de %(entity)s: %(status)s") % {
        "entity": candidacy.entity.name,
        "status": candidacy.get_status_display(),
    }
    lines = [candidacy.decision_note] if candidacy.decision_note else []
    return _send(
        people,
        candidacy.election,
        what=what,
        lines=lines,
        key=f"election-{candidacy.election_id}-candidacy-{candidacy.pk}-{log.pk}",
    )
