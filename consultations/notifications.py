"""What consultations, hearings and forums tell people, and whom.

Every call carries a deterministic key, so a beat job that runs twice, or late,
tells nobody twice. The actor is never told about their own action.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from civic.notifications.choices import EmailMode
from civic.notifications.registry import register_kind

from . import dates

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


def _notify(recipients, *args, **kwargs):
    from civic.notifications import notify

    # Always a list of user ids (or users): notify() reads any queryset as rows
    # whose pk is the user's, so a values_list of Follow.user_id or
    # Registration.user_id would reach the people with those row ids instead.
    return notify(list(recipients), *args, **kwargs)


def _when(dt: datetime) -> str:
    return formats.date_format(timezone.localtime(dt), "DATETIME_FORMAT")


def _relative_day(dt: datetime, now: datetime) -> str:
    """“today” or “tomorrow” in Betim's calendar, else “” (the date is written out)."""
    days = (dates.local(dt).date() - dates.local(now).date()).days
    return {0: "today", 1: "tomorrow"}.get(days, "")


def _followers_of(
    *, policy_area_id=None, bairro_ids=(), consultation_id=None, any_bairro=False
):
    """People who follow the consultation, the area or one of the bairros
    (`any_bairro`: every bairro, for what concerns the whole city)."""
    from .models import Follow

    q = Q(pk__in=[])
    if consultation_id:
        q |= Q(consultation_id=consultation_id)
    if policy_area_id:
        q |= Q(policy_area_id=policy_area_id)
    if any_bairro:
        q |= Q(bairro__isnull=False)
    elif bairro_ids:
        q |= Q(bairro_id__in=list(bairro_ids))
    return Follow.objects.filter(q).values_list("user_id", flat=True).distinct()


def _contributors(consultation):
    from .models import Contribution

    return (
        Contribution.objects.filter(consultation=consultation, author__isnull=False)
        .values_list("author_id", flat=True)
        .distinct()
    )


def consultation_changed(consultation, action: str) -> None:
    """Tell people about a consultation opening or its report being published."""
    url = consultation.get_absolute_url()
    if action == "open":
        _notify(
            _followers_of(consultation_id=consultation.pk),
            CONSULTATION_UPDATE.slug,
            {
                "title": consultation.title,
                "what": str(_("a consulta está aberta")),
                "closes_at": _when(consultation.closes_at),
            },
            key=f"consultation:{consultation.pk}:open",
            url=url,
        )
        bairros = list(consultation.bairros.values_list("pk", flat=True))
        already = set(_followers_of(consultation_id=consultation.pk))
        # No bairros means the whole city: it concerns every bairro, as the
        # agenda's bairro filter also shows it.
        area_and_place = (
            set(
                _followers_of(
                    policy_area_id=consultation.policy_area_id,
                    bairro_ids=bairros,
                    any_bairro=not bairros,
                )
            )
            - already
        )
        _notify(
            area_and_place,
            NEW_IN_FOLLOWED.slug,
            {
                "what": str(_("Nova consulta pública")),
                "title": consultation.title,
                "closes_at": _when(consultation.closes_at),
            },
            key=f"consultation:{consultation.pk}:new",
            url=url,
        )
    elif action == "publish_report":
        people = set(_followers_of(consultation_id=consultation.pk)) | set(
            _contributors(consultation)
        )
        _notify(
            people,
            CONSULTATION_UPDATE.slug,
            {
                "title": consultation.title,
                "what": str(_("o relatório final foi publicado")),
            },
            key=f"consultation:{consultation.pk}:report",
            url=reverse("consultations:report", kwargs={"slug": consultation.slug}),
        )


def consultation_closing_soon(consultation, *, now: datetime) -> bool:
    """A week before closing, remind followers and contributors (once)."""
    days = settings.CONSULTATIONS_CLOSING_REMINDER_DAYS
    if consultation.closes_at - now > timedelta(days=days):
        return False
    people = set(_followers_of(consultation_id=consultation.pk)) | set(
        _contributors(consultation)
    )
    _notify(
        people,
        CONSULTATION_UPDATE.slug,
        {
            "title": consultation.title,
            "what": str(_("a consulta encerra em breve")),
            "closes_at": _when(consultation.closes_at),
        },
        key=f"consultation:{consultation.pk}:closing:{consultation.closes_at.isoformat()}",
        url=consultation.get_absolute_url(),
    )
    return True


