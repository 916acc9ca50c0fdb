"""The kinds of notice of the councils, as people see them in their preferences."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind

CONVOCATION = register_kind(
    "councils.convocation",
    label=_("Convocações dos conselhos de que você é membro"),
    description=_(
        "A convocação com a pauta, mudanças de data ou cancelamento, e o lembrete "
        "na véspera; para a secretaria executiva, quem avisou que não poderá "
        "comparecer."
    ),
    summary=_("%(council)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
ABSENCES = register_kind(
    "councils.absences",
    label=_("Faltas em conselhos"),
    description=_(
        "Quando as faltas sem justificativa de um(a) conselheiro(a) chegam ao limite do regimento."
    ),
    summary=_("%(council)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
PUBLICATIONS = register_kind(
    "councils.publications",
    label=_("Atas e resoluções dos conselhos que você acompanha"),
    description=_("Quando uma ata ou uma resolução é publicada."),
    summary=_("%(council)s: %(what)s"),
    default_email_mode=EmailMode.DAILY,
)
ELECTIONS = register_kind(
    "councils.elections",
    label=_("Eleições da sociedade civil nos conselhos"),
    description=_(
        "Cada fase das eleições em que a sua entidade pode se candidatar ou votar."
    ),
    summary=_("%(council)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
