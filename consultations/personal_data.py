"""The consultations' part in LGPD requests."""

from django.db.models import F
from django.utils import timezone

from civic.accounts.personal_data import register_eraser, register_exporter

from .models import (
    AbuseReport,
    Contribution,
    Follow,
    Registration,
    SpeakerRequest,
    Support,
)


def export(user) -> dict:
    """Contributions, supports, registrations (with the check-in code and the
    accessibility needs the person declared), speaker requests, the abuse
    reports they filed, and follows."""
    return {
        "contributions": [
            {
                "where": str(c.consultation or c.event),
                "device": c.device.label if c.device_id else "",
                "position": c.get_position_display() if c.position else "",
                "text": c.text,
                "proposed_text": c.proposed_text,
                "show_name": c.show_name,
                "sent_at": c.created_at,
                "answer": c.get_answer_display() if c.answer else "",
                "answer_text": c.answer_text,
            }
            for c in Contribution.objects.filter(author=user).select_related(
                "consultation", "event", "device"
            )
        ],
        "supports": list(
            Support.objects.filter(user=user).values_list("contribution_id", flat=True)
        ),
        "registrations": [
            {
                "event": str(r.event),
                "status": r.get_status_display(),
                "since": r.created_at,
                "checkin_code": r.checkin_code,
                "needs_libras": r.needs_libras,
                "accessibility_needs": r.accessibility_needs,
                "attended_at": r.attended_at,
            }
            for r in Registration.objects.filter(user=user).select_related("event")
        ],
        "speaker_requests": [
            {
                "event": str(s.event),
                "topic": s.topic,
                "at": s.created_at,
                "moderation": s.get_moderation_display(),
                "moderation_reason": s.moderation_reason,
                "withdrawn_at": s.withdrawn_at,
                "withdrawal_reason": s.withdrawal_reason,
            }
            for s in SpeakerRequest.objects.filter(user=user).select_related("event")
        ],
        "abuse_reports": [
            {
                "contribution_id": r.contribution_id,
                "reason": r.get_reason_display(),
                "details": r.details,
                "sent_at": r.created_at,
                "resolved_at": r.resolved_at,
            }
            for r in AbuseReport.objects.filter(user=user).order_by("created_at")
        ],
        "follows": [
            str(f)
            for f in Follow.objects.filter(user=user).select_related(
                "consultation", "policy_area", "bairro"
            )
        ],
    }


def erase(user) -> None:
    """Contributions stay (public record of a consultation) under "Participante",
    since the account row is anonymised; the rest goes, keeping counters and
    waitlists right."""
    from .services import registration_cancel

    Contribution.objects.filter(author=user).update(show_name=False)
    Follow.objects.filter(user=user).delete()
    supported = list(
        Support.objects.filter(user=user).values_list("contribution_id", flat=True)
    )
    Support.objects.filter(user=user).delete()
    Contribution.objects.filter(pk__in=supported).update(
        support_count=F("support_count") - 1
    )
    reported = list(
        AbuseReport.objects.filter(user=user, resolved_at__isnull=True).values_list(
            "contribution_id", flat=True
        )
    )
    AbuseReport.objects.filter(user=user).delete()
    Contribution.objects.filter(pk__in=reported).update(
        report_count=F("report_count") - 1
    )
    SpeakerRequest.objects.filter(user=user).delete()
    # A future confirmed place goes to the next person waiting.
    for registration in Registration.objects.filter(
        user=user,
        status__in=["confirmed", "waitlisted"],
        event__starts_at__gt=timezone.now(),
    ):
        registration_cancel(registration_id=registration.pk, by=user)
    Registration.objects.filter(user=user).delete()


register_exporter("consultations", export)
register_eraser(erase)