def _registered(event, statuses=("confirmed", "waitlisted"), *, actor=None):
    """The people registered (by default, confirmed or waiting), but the actor."""
    people = event.registrations.filter(status__in=statuses)
    if actor is not None:
        people = people.exclude(user_id=actor.pk)
    return people.values_list("user_id", flat=True)


def event_published(event, *, actor=None) -> None:
    """Tell the followers of the event's area and of its venue's bairro (not
    the person who published it)."""
    bairro_ids = (
        [event.venue.bairro_id] if event.venue_id and event.venue.bairro_id else []
    )
    followers = _followers_of(
        policy_area_id=event.policy_area_id, bairro_ids=bairro_ids
    )
    if actor is not None:
        followers = followers.exclude(user_id=actor.pk)
    _notify(
        followers,
        NEW_IN_FOLLOWED.slug,
        {
            "what": str(event.get_kind_display()),
            "title": event.title,
            "when": _when(event.starts_at),
        },
        key=f"event:{event.pk}:published",
        url=event.get_absolute_url(),
    )


def event_rescheduled(
    event,
    *,
    reason: str,
    previous_starts_at: datetime,
    previous_ends_at: datetime,
    actor=None,
) -> None:
    """Tell everyone registered of the new date, with the old one and why."""
    _notify(
        _registered(event, actor=actor),
        EVENT_CHANGED.slug,
        {
            "title": event.title,
            "what": str(_("nova data")),
            "when": _when(event.starts_at),
            "previous_schedule": dates.schedule(previous_starts_at, previous_ends_at),
            "reason": reason,
            "rescheduled": True,
            **_event_place(event),
        },
        key=f"event:{event.pk}:schedule:{event.schedule_version}",
        url=event.get_absolute_url(),
    )


def event_cancelled(event, *, actor=None) -> None:
    _notify(
        _registered(event, actor=actor),
        EVENT_CHANGED.slug,
        {
            "title": event.title,
            "what": str(_("evento cancelado")),
            "reason": event.cancellation_reason,
            "cancelled": True,
            **_event_place(event),
        },
        key=f"event:{event.pk}:cancelled",
        url=event.get_absolute_url(),
    )


def event_concluded(event, *, actor=None) -> None:
    _notify(
        _registered(event, statuses=("confirmed",), actor=actor),
        EVENT_CHANGED.slug,
        {
            "title": event.title,
            "what": str(_("a ata foi publicada")),
            "concluded": True,
        },
        key=f"event:{event.pk}:concluded",
        url=event.get_absolute_url(),
    )


def _event_place(event) -> dict:
    """When, where and how to attend, for the registration, reminder and
    change emails."""
    venue = event.venue if event.venue_id else None
    bairro = venue.bairro if venue is not None and venue.bairro_id else None
    return {
        # Not "kind": the email templates get the notification kind under that name.
        "event_kind": str(event.get_kind_display()),
        "schedule": dates.schedule(event.starts_at, event.ends_at),
        "date": dates.long_day(event.starts_at),
        "start_time": dates.hour(event.starts_at),
        "venue": str(venue or ""),
        "address": venue.address if venue else "",
        "bairro": bairro.name if bairro is not None else "",
        "step_free_access": bool(venue and venue.step_free_access),
        "accessibility_notes": venue.accessibility_notes if venue else "",
        "stream_url": event.stream_url,
        "libras": event.libras,
    }


def registration_created(registration) -> None:
    from .selectors.events import viewer_registration

    event = registration.event
    confirmed = registration.status == "confirmed"
    _notify(
        [registration.user_id],
        REGISTRATION.slug,
        {
            "title": event.title,
            "what": str(
                _("inscrição confirmada")
                if confirmed
                else _("você está na lista de espera")
            ),
            "confirmed": confirmed,
            "when": _when(event.starts_at),
            **_event_place(event),
            "code": registration.checkin_code if confirmed else "",
            "position": None
            if confirmed
            else viewer_registration(event, registration.user).waitlist_position,
        },
        key=f"registration:{registration.pk}:created",
        url=event.get_absolute_url(),
    )


