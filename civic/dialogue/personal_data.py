"""The dialogue channel's part in LGPD requests (art. 18).

Export: the demands the person made (with what they wrote in the thread, never
staff's internal notes) and the bodies they work for.

Erasure: the link to bodies goes. Demands are records of the administration
(Lei 13.460/2017 and the city's document retention), so they stay, tied to the
anonymised account row ("Participante removido").
"""

from civic.accounts.personal_data import register_eraser, register_exporter

from .models import BodyMember, Demand, DemandMessage


def export(user) -> dict:
    demands = Demand.objects.filter(requester=user).select_related(
        "area", "bairro", "on_behalf_of"
    )
    return {
        "demands": [
            {
                "protocol": d.protocol,
                "kind": d.get_kind_display(),
                "subject": d.subject,
                "text": d.text,
                "area": str(d.area or ""),
                "bairro": str(d.bairro or ""),
                "on_behalf_of": d.on_behalf_of.name if d.on_behalf_of_id else "",
                "status": d.get_status_display(),
                "created_at": d.created_at,
                "answer": d.answer,
            }
            for d in demands
        ],
        "messages": [
            {
                "protocol": m.demand.protocol,
                "kind": m.get_kind_display(),
                "text": m.text,
                "created_at": m.created_at,
            }
            for m in DemandMessage.objects.for_requester()
            .filter(author=user, kind__in=DemandMessage.REQUESTER_KINDS)
            .select_related("demand")
        ],
        "bodies": [
            str(b.body)
            for b in BodyMember.objects.filter(user=user).select_related("body")
        ],
    }


def erase(user) -> None:
    """The links to bodies go; demands stay as records of the administration."""
    BodyMember.objects.filter(user=user).delete()


register_exporter("dialogue", export)
register_eraser(erase)
