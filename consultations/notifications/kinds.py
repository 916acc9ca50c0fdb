"""The kinds of notice of consultations, hearings and forums, as people see
them in their preferences (registered once, at import)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind

NEW_IN_FOLLOWED = register_kind(
    "consultations.new_in_followed",
    label=_("Novidades nos temas e bairros que você acompanha"),
    description=_(
        "Uma consulta que abriu ou uma audiência ou fórum publicados em uma área ou bairro que você segue."
    ),
    summary=_("%(what)s: %(title)s"),
    default_email_mode=EmailMode.DAILY,
)
CONSULTATION_UPDATE = register_kind(
    "consultations.consultation_update",
    label=_("Consultas que você acompanha"),
    description=_(
        "Quando a consulta abre, uma semana antes de encerrar e quando o relatório final é publicado."
    ),
    summary=_("%(title)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
REGISTRATION = register_kind(
    "consultations.registration",
    label=_("Suas inscrições em audiências e fóruns"),
    description=_(
        "A confirmação da inscrição, a lista de espera e quando uma vaga se abre para você."
    ),
    summary=_("%(title)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
EVENT_REMINDER = register_kind(
    "consultations.event_reminder",
    label=_("Lembretes de audiências e fóruns"),
    description=_(
        "Pouco antes do evento em que você se inscreveu, com o seu código de "
        "presença ou a sua posição na lista de espera."
    ),
    summary=_("Lembrete: %(title)s, %(when)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
EVENT_CHANGED = register_kind(
    "consultations.event_changed",
    label=_("Mudanças em eventos em que você se inscreveu"),
    description=_("Cancelamento, nova data, e a publicação da ata."),
    summary=_("%(title)s: %(what)s"),
    default_email_mode=EmailMode.IMMEDIATE,
)
CONTRIBUTION_UPDATE = register_kind(
    "consultations.contribution_update",
    label=_("Suas contribuições"),
    description=_(
        "Respostas de outras pessoas e decisões da moderação sobre o que você escreveu."
    ),
    summary=_("%(title)s: %(what)s"),
    default_email_mode=EmailMode.DAILY,
)
