"""What the public page of an election reads, in a constant number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from ..models import Candidacy, Election
from ..rules import entities_represented_by

S = Election.Status
C = Candidacy.Status
PUBLIC_STATUSES = (C.HABILITATED, C.NOT_HABILITATED, C.APPEALED)


@dataclass
class SegmentBlock:
    """One segment of the page: its vacancies and its candidacies."""

    segment: str
    label: str
    seats: int
    candidacies: list[Candidacy] = field(default_factory=list)


def election_url(election: Election, name: str) -> str:
    return reverse(
        f"councils:election_{name}",
        kwargs={"slug": election.council.slug, "pk": election.pk},
    )


def election_page(election: Election, user) -> dict:
    """The blocks per segment, what is published so far, and the links the
    person may follow (inscription, vote, appeal)."""
    published = election.habilitation_published_at is not None
    counted = election.status in (S.COUNTED, S.NOMINATED)
    blocks = {
        v.segment: SegmentBlock(v.segment, v.get_segment_display(), v.seats)
        for v in election.vacancies.all()
    }
    if published:
        ordering = ["rank", "-votes", "entity__name"] if counted else ["entity__name"]
        candidacies = (
            election.candidacies.filter(status__in=PUBLIC_STATUSES)
            .select_related("entity")
            .order_by(*ordering)
        )
        for candidacy in candidacies:
            block = blocks.get(candidacy.segment)
            if block is not None:
                block.candidacies.append(candidacy)
    represents = bool(entities_represented_by(user))
    now = timezone.now()
    return {
        "blocks": list(blocks.values()),
        "published": published,
        "counted": counted,
        "is_preview": election.status == S.DRAFT,
        "appeal_open": published
        and election.status == S.HABILITATION
        and election.appeal_ends_at is not None
        and now <= election.appeal_ends_at,
        "represents": represents,
        "candidacy_url": election_url(election, "candidacy"),
        "vote_url": election_url(election, "vote"),
        "appeal_url": election_url(election, "appeal"),
        "candidacy_open": election.status == S.CANDIDACY
        and election.candidacy_starts_at <= now <= election.candidacy_ends_at,
        "voting_open": election.status == S.VOTING
        and election.voting_starts_at <= now < election.voting_ends_at,
    }
