"""Who may propose and who may celebrate: the registry read against arts. 33,
34 and 39 of Lei 13.019/2014.

Pure reads, no writes, so both the chamamento (proposals, habilitação) and the
partnership's execution (signature) ask the same questions:

- `blocking_sanctions(entity, on)`: the art. 73 II/III sanctions in force
  (kept in `sanctions.py`, the home of sanctions, and re-exported here);
- `proposal_problems(entity, on)`: why the entity may not submit a proposal;
- `eligibility_problems(entity, instrument, on)`: why it may not celebrate
  (the habilitação of art. 28 §1), as pt-BR sentences; empty means eligible.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from entities.models import Entity

from ..models import Accountability, Instrument
from .sanctions import active_blocking_sanctions as blocking_sanctions
from .sanctions import sanction_reason

# Art. 33 V-a: at least one year of active CNPJ for a municipal partnership.
MIN_CNPJ_YEARS = 1
# Art. 39 V: accounts rejected in the last 5 years bar the entity.
REJECTED_ACCOUNTS_YEARS = 5


def _today(on: dt.date | None) -> dt.date:
    return on or timezone.localdate()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _sanction_reasons(entity: Entity, day: dt.date) -> list[str]:
    return [sanction_reason(s) for s in blocking_sanctions(entity, day)]


def proposal_problems(entity: Entity, on: dt.date | None = None) -> list[str]:
    """Why the entity may not submit a proposal now: it must be approved in the
    registry and not be suspended or declared unfit. Documents are checked only
    at habilitação (art. 28 §1)."""
    day = _today(on)
    problems = []
    if entity.status != Entity.Status.APPROVED:
        problems.append(
            _(
                "O cadastro da entidade não está aprovado (situação: %(status)s). "
                "Só entidades aprovadas no cadastro podem enviar propostas."
            )
            % {"status": entity.get_status_display()}
        )
    problems.extend(_sanction_reasons(entity, day))
    return problems


def cnpj_opened_on(entity: Entity) -> dt.date | None:
    """When the entity's CNPJ was opened, as far as the registry knows (the
    founding date the entity declared, which the CNPJ card proves)."""
    return entity.founded_on


def eligibility_problems(
    entity: Entity, instrument: str, on: dt.date | None = None
) -> list[str]:
    """Why the entity may not celebrate a partnership of this instrument on the
    day: arts. 33 (CNPJ age for money instruments), 34 (documents in order, read
    from the registry's regularity) and 39 (sanctions, rejected accounts)."""
    day = _today(on)
    problems = proposal_problems(entity, day)
    if not entity.is_osc:
        problems.append(
            _(
                "Coletivos sem CNPJ não podem celebrar parcerias: a entidade precisa "
                "ser uma organização da sociedade civil constituída (art. 2º, I, e art. 39, I)."
            )
        )
    if entity.regularity != Entity.Regularity.REGULAR:
        problems.append(
            _(
                "A documentação da entidade no cadastro não está regular (%(regularity)s): "
                "certidões e documentos do art. 34 precisam estar válidos."
            )
            % {"regularity": entity.get_regularity_display().lower()}
        )
    if instrument in Instrument.with_money() and entity.is_osc:
        opened = cnpj_opened_on(entity)
        if opened is None:
            problems.append(
                _(
                    "O cadastro não informa a data de abertura do CNPJ; não é possível "
                    "comprovar pelo menos %(years)s ano de existência (art. 33, V, a)."
                )
                % {"years": MIN_CNPJ_YEARS}
            )
        elif opened > _years_before(day, MIN_CNPJ_YEARS):
            problems.append(
                _(
                    "O CNPJ da entidade tem menos de %(years)s ano de existência "
                    "(aberto em %(opened)s; art. 33, V, a)."
                )
                % {"years": MIN_CNPJ_YEARS, "opened": opened.strftime("%d/%m/%Y")}
            )
    if Accountability.objects.filter(
        partnership__entity=entity,
        status=Accountability.Status.PENDING,
        due_on__lt=day,
    ).exists():
        problems.append(
            _(
                "A entidade está omissa no dever de prestar contas de parceria "
                "anterior: há prestação de contas vencida e não apresentada (art. 39, II)."
            )
        )
    rejected_since = _years_before(day, REJECTED_ACCOUNTS_YEARS)
    if Accountability.objects.filter(
        partnership__entity=entity,
        status=Accountability.Status.IRREGULAR,
        decided_on__gte=rejected_since,
    ).exists():
        problems.append(
            _(
                "A entidade teve contas de parceria rejeitadas nos últimos %(years)s anos "
                "(art. 39, IV)."
            )
            % {"years": REJECTED_ACCOUNTS_YEARS}
        )
    return problems
