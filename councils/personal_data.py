"""The councils' part in LGPD requests (art. 18).

Export: the person's mandates, the councils they follow, their answers to
convocations, and the candidacies they submitted or were nominated in.

Erasure: follows go. Mandates, attendance and candidacies are the public
record of acts of the council (an appointment decree, an ata), so they stay;
the account row is anonymised by accounts, and every public page shows the
person as "Participante removido" (`presentation.public_name`, which reads
`deleted_at`). A secretary's access to a council goes with the account.
"""

from django.db.models import Q

from civic.accounts.personal_data import register_eraser, register_exporter

from .models import AttendanceReply, Candidacy, Council, CouncilFollow, Mandate


def export(user) -> dict:
    return {
        "mandates": [
            {
                "council": str(m.council),
                "seat": str(m.seat),
                "segment": m.seat.get_segment_display(),
                "role": m.get_role_display(),
                "entity": m.entity.display_name if m.entity_id else "",
                "term": str(m.term),
                "starts_on": m.starts_on,
                "ends_on": m.ends_on,
                "end_reason": m.get_end_reason_display() if m.end_reason else "",
            }
            for m in Mandate.objects.filter(person=user).select_related(
                "council", "seat__body", "entity", "term"
            )
        ],
        "follows": [
            {"council": str(f.council), "since": f.created_at}
            for f in CouncilFollow.objects.filter(user=user).select_related("council")
        ],
        "attendance_replies": [
            {
                "meeting": str(r.meeting),
                "council": r.meeting.council.acronym,
                "reply": r.get_reply_display(),
                "justification": r.justification,
                "replied_at": r.replied_at,
            }
            for r in AttendanceReply.objects.filter(
                mandate__person=user
            ).select_related("meeting__council")
        ],
        "candidacies": [
            {
                "election": str(c.election),
                "council": c.election.council.acronym,
                "entity": c.entity.display_name,
                "segment": c.get_segment_display(),
                "status": c.get_status_display(),
                "submitted_at": c.submitted_at,
                "submitted_by_me": c.submitted_by_id == user.pk,
                "nominee": c.nominee_id == user.pk,
            }
            for c in Candidacy.objects.filter(
                Q(submitted_by=user) | Q(nominee=user) | Q(alternate_nominee=user)
            ).select_related("election__council", "entity")
        ],
        "secretariats": [
            str(c) for c in Council.objects.filter(secretaries=user).order_by("name")
        ],
    }


def erase(user) -> None:
    """Follows go; the secretariats lose the person; public records stay."""
    CouncilFollow.objects.filter(user=user).delete()
    user.council_secretariats.clear()


register_exporter("councils", export)
register_eraser(erase)
