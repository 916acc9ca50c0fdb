"""The kinds of notice of the partnerships, as people see them in their preferences."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind

CALLS = register_kind(
    "partnerships.calls",
    label=_("Chamamentos públicos"),
    description=_(
        "Um edital publicado na área da sua entidade, resultados e decisões de recursos das suas propostas."
    ),
    summary=_("%(title)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
DEADLINES = register_kind(
    "partnerships.deadlines",
    label=_("Prazos das parcerias"),
    description=_(
        "Prestação de contas, diligências, defesa e pedidos de prorrogação: 30 e 7 dias antes, no dia e quando vencer."
    ),
    summary=_("%(title)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
EXECUTION = register_kind(
    "partnerships.execution",
    label=_("Execução das parcerias"),
    description=_(
        "Assinatura, extrato, liberação ou retenção de parcelas, alterações, sanções e encerramento."
    ),
    summary=_("%(title)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
