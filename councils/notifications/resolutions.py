"""Who hears of a published resolution: the council's followers and its
current members (titulares and suplentes), never the person who published."""

from __future__ import annotations

from django.utils.translation import gettext as _

from civic.notifications import notify

from ..models import CouncilFollow, Mandate, Resolution
from .kinds import PUBLICATIONS


def publication_audience(council_id: int, *, actor=None) -> list[int]:
    """Ids of the followers and current members of the council, the actor left out."""
    followers = CouncilFollow.objects.filter(council_id=council_id).values_list(
        "user_id", flat=True
    )
    members = Mandate.objects.filter(
        council_id=council_id, ends_on__isnull=True
    ).values_list("person_id", flat=True)
    actor_id = getattr(actor, "pk", None)
    ids = dict.fromkeys([*followers, *members])
    return [pk for pk in ids if pk is not None and pk != actor_id]


def resolution_published(resolution: Resolution, *, actor=None) -> None:
    """Tell followers and members, once per resolution (`resolution-<pk>`)."""
    council = resolution.council
    lines = [str(resolution.title)]
    if resolution.revokes.exists():
        lines.append(
            _("Revoga: %(list)s.")
            % {"list": ", ".join(str(r) for r in resolution.revokes.all())}
        )
    notify(
        publication_audience(council.pk, actor=actor),
        PUBLICATIONS.slug,
        {
            "council": council.acronym,
            "what": _("publicada a %(resolution)s") % {"resolution": resolution},
            "lines": lines,
        },
        key=f"resolution-{resolution.pk}",
        url=resolution.get_absolute_url(),
    )
