"""Who hears of what happens to a demand.

- The requester, and the representatives of the entity the demand speaks for,
  hear of every step staff take (never of internal notes). An anonymous
  denúncia tells nobody: its author follows it with the protocol and code.
- The SRSC team hears of every new denúncia about a partnership (the MROSC
  art. 12 channel), so none waits unseen in the queue.
- The assignee hears of the requester's replies and reopenings, of notes, and
  of the deadline (5 days before and once overdue); a body's staff hear of a
  demand forwarded to them.

Never the person who acted. Keys come from the history row (`demand-log:<pk>`)
or the deadline (`demand:<pk>:due:<date>:soon`), so nothing is told twice.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from civic.notifications import notify
from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind

UPDATES = register_kind(
    "dialogue.updates",
    label=gettext_lazy("Suas manifestações no Fale com a SRSC"),
    description=gettext_lazy(
        "Cada passo das suas demandas e das demandas das entidades que você "
        "representa: análise, encaminhamento, pedido de informações, resposta."
    ),
    summary=gettext_lazy("%(protocol)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
STAFF = register_kind(
    "dialogue.staff",
    label=gettext_lazy("Atendimento do Fale com a SRSC"),
    description=gettext_lazy(
        "Demandas atribuídas a você ou encaminhadas ao seu órgão, respostas "
        "dos solicitantes e notas internas."
    ),
    summary=gettext_lazy("%(protocol)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
DEADLINES = register_kind(
    "dialogue.deadlines",
    label=gettext_lazy("Prazos do Fale com a SRSC"),
    description=gettext_lazy(
        "Demandas sob sua responsabilidade que vencem em 5 dias ou já venceram."
    ),
    summary=gettext_lazy("%(protocol)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)


def _requester_news(demand, log) -> str | None:
    """What the requester's side is told of this step, if anything."""
    action = log.action
    if action == "assign":
        return _("sua manifestação está em análise")
    if action == "forward":
        return _("sua manifestação foi encaminhada a %(body)s") % {
            "body": demand.forwarded_to
        }
    if action == "ask":
        return _(
            "precisamos de mais informações; o prazo fica suspenso até a sua resposta"
        )
    if action == "answer":
        return _("sua manifestação foi respondida")
    if action == "close":
        return _("sua manifestação foi encerrada")
    if action == "extend":
        return _("o prazo de resposta foi prorrogado até %(date)s") % {
            "date": demand.due_on.strftime("%d/%m/%Y")
        }
    if action in {
        "open",
        "reply",
        "reopen",
    }:  # told to the entity's other representatives
        return {
            "open": _("manifestação registrada em nome da entidade"),
            "reply": _("as informações pedidas foram enviadas"),
            "reopen": _("a manifestação foi reaberta"),
        }[action]
    return None


def _requester_side(demand) -> list[int]:
    if demand.requester_id is None:
        return []
    ids = [demand.requester_id]
    if demand.on_behalf_of_id:
        ids += list(
            demand.on_behalf_of.representatives.values_list("user_id", flat=True)
        )
    return ids


def _staff_news(demand, log) -> tuple[list[int], str] | None:
    action = log.action
    if action == "open" and is_partnership_report(demand):
        # The MROSC art. 12 channel: the whole team hears of a new denúncia
        # about a partnership (never its text, which stays in the platform).
        return _team(), _("nova denúncia sobre a parceria %(number)s") % {
            "number": demand.concerns_partnership.number
        }
    if action == "assign":
        return [demand.assignee_id], _("atribuída a você")
    if action == "forward":
        return _body_staff(demand), _("encaminhada ao seu órgão")
    if action in {"reply", "reopen", "note"}:
        what = {
            "reply": _("o solicitante enviou as informações pedidas"),
            "reopen": _("o solicitante reabriu a demanda"),
            "note": _("nova nota interna"),
        }[action]
        return [demand.assignee_id, *_body_staff(demand)], what
    return None


def is_partnership_report(demand) -> bool:
    """A denúncia about a partnership: the art. 12 channel of Lei 13.019/2014."""
    from .models import Demand

    return (
        demand.kind == Demand.Kind.REPORT and demand.concerns_partnership_id is not None
    )


def _team() -> list[int]:
    """Active members of the SRSC team (who hold `dialogue.manage_dialogue`)."""
    held = Q(groups__permissions__codename="manage_dialogue") | Q(
        user_permissions__codename="manage_dialogue"
    )
    return list(
        get_user_model()
        .objects.filter(held, is_active=True)
        .distinct()
        .values_list("pk", flat=True)
    )


def _body_staff(demand) -> list[int]:
    from .models import BodyMember

    if not demand.forwarded_to_id:
        return []
    return list(
        BodyMember.objects.filter(body_id=demand.forwarded_to_id).values_list(
            "user_id", flat=True
        )
    )


def _others(ids, actor_id) -> list[int]:
    return [pk for pk in dict.fromkeys(ids) if pk is not None and pk != actor_id]


def staff_url(demand) -> str:
    return reverse("dialogue_demands:inspect", args=[demand.pk])


def demand_changed(demand, log) -> None:
    """Tell each side what this step means to it (inside the transaction)."""
    actor_id = log.actor_id
    context = {"protocol": demand.protocol, "subject": demand.subject}
    news = _requester_news(demand, log)
    if news and log.action != "note":
        lines = []
        if log.action in {"ask", "answer"}:
            lines.append(log.note)
        notify(
            _others(_requester_side(demand), actor_id),
            UPDATES.slug,
            {**context, "what": news, "lines": lines},
            key=f"demand-log:{log.pk}",
            url=demand.get_absolute_url(),
        )
    staff = _staff_news(demand, log)
    if staff:
        ids, what = staff
        notify(
            _others(ids, actor_id),
            STAFF.slug,
            {**context, "what": what, "lines": [log.note] if log.note else []},
            key=f"demand-log:{log.pk}",
            url=staff_url(demand),
        )


def deadline_reminder(demand, *, overdue: bool) -> None:
    """Remind the assignee once per deadline: soon, or overdue."""
    when = "overdue" if overdue else "soon"
    what = (
        _("o prazo de resposta venceu em %(date)s")
        if overdue
        else _("o prazo de resposta vence em %(date)s")
    ) % {"date": demand.due_on.strftime("%d/%m/%Y")}
    notify(
        [demand.assignee_id],
        DEADLINES.slug,
        {
            "protocol": demand.protocol,
            "subject": demand.subject,
            "what": what,
            "lines": [],
        },
        key=f"demand:{demand.pk}:due:{demand.due_on.isoformat()}:{when}",
        url=staff_url(demand),
    )
