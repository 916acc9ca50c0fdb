"""Notices to a person about what they wrote: a reply, and what the
moderation decided."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .common import tell
from .kinds import CONTRIBUTION_UPDATE


def _tell_author(contribution, *, what, key: str, url: str = "", **context) -> None:
    """A CONTRIBUTION_UPDATE notice to the contribution's author, once per key."""
    target = contribution.consultation or contribution.event
    tell(
        [contribution.author_id],
        CONTRIBUTION_UPDATE,
        title=str(target),
        what=what,
        key=f"contribution:{contribution.pk}:{key}",
        url=url or target.get_absolute_url(),
        **context,
    )


def contribution_replied(reply) -> None:
    """Someone replied to a person's contribution (never the person themself)."""
    parent = reply.parent
    if parent.author_id is None or parent.author_id == reply.author_id:
        return
    target = parent.consultation or parent.event
    _tell_author(
        parent,
        what=_("alguém respondeu à sua contribuição"),
        key=f"reply:{reply.pk}",
        url=target.get_absolute_url() + f"#contribuicao-{parent.pk}",
    )


def contribution_moderated(contribution) -> None:
    """The moderation published or removed a person's contribution."""
    if contribution.author_id is None:
        return
    hidden = contribution.moderation == "hidden"
    _tell_author(
        contribution,
        what=_("sua contribuição foi removida pela moderação")
        if hidden
        else _("sua contribuição foi publicada"),
        key=f"moderation:{contribution.moderation}",
        reason=contribution.moderation_reason,
        hidden=hidden,
    )