def registration_promoted(registration) -> None:
    event = registration.event
    _notify(
        [registration.user_id],
        REGISTRATION.slug,
        {
            "title": event.title,
            "what": str(_("abriu uma vaga: sua inscrição está confirmada")),
            "confirmed": True,
            "promoted": True,
            "when": _when(event.starts_at),
            **_event_place(event),
            "code": registration.checkin_code,
        },
        key=f"registration:{registration.pk}:promoted",
        url=event.get_absolute_url(),
    )


def registration_cancelled(registration) -> None:
    """Staff cancelled someone's registration: tell the person."""
    event = registration.event
    _notify(
        [registration.user_id],
        REGISTRATION.slug,
        {
            "title": event.title,
            "what": str(_("sua inscrição foi cancelada pela organização")),
            "cancelled": True,
            "when": _when(event.starts_at),
        },
        key=f"registration:{registration.pk}:cancelled",
        url=event.get_absolute_url(),
    )


def event_reminders_send(now: datetime | None = None) -> int:
    """Remind everyone registered, EVENTS_REMINDER_HOURS before each event (once
    per date): confirmed people with their own check-in code, people still on
    the waitlist with their place in it. Returns how many events had someone to
    remind.

    The beat runs every few minutes: only people not yet reminded of this date
    are looked at, so a run costs a query per event once everyone is told."""
    from civic.notifications.models import Notification

    from .models import Event, Registration
    from .selectors.events import waitlist_position

    R = Registration.Status
    now = now or timezone.now()
    window = timedelta(hours=settings.EVENTS_REMINDER_HOURS)
    count = 0
    for event in Event.objects.filter(
        status=Event.Status.PUBLISHED, starts_at__gt=now, starts_at__lte=now + window
    ).select_related("venue__bairro"):
        key = f"event:{event.pk}:reminder:{event.schedule_version}"
        to_remind = list(
            event.registrations.filter(
                status__in=(R.CONFIRMED, R.WAITLISTED),
                user__is_active=True,
                user__deleted_at__isnull=True,
            )
            .exclude(
                user_id__in=Notification.objects.filter(
                    kind=EVENT_REMINDER.slug, key=key
                ).values("recipient_id")
            )
            .annotate(position=waitlist_position())
            .values_list("user_id", "status", "checkin_code", "position")
        )
        if not to_remind:
            continue
        count += 1
        context = {
            "title": event.title,
            "when": _when(event.starts_at),
            "relative_day": _relative_day(event.starts_at, now),
            **_event_place(event),
        }
        for user_id, status, code, position in to_remind:
            confirmed = status == R.CONFIRMED
            _notify(
                [user_id],
                EVENT_REMINDER.slug,
                {
                    **context,
                    "confirmed": confirmed,
                    "code": code if confirmed else "",
                    "position": position,
                },
                key=key,
                url=event.get_absolute_url(),
            )
    return count


def contribution_replied(reply) -> None:
    parent = reply.parent
    if parent.author_id is None or parent.author_id == reply.author_id:
        return
    target = parent.consultation or parent.event
    _notify(
        [parent.author_id],
        CONTRIBUTION_UPDATE.slug,
        {"title": str(target), "what": str(_("alguém respondeu à sua contribuição"))},
        key=f"contribution:{parent.pk}:reply:{reply.pk}",
        url=target.get_absolute_url() + f"#contribuicao-{parent.pk}",
    )


def contribution_moderated(contribution) -> None:
    if contribution.author_id is None:
        return
    target = contribution.consultation or contribution.event
    hidden = contribution.moderation == "hidden"
    _notify(
        [contribution.author_id],
        CONTRIBUTION_UPDATE.slug,
        {
            "title": str(target),
            "what": str(
                _("sua contribuição foi removida pela moderação")
                if hidden
                else _("sua contribuição foi publicada")
            ),
            "reason": contribution.moderation_reason,
            "hidden": hidden,
        },
        key=f"contribution:{contribution.pk}:moderation:{contribution.moderation}",
        url=target.get_absolute_url(),
    )
