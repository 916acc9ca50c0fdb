"""What the execution, accounts and sanctions of a partnership tell people:
the entity's representatives and the gestor, never the actor.

Every notice carries a deterministic key (the log row, or the deadline and
its milestone), so a job that runs twice tells nobody twice.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from civic.notifications.services import notify

from .kinds import DEADLINES, EXECUTION


def people_of(entity_id: int, gestor_id: int | None = None, *, exclude=None) -> list:
    """Ids of the active representatives of the entity, and the gestor."""
    User = get_user_model()
    ids = set(
        User.objects.filter(
            representations__entity_id=entity_id, is_active=True
        ).values_list("pk", flat=True)
    )
    if gestor_id:
        ids.add(gestor_id)
    if exclude is not None:
        ids.discard(getattr(exclude, "pk", exclude))
    return sorted(ids)


def entity_url(partnership) -> str:
    """The entity's page of the partnership, where it acts."""
    return reverse("partnerships:entity_partnership", kwargs={"pk": partnership.pk})


def _send(
    kind, people: Iterable, *, title: str, what: str, key: str, url: str, lines=()
):
    people = list(people)
    if not people:
        return []
    return notify(
        people,
        kind.slug,
        {"title": title, "what": str(what), "lines": [str(line) for line in lines]},
        key=key,
        url=url,
    )


def execution_step(partnership, log, what, *, lines=()) -> None:
    """A step of the execution (signature, extrato, parcela, change, closing):
    the representatives and the gestor, except whoever took it."""
    _send(
        EXECUTION,
        people_of(partnership.entity_id, partnership.gestor_id, exclude=log.actor_id),
        title=partnership.number,
        what=what,
        key=f"partnership-log:{log.pk}",
        url=entity_url(partnership),
        lines=lines,
    )


def accountability_step(accountability, log, what, *, lines=()) -> None:
    """A step of the accounts (presented, diligência, conclusion)."""
    partnership = accountability.partnership
    _send(
        EXECUTION,
        people_of(partnership.entity_id, partnership.gestor_id, exclude=log.actor_id),
        title=partnership.number,
        what=what,
        key=f"accountability-log:{log.pk}",
        url=entity_url(partnership),
        lines=lines,
    )


def sanction_step(sanction, log, what, *, lines=()) -> None:
    """A step of a sanction file (opened, defence, decision, rehabilitation)."""
    partnership = sanction.partnership
    _send(
        EXECUTION,
        people_of(
            sanction.entity_id,
            partnership.gestor_id if partnership else None,
            exclude=log.actor_id,
        ),
        title=sanction.entity.display_name,
        what=what,
        key=f"sanction-log:{log.pk}",
        url=reverse("partnerships:entity_sanction", kwargs={"pk": sanction.pk}),
        lines=lines,
    )


def deadline_reminder(
    *, people, title: str, what: str, key: str, url: str, lines=()
) -> list:
    """One reminder of a deadline, once per key."""
    return _send(
        DEADLINES, people, title=title, what=what, key=key, url=url, lines=lines
    )


def reminder_text(label: str, due_on, milestone: str) -> str:
    """“Prestação de contas vence em 7 dias (10/03/2027)”, or overdue."""
    date = due_on.strftime("%d/%m/%Y")
    if milestone == "overdue":
        return _("%(label)s venceu em %(date)s") % {"label": label, "date": date}
    if milestone == "0":
        return _("%(label)s vence hoje (%(date)s)") % {"label": label, "date": date}
    return _("%(label)s vence em %(days)s dias (%(date)s)") % {
        "label": label,
        "days": milestone,
        "date": date,
    }
